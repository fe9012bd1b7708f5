import Foundation
import LabCore
import Notebook
import Testing
@testable import Catalog

/// `str`, `round`, `min`, `max`, `sorted`, `table.derive`, `table.concat(…, fill_missing:)`, the
/// static operand checks and `lab functions`' full parameter names.
@Suite struct LanguageBuiltinTests {
    /// Runs one cell and returns its outcome.
    func cell(_ body: String) throws -> CellResult {
        try Scratch().run("```lab id=c\n\(body)\n```\n")["c"]!
    }

    /// The lint diagnostics of one cell, or nil when it is clean.
    func lint(_ body: String) throws -> String? {
        let nb = try Notebook.parse("```lab id=c\n\(body)\n```\n", path: "nb.md")
        do {
            try Analysis(nb, catalog: Catalog.standard).validate()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func strRoundMinMaxGiveTheirValues() throws {
        let r = try cell("""
        k = 200
        [["GADSG, " + str(k), str(0.1), str(3.0), str(2.5e-7), str("a"), str(true)], [round(2.675, digits: 2), round(2.5), round(-0.4)], [min([3, 1, 2]), max([1.5, 2, -1]), min(["b", "a"]), max([1, 2.5])]]
        """)
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        #expect(r.output?.summary == "[[\"GADSG, 200\", \"0.1\", \"3\", \"2.5e-07\", \"a\", \"true\"], [2.67, 2, 0], [1, 2, \"a\", 2.5]]", "\(r.output?.summary ?? "")")
        if case .list(let groups)? = r.output, case .list(let items) = groups[2] {
            #expect(items[0].type == .int, "min of ints is an int")
            #expect(items[3].type == .number)
        }
    }

    @Test func minMaxAndSortedRefuseWhatHasNoOrder() throws {
        #expect(try cell("x = min([])").error?.message.contains("empty list") == true)
        #expect(try cell("x = max([1, \"a\"])").error?.message.contains("numbers and strings together") == true)
        #expect(try cell("x = sorted([{a: 1}, {b: 2}], by: \"a\")").error?.message.contains("item 1 has no field `a`") == true)
        #expect(try cell("x = sorted(3)").error?.message.contains("sorts a list or a table") == true)
        #expect(try lint("x = round(1.5, digits: 16)")?.contains("from 0 to 15") == true)
    }

    @Test func sortedOrdersListsRecordsAndTablesStably() throws {
        let r = try cell("""
        rows = [{m: "b", r: 2}, {m: "a", r: 1}, {m: "c", r: 2}]
        t = table.from_records(rows)
        [sorted([3, 1.5, 2]), sorted(["b", "a"], descending: true), [x.m for x in sorted(rows, by: "r")], [x.m for x in sorted(rows, by: "r", descending: true)], sorted(t, by: "m").m]
        """)
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        #expect(r.output?.summary == "[[1.5, 2, 3], [\"b\", \"a\"], [\"a\", \"b\", \"c\"], [\"b\", \"c\", \"a\"], [\"a\", \"b\", \"c\"]]", "\(r.output?.summary ?? "")")
    }

    @Test func deriveAddsAComputedColumnAndNamesThePlaceOfErrors() throws {
        let r = try cell("""
        t = table.from_records([{method: "a", gadsg_ratio: 1.25, mcmf_ratio: 1.0}, {method: "b", gadsg_ratio: 1.5, mcmf_ratio: 1.25}])
        u = table.derive(t, name: "gap", expr: "gadsg_ratio - mcmf_ratio")
        v = table.derive(u, name: "label", expr: "method + \\": \\" + str(round(gap, digits: 1))")
        [v.gap, v.label]
        """)
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        #expect(r.output?.summary == "[[0.25, 0.25], [\"a: 0.2\", \"b: 0.2\"]]", "\(r.output?.summary ?? "")")
        let unknown = try cell("t = table.derive(table.from_records([{ratio: 1}]), name: \"g\", expr: \"ratoi * 2\")")
        #expect(unknown.outcome == .failed)
        #expect(unknown.error?.message.contains("reads `ratoi`, which is not a column; did you mean `ratio`?") == true, "\(String(describing: unknown.error))")
        #expect(unknown.error?.location?.column == 69, "the error points at the `expr:` argument")
        let division = try cell("t = table.derive(table.from_records([{a: 1}, {a: 0}]), name: \"g\", expr: \"1 / a\")")
        #expect(division.error?.message.contains("row 1, column 1 of `expr`: division by zero") == true, "\(String(describing: division.error))")
        let syntax = try lint("t = table.derive(table.from_records([{a: 1}]), name: \"g\", expr: \"a +\")")
        #expect(syntax?.contains("nb.md:2:65: error: argument `expr` of `table.derive` must be an expression of the cell language") == true, "\(syntax ?? "")")
        let binding = try lint("t = table.derive(table.from_records([{a: 1}]), name: \"g\", expr: \"b = a\")")
        #expect(binding?.contains("no `name =` binding") == true, "\(binding ?? "")")
    }

    @Test func concatFillsMissingColumnsOnlyWhenAsked() throws {
        let body = """
        a = table.from_records([{method: "x", ratio: 1}])
        b = table.from_records([{method: "y", time: 2}])
        """
        let refused = try cell(body + "\nc = table.concat([a, b])")
        #expect(refused.error?.message.contains("fill_missing: true") == true, "\(String(describing: refused.error))")
        let r = try cell(body + "\nc = table.concat([a, b], fill_missing: true)\n[table.select(c, columns: [\"method\", \"ratio\", \"time\"]).method, c.ratio, c.time]")
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        #expect(r.output?.summary == "[[\"x\", \"y\"], [1, nan], [nan, 2]]", "\(r.output?.summary ?? "")")
        let clash = try cell("c = table.concat([table.from_records([{a: 1}]), table.from_records([{a: \"t\"}])], fill_missing: true)")
        #expect(clash.error?.message.contains("holds numbers in one table and text in another") == true)
    }

    @Test func typeErrorsKnownStaticallyAreLintErrors() throws {
        let message = try lint("k = 3\nlabel = \"GADSG, \" + k")
        #expect(message?.contains("nb.md:3:9: error: `+` cannot combine a string and an int; write `… + str(…)` to join its text") == true, "\(message ?? "")")
        #expect(try lint("x = -\"a\"")?.contains("cannot negate a string") == true)
        #expect(try lint("x = \"a\" < 1")?.contains("cannot compare a string with an int") == true)
        #expect(try lint("x = 1 and true")?.contains("`and` needs bools") == true)
        // Unknown types are never guessed: no false positives.
        #expect(try lint("d = laenet.dataset(\"gs2_gu4_au2\", count: 2, seed: 1)\nx = [d.count + 1, \"n=\" + str(d.count), [1] + [2], 1 + 2.5, false and 1, 1 == \"a\"]") == nil)
    }

    @Test func committedNotebooksLintClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Notebooks")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count >= 9)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let nb = try Notebook.parse(text, path: "Notebooks/\(name)")
            let problems = Analysis(nb, catalog: Catalog.standard).diagnostics
            #expect(problems.isEmpty, "\(name): \(problems.map(\.description))")
        }
    }

    @Test func functionsDocumentationPrintsFullParameterNames() throws {
        let doc = try Catalog.standard.documentation(for: "gadsg.train")
        #expect(doc.contains("  validation_labels "), "\(doc)")
        #expect(!doc.contains("  validation_l "), "no name is cut to 12 characters")
        #expect(try Catalog.standard.documentation(for: "table.derive").contains("an expression of the cell language"))
    }
}
