import Foundation
import LabCore
import Testing
import TestSupport
@testable import Learning
@testable import Tensors

/// The optional 2-D positional encoding of the node embeddings (docs/gadsg.md §7.5, resolution 15).
@Suite struct PositionalEncodingTests {
    static let positions = Tensor(shape: [1, 2, 2], scalars: [0.25, 0.75, 0, 1])

    @Test func encodingFollowsTheFormula() {
        // H = 8: d = 4 channels per axis, q = 2 frequencies ω₀ = 2π, ω₁ = 2π·10000^(-1/2).
        let pe = NodeEmbedding.positionalEncoding(Self.positions, hidden: 8)
        #expect(pe.shape == [1, 2, 8])
        let w = [2 * Double.pi, 2 * Double.pi / 100]
        for (node, (x, y)) in [(0.25, 0.75), (0.0, 1.0)].enumerated() {
            let expected = [sin(x * w[0]), sin(x * w[1]), cos(x * w[0]), cos(x * w[1]),
                            sin(y * w[0]), sin(y * w[1]), cos(y * w[0]), cos(y * w[1])]
            for c in 0..<8 { #expect(abs(Double(pe[0, node, c]) - expected[c]) < 1e-6, "node \(node) channel \(c)") }
        }
    }

    @Test func embeddingAddsTheEncodingOnlyWhenOn() {
        var a = RandomSource(seed: 3), b = RandomSource(seed: 3)
        let plain = NodeEmbedding(.gadsg, hidden: 8, features: 4, using: &a)
        let encoded = NodeEmbedding(.gadsg, hidden: 8, features: 4, positionalEncoding: true, using: &b)
        #expect(ParameterSet(of: plain).digest == ParameterSet(of: encoded).digest)  // no parameters of its own
        let nodes = Tensor(shape: [1, 2, 4], scalars: [2, 0.5, 0.3, 0.4, 3, 0.2, 0.6, 0.5])
        let difference = encoded(nodes, positions: Self.positions, isServer: false) - plain(nodes, positions: Self.positions, isServer: false)
        let pe = NodeEmbedding.positionalEncoding(Self.positions, hidden: 8)
        #expect(zip(difference.scalars, pe.scalars).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func encoderWithEncodingReadsPositionsAndKeepsItsParameterCount() {
        var rng = RandomSource(seed: 4)
        let c = EdgeEncoderConfiguration.gadsg(hidden: 8, layers: 2, heads: 2, positionalEncoding: true)
        let encoder = EdgeEncoder(c, using: &rng)
        #expect(encoder.parameterCount == c.expectedParameterCount)
        #expect(c.expectedParameterCount == EdgeEncoderConfiguration.gadsg(hidden: 8, layers: 2, heads: 2).expectedParameterCount)
        GraphFixture.randomise(encoder, seed: 5)
        let batch = GraphFixture.batch()
        var moved = batch
        moved.userPositions = Tensor.withoutGrad { batch.userPositions! + 0.1 }
        #expect(encoder(batch, timesteps: [3, 150]).scalars != encoder(moved, timesteps: [3, 150]).scalars)
        // Without the encoding, positions are ignored.
        var rng2 = RandomSource(seed: 4)
        let plain = EdgeEncoder(.gadsg(hidden: 8, layers: 2, heads: 2), using: &rng2)
        #expect(plain(batch, timesteps: [3, 150]).scalars == plain(moved, timesteps: [3, 150]).scalars)
    }

    @Test(arguments: [EdgeEncoderConfiguration.gadsg(hidden: 8, layers: 2, heads: 2, positionalEncoding: true),
                      .gdsg(hidden: 8, layers: 2, positionalEncoding: true)])
    func encoderGradientsWithEncoding(_ c: EdgeEncoderConfiguration) {
        var rng = RandomSource(seed: 6)
        let encoder = EdgeEncoder(c, using: &rng)
        GraphFixture.randomise(encoder, seed: 7)
        let batch = GraphFixture.batch()
        checkParameterGradients(encoder) {
            let state = encoder.encode(batch, timesteps: [3, 150])
            let out = Tensor.concat(encoder.heads.map { $0(state.edges) }, alongAxis: 3)
            return Tensor.concat([out.reshaped([-1]), state.users.reshaped([-1]), state.servers.reshaped([-1])], alongAxis: 0)
        }
        checkGradients([batch.edges], step: 1e-3) { xs in
            encoder(GraphBatch(edges: xs[0], flags: batch.flags, userNodes: batch.userNodes, serverNodes: batch.serverNodes,
                               userPositions: batch.userPositions, serverPositions: batch.serverPositions), timesteps: [3, 150])
        }
    }
}
