import Foundation
import LabCore
import LAENet
import Learning
import Tensors

/// GRLO's policy: per user a categorical distribution over {local} ∪ its feasible links, from the
/// graph encoder (docs/gadsg.md §8.4 "GRLO": the GADSG encoder without diffusion).
///
/// Class 0 is local execution, class 1 + s offloading to server slot s, so the distribution of
/// each user has `S + 2` classes for `S + 1` slots. Logits: the link logit of slot s is the
/// encoder's one-channel slot head; the local logit is a ``SlotHead`` on the user's final node
/// state (the resolution of issue 7's "from the user's node state or a dedicated head"). The
/// edge input is the 6 slot features, the timestep always 0. Both output layers start at zero,
/// so an untrained policy is uniform over each user's feasible options.
///
/// Feasibility mask (``optionMask(_:slotCount:)``): local only where λ = 1 (a local cost exists),
/// slot s only where the user has an option on server s (a link with μ > 0). The masked
/// log-softmax puts exactly zero probability (log-probability −∞) on everything else.
public final class GRLOPolicy: Module {
    /// The encoder (heads `[1]`: the link logit per slot).
    public let encoder: EdgeEncoder
    /// The local logit per user, from the user's node state `[B, U, H] → [B, U, 1]`.
    public let localHead: SlotHead

    /// Creates the policy with seeded initial values.
    ///
    /// - Precondition: `configuration.edgeInputs == 6` and `configuration.outputHeads == [1]`.
    public init(_ configuration: EdgeEncoderConfiguration, using rng: inout RandomSource) {
        precondition(configuration.edgeInputs == LAENetFeatures.slotChannels && configuration.outputHeads == [1],
                     "GRLO needs 6 edge inputs and heads [1], got \(configuration.edgeInputs) and \(configuration.outputHeads)")
        encoder = EdgeEncoder(configuration, using: &rng)
        localHead = SlotHead(hidden: configuration.hidden, outputs: 1, using: &rng)
    }

    /// The GADSG backbone with GRLO's input and head (docs/gadsg.md §8.3 sizes by default).
    public static func configuration(hidden: Int = 64, layers: Int = 4, heads: Int = 4) -> EdgeEncoderConfiguration {
        .gadsg(hidden: hidden, layers: layers, heads: heads, edgeInputs: LAENetFeatures.slotChannels, outputHeads: [1])
    }

    public var children: [(String, any Module)] { [("encoder", encoder), ("local", localHead)] }

    /// Masked log-probabilities `[B, U, S+2]` (class 0 local, 1 + s slot s; −∞ where not allowed).
    ///
    /// - Precondition: one problem per batch row, in order.
    public func logProbabilities(_ graph: InstanceBatch, problems: [OffloadProblem]) -> Tensor {
        precondition(problems.count == graph.batchSize, "one problem per batch row")
        let batch = graph.graph()
        let state = encoder.encode(batch, timesteps: [Float](repeating: 0, count: graph.batchSize))
        let links = encoder.heads[0](state.edges).squeezed(3)
        let logits = Tensor.concat([localHead(state.users), links], alongAxis: 2)
        return logits.logSoftmax(alongAxis: -1, mask: Self.optionMask(problems, slotCount: graph.slotCount))
    }

    /// `[B, U, S+2]` 1 where a class is allowed: local where λ = 1, slot s where the user has an
    /// option on server s. A user with nothing allowed (only in instances the generator never
    /// makes) gets local unmasked so its row stays finite; its decision is then rejected by scoring.
    public static func optionMask(_ problems: [OffloadProblem], slotCount: Int) -> Tensor {
        let users = problems.first?.userCount ?? 0, classes = slotCount + 1
        var mask = [Float](repeating: 0, count: problems.count * users * classes)
        for (b, p) in problems.enumerated() {
            precondition(p.userCount == users && p.serverCount == slotCount, "problems must share the batch's scale")
            for u in 0..<users {
                let row = (b * users + u) * classes
                if p.localCost[u] != nil || p.options[u].isEmpty { mask[row] = 1 }
                for o in p.options[u] { mask[row + 1 + o.server] = 1 }
            }
        }
        return Tensor(shape: [problems.count, users, classes], scalars: mask)
    }

    /// The decision (−1 local, else an option index) of class `c` for user `u`.
    public static func decision(class c: Int, user u: Int, in problem: OffloadProblem) -> Int {
        c == 0 ? -1 : (problem.options[u].firstIndex { $0.server == c - 1 } ?? -1)
    }

    /// Draws one class per user from a detached row `[U, S+2]` of log-probabilities.
    public static func sampleClasses(_ logp: ArraySlice<Float>, users: Int, using rng: inout RandomSource) -> [Int] {
        let classes = logp.count / users, lo = logp.startIndex
        return (0..<users).map { u in
            let row = lo + u * classes
            let r = Float(rng.uniform(0, 1))
            var total: Float = 0, last = 0
            for c in 0..<classes where logp[row + c] > -Float.infinity {
                total += expf(logp[row + c])
                last = c
                if r < total { return c }
            }
            return last  // rounding left r above the total: the last allowed class
        }
    }

    /// The most likely class per user (ties: the lower class) of a row `[U, S+2]`.
    public static func greedyClasses(_ logp: ArraySlice<Float>, users: Int) -> [Int] {
        let classes = logp.count / users, lo = logp.startIndex
        return (0..<users).map { u in
            let row = lo + u * classes
            var best = 0
            for c in 1..<classes where logp[row + c] > logp[row + best] { best = c }
            return best
        }
    }

    /// Decision vector of per-user classes.
    public static func decisions(_ classes: [Int], in problem: OffloadProblem) -> [Int] {
        classes.enumerated().map { decision(class: $0.element, user: $0.offset, in: problem) }
    }

    /// The cost GRLO is trained on: the optimal-share cost of the decisions when they are jointly
    /// feasible, otherwise the cost after ``OffloadProblem/repair(_:)`` — what the solver would
    /// return for them (issue 7's choice "repaired cost or a penalty": repaired, so the reward is
    /// the test-time pipeline's). Nil only when the instance has no feasible decision vector.
    public static func rolloutCost(_ decisions: [Int], in problem: OffloadProblem) -> OffloadProblem.Scored? {
        problem.score(decisions) ?? problem.repair(decisions)
    }
}
