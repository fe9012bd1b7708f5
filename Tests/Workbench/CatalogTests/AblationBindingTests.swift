import Foundation
import GraphDiffusion
import Notebook
import Testing
@testable import Catalog

/// The GADSG–GDSG ablation switches of `gadsg.train` / `gdsg.train` and both halves of `diffusion.solve`.
@Suite struct AblationBindingTests {
    static func model(_ name: String, _ switches: [String: Value]) throws -> DiffusionModelValue {
        let v = try BindingFixtures.call(name, BindingFixtures.labelled.merging(switches) { _, given in given })
        return try #require(DiffusionModelValue(argument: v))
    }

    @Test func switchesReachTheModelAndItsSolutions() throws {
        let cases: [(String, [String: Value], String)] = [
            ("gdsg.train", ["server_aggregation": .bool(true)], "gdsg[server_aggregation=true]"),
            ("gdsg.train", ["node_features": .string("gadsg")], "gdsg[node_features=gadsg]"),
            ("gadsg.train", ["edge_gate": .bool(false)], "gadsg[edge_gate=false]"),
            ("gadsg.train", ["server_aggregation": .bool(false)], "gadsg[server_aggregation=false]"),
            ("gadsg.train", ["positional_encoding": .bool(true)], "gadsg[positional_encoding=true]"),
        ]
        var digests: Set<String> = []
        for (name, switches, method) in cases {
            let m = try Self.model(name, switches)
            #expect(m.methodName == method)
            #expect(m.member("variant")?.summary == "\"\(method.split(separator: "[")[1].dropLast())\"")
            #expect(m.summary.contains("[\(method.split(separator: "[")[1].dropLast())]"))
            // The stored record rebuilds the same architecture (loading would fail otherwise).
            let restored = try DiffusionModelValue.decode(m.encoded())
            #expect(try restored.denoiser().parameterCount == m.denoiser().parameterCount)
            let solved = try BindingFixtures.call("diffusion.solve", ["model": .library(restored), "dataset": BindingFixtures.dataset,
                                                                      "samples": .int(2), "steps": .int(2)])
            let s = try #require(LAENetSolutions(argument: solved))
            #expect(s.method == method)
            digests.insert(m.parameters.digest.hex)
        }
        #expect(digests.count == cases.count)
    }

    @Test func switchesAtTheirDefaultsLeaveTheCallKeyOfModelsTrainedBeforeThem() {
        // Models in researchers' stores were keyed without the switches: at their defaults the
        // switches are left out of the key, so those models are reused; any other value keys a new model.
        let base: [(name: String, value: Value)] = [("dataset", .string("d")), ("epochs", .int(2)), ("seed", .int(1))]
        let cases: [(FunctionSignature, [(name: String, value: Value)], (name: String, value: Value))] = [
            (GADSGTrain.signature, [("edge_gate", .bool(true)), ("server_aggregation", .bool(true)), ("positional_encoding", .bool(false))],
             ("edge_gate", .bool(false))),
            (GDSGTrain.signature, [("server_aggregation", .bool(false)), ("node_features", .string("gdsg")), ("positional_encoding", .bool(false))],
             ("node_features", .string("gadsg"))),
        ]
        for (signature, defaults, changed) in cases {
            #expect(CallKey(signature, base) == CallKey(signature, base + defaults), "\(signature.name): defaults left out of the key")
            #expect(CallKey(signature, base) != CallKey(signature, base + [changed]), "\(signature.name): \(changed.name) keys the call")
        }
    }

    @Test func standardModelsKeepTheirEncoding() throws {
        // No `ablation` key for the kind's own encoder, so models trained before the switches keep their bytes.
        let standard = try Self.model("gadsg.train", [:]), explicit = try Self.model("gadsg.train", ["edge_gate": .bool(true)])
        // (The shared in-memory context accumulates curves across calls, so compare the parts that matter.)
        #expect(standard.parameters.digest == explicit.parameters.digest && explicit.header.ablation == nil)
        #expect(!String(decoding: standard.encoded().prefix { $0 != 10 }, as: UTF8.self).contains("ablation"))
        #expect(standard.methodName == "gadsg" && standard.member("variant")?.summary == "\"standard\"")
        #expect(try Self.model("gdsg.train", ["node_features": .string("gdsg")]).header.ablation == nil)
    }

    @Test func positionalEncodingNeedsAWidthDivisibleByFour() {
        #expect(throws: ArgumentError.self) {
            try Self.model("gadsg.train", ["hidden": .int(6), "heads": .int(2), "positional_encoding": .bool(true)])
        }
    }

    @Test func bothHalvesAreReportedAndEvaluated() throws {
        let solved = try BindingFixtures.call("diffusion.solve", ["model": BindingFixtures.diffusionModel, "dataset": BindingFixtures.dataset,
                                                                  "samples": .int(2), "steps": .int(2)])
        let s = try #require(LAENetSolutions(argument: solved))
        for e in s.entries {
            let cost = try #require(e.cost), generated = try #require(e.generatedCost)
            #expect(generated >= cost * (1 - 1e-12), "optimal shares are never beaten: \(generated) < \(cost)")
        }
        let mcmf = try BindingFixtures.call("laenet.solve", ["dataset": BindingFixtures.dataset, "method": .string("mcmf")])
        guard case .table(let both) = try BindingFixtures.call("laenet.evaluate", ["dataset": BindingFixtures.dataset, "solutions": .list([solved, mcmf]),
                                                                                    "reference": BindingFixtures.exact]),
              case .table(let plain) = try BindingFixtures.call("laenet.evaluate", ["dataset": BindingFixtures.dataset, "solutions": .list([mcmf]),
                                                                                     "reference": BindingFixtures.exact]) else {
            Issue.record("laenet.evaluate returns a table"); return
        }
        #expect(Array(both.columnNames.suffix(2)) == ["generated_cost", "generated_ratio"])
        #expect(!plain.columnNames.contains("generated_ratio"))
        guard case .numbers(let ratios) = try both.column("generated_ratio").data, case .numbers(let optimal) = try both.column("ratio").data else {
            Issue.record("numeric ratio columns"); return
        }
        let n = ratios.count / 2
        #expect(zip(ratios.prefix(n), optimal.prefix(n)).allSatisfy { $0 >= $1 * (1 - 1e-12) })
        #expect(ratios.suffix(n).allSatisfy { $0.isNaN })
    }
}
