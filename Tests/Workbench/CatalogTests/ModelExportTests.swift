import Foundation
import GraphDiffusion
import LabCore
import Learning
import MultiMEC
import Notebook
import Store
import Testing
import TestSupport
import Vehicular
@testable import Catalog

/// Trained models export their parameters by path with the architecture in the metadata
/// (`lab cache export KEY:OUTPUT -o FILE.safetensors|.npz`).
@Suite struct ModelExportTests {
    static func vehicular(_ kind: VehicularLearnedPolicy.Kind) throws -> VehicularModelValue {
        var rng = RandomSource(seed: 3)
        var c = MARLConfiguration()
        c.hidden = 8
        let policy: VehicularLearnedPolicy
        switch kind {
        case .mad2rl: policy = try MAD2RLLearner(configuration: c, agents: 3, using: &rng).policy()
        case .pqmix: policy = try PQMIXLearner(configuration: c, agents: 3, using: &rng).policy()
        }
        return VehicularModelValue(header: .init(name: kind.rawValue, curves: [:], curveSteps: [:]), policy: policy)
    }

    /// The tensors of a file as a parameter set, with the role prefix removed.
    static func parameters(_ file: SafeTensors, role: String) -> ParameterSet {
        ParameterSet(Dictionary(uniqueKeysWithValues: file.tensors.map { (String($0.name.dropFirst(role.count + 1)), $0.tensor) }))
    }

    @Test func aMAD2RLPolicyExportsItsActorUnderStableNamesWithItsArchitecture() throws {
        let value = try Self.vehicular(.mad2rl)
        let file = try SafeTensors.decode(try value.exportedModel().safetensorsBytes())
        #expect(file.tensors.map(\.name) == [
            "actor.observationIn.bias", "actor.observationIn.weight", "actor.observationOut.bias", "actor.observationOut.weight",
            "actor.stepIn.bias", "actor.stepIn.weight", "actor.stepOut.bias", "actor.stepOut.weight",
            "actor.trunk.0.bias", "actor.trunk.0.weight", "actor.trunk.1.bias", "actor.trunk.1.weight", "actor.trunk.2.bias", "actor.trunk.2.weight",
        ])
        #expect(Self.parameters(file, role: "actor") == value.policy.parameters)
        #expect(file["actor.trunk.0.weight"]?.shape == [8 + VehicularObservation.actionWidth + 16, 8])
        let m = file.metadata
        #expect(m["format"] == "offloadlab-model/1" && m["type"] == "vehicular.model" && m["kind"] == "mad2rl" && m["network"] == "DiffusionActor")
        #expect(m["digest"] == value.policy.parameters.digest.hex)
        #expect(m["parameters"] == String(value.policy.parameters.tensors.values.map(\.count).reduce(0, +)))
        #expect(m["layout"]?.contains("[in, out]") == true)
        let architecture = try JSONValue.parse(try #require(m["architecture"]))
        #expect(architecture["agents"]?.number == 3 && architecture["actor"]?["hidden"]?.number == 8 && architecture["actor"]?["steps"]?.number == 5)
        #expect(architecture["training"]?["denoisingSteps"]?.number == 5)
        // The same value always gives the same bytes.
        #expect(try value.exportedModel().safetensorsBytes() == (try Self.vehicular(.mad2rl).exportedModel().safetensorsBytes()))
    }

    @Test func aPQMIXPolicyExportsItsUtilityNetwork() throws {
        let value = try Self.vehicular(.pqmix)
        let file = try SafeTensors.decode(try value.exportedModel().safetensorsBytes())
        #expect(file.tensors.map(\.name) == ["utility.0.bias", "utility.0.weight", "utility.1.bias", "utility.1.weight", "utility.2.bias", "utility.2.weight"])
        #expect(Self.parameters(file, role: "utility") == value.policy.parameters)
        let architecture = try JSONValue.parse(try #require(file.metadata["architecture"]))
        #expect(architecture["widths"] == .array([VehicularObservation.featureWidth + 3, 8, 8, VehicularObservation.actionWidth].map { .number(Double($0)) }))
    }

    @Test func aDiffusionModelLoadsBackIntoItsDenoiser() throws {
        var rng = RandomSource(seed: 4)
        let configuration = try DiffusionModelValue.configuration(kind: .gadsg, hidden: 8, layers: 1, heads: 2)
        let denoiser = EncoderDenoiser(configuration, using: &rng)
        let value = DiffusionModelValue(header: .init(kind: .gadsg, hidden: 8, layers: 1, heads: 2, curves: [:], curveSteps: [:], validationCostRatio: nil),
                                        parameters: ParameterSet(of: denoiser))
        let file = try SafeTensors.decode(try value.exportedModel().safetensorsBytes())
        #expect(file.tensors.allSatisfy { $0.name.hasPrefix("denoiser.") })
        var other = RandomSource(seed: 99)
        let fresh = EncoderDenoiser(configuration, using: &other)
        try fresh.load(Self.parameters(file, role: "denoiser"))
        #expect(ParameterSet(of: fresh) == ParameterSet(of: denoiser))
        let architecture = try JSONValue.parse(try #require(file.metadata["architecture"]))
        #expect(architecture["hidden"]?.number == 8 && architecture["encoder"] != nil && file.metadata["kind"] == "gadsg")
    }

    @Test func theNPZFormHoldsTheSameTensorsAndTheMetadataAsBytes() throws {
        let model = try Self.vehicular(.mad2rl).exportedModel()
        let archive = try NPZArchive.decode(try model.npzBytes())
        #expect(archive.arrays.map(\.name) == model.tensors.map(\.name) + ["__metadata__"])
        for (name, tensor) in model.tensors { #expect(archive[name] == (try NPYArray(tensor.scalars, shape: tensor.shape))) }
        let bytes = try #require(archive["__metadata__"]).data
        let text = String(decoding: stride(from: 0, to: bytes.count, by: 4).map { bytes[$0] }, as: UTF8.self)
        let metadata = try JSONValue.parse(text)
        #expect(metadata["kind"]?.string == "mad2rl" && metadata["digest"]?.string == model.metadata["digest"])
    }
}

/// `lab cache export KEY:OUTPUT -o FILE.safetensors` on a stored model, and its refusals.
@Suite(.serialized) struct ModelExportCLITests {
    @Test func aStoredSACPolicyExportsAndBadRequestsWriteNothing() throws {
        let s = try Scratch()
        let nb = "```lab id=c\n" + MultiMECDataBindingTests.envs + "t = multimec.returns(multimec.collect(runs, per_environment: 3, min_length: 1, seed: 5))\nr = runs[0]\n```\n"
        try nb.write(to: s.url.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let ran = try lab(["run", "nb.md", "--store", "m.sqlite", "--quiet"], in: s.url)
        #expect(ran.status == 0, "\(ran.err)")
        let db = try StoreDatabase(path: s.url.appendingPathComponent("m.sqlite").path, options: StoreOptions(readOnly: true))
        let key = try #require(try db.cacheKeys(prefix: "", limit: 100).first { (try? db.lookup($0))??.outputs["r"] != nil })

        let exported = try lab(["cache", "export", "\(key):r", "-o", "sac.safetensors", "--store", "m.sqlite"], in: s.url)
        #expect(exported.status == 0, "\(exported.err)")
        let file = try SafeTensors.decode(Array(try Data(contentsOf: s.url.appendingPathComponent("sac.safetensors"))))
        let trainer = try #require(try MultiMECDataBindingTests.trainers().first)
        #expect(ModelExportTests.parameters(file, role: "actor") == ParameterSet(of: trainer.agent.actor))
        #expect(file.metadata["type"] == "multimec.sac" && file.metadata["network"] == "SACActor")
        let npz = try lab(["cache", "export", "\(key):r", "-o", "sac.npz", "--store", "m.sqlite"], in: s.url)
        #expect(npz.status == 0, "\(npz.err)")
        #expect(try NPZArchive.decode(Array(try Data(contentsOf: s.url.appendingPathComponent("sac.npz"))))["actor.mean.weight"] != nil)

        // Refusals exit 2, name the problem and leave the output as it was (here: absent, or the earlier export).
        let before = try Data(contentsOf: s.url.appendingPathComponent("sac.safetensors"))
        for (arguments, reason) in [
            (["nokey:r", "-o", "bad.safetensors"], "No cache entry"),
            (["\(key):nothing", "-o", "bad.safetensors"], "has no output 'nothing'"),
            (["\(key):t", "-o", "bad.safetensors"], "not a trained model"),
            (["\(key):t", "-o", "sac.safetensors"], "not a trained model"),
            ([key, "--metric", "return", "-o", "bad.safetensors"], "no .safetensors form"),
        ] {
            let r = try lab(["cache", "export"] + arguments + ["--store", "m.sqlite"], in: s.url)
            #expect(r.status == 2 && r.err.contains(reason), "\(arguments): \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: s.url.appendingPathComponent("bad.safetensors").path))
        #expect(try Data(contentsOf: s.url.appendingPathComponent("sac.safetensors")) == before)
        // Writes go through a temporary file renamed into place: none is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.url.path).filter { $0.hasPrefix(".") || $0.contains("tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
