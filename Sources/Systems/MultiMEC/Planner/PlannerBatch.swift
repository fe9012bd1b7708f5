import LabCore
import Tensors

/// Builds the planner's tensors from a ``PlannerDataset``: training windows, histories, prompts.
///
/// A training batch has ``PlannerConfiguration/itemsPerBatch`` items, and each item holds one
/// window of every training environment, drawn uniformly from that environment's windows
/// (``PlannerDataset/windows(horizon:)``), so a batch has `items × environments` rows in
/// environment-major order within each item.
struct PlannerBatch {
    let dataset: PlannerDataset
    let configuration: PlannerConfiguration
    let windows: [[(episode: Int, start: Int)]]
    /// The normalised raw-zero action (the padding of windows that run past an episode's end).
    let paddingAction: [Float]

    init(dataset: PlannerDataset, configuration: PlannerConfiguration) throws {
        self.dataset = dataset
        self.configuration = configuration
        windows = dataset.windows(horizon: configuration.horizon)
        if let empty = windows.firstIndex(where: \.isEmpty) {
            throw LabError(.invalidInput, "training environment \(empty) has no episode of 2 steps or more: the planner cannot cut a window from it.")
        }
        var padding = [Float]()
        dataset.normalizer.normalizeAction(ArraySlice(repeating: 0, count: dataset.actionSize), into: &padding)
        paddingAction = padding
    }

    /// One training batch: the clean normalised actions `[B, H, A]` and the conditions, with the
    /// return kept with probability `1 − returnDropout` per row.
    func training(using rng: inout RandomSource) -> (actions: Tensor, conditions: PlannerConditions) {
        let c = configuration, (o, a) = (dataset.observationSize, dataset.actionSize)
        var actions = [Float](), history = [Float](), prompts = [Float](), returns = [Float](), keep = [Float]()
        var scratch = [Float]()
        for _ in 0..<c.itemsPerBatch {
            for env in 0..<dataset.environments {
                let w = windows[env][rng.int(below: windows[env].count)]
                let episode = dataset.episodes[w.episode]
                for r in w.start..<(w.start + c.horizon) {
                    if r < episode.length {
                        dataset.normalizer.normalizeAction(episode.actions[(r * a)..<((r + 1) * a)], into: &scratch)
                        actions += scratch
                    } else {
                        actions += paddingAction
                    }
                }
                appendHistory(of: episode, at: w.start, into: &history, scratch: &scratch)
                appendPrompt(environment: env, into: &prompts, using: &rng)
                returns.append(episode.returnToGo(at: w.start, discount: c.discount))
                keep.append(rng.nextFloat() < 1 - c.returnDropout ? 1 : 0)
            }
        }
        let b = returns.count
        return (Tensor(shape: [b, c.horizon, a], scalars: actions),
                PlannerConditions(prompts: Tensor(shape: [b, c.promptLength, o + a], scalars: prompts),
                                  history: Tensor(shape: [b, c.history, o], scalars: history), returns: returns, keep: keep))
    }

    /// The normalised observations at steps `t − history + 1 … t` of `episode` (zeros before 0).
    func appendHistory(of episode: PlannerEpisode, at t: Int, into out: inout [Float], scratch: inout [Float]) {
        let o = dataset.observationSize
        for k in 0..<configuration.history {
            let index = t - (configuration.history - 1 - k)
            if index >= 0 && index < episode.length {
                dataset.normalizer.normalizeObservation(episode.observations[(index * o)..<((index + 1) * o)], into: &scratch)
                out += scratch
            } else {
                out += repeatElement(0, count: o)
            }
        }
    }

    /// A prompt of environment `environment`'s pool.
    func appendPrompt(environment: Int, into out: inout [Float], using rng: inout RandomSource) {
        Self.appendPrompt(from: dataset.prompts[environment], length: configuration.promptLength,
                          observationSize: dataset.observationSize, actionSize: dataset.actionSize, into: &out, using: &rng)
    }

    /// `L` consecutive raw (observation, action) pairs of a random episode of `pool`, as the
    /// repository cuts them: start uniform in `0..<20 − L`, moved back to `T − L` when the
    /// episode is too short.
    static func appendPrompt(from pool: [PlannerEpisode], length: Int, observationSize o: Int, actionSize a: Int,
                             into out: inout [Float], using rng: inout RandomSource) {
        let episode = pool[rng.int(below: pool.count)]
        var start = rng.int(below: MECConstants.stepsPerEpisode - length)
        if start + length > episode.length { start = episode.length - length }
        for r in start..<(start + length) {
            out += episode.observations[(r * o)..<((r + 1) * o)]
            out += episode.actions[(r * a)..<((r + 1) * a)]
        }
    }
}
