import Foundation
import Notebook
import Testing
@testable import Catalog

/// `keep_checkpoints:` on training functions: how many of the latest checkpoints the store keeps,
/// never part of the memo key.
@Suite struct CheckpointRetentionTests {
    /// 400 steps with a checkpoint every 100 (function_fit saves at steps 100, 200 and 300 and none at the end).
    static func fit(_ keep: String) -> String {
        "```lab id=fit\nr = learning.function_fit(steps: 400, seed: 3, checkpoint_every: 100\(keep))\nr.digest\n```\n"
    }

    @Test func aFinishedTrainingKeepsItsLatestCheckpointsAsAsked() throws {
        let s = try Scratch()
        let first = try s.run(Self.fit(", keep_checkpoints: 3"), catalog: .standard)["fit"]?.output?.summary
        let key = try #require(try s.database.checkpointSummaries().first?.key)
        let kept = try s.database.checkpointSteps(key: key)
        #expect(kept == [100, 200, 300], "\(kept)")
        // Asking for fewer reuses the stored model (the argument is not in the key) …
        let again = try s.run(Self.fit(""), catalog: .standard)["fit"]?.output?.summary
        #expect(again == first && first != nil)
        #expect(try s.database.checkpointSummaries().count == 1)
        // … and a fresh store with the default keeps only the final one.
        let t = try Scratch()
        #expect(try t.run(Self.fit(""), catalog: .standard)["fit"]?.output?.summary == first)
        let k = try #require(try t.database.checkpointSummaries().first?.key)
        let one = try t.database.checkpointSteps(key: k)
        #expect(one == [300], "\(one)")
        #expect(k == key, "keep_checkpoints is not part of the call key")
    }

    @Test func everyTrainingFunctionTakesIt() throws {
        for name in ["gadsg.train", "gdsg.train", "dignn.train", "grlo.train", "mad2rl.train", "pqmix.train", "multimec.sac",
                     "multimec.sacloader", "multimec.mtloader", "multimec.moeloader", "multimec.metaloader", "diffloader.train",
                     "learning.function_fit"] {
            let signature = try #require(Catalog.standard.signature(named: name), "\(name)")
            let p = try #require(signature.parameters.first { $0.name == "keep_checkpoints" }, "\(name) has no keep_checkpoints")
            #expect(!p.keyed && p.defaultValue?.summary == "1", "\(name)")
        }
    }
}
