import LabCore
import Testing
import TestSupport
@testable import Learning
@testable import Tensors

/// The encoder stacks: shapes, determinism, parameter counts, masking and gradients.
@Suite struct GraphEncoderTests {
    static let configurations: [EdgeEncoderConfiguration] = [
        .gdsg(hidden: 8, layers: 2),
        .gadsg(hidden: 8, layers: 2, heads: 2),
        EdgeEncoderConfiguration(layer: .gated, hidden: 8, layers: 2, heads: 1, edgeInputs: 8, nodeFeatures: 4,
                                 outputHeads: [3], nodeEmbedding: .gadsg, serverAggregation: true),
        .gadsg(hidden: 8, layers: 1, heads: 4, outputHeads: [1, 1], edgeGate: false),
    ]
    static let timesteps: [Float] = [3, 150]

    static func encoder(_ c: EdgeEncoderConfiguration, seed: UInt64 = 1) -> EdgeEncoder {
        var rng = RandomSource(seed: seed)
        return EdgeEncoder(c, using: &rng)
    }

    @Test(arguments: configurations)
    func outputShape(_ c: EdgeEncoderConfiguration) {
        let out = Self.encoder(c)(GraphFixture.batch(), timesteps: Self.timesteps)
        #expect(out.shape == [2, 3, 3, c.outputChannels])
        #expect(out.scalars.allSatisfy { $0.isFinite })
    }

    @Test(arguments: configurations)
    func sameSeedSameParameters(_ c: EdgeEncoderConfiguration) {
        let a = Self.encoder(c, seed: 4), b = Self.encoder(c, seed: 4), other = Self.encoder(c, seed: 5)
        #expect(ParameterSet(of: a).digest == ParameterSet(of: b).digest)
        #expect(ParameterSet(of: a).digest != ParameterSet(of: other).digest)
        let batch = GraphFixture.batch()
        #expect(a(batch, timesteps: Self.timesteps).digest == b(batch, timesteps: Self.timesteps).digest)
    }

    @Test func parameterCountsMatchFormula() {
        for c in Self.configurations + [.gdsg(), .gadsg(), .gadsg(hidden: 16, layers: 3, heads: 8, edgeInputs: 7, outputHeads: [2])] {
            #expect(Self.encoder(c).parameterCount == c.expectedParameterCount, "\(c)")
        }
        #expect(EdgeEncoderConfiguration.gdsg().expectedParameterCount == 130_755)
        #expect(EdgeEncoderConfiguration.gadsg().expectedParameterCount == 162_323)
        #expect(EdgeEncoderConfiguration.gadsg(edgeGate: false).expectedParameterCount == 162_323 - 4 * (64 * 4 + 4))
        #expect(Self.encoder(.gdsg()).namedParameters().map(\.name).contains("layers.3.edge.out.weight"))
    }

    @Test(arguments: configurations)
    func paddedSlotsDoNotReachRealOutputs(_ c: EdgeEncoderConfiguration) {
        let encoder = Self.encoder(c)
        GraphFixture.randomise(encoder, seed: 6)
        let batch = GraphFixture.batch()
        var scrambled = batch
        scrambled.edges = GraphFixture.scramblingPaddedSlots(batch.edges, seed: 7)
        let (a, b) = (encoder(batch, timesteps: Self.timesteps), encoder(scrambled, timesteps: Self.timesteps))
        #expect(GraphFixture.realSlotDifference(a, b) == 0)
        #expect(a.scalars != b.scalars)  // padded outputs themselves did change
    }

    @Test func timestepChangesOutputs() {
        let encoder = Self.encoder(.gadsg(hidden: 8, layers: 2, heads: 2))
        GraphFixture.randomise(encoder, seed: 8)
        let batch = GraphFixture.batch()
        #expect(encoder(batch, timesteps: [3, 150]).scalars != encoder(batch, timesteps: [4, 150]).scalars)
    }

    @Test func nodeTypesMatterOnlyForGADSG() {
        var batch = GraphFixture.batch()
        var retyped = batch
        retyped.userNodes = Tensor.withoutGrad { batch.userNodes * Tensor([0, 1, 1, 1]) + Tensor([2, 0, 0, 0]) }
        batch.userNodes = Tensor.withoutGrad { batch.userNodes * Tensor([0, 1, 1, 1]) + Tensor([3, 0, 0, 0]) }
        let gdsg = Self.encoder(.gdsg(hidden: 8, layers: 2)), gadsg = Self.encoder(.gadsg(hidden: 8, layers: 2, heads: 2))
        GraphFixture.randomise(gdsg, seed: 14)
        GraphFixture.randomise(gadsg, seed: 15)
        #expect(gdsg(batch, timesteps: Self.timesteps).scalars == gdsg(retyped, timesteps: Self.timesteps).scalars)
        #expect(gadsg(batch, timesteps: Self.timesteps).scalars != gadsg(retyped, timesteps: Self.timesteps).scalars)
    }

    @Test func slotFeaturesBatchTakesFlagFromChannelZero() {
        let slots = GraphFixture.batch(edgeInputs: 6).edges.mutated { p in
            for r in 0..<18 { p[r * 6] = GraphFixture.flags.scalars[r] }
        }
        let nodes = GraphFixture.batch()
        let batch = GraphBatch(slots: slots, state: randomTensor([2, 3, 3, 2], seed: 3),
                               userNodes: nodes.userNodes, serverNodes: nodes.serverNodes)
        #expect(batch.flags.scalars == GraphFixture.flags.scalars)
        #expect(batch.edges.shape == [2, 3, 3, 8])
        #expect(batch.edges[1, 2, 0, 2] == slots[1, 2, 0, 0])
    }

    @Test(arguments: configurations.prefix(2))
    func encoderWeightGradients(_ c: EdgeEncoderConfiguration) {
        let encoder = Self.encoder(c)
        GraphFixture.randomise(encoder, seed: 16)
        let batch = GraphFixture.batch()
        // The heads read the slots only, so the last layer's node update is checked through the
        // final node states.
        checkParameterGradients(encoder) {
            let state = encoder.encode(batch, timesteps: Self.timesteps)
            let out = Tensor.concat(encoder.heads.map { $0(state.edges) }, alongAxis: 3)
            return Tensor.concat([out.reshaped([-1]), state.users.reshaped([-1]), state.servers.reshaped([-1])], alongAxis: 0)
        }
    }

    @Test(arguments: configurations.prefix(2))
    func encoderInputGradients(_ c: EdgeEncoderConfiguration) {
        let encoder = Self.encoder(c)
        GraphFixture.randomise(encoder, seed: 17)
        let batch = GraphFixture.batch()
        // GDSG's nodes use the role only, so node features get gradient only under GADSG.
        let inputs = c.nodeEmbedding == .gadsg ? [batch.edges, batch.userNodes] : [batch.edges]
        checkGradients(inputs, step: 1e-3) { xs in
            encoder(GraphBatch(edges: xs[0], flags: batch.flags, userNodes: xs.count > 1 ? xs[1] : batch.userNodes,
                               serverNodes: batch.serverNodes), timesteps: Self.timesteps)
        }
    }
}
