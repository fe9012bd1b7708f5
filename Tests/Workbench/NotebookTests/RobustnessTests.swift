import LabCore
import Testing
@testable import Notebook

/// Hostile notebooks: deep nesting, long chains, huge notebooks, other line endings. Each must
/// give a diagnostic or a result, never exhaust the stack.
@Suite struct NestingTests {
    let limit = Notebook.maximumExpressionDepth

    func cell(_ body: String) -> String { "```lab id=a\n\(body)\n```\n" }

    /// Each shape, far past the limit, is rejected at a place on the cell's line.
    @Test(arguments: ["brackets", "lists", "records", "plus", "members", "indexes", "calls", "negations", "nots", "powers"])
    func deepShapesAreRejectedAtTheirPlace(_ shape: String) throws {
        let n = 2_000
        let body: String
        switch shape {
        case "brackets": body = "x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        case "lists": body = "x = " + String(repeating: "[", count: n) + "1" + String(repeating: "]", count: n)
        case "records": body = "x = " + String(repeating: "{k: ", count: n) + "1" + String(repeating: "}", count: n)
        case "plus": body = "x = 1" + String(repeating: " + 1", count: 10 * n)
        case "members": body = "x = 1" + String(repeating: ".m", count: 10 * n)
        case "indexes": body = "x = 1" + String(repeating: "[0]", count: 10 * n)
        case "calls": body = "x = laenet.dataset" + String(repeating: "()", count: 10 * n)
        case "negations": body = "x = " + String(repeating: "-", count: 10 * n) + "1"
        case "nots": body = "x = " + String(repeating: "not ", count: 10 * n) + "true"
        default: body = "x = 2" + String(repeating: " ** 2", count: 10 * n)
        }
        let rendered = try #require(diagnose(cell(body), path: "deep.md"))
        #expect(rendered.hasPrefix("deep.md:2:"), "\(rendered.prefix(200))")
        #expect(rendered.contains("nested more than \(limit) levels deep"), "\(rendered.prefix(200))")
    }

    @Test func expressionsAtTheLimitParseAnalyseAndEvaluate() throws {
        let chain = "x = 1" + String(repeating: " + 1", count: limit - 1)
        let brackets = "y = " + String(repeating: "(", count: limit - 1) + "2" + String(repeating: ")", count: limit - 1)
        let text = cell(chain + "\n" + brackets)
        #expect(diagnose(text) == nil)
        let nb = try Notebook.parse(text, path: "e.md")
        let out = try Evaluator(notebook: nb, catalog: TestCatalog(), params: [:]) { _, _, _ in .bool(false) }.run(nb.cells[0], inputs: [:])
        #expect(out.bindings.map(\.value.summary) == ["\(limit)", "2"])
    }

    /// A megabyte of cells, each reading the one before it (in reverse document order, so that
    /// types and the run order must follow 30,000-long chains), lints without exhausting the stack.
    @Test func aMegabyteNotebookOfChainedCellsLints() throws {
        var text = ""
        var i = 0
        while text.utf8.count < 1_000_000 {
            text += "```lab id=c\(i)\nx\(i) = x\(i + 1) + 1\n```\n\n"
            i += 1
        }
        text += "```lab id=c\(i)\nx\(i) = 0\n```\n"
        let nb = try Notebook.parse(text, path: "big.md")
        let analysis = Analysis(nb, catalog: TestCatalog())
        #expect(analysis.diagnostics.isEmpty)
        #expect(analysis.order.first == "c\(i)" && analysis.order.last == "c0")
    }

    @Test func fiveThousandCellsFullOfErrorsAreCheckedAndCapped() throws {
        let text = String(repeating: "```lab id=c\nx = nope + nope2\n```\n\n", count: 1) +
            (1..<5_000).map { "```lab id=c\($0)\ny\($0) = missing\($0) + 1\n```\n" }.joined(separator: "\n")
        let nb = try Notebook.parse(text, path: "bad.md")
        let analysis = Analysis(nb, catalog: TestCatalog())
        #expect(analysis.diagnostics.count == Analysis.maximumDiagnostics)
    }

    @Test func aLongCycleIsReported() throws {
        let n = 5_000
        let text = (0..<n).map { "```lab id=c\($0)\nx\($0) = x\(($0 + 1) % n)\n```\n" }.joined(separator: "\n")
        let rendered = try #require(diagnose(text))
        #expect(rendered.contains("dependency cycle"))
    }
}

@Suite struct LineEndingTests {
    let text = "---\ntitle: \"T\"\nparams:\n  n: 3\n---\nProse.\n\n```lab id=a\nx = params.n\ny = nope\n```\n"

    @Test func crlfNotebooksParseLikeLF() throws {
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        let nb = try Notebook.parse(crlf.replacingOccurrences(of: "nope", with: "x"), path: "w.md")
        #expect(nb.cells.map(\.id) == ["a"])
        #expect(nb.title == "T" && nb.params.map(\.name) == ["n"])
        #expect(diagnose(crlf, path: "w.md") == diagnose(text, path: "w.md"))
        #expect(diagnose(crlf, path: "w.md")?.hasPrefix("w.md:10:5: error: unknown name `nope`") == true)
    }

    @Test func aByteOrderMarkIsDropped() throws {
        let marked = "\u{FEFF}" + text
        let nb = try Notebook.parse(marked.replacingOccurrences(of: "nope", with: "x"), path: "b.md")
        #expect(nb.title == "T" && nb.cells.count == 1)
        #expect(diagnose(marked, path: "b.md") == diagnose(text, path: "b.md"))
        let firstCell = "\u{FEFF}```lab id=a\nx = 1 +\n```\n"
        #expect(diagnose(firstCell, path: "c.md")?.hasPrefix("c.md:2:8: error:") == true, "\(diagnose(firstCell, path: "c.md") ?? "accepted")")
    }
}

@Suite struct ArithmeticSafetyTests {
    func run(_ body: String) throws -> Value? {
        let nb = try Notebook.parse("```lab id=c\n\(body)\n```\n", path: "e.md")
        return try Evaluator(notebook: nb, catalog: TestCatalog(), params: [:]) { _, _, _ in .bool(false) }.run(nb.cells[0], inputs: [:]).output
    }

    func failure(_ body: String) -> LabError? {
        do { _ = try run(body); return nil } catch { return error as? LabError }
    }

    @Test(arguments: [
        "m = -9223372036854775807 - 1\nm % -1", "m = -9223372036854775807 - 1\n-m", "m = -9223372036854775807 - 1\nm * -1",
        "2 ** 63", "(-3) ** 41", "10 ** 19", "9223372036854775807 + 1", "-9223372036854775807 - 2", "3037000500 * 3037000500",
    ])
    func integerOverflowIsAnErrorAtItsPlace(_ body: String) throws {
        let error = try #require(failure(body), "\(body) should fail")
        #expect(error.message.contains("integer overflow"), "\(error)")
        #expect(error.location?.file == "e.md" && (error.location?.line ?? 0) >= 2, "\(error)")
    }

    @Test func powersAreExactAndFast() throws {
        #expect(try run("1 ** 9223372036854775807")?.summary == "1")
        #expect(try run("(-1) ** 9223372036854775807")?.summary == "-1")
        #expect(try run("0 ** 9223372036854775807")?.summary == "0")
        #expect(try run("(-2) ** 63")?.summary == "\(Int.min)")
        #expect(try run("3 ** 39")?.summary == "4052555153018976267")
        #expect(try run("2 ** -1")?.summary == "0.5")
    }

    @Test(arguments: ["0 ** -1", "0.0 ** -2", "0 ** -0.5", "1 / 0", "1.0 / 0.0"])
    func zeroToANegativePowerFailsLikeDivisionByZero(_ body: String) throws {
        let error = try #require(failure(body), "\(body) should fail")
        #expect(error.message.hasPrefix("division by zero"), "\(error)")
        #expect(error.code == .failure)
    }

    /// Doubling a list, a string, or nesting comprehensions stops at the item budget.
    @Test(arguments: ["list", "string", "comprehension"])
    func unboundedBuildsStopAtTheBudget(_ kind: String) throws {
        let seed = kind == "string" ? "\"abcdefgh\"" : "[1, 2, 3, 4, 5, 6, 7, 8]"
        var lines = ["a0 = \(seed)"]
        let doublings = kind == "comprehension" ? 11 : 22  // 8 · 2^22 > 10^7; (8 · 2^11)² > 10^7
        for k in 1...doublings { lines.append("a\(k) = a\(k - 1) + a\(k - 1)") }
        if kind == "comprehension" { lines.append("big = [[y for y in a\(doublings)] for x in a\(doublings)]") }
        let error = try #require(failure(lines.joined(separator: "\n")))
        #expect(error.message.contains("more than \(Notebook.maximumItems)"), "\(error)")
        #expect((3...lines.count + 1).contains(error.location?.line ?? 0), "\(error)")
    }
}
