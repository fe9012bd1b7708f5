/// The learned solvers of the GADSG paper and its baselines, by the name notebooks and stored
/// models use.
///
/// Encoded as its raw value, so a stored model header reads `"kind":"gadsg"`; a stored kind that
/// is not one of these is a decoding error, never silently another kind.
public enum LearnedSolverKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// GADSG: graph-attention diffusion denoiser.
    case gadsg
    /// GDSG: gated-GCN diffusion denoiser.
    case gdsg
    /// DiGNN: the one-shot GNN baseline (GADSG encoder, no diffusion).
    case dignn
    /// GRLO: the REINFORCE policy baseline over a GADSG encoder.
    case grlo
}
