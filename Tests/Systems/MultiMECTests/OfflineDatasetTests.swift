import Foundation
import LabCore
import Learning
@testable import MultiMEC
import Testing
import TestSupport

/// The offline dataset: assembly from SAC runs, prompt pools, the normaliser, the binary codec
/// and the `.npz` export.
@Suite struct OfflineDatasetTests {
    /// Two short SAC runs (no updates: the untrained stochastic policy), 30 episodes each.
    static func dataset() throws -> MECOfflineDataset {
        var c = SACTrainerTests.small(episodes: 30)
        c.updatesPerEpisode = 0
        let logs = try SACTrainerTests.environments.map { e in
            try MECSACTrainer.train(environments: [e], configuration: c, sink: MemorySink()).log
        }
        return try MECOfflineDataset(environments: SACTrainerTests.environments, logs: logs, promptSeed: 3, promptsPerEnvironment: 10, minimumPromptLength: 1)
    }

    @Test func episodesKeepTheirEnvironmentAndRunOrder() throws {
        let d = try Self.dataset()
        #expect(d.episodes.count == 60)
        #expect(d.episodeIndices(of: 1) == Array(30..<60))
        #expect(d.episodes[31].environment == 1 && d.episodes[31].runIndex == 1)
        #expect(d.returns(of: 0).count == 30)
        for ep in d.episodes {
            #expect(ep.observations.count == ep.length * 160 && ep.actions.count == ep.length * 40)
            #expect(ep.episodeReturn == Double(ep.rewards.last!))  // sparse reward: only the last step pays
            let p = try #require(ep.padded())
            #expect(p.observations.count == 20 * 160 && p.terminals.count == 20)
        }
    }

    @Test func thePlannerTrainsOnTheDatasetAsItIs() throws {
        let d = try Self.dataset()
        let p = try PlannerDataset(d, promptLength: 1)
        #expect(p.environments == 2 && p.episodes.count == d.episodes.count)
        for (a, b) in zip(p.episodes, d.episodes) {
            #expect(a.environment == b.environment && a.observations == b.observations && a.actions == b.actions && a.rewards == b.rewards)
        }
        for e in 0..<2 {
            #expect(p.prompts[e].map(\.rewards) == d.promptPools[e].map { d.episodes[$0].rewards })
        }
        #expect(p.normalizer.observationLow == d.normalizer.minimums && p.normalizer.observationHigh == d.normalizer.maximums)
        #expect(p.normalizer.actionLow == d.actionNormalizer.minimums && p.normalizer.actionHigh == d.actionNormalizer.maximums)
        // Fitting on the planner's episodes gives the dataset's own limits.
        let refit = PlannerNormalizer(fitting: p.episodes, observationSize: 160, actionSize: 40)
        #expect(refit == p.normalizer)
        #expect(throws: LabError.self) { try PlannerDataset(d, promptLength: 21) }
    }

    @Test func promptPoolsComeFromAfterTheFirstTenthAndAreLongEnough() throws {
        let d = try Self.dataset()
        for (e, pool) in d.promptPools.enumerated() {
            #expect(pool.count == 10)
            #expect(Set(pool).count == 10)  // every episode is long enough: no redraw, all distinct
            for i in pool { #expect(d.episodes[i].environment == e && d.episodes[i].runIndex >= 3) }
        }
        // Hand-built: only episodes 2 and 7 are long enough; draws that land elsewhere are redrawn.
        let episodes = (0..<10).map { i in
            let t = i == 2 || i == 7 ? 6 : 2
            return MECDatasetEpisode(environment: 0, runIndex: i, length: t, observations: Array(repeating: 0, count: t * 160),
                                     actions: Array(repeating: 0, count: t * 40), rewards: Array(repeating: 0, count: t),
                                     terminals: (0..<t).map { $0 == t - 1 }, meanCost: 0)
        }
        let pool = try MECOfflineDataset.promptPool(episodes: episodes, environment: 0, seed: 1, count: 4, minimumLength: 5)
        #expect(pool.count == 4 && pool.allSatisfy { $0 == 2 || $0 == 7 })
        #expect(try pool == MECOfflineDataset.promptPool(episodes: episodes, environment: 0, seed: 1, count: 4, minimumLength: 5))
        #expect(throws: LabError.self) { try MECOfflineDataset.promptPool(episodes: episodes, environment: 0, seed: 1, count: 4, minimumLength: 7) }
    }

    @Test func normalizerWidensOnlyConstantDimensions() {
        // Dimension 0 varies in [2, 6]; dimension 1 is constant 3.
        let n = MECMinMaxNormalizer(values: [2, 3, 6, 3, 4, 3], width: 2)
        #expect(n.minimums == [2, 2] && n.maximums == [6, 4])
        #expect(n.normalize([2, 3, 6, 3, 4, 3]) == [-1, 0, 1, 0, 0, 0])
        #expect(n.unnormalize([-1, 0, 1, 0]) == [2, 3, 6, 3])
        #expect(n.unnormalize([3, 0]) == [6, 3])  // clipped into [-1, 1] first
    }

    @Test func datasetNormalizerCoversTheConstantFeatures() throws {
        let d = try Self.dataset()
        // f_UE/3 (feature 1 of every UE) never changes: its range is v ± 1.
        #expect(abs(d.normalizer.minimums[1] - (1.0 / 3 - 1)) < 1e-6 && abs(d.normalizer.maximums[1] - (1.0 / 3 + 1)) < 1e-6)
        let all = d.normalizer.normalize(d.episodes.flatMap(\.observations))
        #expect(all.allSatisfy { $0 >= -1 - 1e-5 && $0 <= 1 + 1e-5 })
        #expect(all.contains { $0 < -0.99 } && all.contains { $0 > 0.99 })
    }

    @Test func binaryCodecRoundTripsAndRejectsDamage() throws {
        let d = try Self.dataset()
        let bytes = d.encoded()
        #expect(try MECOfflineDataset.decode(bytes) == d)
        for cut in [0, 3, 6, 10, 100, bytes.count / 2, bytes.count - 1] {
            #expect(throws: LabError.self) { try MECOfflineDataset.decode(Array(bytes.prefix(cut))) }
        }
        var bad = bytes
        bad[0] = 0
        #expect(throws: LabError.self) { try MECOfflineDataset.decode(bad) }
        #expect(throws: LabError.self) { try MECOfflineDataset.decode(bytes + [0]) }
    }

    @Test func npyHeaderIsNumPys() throws {
        let a = try NPYArray([1.5, -2] as [Float], shape: [2])
        let bytes = a.encoded()
        #expect(bytes.count == 128 + 8)  // 10 + 58-character dict + newline, padded to 64-byte alignment
        let header = String(decoding: bytes[10..<128], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }") && header.hasSuffix("\n"))
        #expect(try NPYArray.decode(bytes) == a)
        #expect(try NPYArray.decode(NPYArray([1, 2, 3, 4, 5, 6] as [Int32], shape: [2, 3]).encoded()).doubles == [1, 2, 3, 4, 5, 6])
        #expect(throws: LabError.self) { try NPYArray([1] as [Float], shape: [2]) }
    }

    @Test func npzExportReadsBack() throws {
        let d = try Self.dataset()
        let archive = try d.npz()
        let bytes = try archive.encoded()
        let back = try NPZArchive.decode(bytes)
        #expect(back == archive)
        #expect(back["observations"]?.shape == [60, 20, 160])
        #expect(back["lengths"]?.doubles == d.episodes.map { Double($0.length) })
        #expect(back["returns"]?.doubles == d.episodes.map(\.episodeReturn))
        #expect(try d.npz().encoded() == bytes)
        var bad = bytes
        bad[200] ^= 0xFF
        #expect(throws: LabError.self) { try NPZArchive.decode(bad) }
    }

    /// NumPy itself reads the archive (skipped when python3 with numpy is not installed).
    @Test func numpyLoadsTheArchive() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import numpy"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return }
        let d = try Self.dataset()
        let dir = try TemporaryDirectory()
        try Data(try d.npz().encoded()).write(to: URL(fileURLWithPath: dir.path("d.npz")))
        let script = """
        import numpy as np, sys
        z = np.load(sys.argv[1])
        assert z["observations"].shape == (60, 20, 160) and z["observations"].dtype == np.float32
        assert z["lengths"].dtype == np.int32 and z["returns"].dtype == np.float64
        e = int(np.argmax(z["lengths"]))
        print(z["lengths"].sum(), repr(float(z["returns"].sum())), repr(float(z["observations"][e, :z["lengths"][e]].sum(dtype=np.float64))))
        """
        let run = Process(), pipe = Pipe()
        run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        run.arguments = ["python3", "-c", script, dir.path("d.npz")]
        run.standardOutput = pipe
        try run.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        let maxLength = d.episodes.map(\.length).max() ?? 0
        let longest = try #require(d.episodes.first { $0.length == maxLength })
        let fields = out.split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(fields[0] == Double(d.steps))
        let total = d.episodes.map(\.episodeReturn).reduce(0, +)
        #expect(abs((fields[1] ?? .nan) - total) < 1e-9 * max(1, abs(total)))
        let obsSum = longest.observations.reduce(0.0) { $0 + Double($1) }
        #expect(abs((fields[2] ?? .nan) - obsSum) < 1e-6 * max(1, abs(obsSum)))
    }
}
