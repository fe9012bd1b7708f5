#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded, splittable pseudo-random generator (xoshiro256** seeded through SplitMix64).
///
/// All randomness in OffloadLab flows from values of this type; nothing reads a global
/// generator or the clock. The same seed gives the same stream on every machine, because every
/// conversion from bits to numbers (floats, bounded integers, normals) is implemented here rather
/// than taken from the standard library, whose algorithms may change between releases.
///
/// Independent streams come from ``split()`` (advances the parent) or ``derived(_:)`` (a child
/// named by a label that leaves the parent untouched, so adding a new consumer never shifts the
/// randomness of another).
public struct RandomSource: RandomNumberGenerator, Sendable, Hashable, Codable {
    // Internal and @usableFromInline (not private) so that `next()` and the conversions below
    // inline into other modules' tight loops (Tensor.bernoulli, Tensor.normal): same algorithm.
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The four 64-bit words of xoshiro256** state, so checkpoints can save and restore it.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// Creates a generator from a 64-bit seed.
    public init(seed: UInt64) {
        var sm = seed
        s0 = RandomSource.splitMix(&sm)
        s1 = RandomSource.splitMix(&sm)
        s2 = RandomSource.splitMix(&sm)
        s3 = RandomSource.splitMix(&sm)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// Creates a generator from a seed and a stream name (e.g. a cell id or a purpose).
    public init(seed: UInt64, stream: String) {
        var h = SHA256()
        h.update(withUnsafeBytes(of: seed.littleEndian) { Array($0) })
        h.update(stream)
        self.init(seed: h.finalize().prefix64)
    }

    /// Restores a generator from saved ``state``; returns nil if the words are not four or all zero.
    public init?(state: [UInt64]) {
        guard state.count == 4, !state.allSatisfy({ $0 == 0 }) else { return nil }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Returns an independent child generator and advances this one.
    public mutating func split() -> RandomSource {
        RandomSource(seed: next() ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// Returns an independent child generator named by `label`, without advancing this one.
    public func derived(_ label: String) -> RandomSource {
        var h = SHA256()
        for word in [s0, s1, s2, s3] { h.update(withUnsafeBytes(of: word.littleEndian) { Array($0) }) }
        h.update(label)
        return RandomSource(seed: h.finalize().prefix64)
    }

    /// Uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform float in [0, 1) with 24 random bits.
    @inlinable
    public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform double in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * nextDouble() }

    /// Uniform integer in 0..<bound (unbiased, Lemire's multiply-and-reject).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Standard normal (Box-Muller, cosine branch; one value per two uniforms).
    @inlinable
    public mutating func normal() -> Double {
        let u1 = 1.0 - nextDouble()  // (0, 1]
        let u2 = nextDouble()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// Normal with the given mean and standard deviation.
    public mutating func normal(mean: Double, std: Double) -> Double { mean + std * normal() }

    /// Normal restricted to [low, high] by redrawing until a value falls inside.
    ///
    /// - Precondition: the interval must have reasonable mass (callers use ±several std).
    public mutating func truncatedNormal(mean: Double, std: Double, low: Double, high: Double) -> Double {
        precondition(low < high, "truncatedNormal needs low < high")
        while true {
            let x = normal(mean: mean, std: std)
            if x >= low && x <= high { return x }
        }
    }

    /// True with probability `p`.
    public mutating func bernoulli(_ p: Double) -> Bool { nextDouble() < p }

    /// An index drawn with probability proportional to the non-negative `weights`.
    public mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "categorical needs non-negative weights with a positive sum")
        let target = nextDouble() * total
        var running = 0.0
        for (i, w) in weights.enumerated() {
            running += w
            if target < running { return i }
        }
        return weights.lastIndex { $0 > 0 }!
    }

    /// A uniformly random permutation of 0..<n (Fisher-Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }

    /// Shuffles an array in place (Fisher-Yates with this generator's bounded integers).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, int(below: i + 1))
        }
    }

    /// Gamma(shape, 1) by Marsaglia-Tsang (with the `U^(1/shape)` boost for shape < 1).
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma needs a positive shape")
        if shape < 1 {
            let boost = pow(1.0 - nextDouble(), 1.0 / shape)
            return gamma(shape: shape + 1) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1.0 + c * x
            } while v <= 0
            v = v * v * v
            let u = 1.0 - nextDouble()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// A point on the simplex drawn from Dirichlet(alpha).
    public mutating func dirichlet(_ alpha: [Double]) -> [Double] {
        precondition(!alpha.isEmpty, "dirichlet needs at least one concentration")
        let g = alpha.map { gamma(shape: $0) }
        let total = g.reduce(0, +)
        return g.map { $0 / total }
    }

    @inlinable @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
