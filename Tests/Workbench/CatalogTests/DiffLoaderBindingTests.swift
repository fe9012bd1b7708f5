import LabCore
import Learning
import MultiMEC
import Notebook
import Testing
@testable import Catalog

/// `diffloader.train`, `diffloader.policy`, the learner bindings and `diffloader.claims`: the
/// bindings give what the library gives, values round-trip, arguments fail at their place, and
/// the claims logic decides hand-made tables by the claims' wording.
@Suite struct DiffLoaderBindingTests {
    static let tiny: [String: Value] = ["dataset": BindingFixtures.mecDataset, "width": .int(8), "heads": .int(2), "layers": .int(1), "inner_width": .int(8),
                                        "embedding_hidden": .list([.int(8)]), "prompt_length": .int(1), "horizon": .int(2), "diffusion_steps": .int(3),
                                        "steps": .int(3), "items": .int(2)]

    /// Calls a standard function like `BindingFixtures.call`, with a fresh in-memory context (so
    /// the metric series are this call's only).
    static func call(_ name: String, _ given: [String: Value]) throws -> Value {
        let function = try #require(Catalog.standard.functions[name])
        let args = CallSeed.filling(function.signature.parameters.compactMap { p in given[p.name].map { (p.name, $0) } }, of: function.signature, seed: 7)
        return try function.binding.bind(args, log: nil).call(MemoryCallContext())
    }

    static func planner(_ extra: [String: Value] = [:]) throws -> DiffLoaderPlannerValue {
        guard case .library(let p as DiffLoaderPlannerValue) = try call("diffloader.train", tiny.merging(extra) { _, b in b }) else {
            throw LabError(.failure, "diffloader.train did not return a planner")
        }
        return p
    }

    static var offline: MECOfflineDataset {
        guard case .library(let d as MECDatasetValue) = BindingFixtures.mecDataset else { fatalError("fixture") }
        return d.dataset
    }

    @Test func trainingIsTheLibraryPlannerAndEvaluatesLikeIt() throws {
        let value = try Self.planner()
        var c = PlannerConfiguration()
        (c.width, c.heads, c.layers, c.innerWidth, c.embeddingHidden, c.promptLength) = (8, 2, 1, 8, [8], 1)
        (c.horizon, c.diffusionSteps, c.trainingSteps, c.itemsPerBatch) = (2, 3, 3, 2)
        let direct = try DiffusionPlanner.train(try PlannerDataset(Self.offline, promptLength: 1), configuration: c, seed: 7)
        #expect(value.parameters == ParameterSet(of: direct.network))
        #expect(value.configuration == c)
        guard case .series(let loss)? = value.member("loss") else { Issue.record("no loss series"); return }
        #expect(loss.steps == [1, 2, 3] && loss.values.allSatisfy(\.isFinite))
        // multimec.evaluate plays the receding-horizon controller on the paired episodes.
        let env = Self.offline.environments[0]
        let t = try BindingFixtures.call("multimec.evaluate", ["policy": .library(value), "environments": .list([BindingFixtures.mecEnvironment]), "episodes": .int(2), "seed": .int(4)])
        guard case .table(let table) = t else { Issue.record("not a table"); return }
        let pool = Self.offline.promptPools[0].map { i in
            let e = Self.offline.episodes[i]
            return PlannerEpisode(environment: 0, observations: e.observations, actions: e.actions, rewards: e.rewards)
        }
        let r0 = try #require(PlannerDataset.initialReturnQuantile(0.9, of: Self.offline.episodes.map {
            PlannerEpisode(environment: 0, observations: $0.observations, actions: $0.actions, rewards: $0.rewards)
        }, discount: 0.99))
        let policy = try PlannerPolicy(planner: direct, prompts: pool, target: .initial(r0, discount: 0.99), guidance: 1.2,
                                       random: RandomSource(seed: 4, stream: "diffloader.policy"))
        #expect(try table.numberColumn("cost") == [MECEvaluation.run(policy, on: env, episodes: 2, evaluationSeed: 4).meanCost])
        #expect(try table.texts("policy") == ["DiffLoader"])
    }

    @Test func plannerValueRoundTripsAndRefusesWhatItCannotPlay() throws {
        let value = try Self.planner()
        let back = try DiffLoaderPlannerValue.decode(value.encoded())
        #expect(back.encoded() == value.encoded())
        #expect(throws: LabError.self) { try DiffLoaderPlannerValue.decode(Array(value.encoded().dropLast(5))) }
        #expect(throws: LabError.self) { try DiffLoaderPlannerValue.decode(value.encoded() + [0]) }
        let unseen = try MECEnvironment(bandwidthMHz: 5, edgeGHz: 6, meanTaskKb: 600, users: 3)
        #expect(throws: LabError.self) { try value.policy(for: unseen, seed: 1) }
        #expect(throws: LabError.self) { try value.policy(for: MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: 4), seed: 1) }
        // A constant target with all-zero prompts needs nothing recorded of the environment.
        let blind = try Self.planner(["prompts": .string("none")])
        guard case .library(let constant as DiffLoaderPlannerValue) = try BindingFixtures.call("diffloader.policy", ["planner": .library(blind), "target": .string("constant")]) else {
            Issue.record("not a planner"); return
        }
        _ = try constant.policy(for: unseen, seed: 1)
        guard case .string(let target)? = constant.member("target") else { Issue.record("no target member"); return }
        #expect(target == "constant 6")
    }

    @Test func policyAddsTheEnvironmentsOfPromptDatasets() throws {
        let value = try Self.planner()
        let other = try BindingFixtures.call("multimec.environment", ["bandwidth_mhz": .int(5), "edge_ghz": .int(6), "mean_task_kb": .int(600), "ues": .int(3)])
        let run = try BindingFixtures.call("multimec.sac", ["environment": other, "episodes": .int(12), "hidden": .list([.int(4)]), "batch": .int(4)])
        let data = try BindingFixtures.call("multimec.collect", ["runs": .list([run]), "per_environment": .int(2), "min_length": .int(1)])
        guard case .library(let p as DiffLoaderPlannerValue) = try BindingFixtures.call("diffloader.policy", ["planner": .library(value), "prompts": .list([data]),
                                                                                                              "guidance": .int(0), "name": .string("w0")]) else {
            Issue.record("not a planner"); return
        }
        guard case .library(let e as MECEnvironmentValue) = other else { return }
        #expect(p.added.map(\.environment) == [e.environment] && p.guidance == 0 && p.policyName == "w0")
        _ = try p.policy(for: e.environment, seed: 1)
    }

    /// The temperature scales the sampling noise only: at the repository's 0.5 the value is the
    /// trained planner's (so evaluations stored before the option exist keep their keys), at 1
    /// the same planner samples a different plan from the same random stream.
    @Test func temperatureScalesOnlyTheSamplingNoise() throws {
        let value = try Self.planner()
        func policy(_ t: Double) throws -> DiffLoaderPlannerValue {
            guard case .library(let p as DiffLoaderPlannerValue) = try BindingFixtures.call("diffloader.policy", ["planner": .library(value), "temperature": .number(t)]) else {
                throw LabError(.failure, "not a planner")
            }
            return p
        }
        var unchanged = value
        unchanged.guidance = 1.2
        #expect(try policy(0.5).encoded() == unchanged.encoded(), "the default changes nothing")
        let hot = try policy(1)
        #expect(hot.configuration.noiseScale == 1 && hot.parameters == value.parameters)
        let env = Self.offline.environments[0]
        let cold = try policy(0.5)
        let a = MECEvaluation.run(try cold.policy(for: env, seed: 3), on: env, episodes: 2, evaluationSeed: 4)
        let b = MECEvaluation.run(try hot.policy(for: env, seed: 3), on: env, episodes: 2, evaluationSeed: 4)
        #expect(a.meanCost != b.meanCost || a.meanReturn != b.meanReturn, "a hotter sampler plays other actions")
        #expect(throws: ArgumentError.self) { try policy(-1) }
    }

    @Test func argumentsFailAtTheirPlace() throws {
        func place(_ extra: [String: Value]) -> String? {
            do { _ = try Self.planner(extra) } catch let e as ArgumentError { return e.parameter } catch { return "other: \(error)" }
            return nil
        }
        #expect(place(["width": .int(6), "heads": .int(4)]) == "width")
        // A hard environment whose early SAC episodes end at a violation, so its prompt pool holds short episodes.
        let hard = try BindingFixtures.call("multimec.environment", ["bandwidth_mhz": .int(3), "edge_ghz": .int(2), "mean_task_kb": .int(1000)])
        let run = try BindingFixtures.call("multimec.sac", ["environment": hard, "episodes": .int(12), "hidden": .list([.int(4)]), "batch": .int(4), "seed": .int(1)])
        let short = try BindingFixtures.call("multimec.collect", ["runs": .list([run]), "per_environment": .int(6), "min_length": .int(1), "seed": .int(1)])
        guard case .library(let d as MECDatasetValue) = short else { Issue.record("not a dataset"); return }
        let shortest = d.dataset.promptPools.joined().map { d.dataset.episodes[$0].length }.min() ?? 20
        #expect(shortest < 19)
        #expect(place(["dataset": short, "prompt_length": .int(min(shortest + 1, 19))]) == "prompt_length")
        #expect(place(["embedding_hidden": .list([])]) == "embedding_hidden")
        var args = BindingFixtures.mecLearning
        args["environments"] = .list([])
        #expect(throws: ArgumentError.self) { try BindingFixtures.call("multimec.sacloader", args) }
    }

    @Test func learnersSpendExactlyTheBudgetAndRoundTrip() throws {
        for name in ["multimec.sacloader", "multimec.mtloader", "multimec.moeloader"] {
            guard case .library(let l as MECLearnerValue) = try BindingFixtures.call(name, BindingFixtures.mecLearning) else { Issue.record("\(name)"); continue }
            #expect(l.header.environmentSteps == 30)
            #expect(try MECLearnerValue.decode(l.encoded()).encoded() == l.encoded())
            let t = try BindingFixtures.call("multimec.evaluate", ["policy": .library(l), "environments": .list([BindingFixtures.mecEnvironment]), "episodes": .int(2)])
            guard case .table(let table) = t else { Issue.record("not a table"); continue }
            #expect(try table.texts("policy") == [l.policyName])
        }
        guard case .library(let meta as MECLearnerValue) = try BindingFixtures.call("multimec.metaloader", ["environments": .list([BindingFixtures.mecEnvironment]),
                                                                                                             "environment_steps": .int(30), "hidden": .list([.int(4)])]) else {
            Issue.record("metaloader"); return
        }
        #expect(meta.header.environmentSteps == 30 && meta.policyName == "MetaLoader")
        _ = try meta.policy(for: BindingFixturesEnvironment.value, seed: 2)
    }

    // MARK: Claims on hand-made tables

    typealias Row = DiffLoaderClaims.Row
    static func rows(_ method: String, _ costs: [String: Double], success: Double = 1, seed: Double = 1) -> [Row] {
        costs.keys.sorted().map { Row(method: method, environment: $0, seed: seed, cost: costs[$0]!, success: success) }
    }

    @Test func tenPercentBelowSACInEveryEnvironmentAndSuccessNoLower() {
        let claims = DiffLoaderClaims()
        let sac = Self.rows("SACLoader", ["a": 1.0, "b": 2.0], success: 0.9)
        let good = claims.beatsSAC(sac + Self.rows("DiffLoader", ["a": 0.9, "b": 1.5]))
        #expect(good.map(\.holds) == [true, true])
        let oneShort = claims.beatsSAC(sac + Self.rows("DiffLoader", ["a": 0.91, "b": 1.0], success: 0.8))
        #expect(oneShort.map(\.holds) == [false, false])
        #expect(oneShort[0].evidence.contains("a 0.91"))
    }

    @Test func onParWithTheBestBaselineUsesTheSeedStandardDeviation() throws {
        let claims = DiffLoaderClaims()
        // MTLoader averages 1.0 with seed std 0.1 (0.9 and 1.1); MoELoader 2.0.
        let base = Self.rows("MTLoader", ["a": 0.9], seed: 1) + Self.rows("MTLoader", ["a": 1.1], seed: 2) + Self.rows("MoELoader", ["a": 2.0])
        let inside = try #require(claims.onParWithBest(base + Self.rows("DiffLoader", ["a": 1.1], seed: 1) + Self.rows("DiffLoader", ["a": 1.1], seed: 2), baselines: ["MTLoader", "MoELoader"]))
        #expect(inside.holds)
        let outside = try #require(claims.onParWithBest(base + Self.rows("DiffLoader", ["a": 1.2], seed: 1) + Self.rows("DiffLoader", ["a": 1.2], seed: 2), baselines: ["MTLoader", "MoELoader"]))
        #expect(!outside.holds)
        #expect(outside.evidence.contains("MTLoader 1"))
    }

    @Test func lowerAverageCostIsStrictAndOverSharedEnvironments() throws {
        let claims = DiffLoaderClaims()
        let rows = Self.rows("DiffLoader", ["a": 1, "b": 3]) + Self.rows("DiffLoader (no prompt)", ["a": 1, "b": 3, "c": 0])
        let tie = try #require(claims.lowerAverageCost(rows, than: "DiffLoader (no prompt)", claim: "x"))
        #expect(!tie.holds)  // equal on the shared environments; c does not count
        let better = try #require(claims.lowerAverageCost(rows + Self.rows("SACLoader", ["a": 1.5, "b": 3]), than: "SACLoader", claim: "y"))
        #expect(better.holds)
        #expect(claims.lowerAverageCost(rows, than: "MoELoader", claim: "z") == nil)
    }

    @Test func claimsBindingKeepsOnlyInterpolationRowsOfUnseen() throws {
        func table(_ rows: [(String, String, Double)]) -> Value {
            .table(try! Table.fromRecords(rows.map { r in .record([.init("policy", .string(r.0)), .init("environment", .string("e")), .init("seed", .int(1)),
                                                                  .init("cost", .number(r.2)), .init("episode_success", .number(1)), .init("regime", .string(r.1))]) }))
        }
        let t = try BindingFixtures.call("diffloader.claims", [
            "in_distribution": table([("DiffLoader", "training", 0.5), ("SACLoader", "training", 1), ("MTLoader", "training", 0.5)]),
            "ablation": table([("DiffLoader", "training", 0.5), ("DiffLoader (no prompt)", "training", 0.6)]),
            "unseen": table([("DiffLoader", "interpolation", 0.5), ("SACLoader", "interpolation", 0.6), ("DiffLoader", "extrapolation", 9), ("SACLoader", "extrapolation", 1)])])
        guard case .table(let claims) = t else { Issue.record("not a table"); return }
        #expect(try claims.texts("holds") == ["holds", "holds", "holds", "holds", "holds"])
        #expect(throws: ArgumentError.self) { try BindingFixtures.call("diffloader.claims", ["in_distribution": BindingFixtures.table, "ablation": BindingFixtures.table, "unseen": BindingFixtures.table]) }
    }
}

/// The fixtures' environment as a library value.
enum BindingFixturesEnvironment {
    static var value: MECEnvironment {
        guard case .library(let e as MECEnvironmentValue) = BindingFixtures.mecEnvironment else { fatalError("fixture") }
        return e.environment
    }
}
