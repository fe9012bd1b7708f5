import Foundation
import LabCore
import LAENet
import Notebook
import Testing
@testable import Catalog

/// The notebook seed reaches every call that draws random numbers and gives no `seed:`.
@Suite struct NotebookSeedTests {
    /// The digest of binding `d` of cell `c` after running `text`.
    func digest(_ text: String, cell: String = "c") throws -> String? {
        let s = try Scratch()
        let r = try #require(try s.run(text)[cell])
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        return try s.database.lookup(r.key!)?.outputs["d"]?.digest
    }

    func notebook(seed: Int, extraCell: Bool = false, call: String = "laenet.dataset(\"gs2_gu4_au2\", count: 3)") -> String {
        "---\nseed: \(seed)\n---\n" + (extraCell ? "```lab id=b\nx = laenet.dataset(\"gs2_gu4_au2\", count: 2)\n```\n\n" : "")
            + "```lab id=c\nd = \(call)\n```\n"
    }

    @Test func changingTheNotebookSeedChangesASeededResult() throws {
        #expect(try digest(notebook(seed: 1)) != digest(notebook(seed: 2)))
        let solve = "laenet.solve(laenet.dataset(\"gs2_gu4_au2\", count: 3, seed: 1), method: \"random\")"
        #expect(try digest(notebook(seed: 1, call: solve)) != digest(notebook(seed: 2, call: solve)))
    }

    @Test func addingACellDoesNotChangeAnotherCellsResult() throws {
        #expect(try digest(notebook(seed: 1)) == digest(notebook(seed: 1, extraCell: true)))
    }

    @Test func anExplicitSeedIsUnaffectedByTheNotebookSeed() throws {
        let call = "laenet.dataset(\"gs2_gu4_au2\", count: 3, seed: 0)"
        let pinned = try digest(notebook(seed: 1, call: call))
        #expect(try pinned == digest(notebook(seed: 2, call: call)))
        // … and gives the instances seed 0 always gave.
        let scale = try LAENetScale.parse("gs2_gu4_au2")
        let instances = LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 0, count: 3, jointlyFeasible: false)
        #expect(pinned == SHA256.hash(Value.library(LAENetDataset(scale: "gs2_gu4_au2", profile: "balanced", instances: instances)).encoded()).hex)
    }

    @Test func twoCallsInOneCellDrawDifferentSeeds() throws {
        let s = try Scratch()
        let r = try #require(try s.run("```lab id=c\n[laenet.dataset(\"gs2_gu4_au2\", count: 2).count, 0]\na = laenet.dataset(\"gs2_gu4_au2\", count: 2)\nb = laenet.dataset(\"gs2_gu4_au2\", count: 2)\n```\n")["c"])
        let entry = try #require(try s.database.lookup(r.key!))
        #expect(entry.outputs["a"]?.digest != entry.outputs["b"]?.digest)
    }
}
