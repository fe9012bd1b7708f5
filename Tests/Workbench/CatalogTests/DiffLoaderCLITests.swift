import Foundation
import LabCore
import MultiMEC
import Notebook
import Store
import Testing
import TestSupport
@testable import Catalog

/// A `diffloader.train` killed with SIGKILL through `lab run` resumes to the same planner, and
/// `lab mec play --policy KEY:OUTPUT` plays the stored planner into a replayable `mec-episode/1`.
@Suite(.serialized) struct DiffLoaderCLITests {
    @Test func killedPlannerTrainingResumesAndTheStoredPlannerPlaysLabMEC() throws {
        let s = try Scratch()
        let text = """
        ```lab id=train
        e = multimec.environment(bandwidth_mhz: 6, edge_ghz: 5, mean_task_kb: 500, ues: 3)
        data = multimec.collect([multimec.sac(e, episodes: 12, seed: 1, hidden: [4], batch: 4)], per_environment: 2, min_length: 1, seed: 2)
        planner = diffloader.train(data, width: 8, heads: 2, layers: 1, inner_width: 8, embedding_hidden: [8], prompt_length: 1, horizon: 2,
                                   diffusion_steps: 3, steps: 400, items: 2, checkpoint_every: 1, seed: 3)
        [planner.digest, list.len(table.from_series(planner.loss).step)]
        ```
        """
        try expectKilledRunResumesIdentically(text, in: s, contains: ", 400]")

        let db = try StoreDatabase(path: s.url.appendingPathComponent("clean.sqlite").path, options: StoreOptions(readOnly: true))
        let key = try #require(try db.cacheKeys(prefix: "", limit: 10).first { try db.lookup($0)?.outputs["planner"] != nil })
        let played = try lab(["mec", "play", "--env", "6,5,500", "--users", "3", "--seed", "4", "--policy", "\(key.prefix(12)):planner",
                              "--store", "clean.sqlite", "--out", "p.json"], in: s.url)
        #expect(played.status == 0, "\(played.err)")
        let file = try String(contentsOf: s.url.appendingPathComponent("p.json"), encoding: .utf8)
        let value = try MECPlayCommandFixture.planner(db, key: key)
        var policy = try value.policy(for: try MECEnvironment.parse("6,5,500", users: 3), seed: 4)
        #expect(file == (try MECEpisodeFile.played(by: &policy, in: try MECEnvironment.parse("6,5,500", users: 3), seed: 4)).fileText)
        let replay = try lab(["mec", "replay", "p.json", "--json"], in: s.url)
        #expect(replay.status == 0, "\(replay.err)")
        let wrongUsers = try lab(["mec", "play", "--env", "6,5,500", "--seed", "4", "--policy", "\(key.prefix(12)):planner", "--store", "clean.sqlite", "--out", "q.json"], in: s.url)
        #expect(wrongUsers.status == 2 && wrongUsers.err.contains("UEs"), "\(wrongUsers.err)")
        let missing = try lab(["mec", "play", "--env", "6,5,500", "--policy", "\(key.prefix(12)):nothing", "--store", "clean.sqlite", "--out", "q.json"], in: s.url)
        #expect(missing.status == 2 && missing.err.contains("no output 'nothing'"), "\(missing.err)")
        let heuristic = try lab(["mec", "play", "--env", "6,5,500", "--heuristic", "top-k", "--k", "3", "--out", "h.json"], in: s.url)
        #expect(heuristic.status == 0, "\(heuristic.err)")
        let neither = try lab(["mec", "play", "--env", "6,5,500", "--out", "h.json"], in: s.url)
        #expect(neither.status == 2)
    }
}

/// Reads the stored planner the CLI test trained.
enum MECPlayCommandFixture {
    static func planner(_ db: StoreDatabase, key: String) throws -> DiffLoaderPlannerValue {
        let digest = try #require(try db.lookup(key)?.outputs["planner"]?.digest)
        let blob = try #require(try db.blob(digest))
        guard case .library(let v as DiffLoaderPlannerValue) = try Value.decode(blob.bytes, libraryTypes: Catalog.standard.libraryTypes) else {
            throw LabError(.failure, "not a planner")
        }
        return v
    }
}
