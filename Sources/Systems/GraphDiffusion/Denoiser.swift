import Learning
import Foundation
import LAENet
import Tensors

/// The graph features of a batch of same-scale instances, as the denoiser sees them (docs/gadsg.md §3.1,
/// §8.1 "padded user×(S+1) slots").
///
/// Shapes: `slots` `[B, U, S+1, 6]` (``LAENetFeatures`` channels, channel 0 the link flag),
/// `userNodes` `[B, U, 4]`, `serverNodes` `[B, S+1, 4]`.
public struct InstanceBatch: Sendable {
    /// `[B, U, S+1, 6]` slot features.
    public var slots: Tensor
    /// `[B, U, 4]` user node features.
    public var userNodes: Tensor
    /// `[B, S+1, 4]` server node features.
    public var serverNodes: Tensor
    /// `[B, U, 2]` normalised user ground positions, or nil (``LAENetFeatures``).
    public var userPositions: Tensor?
    /// `[B, S+1, 2]` normalised server ground positions, or nil.
    public var serverPositions: Tensor?

    /// Creates a batch from tensors with the shapes above.
    public init(slots: Tensor, userNodes: Tensor, serverNodes: Tensor, userPositions: Tensor? = nil, serverPositions: Tensor? = nil) {
        precondition(slots.rank == 4 && userNodes.rank == 3 && serverNodes.rank == 3, "InstanceBatch shapes")
        self.slots = slots
        self.userNodes = userNodes
        self.serverNodes = serverNodes
        self.userPositions = userPositions
        self.serverPositions = serverPositions
    }

    /// Stacks the features of same-scale instances, each repeated `copies` times in a row
    /// (batch index = instance·copies + copy), e.g. for P parallel samples (docs/gadsg.md §4.3).
    public init(_ features: [LAENetFeatures], copies: Int = 1) {
        precondition(copies >= 1, "copies must be at least 1")
        let repeated = features.flatMap { Array(repeating: $0, count: copies) }
        let b = LAENetFeatures.batch(repeated)
        self.init(slots: b.slots, userNodes: b.userNodes, serverNodes: b.serverNodes,
                  userPositions: b.userPositions, serverPositions: b.serverPositions)
    }

    /// The encoder's input: these features with optional per-slot `state` channels in front
    /// (``GraphBatch/init(slots:state:userNodes:serverNodes:userPositions:serverPositions:)``).
    public func graph(state: Tensor? = nil) -> GraphBatch {
        GraphBatch(slots: slots, state: state, userNodes: userNodes, serverNodes: serverNodes,
                   userPositions: userPositions, serverPositions: serverPositions)
    }

    /// Batch size B.
    public var batchSize: Int { slots.shape[0] }
    /// Users U.
    public var userCount: Int { slots.shape[1] }
    /// Slots S+1.
    public var slotCount: Int { slots.shape[2] }

    /// `[B, U, S+1]` link-existence mask (channel 0 of the slots): 1 on real links, 0 on padding.
    public var linkMask: Tensor {
        let c = slots.shape[3]
        let flags = stride(from: 0, to: slots.count, by: c).map { slots.scalars[$0] }
        return Tensor(shape: Array(slots.shape.prefix(3)), scalars: flags)
    }
}

/// What the denoising network receives at one step (docs/gadsg.md §3.1, §4.2 step 4, §4.3 step 1).
///
/// `bits` `[B, U, S+1]` is x_t after the ``BitEncoding`` of the caller, `shares` `[B, U, S+1]`
/// is y_t, `timesteps` holds the integer t in 1…T per batch row (docs/gadsg.md §3.1 feeds it as a float
/// to a sinusoidal embedding; ``timeTensor`` gives that `[B]` float tensor).
public struct DenoiserInput: Sendable {
    /// `[B, U, S+1]` encoded noisy bits x_t.
    public var bits: Tensor
    /// `[B, U, S+1]` noisy shares y_t.
    public var shares: Tensor
    /// One t per batch row.
    public var timesteps: [Int]
    /// The instance features.
    public var graph: InstanceBatch

    /// Creates an input; shapes are checked against the graph.
    public init(bits: Tensor, shares: Tensor, timesteps: [Int], graph: InstanceBatch) {
        let grid = [graph.batchSize, graph.userCount, graph.slotCount]
        precondition(bits.shape == grid && shares.shape == grid && timesteps.count == grid[0],
                     "DenoiserInput expects bits and shares \(grid) and \(grid[0]) timesteps")
        self.bits = bits
        self.shares = shares
        self.timesteps = timesteps
        self.graph = graph
    }

    /// `[B]` timesteps as floats.
    public var timeTensor: Tensor { Tensor(timesteps.map(Float.init)) }
}

/// The denoiser's prediction (docs/gadsg.md §3.4, three channels per slot).
///
/// `x0Logits` `[B, U, S+1, 2]`: logits of x₀ ∈ {0, 1} per slot (class 1 = offload there);
/// `epsilon` `[B, U, S+1]`: the predicted Gaussian noise ε̂ of the shares.
public struct DenoiserOutput: Sendable {
    /// `[B, U, S+1, 2]` x₀ logits.
    public var x0Logits: Tensor
    /// `[B, U, S+1]` ε̂.
    public var epsilon: Tensor

    /// Creates an output.
    public init(x0Logits: Tensor, epsilon: Tensor) {
        precondition(x0Logits.rank == 4 && x0Logits.shape.last == 2 && Array(x0Logits.shape.prefix(3)) == epsilon.shape,
                     "DenoiserOutput expects logits [B, U, S+1, 2] and ε [B, U, S+1]")
        self.x0Logits = x0Logits
        self.epsilon = epsilon
    }

    /// `[B·U·(S+1)]` p₁ = softmax(logits)[1] = sigmoid(l₁ − l₀) per slot, row-major.
    public var offloadProbabilities: [Double] {
        let l = x0Logits.scalars
        var p = [Double](repeating: 0, count: l.count / 2)
        for i in p.indices {
            let margin = Double(l[2 * i]) - Double(l[2 * i + 1])
            p[i] = 1 / (1 + exp(margin))
        }
        return p
    }
}

/// The denoising network: `(x_t, y_t, t, features) → (x₀ logits, ε̂)` (docs/gadsg.md §7.7 Algorithm 1:
/// one network, three output channels, a shared t).
///
/// Part E's encoders (GDSG gated GCN, GADSG attention) conform to this; tests use
/// ``RandomDenoiser`` and ``ClosureDenoiser``. Implementations must be deterministic functions
/// of their input (randomness, if any, derived from a stored seed), so sampling is reproducible.
/// Not required to be `Sendable`, because Learning's modules are classes.
public protocol Denoiser {
    /// Predicts x₀ logits and ε̂ for a batch.
    func denoise(_ input: DenoiserInput) -> DenoiserOutput
}

/// A ``Denoiser`` given by a closure (e.g. one capturing a Learning network).
public struct ClosureDenoiser: Denoiser {
    /// The prediction function.
    public let body: (DenoiserInput) -> DenoiserOutput

    /// Wraps a closure.
    public init(_ body: @escaping (DenoiserInput) -> DenoiserOutput) { self.body = body }

    /// Calls the closure.
    public func denoise(_ input: DenoiserInput) -> DenoiserOutput { body(input) }
}
