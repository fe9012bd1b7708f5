import Tensors

/// Updates parameters from their accumulated gradients.
public protocol Optimizer {
    /// The parameters being trained.
    var parameters: [Parameter] { get }
    /// Applies one update with learning rate `lr` (parameters without a gradient are skipped).
    mutating func step(learningRate lr: Float)
}

extension Optimizer {
    /// Clears every parameter's gradient.
    public func zeroGrad() { parameters.forEach { $0.zeroGrad() } }
}

/// Stochastic gradient descent with optional (heavy-ball) momentum and L2 weight decay.
public struct SGD: Optimizer {
    public let parameters: [Parameter]
    /// Momentum factor (0 for plain SGD).
    public var momentum: Float
    /// L2 penalty added to the gradient.
    public var weightDecay: Float
    var velocity: [[Float]]

    /// Creates an optimiser over `parameters`.
    public init(_ parameters: [Parameter], momentum: Float = 0, weightDecay: Float = 0) {
        self.parameters = parameters
        self.momentum = momentum
        self.weightDecay = weightDecay
        velocity = parameters.map { [Float](repeating: 0, count: $0.value.count) }
    }

    public mutating func step(learningRate lr: Float) {
        for (i, p) in parameters.enumerated() {
            guard let g = p.grad else { continue }
            let (mu, wd) = (momentum, weightDecay)
            g.withUnsafeBufferPointer { pg in
                velocity[i].withUnsafeMutableBufferPointer { v in
                    p.update { w in
                        for j in 0..<w.count {
                            let d = pg[j] + wd * w[j]
                            v[j] = mu * v[j] + d
                            w[j] -= lr * (mu == 0 ? d : v[j])
                        }
                    }
                }
            }
        }
    }
}

/// Adam, and AdamW when `decoupledWeightDecay` is set (Loshchilov & Hutter).
public struct Adam: Optimizer {
    public let parameters: [Parameter]
    /// Exponential decay of the first and second moment estimates.
    public var beta1: Float, beta2: Float
    /// Added to the denominator for stability.
    public var epsilon: Float
    /// Weight decay: added to the gradient (Adam) or applied to the weights directly (AdamW).
    public var weightDecay: Float
    /// True for AdamW.
    public var decoupledWeightDecay: Bool
    /// Number of steps taken (for bias correction).
    public internal(set) var stepCount = 0
    var m: [[Float]], v: [[Float]]

    /// Creates Adam over `parameters`.
    public init(_ parameters: [Parameter], beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, decoupledWeightDecay: Bool = false) {
        self.parameters = parameters
        (self.beta1, self.beta2, self.epsilon) = (beta1, beta2, epsilon)
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        m = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        v = m
    }

    /// AdamW with the usual default decay of 0.01.
    public static func adamW(_ parameters: [Parameter], weightDecay: Float = 0.01) -> Adam {
        Adam(parameters, weightDecay: weightDecay, decoupledWeightDecay: true)
    }

    public mutating func step(learningRate lr: Float) {
        stepCount += 1
        let (b1, b2, eps, wd, decoupled) = (beta1, beta2, epsilon, weightDecay, decoupledWeightDecay)
        let c1 = 1 - Float.pow(b1, stepCount), c2 = 1 - Float.pow(b2, stepCount)
        let constants = StepConstants(beta1: b1, beta2: b2, epsilon: eps, correction1: c1, correction2: c2,
                                      learningRate: lr, weightDecay: wd, decoupled: decoupled)
        for (i, p) in parameters.enumerated() {
            guard let g = p.grad else { continue }
            g.withUnsafeBufferPointer { pg in
                m[i].withUnsafeMutableBufferPointer { pm in
                    v[i].withUnsafeMutableBufferPointer { pv in
                        p.update { w in
                            guard w.count > 0 else { return }
                            Adam.update(weights: w.baseAddress!, gradient: pg.baseAddress!, first: pm.baseAddress!,
                                        second: pv.baseAddress!, count: w.count, constants)
                        }
                    }
                }
            }
        }
    }
}

extension Float {
    static func pow(_ base: Float, _ exponent: Int) -> Float {
        var r: Float = 1
        for _ in 0..<exponent { r *= base }
        return r
    }
}

/// Learning-rate schedule: linear warm-up from 0, then cosine decay to `floor`.
public struct WarmupCosineSchedule: Sendable, Codable, Hashable {
    /// Peak learning rate, reached at the end of warm-up.
    public var peak: Float
    /// Steps of linear warm-up.
    public var warmupSteps: Int
    /// Total steps; the rate reaches `floor` here and stays.
    public var totalSteps: Int
    /// Final learning rate.
    public var floor: Float

    /// Creates a schedule.
    public init(peak: Float, warmupSteps: Int = 0, totalSteps: Int, floor: Float = 0) {
        (self.peak, self.warmupSteps, self.totalSteps, self.floor) = (peak, warmupSteps, totalSteps, floor)
    }

    /// The learning rate at a 0-based step.
    public func learningRate(at step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let span = Swift.max(1, totalSteps - warmupSteps)
        let progress = Swift.min(1, Float(step - warmupSteps) / Float(span))
        return floor + (peak - floor) * 0.5 * (1 + Float(LibM.cos(Double.pi * Double(progress))))
    }
}

/// Scales all gradients down so their global L2 norm is at most `maxNorm`; returns the norm before.
@discardableResult
public func clipGradients(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var total: Double = 0
    for p in parameters {
        p.grad?.withUnsafeBufferPointer { g in for x in g { total += Double(x) * Double(x) } }
    }
    let norm = Float(total.squareRoot())
    guard norm > maxNorm, norm > 0 else { return norm }
    let scale = maxNorm / norm
    for p in parameters { p.value.scaleGradient(by: scale) }
    return norm
}
