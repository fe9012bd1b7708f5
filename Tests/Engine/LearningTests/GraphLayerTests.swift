import LabCore
import Testing
import TestSupport
@testable import Learning
@testable import Tensors

/// The two encoder layers on batch 2, users 3, slots 3, hidden 8 (time width 4).
@Suite struct GraphLayerTests {
    static let hidden = 8

    static func gated(aggregating: Bool = false, seed: UInt64 = 1) -> GatedEdgeLayer {
        var rng = RandomSource(seed: seed)
        return GatedEdgeLayer(hidden: hidden, timeWidth: hidden / 2, serverAggregation: aggregating, using: &rng)
    }

    static func attention(seed: UInt64 = 2, edgeGate: Bool = true, aggregating: Bool = true) -> AttentionEdgeLayer {
        var rng = RandomSource(seed: seed)
        return AttentionEdgeLayer(hidden: hidden, heads: 2, timeWidth: hidden / 2, withEdgeGate: edgeGate,
                                  serverAggregation: aggregating, using: &rng)
    }

    static let time = randomTensor([2, hidden / 2], seed: 40, low: 0, high: 1)

    /// Checks input gradients (users, servers, edges, time) of a layer with randomised weights.
    func checkInputGradients(_ layer: some GraphLayer, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        GraphFixture.randomise(layer, seed: 9)
        let s = GraphFixture.state(hidden: Self.hidden, seed: 20)
        // Step 1e-3: with 1e-2 a fused LayerNorm-ReLU output crosses its kink (seen on this seed).
        checkGradients([s.users, s.servers, s.edges, Self.time], step: 1e-3, sourceLocation: sourceLocation) { xs in
            let context = GraphContext(flags: GraphFixture.flags, time: xs[3])
            return flattened(layer(GraphState(users: xs[0], servers: xs[1], edges: xs[2]), context: context))
        }
    }

    /// Checks parameter gradients of a layer with randomised weights.
    func checkWeightGradients(_ layer: some GraphLayer, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        GraphFixture.randomise(layer, seed: 10)
        let s = GraphFixture.state(hidden: Self.hidden, seed: 21)
        let context = GraphContext(flags: GraphFixture.flags, time: Self.time)
        checkParameterGradients(layer, sourceLocation: sourceLocation) { flattened(layer(s, context: context)) }
    }

    /// Scrambles padded slots' edge embeddings: every real slot, user and server must keep its
    /// exact bits, and real outputs must send exactly zero gradient to padded slots.
    func checkMasking(_ layer: some GraphLayer, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        GraphFixture.randomise(layer, seed: 12)
        let s = GraphFixture.state(hidden: Self.hidden, seed: 22)
        let context = GraphContext(flags: GraphFixture.flags, time: Self.time)
        let scrambled = GraphState(users: s.users, servers: s.servers, edges: GraphFixture.scramblingPaddedSlots(s.edges, seed: 5))
        let (a, b) = Tensor.withoutGrad { (layer(s, context: context), layer(scrambled, context: context)) }
        #expect(a.users.scalars == b.users.scalars, "users changed", sourceLocation: sourceLocation)
        #expect(a.servers.scalars == b.servers.scalars, "servers changed", sourceLocation: sourceLocation)
        #expect(GraphFixture.realSlotDifference(a.edges, b.edges) == 0, "real slots changed", sourceLocation: sourceLocation)
        #expect(GraphFixture.realSlotDifference(a.edges, b.edges.map { $0 + 1 }) > 0, sourceLocation: sourceLocation)

        let edges = s.edges.requiringGrad()
        let out = layer(GraphState(users: s.users, servers: s.servers, edges: edges), context: context)
        let realOnly = out.edges * context.mask  // padded outputs are discarded downstream
        (out.users.sum() + out.servers.sum() + realOnly.sum()).backward()
        let grad = edges.grad!
        var paddedGrad: Float = 0, realGrad: Float = 0
        for i in 0..<2 { for j in 0..<3 { for k in 0..<3 { for c in 0..<Self.hidden {
            if GraphFixture.flags[i, j, k] == 0 { paddedGrad = max(paddedGrad, abs(grad[i, j, k, c])) }
            else { realGrad = max(realGrad, abs(grad[i, j, k, c])) }
        } } } }
        #expect(paddedGrad == 0, "padded slots receive gradient \(paddedGrad)", sourceLocation: sourceLocation)
        #expect(realGrad > 0, sourceLocation: sourceLocation)
    }

    @Test func gatedInputGradients() { checkInputGradients(Self.gated()) }
    @Test func gatedAggregatingInputGradients() { checkInputGradients(Self.gated(aggregating: true)) }
    @Test func gatedWeightGradients() { checkWeightGradients(Self.gated()) }
    @Test func attentionInputGradients() { checkInputGradients(Self.attention()) }
    @Test func attentionWeightGradients() { checkWeightGradients(Self.attention()) }

    @Test func gatedMasking() { checkMasking(Self.gated()) }
    @Test func gatedAggregatingMasking() { checkMasking(Self.gated(aggregating: true)) }
    @Test func attentionMasking() { checkMasking(Self.attention()) }
    @Test func ungatedAttentionGradientsAndMasking() {
        checkInputGradients(Self.attention(edgeGate: false))
        checkWeightGradients(Self.attention(edgeGate: false))
        checkMasking(Self.attention(edgeGate: false))
    }

    @Test func nonAggregatingAttentionGradientsAndMasking() {
        checkInputGradients(Self.attention(aggregating: false))
        checkWeightGradients(Self.attention(aggregating: false))
        checkMasking(Self.attention(aggregating: false))
    }

    @Test func attentionServersIgnoreUsersOnlyWithoutAggregation() {
        // The ablation "GADSG without server aggregation" (docs/gadsg.md §8.3) gives servers GDSG's quirk.
        let s = GraphFixture.state(hidden: Self.hidden, seed: 23)
        let other = GraphState(users: s.users * 2, servers: s.servers, edges: s.edges)
        let context = GraphContext(flags: GraphFixture.flags, time: Self.time)
        let plain = Self.attention(aggregating: false), aggregating = Self.attention()
        #expect(plain(s, context: context).servers.scalars == plain(other, context: context).servers.scalars)
        #expect(aggregating(s, context: context).servers.scalars != aggregating(other, context: context).servers.scalars)
        #expect(plain.attend(s, context: context).weights.servers == nil)
        #expect(plain.parameterCount == aggregating.parameterCount - (Self.hidden * Self.hidden + Self.hidden))
    }

    @Test func gatedServersIgnoreUsersUnlessAggregating() {
        // GDSG's quirk (docs/gadsg.md §3.3): servers see only their own embedding; the ablation changes that.
        let s = GraphFixture.state(hidden: Self.hidden, seed: 23)
        let other = GraphState(users: s.users * 2, servers: s.servers, edges: s.edges)
        let context = GraphContext(flags: GraphFixture.flags, time: Self.time)
        let plain = Self.gated(), aggregating = Self.gated(aggregating: true)
        #expect(plain(s, context: context).servers.scalars == plain(other, context: context).servers.scalars)
        #expect(aggregating(s, context: context).servers.scalars != aggregating(other, context: context).servers.scalars)
    }

    @Test func freshLayersAreIdentityOnEdges() {
        // The zero-initialised out-layer (docs/gadsg.md §3.3) makes e ← e + Out(ê) the identity at start.
        let s = GraphFixture.state(hidden: Self.hidden, seed: 24)
        let context = GraphContext(flags: GraphFixture.flags, time: Self.time)
        #expect(Self.gated()(s, context: context).edges.scalars == s.edges.scalars)
        #expect(Self.attention()(s, context: context).edges.scalars == s.edges.scalars)
        #expect(Self.attention()(s, context: context).users.scalars != s.users.scalars)
    }

    @Test func attentionWeightsAreMaskedAndNormalised() {
        let layer = Self.attention()
        GraphFixture.randomise(layer, seed: 13)
        let context = GraphContext(flags: GraphFixture.flags, time: Self.time)
        let w = layer.attend(GraphFixture.state(hidden: Self.hidden, seed: 25), context: context).weights
        guard let servers = w.servers else { Issue.record("an aggregating layer has server weights"); return }
        #expect(w.users.shape == [2, 3, 3, 2] && servers.shape == [2, 3, 3, 2])
        let f = GraphFixture.flags
        for i in 0..<2 {
            for head in 0..<2 {
                for j in 0..<3 {
                    for k in 0..<3 where f[i, j, k] == 0 {
                        #expect(w.users[i, j, k, head] == 0 && servers[i, j, k, head] == 0)
                    }
                    let links = (0..<3).map { f[i, j, $0] }.reduce(0, +)
                    let total = (0..<3).map { w.users[i, j, $0, head] }.reduce(0, +)
                    #expect(abs(total - (links > 0 ? 1 : 0)) < 1e-6, "user \(i),\(j) head \(head): \(total)")
                }
                for k in 0..<3 {
                    let links = (0..<3).map { f[i, $0, k] }.reduce(0, +)
                    let total = (0..<3).map { servers[i, $0, k, head] }.reduce(0, +)
                    #expect(abs(total - (links > 0 ? 1 : 0)) < 1e-6, "server \(i),\(k) head \(head): \(total)")
                }
            }
        }
        // A user with two links does not split them evenly (the score is informative).
        #expect(abs(w.users[0, 0, 0, 0] - 0.5) > 1e-4)
    }

    @Test func parameterCountsMatchFormulas() {
        var rng = RandomSource(seed: 3)
        let h = 64
        let gated = GatedEdgeLayer(hidden: h, timeWidth: h / 2, using: &rng)
        let attention = AttentionEdgeLayer(hidden: h, heads: 4, timeWidth: h / 2, using: &rng)
        #expect(gated.parameterCount == 13 * h * h / 2 + 13 * h)
        #expect(gated.parameterCount == 27_456)
        #expect(attention.parameterCount == 17 * h * h / 2 + 15 * h + 2 * h * 4 + 4)
        #expect(attention.parameterCount == 36_292)
        #expect(GatedEdgeLayer(hidden: 256, timeWidth: 128, using: &rng).parameterCount == 429_312)
    }
}
