import Foundation
import Notebook
import Testing
@testable import Catalog

/// `list.product`, `list.index_of`, `table.label`, `table.rename`, `table.from_series` and
/// `table.pivot`: the helpers the GADSG notebooks sweep and summarise with.
@Suite struct TableShapingTests {
    /// Runs one cell and returns its outcome.
    func cell(_ body: String, _ s: Scratch) throws -> CellResult {
        try s.run("```lab id=c\n\(body)\n```\n")["c"]!
    }

    @Test func productVariesTheLastListFastestAndIndexOfFindsFirstMatches() throws {
        let s = try Scratch()
        let r = try cell("""
        p = list.product([["paper", "balanced"], [1, 2, 3]])
        [list.len(p), p[0], p[1], p[3], list.index_of(p, ["balanced", 1]), list.index_of([1, 2, 1], 1)]
        """, s)
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        #expect(r.output?.summary == "[6, [\"paper\", 1], [\"paper\", 2], [\"balanced\", 1], 3, 0]")
        let missing = try Scratch().run("```lab id=m\nx = list.index_of([\"a\", \"b\"], \"c\")\n```\n")["m"]!
        #expect(missing.outcome == .failed)
        #expect(missing.error?.message.contains("\"c\" is not among the 2 items") == true, "\(String(describing: missing.error))")
        let typed = try Scratch().run("```lab id=t\nx = list.index_of([1, 2], 1.0)\n```\n")["t"]!
        #expect(typed.outcome == .failed, "1 and 1.0 are different values")
        let empty = try Scratch().run("```lab id=e\nx = list.product([[1, 2], []])\nlist.len(x)\n```\n")["e"]!
        #expect(empty.output?.summary == "0")
    }

    @Test func labelAddsConstantColumnsAndRenameKeepsOrder() throws {
        let s = try Scratch()
        let r = try cell("""
        t = table.label(table.from_records([{x: 1}, {x: 2}]), {profile: "paper", seed: 3, ok: true})
        u = table.rename(t, {x: "value", seed: "run"})
        [u.value, u.profile, u.run, u.ok]
        """, s)
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        #expect(r.output?.summary == "[[1, 2], [\"paper\", \"paper\"], [3, 3], [1, 1]]")
        let clash = try Scratch().run("```lab id=k\nt = table.label(table.from_records([{x: 1}]), {x: 2})\n```\n")["k"]!
        #expect(clash.error?.message.contains("appears twice") == true)
        let unknown = try Scratch().run("```lab id=k\nt = table.rename(table.from_records([{x: 1}]), {y: \"z\"})\n```\n")["k"]!
        #expect(unknown.error?.message.contains("no column `y`") == true)
    }

    @Test func fromSeriesAveragesWindowsAndKeepsThePartialLastOne() throws {
        var c = testCatalog()
        c.register(TestSeries.self)
        let s = try Scratch()
        let r = try s.run("""
        ```lab id=c
        a = table.from_series(test.series(), window: 2)
        b = table.from_series(test.series())
        [a.step, a.value, b.value]
        ```
        """, catalog: c)["c"]!
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        #expect(r.output?.summary == "[[2, 4, 5], [2, 6, 20], [1, 3, 5, 7, 20]]")
    }

    @Test func pivotMakesOneRowPerKeyAndOneColumnPerMethod() throws {
        let rows = """
        [{profile: "paper", scale: "s1", method: "ao", ratio: 1.25, sd: 0.01}, {profile: "paper", scale: "s1", method: "gadsg", ratio: 1.0, sd: 0.002}, {profile: "paper", scale: "s2", method: "gadsg", ratio: 1.5, sd: 0}]
        """
        let s = try Scratch()
        let r = try cell("""
        long = table.from_records(\(rows))
        n = table.pivot(long, rows: ["profile", "scale"], column: "method", value: "ratio")
        t = table.pivot(long, rows: ["scale"], column: "method", value: "ratio", error: "sd", digits: 2)
        [n.scale, n.ao, n.gadsg, t.ao, t.gadsg]
        """, s)
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        #expect(r.output?.summary == "[[\"s1\", \"s2\"], [1.25, nan], [1, 1.5], [\"1.25 ± 0.01\", \"\"], [\"1.00 ± 0.00\", \"1.50 ± 0.00\"]]")
        let twice = try Scratch().run("```lab id=d\nt = table.pivot(table.from_records([{a: \"x\", m: \"y\", v: 1}, {a: \"x\", m: \"y\", v: 2}]), rows: [\"a\"], column: \"m\", value: \"v\")\n```\n")["d"]!
        #expect(twice.error?.message.contains("occurs more than once") == true)
    }
}

/// `plot.heatmap`'s shared colour range and fixed decimals (Figure 6 compares two panels).
@Suite struct HeatmapBindingTests {
    @Test func rangeAndDecimalsReachTheFigureAndBadRangesAreRefused() throws {
        let s = try Scratch()
        let cells = """
        t = table.from_records([{a: "x", b: "p", v: 1.02}, {a: "y", b: "p", v: 1.2}])
        h = plot.heatmap(t, row: "a", column: "b", value: "v", range: [1, 1.5], decimals: 3)
        h
        """
        let r = try s.run("```lab id=c\n\(cells)\n```\n")["c"]!
        #expect(r.outcome == .ran, "\(String(describing: r.error))")
        guard case .figure(let figure)? = r.output, case .heatmap(let map)? = figure.panels.first?.marks.first else {
            Issue.record("no heatmap in \(String(describing: r.output))")
            return
        }
        #expect(map.range == 1...1.5)
        #expect(map.valueDecimals == 3)
        for bad in ["[1.5, 1]", "[1]", "[1, \"x\"]"] {
            let b = try Scratch().run("```lab id=b\nh = plot.heatmap(table.from_records([{a: \"x\", b: \"p\", v: 1}]), row: \"a\", column: \"b\", value: \"v\", range: \(bad))\n```\n")["b"]!
            #expect(b.outcome == .failed, "range \(bad) was accepted")
        }
    }
}

/// `test.series()`: a fixed five-point series.
struct TestSeries: Binding {
    static let description = BindingDescription("test.series", returns: .series, doc: "A fixed series.")
    func call(_ context: any CallContext) throws -> Value {
        .series(Series(name: "loss", steps: [1, 2, 3, 4, 5], values: [1, 3, 5, 7, 20]))
    }
}
