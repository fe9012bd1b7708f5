import LabCore
import Testing
@testable import Tensors

@Suite struct TensorBasicsTests {
    @Test func valueSemanticsOnMutation() {
        let a = Tensor(shape: [2], scalars: [1, 2])
        var b = a
        b[0] = 5
        #expect(a.scalars == [1, 2])
        #expect(b.scalars == [5, 2])
    }

    @Test func gradientsAccumulateAcrossBackwardCalls() {
        let x = Tensor([1, 2, 3]).requiringGrad()
        (x * 2).sum().backward()
        (x * 3).sum().backward()
        #expect(x.grad!.scalars == [5, 5, 5])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func sharedSubexpressionGetsBothContributions() {
        let x = Tensor([2]).requiringGrad()
        let y = x * x
        (y + y * x).sum().backward()  // d/dx (x² + x³) = 2x + 3x² = 16
        #expect(x.grad!.scalars == [16])
    }

    @Test func noGradScopeRecordsNothing() {
        let x = Tensor([1, 2]).requiringGrad()
        let y = Tensor.withoutGrad { x * 3 }
        #expect(!y.requiresGrad)
        #expect((x * 3).requiresGrad)
    }

    @Test func serializationRoundTripsBitsAndShape() throws {
        var rng = RandomSource(seed: 1)
        let t = Tensor.normal([2, 3, 4], using: &rng)
        let back = try Tensor.decode(t.encoded())
        #expect(back.shape == t.shape)
        #expect(back.scalars.map(\.bitPattern) == t.scalars.map(\.bitPattern))
        #expect(back.digest == t.digest)
        #expect(Tensor(shape: [], scalars: [3]).encoded().count == 4 + 2 + 2 + 4 + 4)
    }

    @Test func corruptEncodingsAreRejected() {
        let good = Tensor([1, 2, 3]).encoded()
        #expect(throws: LabError.self) { try Tensor.decode(Array(good.dropLast())) }
        #expect(throws: LabError.self) { try Tensor.decode([0x00] + good.dropFirst()) }
        #expect(throws: LabError.self) { try Tensor.decode(good + [0]) }
    }

    @Test func encodingIsPinned() {
        // Little-endian header then IEEE bits: a format change must be deliberate.
        let bytes = Tensor(shape: [1], scalars: [1]).encoded()
        #expect(bytes == Array("OLTN".utf8) + [1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x80, 0x3f])
    }

    @Test func sameSeedSameBits() {
        var r1 = RandomSource(seed: 5), r2 = RandomSource(seed: 5)
        #expect(Tensor.normal([100], using: &r1).digest == Tensor.normal([100], using: &r2).digest)
    }

    @Test func blasCoreTypeSelection() {
        #expect(BLAS.coreType(forCPUFlags: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx2"]) == "SkylakeX")
        #expect(BLAS.coreType(forCPUFlags: ["avx512f", "avx2"]) == "Haswell")
        #expect(BLAS.coreType(forCPUFlags: ["sse3"]) == nil)
    }
}
