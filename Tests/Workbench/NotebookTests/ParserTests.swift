import Testing
@testable import Notebook

@Suite struct ParserTests {
    func program(_ body: String) throws -> CellProgram {
        try Notebook.parse("```lab id=c\n\(body)\n```\n", path: "t.md").cells[0].program
    }

    @Test(arguments: [
        ("x = 1 + 2 * 3", "(= x (+ 1 (* 2 3)))"),
        ("x = (1 + 2) * 3", "(= x (* (+ 1 2) 3))"),
        ("x = -2 ** 2", "(= x (- (** 2 2)))"),
        ("x = 2 ** 3 ** 2", "(= x (** 2 (** 3 2)))"),
        ("ok = not a < b and c or d", "(= ok (or (and (not (< a b)) c) d))"),
        ("d = laenet.dataset(\"gs2_gu4_au2\", count: 2_000)", "(= d (call laenet.dataset \"gs2_gu4_au2\" (count: 2000)))"),
        ("xs = [f(d) for d in data if d.n > 3e-4]", "(= xs (for d data (call f d) (if (> d.n 0.0003))))"),
        ("r = {name: \"a\\\"b\", \"k 2\": [1, 2.5, true]}", "(= r (record (\"name\": \"a\\\"b\") (\"k 2\": (list 1 2.5 true))))"),
        ("y = t[0][\"cost\"]", "(= y (index (index t 0) \"cost\"))"),
        ("params.count % 7", "(% params.count 7)"),
        ("z = f(x)(y).w", "(= z (. (call (call f x) y) w))"),
    ])
    func goldenASTs(_ source: String, _ expected: String) throws {
        #expect(try program(source).canonicalText == expected)
    }

    @Test func commentsSpacingAndLineBreaksDoNotChangeTheNormalisedTree() throws {
        let a = try program("d = laenet.dataset(\"gs2\", count: 20)  # small\nd")
        let b = try program("# a comment first\nd   =   laenet.dataset(\n    \"gs2\",\n    count: 20,\n)\n\nd")
        #expect(a.canonicalText == b.canonicalText)
        let c = try program("d = laenet.dataset(\"gs2\", count: 21)\nd")
        #expect(a.canonicalText != c.canonicalText)
    }

    @Test func numbersNormalise() throws {
        #expect(try program("3e-4").canonicalText == (try program("0.0003").canonicalText))
        #expect(try program("3").canonicalText != (try program("3.0").canonicalText))
    }

    @Test func positionsAreNotebookLines() throws {
        let nb = try Notebook.parse("# Title\n\nSome prose.\n\n```lab id=c\nx = 1\ny = x + foo\n```\n", path: "t.md")
        guard case .binding(_, _, let value) = nb.cells[0].program.statements[1], case .binary(_, _, let foo) = value.kind else {
            Issue.record("unexpected shape")
            return
        }
        #expect(foo.range.start == SourcePosition(line: 7, column: 9))
        #expect(nb.blocks.count == 2)
    }

    @Test func frontMatterAndOtherFencesArePreserved() throws {
        let text = """
        ---
        title: "Quick start"
        seed: 42
        params:
          count: 200
          scale: "gs2_gu4_au2"
          rate: 1e-3
          methods: ["exact", "mcmf"]
          verbose: false
        ---
        Intro.

        ```python
        not = a lab cell
        ```

        ```lab id=data
        d = 1
        ```
        """
        let nb = try Notebook.parse(text, path: "t.md")
        #expect(nb.title == "Quick start")
        #expect(nb.seed == 42)
        #expect(nb.params.map(\.name) == ["count", "scale", "rate", "methods", "verbose"])
        #expect(nb.params.map(\.type) == [.int, .string, .number, .list, .bool])
        #expect(nb.cells.map(\.id) == ["data"])
        if case .prose(let p, _) = nb.blocks[0] { #expect(p.contains("not = a lab cell")) } else { Issue.record("prose expected first") }
    }
}

@Suite struct AnalysisTests {
    let text = """
    ---
    params:
      count: 20
      scale: "gs2_gu4_au2"
    ---
    ```lab id=summary
    means = table.mean(results, by: "method")
    plot.bars(means, x: "method", y: "ratio")
    ```

    ```lab id=solve
    results = laenet.solve(data, method: "exact")
    ```

    ```lab id=data
    data = laenet.dataset(params.scale, count: params.count)
    sizes = [n * 2 for n in [1, 2, 3] if n > 1]
    ```
    """

    @Test func dependenciesOrderAndReads() throws {
        let nb = try Notebook.parse(text, path: "a.md")
        let analysis = Analysis(nb, catalog: TestCatalog())
        try analysis.validate()
        #expect(analysis.order == ["data", "solve", "summary"])
        #expect(analysis.upstream["summary"] == ["solve"])
        #expect(analysis.namesRead["solve"] == ["data"])
        #expect(analysis.paramsRead["data"] == ["count", "scale"])
        #expect(analysis.functionsCalled["summary"] == ["plot.bars", "table.mean"])
        #expect(analysis.downstream(of: "data") == ["solve", "summary"])
        #expect(analysis.types["data"] == .library("laenet.dataset"))
        #expect(analysis.types["sizes"] == .list)
    }

    @Test func unknownOverridesAreRejectedWithSuggestion() throws {
        let nb = try Notebook.parse(text, path: "a.md")
        try Analysis.checkOverrides(["count"], in: nb)
        #expect(throws: Diagnostics.self) { try Analysis.checkOverrides(["cuont"], in: nb) }
        do {
            try Analysis.checkOverrides(["cuont"], in: nb)
        } catch {
            #expect(error.description.contains("did you mean `count`?"))
        }
    }

    @Test func severalProblemsAreReportedTogetherInSourceOrder() {
        let rendered = diagnose("```lab id=a\nx = nope1\ny = nope2\n```\n") ?? ""
        #expect(rendered.components(separatedBy: "error:").count == 3)
        #expect(rendered.range(of: "nope1")!.lowerBound < rendered.range(of: "nope2")!.lowerBound)
    }

    @Test func comprehensionVariablesAreScoped() {
        #expect(diagnose("```lab id=a\nxs = [v for v in [1, 2]]\ny = v\n```\n")?.contains("unknown name `v`") == true)
    }

    @Test func diagnosticConvertsToLabErrorWithExitCode2() throws {
        do {
            _ = try Notebook.parse("```lab\n```\n", path: "p.md")
            Issue.record("expected an error")
        } catch {
            let e = error.items[0].labError
            #expect(e.code.exitCode == 2)
            #expect(e.description.hasPrefix("p.md:1:1: error:"))
        }
    }
}
