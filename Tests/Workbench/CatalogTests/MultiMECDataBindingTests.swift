import Foundation
import LabCore
import Learning
import MultiMEC
import Notebook
import Store
import Testing
import TestSupport
@testable import Catalog

/// `multimec.sac`, `multimec.collect` and the dataset tables: the bindings give exactly what the
/// library's trainer gives, arguments fail at their place, and the dataset exports to `.npz`.
@Suite struct MultiMECDataBindingTests {
    static let envs = """
    e = multimec.environment(bandwidth_mhz: 6, edge_ghz: 5, mean_task_kb: 500, ues: 4)
    f = multimec.environment(bandwidth_mhz: 3, edge_ghz: 10, mean_task_kb: 300, ues: 4)
    runs = [multimec.sac(x, episodes: 12, seed: 3, hidden: [8, 8], batch: 8, updates_per_episode: 2) for x in [e, f]]

    """
    static let environments = [try! MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: 4),
                               try! MECEnvironment(bandwidthMHz: 3, edgeGHz: 10, meanTaskKb: 300, users: 4)]

    /// What `runs` above is, trained directly.
    static func trainers() throws -> [MECSACTrainer] {
        var c = MECSACConfiguration()
        (c.episodes, c.seed, c.sac.hiddenSizes, c.sac.batchSize, c.updatesPerEpisode) = (12, 3, [8, 8], 8, 2)
        return try environments.map { try MECSACTrainer.train(environments: [$0], configuration: c, sink: MemorySink()) }
    }

    func run(_ body: String) throws -> CellResult {
        let s = try Scratch()
        return try #require(try s.run("```lab id=c\n\(body)\n```\n")["c"])
    }

    @Test func collectEqualsTheTrainerRunDirectlyByteForByte() throws {
        let r = try run(Self.envs + "multimec.collect(runs, per_environment: 3, min_length: 1, seed: 5)")
        guard case .library(let value as MECDatasetValue)? = r.output else { Issue.record("\(String(describing: r.error))"); return }
        let direct = try MECOfflineDataset(environments: Self.environments, logs: try Self.trainers().map(\.log), promptSeed: 5,
                                           promptsPerEnvironment: 3, minimumPromptLength: 1)
        #expect(value.encoded() == direct.encoded())
        #expect(try MECDatasetValue.decode(value.encoded()).dataset == direct)
        #expect(try value.npzBytes() == (try direct.npz().encoded()))
    }

    @Test func aRunIsThePolicyTheTrainerLearnedAndRoundTrips() throws {
        let r = try run(Self.envs + "multimec.evaluate(runs[0], environments: [e, f], episodes: 3, seed: 9)")
        guard case .table(let t)? = r.output else { Issue.record("\(String(describing: r.error))"); return }
        let trainer = try #require(try Self.trainers().first)
        let costs = Self.environments.map { MECEvaluation.run(trainer.policy(), on: $0, episodes: 3, evaluationSeed: 9, terminateOnViolation: false).meanCost }
        #expect(try t.numberColumn("cost") == costs)
        #expect(try t.texts("policy") == ["SAC", "SAC"])
        let value = try MECSACRunValue(trainer)
        let back = try MECSACRunValue.decode(value.encoded())
        #expect(back.encoded() == value.encoded() && back.actor == value.actor && back.data == value.data)
        guard case .series(let returns)? = back.member("return") else { Issue.record("no return series"); return }
        #expect(returns.values == (0..<trainer.log.count).map(trainer.log.episodeReturn))
        #expect(throws: LabError.self) { try MECSACRunValue.decode(Array(value.encoded().dropLast(3))) }
        #expect(throws: LabError.self) { try value.policy(for: MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: 5), seed: 0) }
    }

    @Test func returnsAreMinMaxNormalisedPerEnvironmentAndTheHistogramCountsEveryEpisode() throws {
        let r = try run(Self.envs + "d = multimec.collect(runs, per_environment: 2, min_length: 1, seed: 1)\nh = multimec.return_histogram(d, bins: 4)\n[multimec.returns(d), h, multimec.curves(d, window: 3)]")
        guard case .list(let items)? = r.output, items.count == 3, case .table(let returns) = items[0], case .table(let histogram) = items[1],
              case .table(let curves) = items[2] else { Issue.record("\(String(describing: r.error))"); return }
        let env = try returns.texts("environment"), norm = try returns.numberColumn("normalized_return"), raw = try returns.numberColumn("return")
        for label in Set(env) {
            let own = env.indices.filter { env[$0] == label }
            #expect(own.map { norm[$0] }.min() == 0 && own.map { norm[$0] }.max() == 1)
            let lo = own.map { raw[$0] }.min()!, hi = own.map { raw[$0] }.max()!
            for i in own { #expect(abs(norm[i] - (raw[i] - lo) / (hi - lo)) < 1e-12) }
        }
        #expect(returns.rowCount == 24 && histogram.rowCount == 8)
        #expect(try histogram.numberColumn("count").reduce(0, +) == 24)
        #expect(try histogram.texts("bin_label").prefix(4) == ["0.00", "0.25", "0.50", "0.75"])
        let smoothed: [Double] = try curves.numberColumn("return_smoothed")
        let first: Double = (raw[0] + raw[1] + raw[2]) / 3, second: Double = (raw[1] + raw[2] + raw[3]) / 3
        #expect(abs(smoothed[2] - first) < 1e-12)
        #expect(abs(smoothed[3] - second) < 1e-12)
    }

    @Test(arguments: [
        ("multimec.sac(e, episodes: 0)", "episodes"),
        ("multimec.sac(e, batch: 0)", "batch"),
        ("multimec.sac(e, hidden: [8, 0])", "hidden"),
        ("multimec.sac(e, updates_per_episode: -1)", "updates_per_episode"),
        ("multimec.collect(runs, min_length: 21)", "min_length"),
    ])
    func literalOutOfRangeIsALintError(call: String, parameter: String) throws {
        let nb = try Notebook.parse("```lab id=c\n\(Self.envs)x = \(call)\n```\n", path: "nb.md")
        do {
            try Analysis(nb, catalog: Catalog.standard).validate()
            Issue.record("lint passed \(call)")
        } catch {
            let place = ArgumentCheckTests.place(of: parameter, in: call, line: 5, prefix: "x = ")
            #expect("\(error)".contains(place + ": error: argument `\(parameter)`"), "\(error)")
        }
    }

    /// Computed arguments are checked when the call runs: exit 2 at the argument.
    @Test(arguments: [
        ("multimec.sac(e, hidden: list.range(0))", "hidden"),
        ("multimec.collect(list.range(0))", "runs"),
        ("multimec.collect(runs + [multimec.sac(multimec.environment(bandwidth_mhz: 6, edge_ghz: 5, mean_task_kb: 500, ues: 3), episodes: 2, hidden: [4], batch: 4)])", "runs"),
    ])
    func computedArgumentsFailAtTheArgument(call: String, parameter: String) throws {
        let r = try run(Self.envs + "x = \(call)")
        let error = try #require(r.error, "\(call) ran")
        #expect(error.code.exitCode == 2, "\(error)")
        #expect(error.location?.description == ArgumentCheckTests.place(of: parameter, in: call, line: 5, prefix: "x = "), "\(error)")
    }
}

/// `lab cache export KEY:OUTPUT -o FILE.npz` writes a dataset's arrays, and refuses other values.
@Suite(.serialized) struct MultiMECDataExportTests {
    @Test func theDatasetExportsToNPZAndATableDoesNot() throws {
        let s = try Scratch()
        let nb = "```lab id=c\n" + MultiMECDataBindingTests.envs + "d = multimec.collect(runs, per_environment: 3, min_length: 1, seed: 5)\nt = multimec.returns(d)\n```\n"
        try nb.write(to: s.url.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let ran = try lab(["run", "nb.md", "--store", "data.sqlite", "--quiet"], in: s.url)
        #expect(ran.status == 0, "\(ran.err)")
        let db = try StoreDatabase(path: s.url.appendingPathComponent("data.sqlite").path, options: StoreOptions(readOnly: true))
        let key = try #require(try db.cacheKeys(prefix: "", limit: 100).first { (try? db.lookup($0))??.outputs["d"] != nil })
        let exported = try lab(["cache", "export", "\(key):d", "-o", "data.npz", "--store", "data.sqlite"], in: s.url)
        #expect(exported.status == 0, "\(exported.err)")
        let archive = try NPZArchive.decode(Array(try Data(contentsOf: s.url.appendingPathComponent("data.npz"))))
        let direct = try MECOfflineDataset(environments: MultiMECDataBindingTests.environments, logs: try MultiMECDataBindingTests.trainers().map(\.log),
                                           promptSeed: 5, promptsPerEnvironment: 3, minimumPromptLength: 1)
        #expect(archive == (try direct.npz()))
        let table = try lab(["cache", "export", "\(key):t", "-o", "t.npz", "--store", "data.sqlite"], in: s.url)
        #expect(table.status == 2 && table.err.contains("no .npz form"), "\(table.err)")
        let series = try lab(["cache", "export", key, "--metric", "return", "-o", "r.npz", "--store", "data.sqlite"], in: s.url)
        #expect(series.status == 2, "\(series.err)")
    }
}
