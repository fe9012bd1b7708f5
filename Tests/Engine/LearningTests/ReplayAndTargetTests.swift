import LabCore
import Learning
import Tensors
import Testing

@Suite struct ReplayBufferTests {
    static func buffer(capacity: Int = 3, seed: UInt64 = 4) throws -> ReplayBuffer {
        try ReplayBuffer(capacity: capacity, width: 2, sampler: RandomSource(seed: seed, stream: "replay"))
    }

    @Test func keepsAtMostItsCapacityAndOverwritesTheOldestFirst() throws {
        var b = try Self.buffer()
        for i in 0..<2 { try b.append([Float(i), -Float(i)]) }
        #expect(b.count == 2 && b.rows == [[0, 0], [1, -1]])
        for i in 2..<5 { try b.append([Float(i), -Float(i)]) }
        #expect(b.count == 3 && b.appended == 5 && b.nextSlot == 2)
        #expect(b.rows == [[2, -2], [3, -3], [4, -4]])
        #expect(Array(b.row(0)) == [3, -3] && Array(b.row(1)) == [4, -4] && Array(b.row(2)) == [2, -2])
        #expect { try b.append([1]) } throws: { ($0 as? LabError)?.code == .shape }
        #expect(throws: LabError.self) { try ReplayBuffer(capacity: 0, width: 2, sampler: RandomSource(seed: 1)) }
    }

    @Test func samplingIsUniformOverStoredRowsAndDeterministic() throws {
        var empty = try Self.buffer()
        #expect(throws: LabError.self) { try empty.sample(1) }
        var a = try Self.buffer(capacity: 8), b = try Self.buffer(capacity: 8)
        for i in 0..<5 { try a.append([Float(i), 0]); try b.append([Float(i), 0]) }
        let drawsA = try a.sample(2_000), drawsB = try b.sample(2_000)
        #expect(drawsA == drawsB)
        #expect(drawsA.allSatisfy { (0..<5).contains($0) })
        // Each of 5 slots: expected 400 draws, standard deviation √(2000·0.2·0.8) ≈ 17.9; 5σ bounds.
        for slot in 0..<5 { #expect(abs(drawsA.filter { $0 == slot }.count - 400) < 90) }
        var other = try Self.buffer(capacity: 8, seed: 5)
        for i in 0..<5 { try other.append([Float(i), 0]) }
        #expect(try other.sample(50) != Array(drawsA.prefix(50)))
        let batch = try a.sampleBatch(4)
        #expect(batch.shape == [4, 2])
    }

    @Test func checkpointRestoresRowsCountersAndSampler() throws {
        var a = try Self.buffer()
        for i in 0..<4 { try a.append([Float(i), 1]) }
        _ = try a.sample(3)
        var checkpoint = TrainingCheckpoint(step: 1)
        checkpoint.save(a, as: "replay")
        var b = try Self.buffer(seed: 99)
        try checkpoint.restore(&b, from: "replay")
        #expect(b.rows == a.rows && b.nextSlot == a.nextSlot && b.appended == a.appended)
        #expect(try b.sample(20) == a.sample(20))
        var wide = try ReplayBuffer(capacity: 3, width: 3, sampler: RandomSource(seed: 1))
        #expect(throws: LabError.self) { try checkpoint.restore(&wide, from: "replay") }
    }
}

@Suite struct TargetNetworkTests {
    static func pair() -> (target: Linear, source: Linear) {
        let target = Linear(zeroed: 2, 2), source = Linear(zeroed: 2, 2)
        target.weight.assign(Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        source.weight.assign(Tensor(shape: [2, 2], scalars: [5, -2, 3, 0]))
        source.bias!.assign(Tensor([8, -8]))
        return (target, source)
    }

    @Test func softUpdateIsPolyakAveraging() throws {
        let (target, source) = Self.pair()
        try target.softUpdate(toward: source, tau: 0.25)
        // θ′ = 0.25·θ + 0.75·θ′, exact in binary floating point for these values.
        #expect(target.weight.value.scalars == [2, 1, 3, 3])
        #expect(target.bias!.value.scalars == [2, -2])
        try target.softUpdate(toward: source, tau: 0)
        #expect(target.weight.value.scalars == [2, 1, 3, 3])
        // n updates at rate τ from θ′₀ leave θ + (1 − τ)ⁿ(θ′₀ − θ).
        let (t2, s2) = Self.pair()
        for _ in 0..<10 { try t2.softUpdate(toward: s2, tau: 0.5) }
        let expected: [Float] = zip([1, 2, 3, 4], [5, -2, 3, 0]).map { t0, s in s + Float(1.0 / 1024) * (t0 - s) }
        #expect(zip(t2.weight.value.scalars, expected).allSatisfy { abs($0 - $1) <= 1e-6 })
        #expect(throws: LabError.self) { try t2.softUpdate(toward: s2, tau: 1.5) }
    }

    @Test func hardUpdateCopiesAndMismatchedNetworksAreRefused() throws {
        let (target, source) = Self.pair()
        try target.hardUpdate(from: source)
        #expect(ParameterSet(of: target) == ParameterSet(of: source))
        let other = Linear(zeroed: 3, 2)
        #expect { try target.hardUpdate(from: other) } throws: { ($0 as? LabError)?.code == .shape }
        #expect { try target.softUpdate(toward: Linear(zeroed: 2, 2, bias: false), tau: 0.5) } throws: { ($0 as? LabError)?.code == .shape }
    }
}

@Suite struct EpsilonScheduleTests {
    @Test func linearAndExponentialFollowTheirClosedForms() throws {
        let linear = try EpsilonSchedule.linear(start: 1, end: 0.1, steps: 100).validated()
        #expect(linear.value(at: 0) == 1 && linear.value(at: 100) == 0.1 && linear.value(at: 500) == 0.1)
        #expect(abs(linear.value(at: 50) - 0.55) < 1e-12 && linear.value(at: -3) == 1)
        let exp = EpsilonSchedule.exponential(start: 1, end: 0.1, decay: 0.5)
        #expect(exp.value(at: 0) == 1 && abs(exp.value(at: 1) - 0.55) < 1e-12 && abs(exp.value(at: 2) - 0.325) < 1e-12)
        #expect(EpsilonSchedule.linear(start: 0.3, end: 0.3, steps: 0).value(at: 7) == 0.3)
        #expect(throws: LabError.self) { try EpsilonSchedule.linear(start: 1.5, end: 0, steps: 1).validated() }
        #expect(throws: LabError.self) { try EpsilonSchedule.exponential(start: 1, end: 0, decay: 2).validated() }
    }
}
