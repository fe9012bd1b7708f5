import LabCore
import Learning
import MultiMEC
import Notebook
import Tensors
import Testing
@testable import Catalog

/// DiffLoader's planner and the four multi-environment learners export like every trained model:
/// parameters under their role, the architecture in the metadata, loadable back into the network.
@Suite struct MECModelExportTests {
    @Test func aPlannerExportsItsNetworkAndNormalizerAndLoadsBackIntoAFreshNetwork() throws {
        let value = try DiffLoaderBindingTests.planner()
        let file = try SafeTensors.decode(try value.exportedModel().safetensorsBytes())
        let names = file.tensors.map(\.name)
        #expect(names == names.sorted(), "sorted by name")
        #expect(names.filter { $0.hasPrefix("normalizer.") } == ["normalizer.action_high", "normalizer.action_low", "normalizer.observation_high", "normalizer.observation_low"])
        #expect(names.allSatisfy { $0.hasPrefix("normalizer.") || $0.hasPrefix("planner.") })
        #expect(file["normalizer.action_low"]?.scalars == value.normalizer.actionLow)
        #expect(file["normalizer.observation_high"]?.shape == [value.observationSize])
        // The planner.* tensors are the network's parameters: a fresh network of the exported
        // architecture with them loaded is the stored one.
        let planner = ParameterSet(Dictionary(uniqueKeysWithValues: file.tensors.filter { $0.name.hasPrefix("planner.") }
            .map { (String($0.name.dropFirst("planner.".count)), $0.tensor) }))
        #expect(planner == value.parameters)
        let architecture = try JSONValue.parse(try #require(file.metadata["architecture"]))
        var rng = RandomSource(seed: 42)
        var c = PlannerConfiguration()
        (c.width, c.heads, c.layers, c.innerWidth, c.embeddingHidden, c.promptLength, c.horizon, c.diffusionSteps) = (8, 2, 1, 8, [8], 1, 2, 3)
        #expect(architecture["configuration"]?["width"]?.number == 8 && architecture["configuration"]?["horizon"]?.number == 2)
        let observations = try #require(architecture["observations"]?.number), actions = try #require(architecture["actions"]?.number)
        #expect(Int(observations) == value.observationSize && Int(actions) == value.actionSize)
        #expect(architecture["prompt_mode"]?.string == "trajectory" && architecture["environments"]?.array?.count == value.training.count)
        let fresh = PlannerNetwork(configuration: c, observationSize: Int(observations), actionSize: Int(actions), using: &rng)
        try fresh.load(planner)
        #expect(ParameterSet(of: fresh) == value.parameters)
        let m = file.metadata
        #expect(m["type"] == "diffloader.planner" && m["kind"] == "diffloader" && m["network"] == "PlannerNetwork" && m["digest"] == value.parameters.digest.hex)
        #expect(try value.exportedModel().safetensorsBytes() == (try DiffLoaderBindingTests.planner().exportedModel().safetensorsBytes()), "same value, same bytes")
    }

    @Test func everyLearnerExportsItsPolicyNetworkWithItsKindAndConfiguration() throws {
        let expected = ["multimec.sacloader": ("sacloader", "SACActor", "sac"), "multimec.mtloader": ("mtloader", "SACActor", "sac"),
                        "multimec.moeloader": ("moeloader", "PMOEActor", "moe")]
        for (name, (kind, network, _)) in expected.sorted(by: { $0.key < $1.key }) {
            guard case .library(let l as MECLearnerValue) = try BindingFixtures.call(name, BindingFixtures.mecLearning) else { Issue.record("\(name)"); continue }
            let file = try SafeTensors.decode(try l.exportedModel().safetensorsBytes())
            #expect(ModelExportTests.parameters(file, role: "policy") == l.parameters, "\(name)")
            #expect(file.metadata["kind"] == kind && file.metadata["network"] == network && file.metadata["type"] == "multimec.learner", "\(name)")
            let architecture = try JSONValue.parse(try #require(file.metadata["architecture"]))
            #expect(architecture["kind"]?.string == kind && architecture["configuration"]?.isNull == false, "\(name)")
            #expect(architecture["actions"]?.number == Double(l.header.environments[0].actionSize))
        }
        guard case .library(let meta as MECLearnerValue) = try BindingFixtures.call("multimec.metaloader", ["environments": .list([BindingFixtures.mecEnvironment]),
                                                                                                             "environment_steps": .int(30), "hidden": .list([.int(4)])]) else {
            Issue.record("metaloader"); return
        }
        let file = try SafeTensors.decode(try meta.exportedModel().safetensorsBytes())
        #expect(ModelExportTests.parameters(file, role: "policy") == meta.parameters)
        #expect(file.metadata["network"] == "GaussianMLPPolicy")
        let architecture = try JSONValue.parse(try #require(file.metadata["architecture"]))
        #expect(architecture["baseline"]?.array?.count == meta.header.baseline?.count && architecture["configuration"]?["hiddenSizes"] == .array([.number(4)]))
    }
}
