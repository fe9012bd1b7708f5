/// Foundation pieces shared by every OffloadLab layer.
///
/// - ``LabError`` and ``SourceLocation``: structured, fix-it-style errors with exit codes.
/// - ``SHA256``: content digests for the store, tensors and cache keys.
/// - ``RandomSource``: the seeded, splittable generator all randomness flows from.
public enum LabCore {
    /// Version of the OffloadLab package, printed by `lab --version`.
    public static let version = "0.1.0"
}
