import Foundation
import LabCore
import Testing
@testable import Learning
@testable import Tensors

/// One GADSG attention layer and one GDSG gated layer against an independent NumPy
/// implementation of the paper's equations (Benchmarks/gadsg-reference/layer_reference.py,
/// docs/gadsg.md §3.3, §7.6 eqs. 28-34 with resolutions 16-19): same parameters and inputs,
/// outputs within 1e-5.
@Suite struct LayerGoldenTests {
    struct Blob: Decodable { var shape: [Int]; var values: [Double] }
    struct Case: Decodable {
        var layer: String, hidden: Int, heads: Int
        var time_width: Int
        var parameters: [String: Blob], inputs: [String: Blob], outputs: [String: Blob]
    }
    struct Goldens: Decodable { var cases: [Case] }

    static let goldens: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Benchmarks/gadsg-reference/goldens.json")
        guard let data = try? Data(contentsOf: url), let g = try? JSONDecoder().decode(Goldens.self, from: data) else { return [] }
        return g.cases
    }()

    static func tensor(_ a: Blob) -> Tensor { Tensor(shape: a.shape, scalars: a.values.map { Float($0) }) }

    func check(_ name: String, _ make: (Case, inout RandomSource) -> any GraphLayer) throws {
        let c = try #require(Self.goldens.first { $0.layer == name }, "goldens.json has no case \(name)")
        var rng = RandomSource(seed: 1)
        let layer = make(c, &rng)
        let named = layer.namedParameters()
        #expect(Set(named.map(\.name)) == Set(c.parameters.keys), "parameter names")
        for (n, p) in named {
            let value = try #require(c.parameters[n])
            guard p.value.shape == value.shape else { Issue.record("\(n): shape \(p.value.shape) vs \(value.shape)"); continue }
            p.assign(Self.tensor(value))
        }
        let i = c.inputs
        let context = GraphContext(flags: Self.tensor(try #require(i["flags"])), time: Self.tensor(try #require(i["time"])))
        let out = Tensor.withoutGrad {
            layer(GraphState(users: Self.tensor(i["users"]!), servers: Self.tensor(i["servers"]!), edges: Self.tensor(i["edges"]!)), context: context)
        }
        for (key, got) in [("users", out.users), ("servers", out.servers), ("edges", out.edges)] {
            let want = try #require(c.outputs[key])
            #expect(got.shape == want.shape, "\(name) \(key) shape")
            let worst = zip(got.scalars, want.values).map { abs(Double($0) - $1) }.max() ?? .infinity
            #expect(worst < 1e-5, "\(name) \(key): largest difference \(worst)")
        }
    }

    @Test func attentionLayerMatchesTheNumPyReference() throws {
        try check("gadsg-attention") { c, rng in
            AttentionEdgeLayer(hidden: c.hidden, heads: c.heads, timeWidth: c.time_width, using: &rng)
        }
    }

    @Test func gatedLayerMatchesTheNumPyReference() throws {
        try check("gdsg-gated") { c, rng in
            GatedEdgeLayer(hidden: c.hidden, timeWidth: c.time_width, using: &rng)
        }
    }
}
