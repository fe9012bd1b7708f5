import LabCore
import Testing
@testable import Notebook

@Suite struct EvaluatorTests {
    /// Evaluates the single cell of `body` with a `table.mean` that returns its `by` argument.
    func run(_ body: String, inputs: [String: Value] = [:], params: [String: Value] = [:]) throws -> Evaluator.Outcome {
        let nb = try Notebook.parse("```lab id=c\n\(body)\n```\n", path: "e.md")
        let evaluator = Evaluator(notebook: nb, catalog: TestCatalog(), params: params) { signature, args, _ in
            switch signature.name {
            case "laenet.dataset":
                if args[1].value.asDouble == 13 { throw LabError(.invalidInput, "count 13 is unlucky") }
                return .record(args.map { Value.Field($0.name, $0.value) })
            default:
                throw LabError(.invalidInput, "\(signature.name) is not available in this test")
            }
        }
        return try evaluator.run(nb.cells[0], inputs: inputs)
    }

    @Test func arithmeticFollowsIntAndNumberRules() throws {
        let out = try run("[7 / 2, 7 % 3, 2 ** 10, 2 ** 0.5, -3 + 1, 1.5 * 2]")
        #expect(out.output?.summary == "[3.5, 1, 1024, 1.414, -2, 3]")
    }

    @Test func bindingsAndOutput() throws {
        let out = try run("x = 2\ny = x * 3\ny + 1")
        #expect(out.bindings.map(\.name) == ["x", "y"])
        #expect(out.output?.asDouble == 7)
        #expect(try run("x = 2").output == nil)
    }

    @Test func comprehensionsListsRecordsIndexing() throws {
        let out = try run("xs = [n * n for n in [1, 2, 3, 4] if n % 2 == 0]\nr = {a: xs, b: \"s\" + \"t\"}\n[r.a[-1], r[\"b\"], len]", inputs: ["len": .int(3)])
        #expect(out.output?.summary == "[16, \"st\", 3]")
    }

    @Test func callsGetDefaultsAndNumberCoercion() throws {
        let out = try run("laenet.dataset(\"gs2_gu4_au2\", count: 5)")
        #expect(out.output?.summary == "{scale: \"gs2_gu4_au2\", count: 5, profile: \"balanced\", seed: 0}")
    }

    @Test func paramsAreRead() throws {
        let out = try run("params.count + 1", params: ["count": .int(41)])
        #expect(out.output?.asDouble == 42)
    }

    @Test func runtimeErrorsCarryTheNotebookPosition() {
        for (body, message) in [("x = 1 / 0", "division by zero"), ("x = [1, 2][5]", "out of range"),
                                ("x = 1 + \"a\"", "cannot combine"), ("x = 9223372036854775807 + 1", "overflow")] {
            do {
                _ = try run(body)
                Issue.record("\(body) should fail")
            } catch let error as LabError {
                #expect(error.description.hasPrefix("e.md:2:"), "\(error)")
                #expect(error.message.contains(message), "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func libraryErrorsGetTheCallLocation() {
        do {
            _ = try run("t = laenet.dataset(\"gs2_gu4_au2\", count: 13)")
            Issue.record("expected the library error")
        } catch let error as LabError {
            #expect(error.location == SourceLocation(file: "e.md", line: 2, column: 5))
            #expect(error.message == "count 13 is unlucky")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func argumentTypesAreCheckedAtRunTime() {
        #expect(throws: LabError.self) { try run("t = table.mean(x, by: \"m\")", inputs: ["x": .int(1)]) }
    }
}

@Suite struct ValueEncodingTests {
    @Test func roundTripAndDigestStability() throws {
        let table = try Table([.init("method", .strings(["exact", "mcmf"])), .init("ratio", .numbers([1, 1.02]))])
        let v: Value = .record([.init("t", .table(table)), .init("xs", .list([.int(1), .number(2.5), .bool(true), .string("é")])),
                                .init("s", .series(Series(name: "loss", steps: [0, 10], values: [0.7, 0.3])))])
        let back = try Value.decode(v.encoded())
        #expect(back.encoded() == v.encoded())
        #expect(back.digest == v.digest)
        #expect(Value.int(1).digest != Value.number(1).digest)
        #expect(Value.number(.nan).digest == Value.number(-.nan).digest)
    }

    @Test func tablesWithNaNAndInfinitiesRoundTripInsteadOfStoringNothing() throws {
        let table = try Table([.init("x", .numbers([.nan, .infinity, -.infinity, 1.5]))])
        let bytes = Value.table(table).encoded()
        guard case .table(let back) = try Value.decode(bytes) else { Issue.record("not a table"); return }
        #expect(back.rowCount == 4)
        #expect(back.encodedForTest() == table.encodedForTest())
    }

    @Test func aMalformedTableBlobIsACorruptValueNotADecodingError() {
        // tag 8, an 8-byte length of 2, then "{}" (a table without columns).
        let bytes: [UInt8] = [8, 2, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8)
        #expect { try Value.decode(bytes) } throws: { ($0 as? LabError)?.code == .corrupt }
    }

    @Test func corruptBytesAreRejected() {
        #expect(throws: LabError.self) { try Value.decode([99]) }
        #expect(throws: LabError.self) { try Value.decode(Array(Value.string("abc").encoded().dropLast())) }
    }
}

@Suite struct TableTests {
    let t = try! Table([
        .init("method", .strings(["exact", "mcmf", "exact", "mcmf"])),
        .init("seed", .numbers([1, 1, 2, 2])),
        .init("ratio", .numbers([1, 1.1, 1, 1.3])),
    ])

    @Test func groupedMeanAndSampleStd() throws {
        let g = try t.groupedMeanStd(by: ["method"], of: ["ratio"])
        #expect(g.columnNames == ["method", "ratio_mean", "ratio_std", "ratio_min", "ratio_max", "n"])
        #expect(try g.numbers("ratio_max") == [1, 1.3])
        #expect(try t.groupedMeanStd(by: [], of: ["ratio"]).rowCount == 1)
        let mean = try g.numbers("ratio_mean")
        #expect(mean[0] == 1 && Swift.abs(mean[1] - 1.2) < 1e-12)
        let std = try g.numbers("ratio_std")
        #expect(std[0] == 0 && Swift.abs(std[1] - 0.1414213562) < 1e-9)
    }

    @Test func filterSelectJoin() throws {
        #expect(try t.filtering("method", equals: "mcmf").rowCount == 2)
        #expect(try t.filtering("ratio", from: 1.05, to: 2).rowCount == 2)
        #expect(try t.selecting(["ratio", "method"]).columnNames == ["ratio", "method"])
        let names = try Table([.init("method", .strings(["exact", "mcmf"])), .init("label", .strings(["Exact", "MCMF"]))])
        let j = try t.joined(with: names, on: ["method"])
        #expect(j.columnNames == ["method", "seed", "ratio", "label"])
        #expect(j.rowCount == 4)
        #expect(throws: TableError.self) { try t.column("ratoi") }
        let both = try Table.concatenating([t, t])
        #expect(both.rowCount == 8)
        #expect(try Table([.init("a,b", .strings(["x\"y"])), .init("n", .numbers([0.1]))]).csv == "\"a,b\",n\n\"x\"\"y\",0.1\n")
    }
}

private extension Table {
    /// The table's columns as text, NaN included, for comparing round trips.
    func encodedForTest() -> String { columns.map { c in c.name + "=" + (0..<c.data.count).map { c.data.cellText($0) }.joined(separator: ",") }.joined(separator: ";") }
}
