/// The multi-user single-edge MEC offloading environment of DiffLoader (issue 16, part 1).
///
/// One base station with an edge server serves `U` user equipments (20 by default) over 5
/// shared wireless channels. Every step each UE draws a task and decides, from a 2-number raw
/// action, whether to compute it locally or to upload it on one channel (co-channel UEs
/// interfere) into the edge server's FIFO queue, which drains 0.5 s of work per step. Episodes
/// last 20 steps; a UE that misses the 1-s deadline or runs out of battery ends the episode, and
/// the reward is sparse: 0 on intermediate steps, `10/c̄²` at step 20, a negative cost otherwise.
/// Everything follows the public DiffLoader repository's environment manager and rollout loop,
/// quirks included; `docs/multimec.md` gives the formulas and lists where the repository's code
/// differs from the prose description it was summarised in.
///
/// ## Pieces
/// - ``MECEnvironment``: the triple (B, F, S̄) that distinguishes MEC environments, and `U`.
/// - ``MECEpisode``: one episode's state (value semantics) with ``MECEpisode/step(actions:)``.
/// - ``MECStep``: what a step returns (observation, reward, termination, per-UE costs).
/// - ``MECDecision``: the decoding of a raw action pair (±0.99 clipping, threshold, channel).
/// - ``MECEpisodeFile``, ``MECReplay``: the `mec-episode/1` exchange format and its replay.
/// - ``MECPolicy`` and the heuristics; ``MECEvaluation`` over paired seeds.
/// - ``MECSACTrainer``: SAC data collection per environment, SACLoader and MTLoader
///   (``MECTaskEncoding``); ``MECSACPolicy`` evaluates a trained policy like any other.
/// - ``MECOfflineDataset``: every exploration episode with its environment label, prompt pools,
///   ``MECMinMaxNormalizer``; `mec-dataset/1` and `.npz` (``NPZArchive``, ``NPYArray``).
public enum MultiMEC {
    /// Format tag of episode exchange files.
    public static let episodeFormat = "mec-episode/1"
    /// Format tag of replay reports (`lab mec replay --json`).
    public static let replayFormat = "mec-replay/1"
}
