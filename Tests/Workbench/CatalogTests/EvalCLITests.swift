import Foundation
import LabCore
import Store
import Testing
import TestSupport

/// `lab eval`, outputs placed in the project root, and CSVs whose integers stay integers, through
/// the command line.
@Suite(.serialized) struct EvalCLITests {
    static let notebook = """
    ---
    params:
      scale: 2
    ---
    ```lab id=data
    t = table.from_records([{method: "a", ratio: 1.25, count: 200}, {method: "b", ratio: 1.5, count: 100}])
    ```

    ```lab id=scaled
    s = [r * params.scale for r in t.ratio]
    ```

    ```lab id=fig
    bars = plot.bars(t, x: "method", y: "ratio")
    ```
    """

    /// A scratch project: `Notebooks/nb.md` and an empty `sub/` folder.
    func project() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory("eval")
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("Notebooks"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try EvalCLITests.notebook.write(to: dir.url.appendingPathComponent("Notebooks/nb.md"), atomically: true, encoding: .utf8)
        return dir
    }

    func exists(_ dir: TemporaryDirectory, _ path: String) -> Bool { FileManager.default.fileExists(atPath: dir.path(path)) }

    @Test func evalReadsStoredValuesAndNamesTheCellToRunOtherwise() throws {
        let dir = try project()
        let cold = try lab(["eval", "Notebooks/nb.md", "t"], in: dir.url)
        #expect(cold.status == 3, "\(cold)")
        #expect(cold.err.contains("`t` is not stored for these parameters: its cell `data` is never run"), "\(cold.err)")
        #expect(cold.err.contains("Run `lab run Notebooks/nb.md --cell data` first, or pass --run"), "\(cold.err)")
        #expect(!exists(dir, "Results"), "eval computes nothing")

        #expect(try lab(["run", "Notebooks/nb.md", "--quiet"], in: dir.url).status == 0)
        let sorted = try lab(["eval", "Notebooks/nb.md", "sorted(t, by: \"ratio\", descending: true).method"], in: dir.url)
        #expect(sorted.status == 0, "\(sorted.err)")
        #expect(sorted.out == "[\"b\", \"a\"]\n")
        let table = try lab(["eval", "Notebooks/nb.md", "table.derive(t, name: \"gap\", expr: \"ratio - 1\")"], in: dir.url)
        #expect(table.out.contains("gap") && table.out.contains("0.25"), "\(table.out)")

        // Other parameters: not stored until asked.
        let other = try lab(["eval", "Notebooks/nb.md", "s", "--param", "scale=3"], in: dir.url)
        #expect(other.status == 3 && other.err.contains("--cell scaled --param scale=3"), "\(other.err)")
        let ran = try lab(["eval", "Notebooks/nb.md", "s", "--param", "scale=3", "--run", "--quiet"], in: dir.url)
        #expect(ran.status == 0, "\(ran.err)")
        #expect(ran.out == "[3.75, 4.5]\n")
        #expect(ran.err.contains("✓ scaled  ran"), "\(ran.err)")
        let again = try lab(["eval", "Notebooks/nb.md", "s", "--param", "scale=3"], in: dir.url)
        #expect(again.out == "[3.75, 4.5]\n", "stored now: \(again.err)")
    }

    @Test func evalChecksTheExpressionStaticallyAndWritesFiles() throws {
        let dir = try project()
        #expect(try lab(["run", "Notebooks/nb.md", "--quiet"], in: dir.url).status == 0)
        let typo = try lab(["eval", "Notebooks/nb.md", "max(tt.ratio)"], in: dir.url)
        #expect(typo.status == 2)
        #expect(typo.err.contains("expression:1:5: error: unknown name `tt`; did you mean `t`?"), "\(typo.err)")
        let typed = try lab(["eval", "Notebooks/nb.md", "\"n = \" + list.len(t.ratio)"], in: dir.url)
        #expect(typed.status == 2 && typed.err.contains("`+` cannot combine a string and an int"), "\(typed.err)")
        let binding = try lab(["eval", "Notebooks/nb.md", "x = t"], in: dir.url)
        #expect(binding.status == 2 && binding.err.contains("no `name =` binding"), "\(binding.err)")

        let csv = try lab(["eval", "Notebooks/nb.md", "t", "-o", "t.csv"], in: dir.url)
        #expect(csv.status == 0, "\(csv.err)")
        let written = try String(contentsOf: dir.url.appendingPathComponent("t.csv"), encoding: .utf8)
        #expect(written == "method,ratio,count\na,1.25,200\nb,1.5,100\n")
        let json = try lab(["eval", "Notebooks/nb.md", "max(t.count)", "-o", "m.json"], in: dir.url)
        #expect(json.status == 0, "\(json.err)")
        let max = try String(contentsOf: dir.url.appendingPathComponent("m.json"), encoding: .utf8)
        #expect(max == "200")
        #expect(try lab(["eval", "Notebooks/nb.md", "t.ratio", "-o", "r.npy"], in: dir.url).status == 0)
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("r.npy")).prefix(6) == Data([0x93] + Array("NUMPY".utf8)))
        #expect(try lab(["eval", "Notebooks/nb.md", "bars", "-o", "bars.png"], in: dir.url).status == 0)
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("bars.png")).prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let wrong = try lab(["eval", "Notebooks/nb.md", "t", "-o", "t.png"], in: dir.url)
        #expect(wrong.status == 2 && wrong.err.contains("no .png form"), "\(wrong.err)")
    }

    @Test func integersStayIntegersInRunAndExportCSVsAlike() throws {
        let dir = try project()
        #expect(try lab(["run", "Notebooks/nb.md", "--quiet"], in: dir.url).status == 0)
        let run = try String(contentsOf: dir.url.appendingPathComponent("Results/nb/t.csv"), encoding: .utf8)
        #expect(run == "method,ratio,count\na,1.25,200\nb,1.5,100\n", "\(run)")
        let ls = try lab(["cache", "ls"], in: dir.url)
        // Whatever the listing's layout, one of its hex words is the cell's key.
        var exported: String?
        for candidate in ls.out.split(whereSeparator: { $0 == " " || $0 == "\n" }) where candidate.count >= 12 && candidate.allSatisfy(\.isHexDigit) {
            if try lab(["cache", "export", "\(candidate):t", "-o", "e.csv"], in: dir.url).status == 0 {
                exported = try String(contentsOf: dir.url.appendingPathComponent("e.csv"), encoding: .utf8)
                break
            }
        }
        #expect(exported == run, "`lab cache export` and `lab run` write the same bytes")
    }

    @Test func outputsGoToTheProjectRootFromAnySubfolder() throws {
        let dir = try project()
        let fromSub = try lab(["run", "../Notebooks/nb.md", "--quiet"], in: dir.url.appendingPathComponent("sub"))
        #expect(fromSub.status == 0, "\(fromSub.err)")
        #expect(exists(dir, ".lab/store.sqlite") && exists(dir, "Results/nb/t.csv") && exists(dir, "Figures/nb/bars.png"))
        #expect(!exists(dir, "sub/.lab") && !exists(dir, "sub/Results") && !exists(dir, "sub/Figures"))
        // From the notebook's own folder: the same store, so everything is cached.
        let fromNotebooks = try lab(["run", "nb.md"], in: dir.url.appendingPathComponent("Notebooks"))
        #expect(fromNotebooks.out.contains("3 hit"), "\(fromNotebooks.out)")
        #expect(!exists(dir, "Notebooks/.lab") && !exists(dir, "Notebooks/Results"))
        let render = try lab(["render", "nb.md"], in: dir.url.appendingPathComponent("Notebooks"))
        #expect(render.status == 0 && exists(dir, "Reports/nb.html"), "\(render)")
        let status = try lab(["cache", "stats"], in: dir.url.appendingPathComponent("sub"))
        #expect(status.status == 0 && !exists(dir, "sub/.lab"), "lab cache finds the root's store: \(status.err)")

        // A `lab.toml` marks a root without a Notebooks/ folder.
        let marked = try TemporaryDirectory("marked")
        try FileManager.default.createDirectory(at: marked.url.appendingPathComponent("analysis/deep"), withIntermediateDirectories: true)
        try "".write(to: marked.url.appendingPathComponent("lab.toml"), atomically: true, encoding: .utf8)
        try EvalCLITests.notebook.write(to: marked.url.appendingPathComponent("analysis/nb.md"), atomically: true, encoding: .utf8)
        #expect(try lab(["run", "../nb.md", "--quiet"], in: marked.url.appendingPathComponent("analysis/deep")).status == 0)
        #expect(FileManager.default.fileExists(atPath: marked.path("Results/nb/t.csv")) && FileManager.default.fileExists(atPath: marked.path(".lab/store.sqlite")))
    }
}
