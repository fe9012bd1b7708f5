import Foundation
import LabCore
import Notebook
import Testing
@testable import Catalog

/// Out-of-range and unknown arguments are errors at the argument, statically when the argument is
/// a literal and at the call otherwise; nothing is clamped.
@Suite struct ArgumentCheckTests {
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

    static let data = "d = laenet.dataset(\"gs2_gu4_au2\", count: 4, seed: 1)\n"
    static let train = data + "e = laenet.solve(d, method: \"exact\", seed: 0)\n"

    /// `file:line:column` of the argument `parameter` (or of the first argument) in `call`,
    /// written on line `line` after `prefix`.
    static func place(of parameter: String, in call: String, line: Int, prefix: String = "") -> String {
        let text = prefix + call
        let start = text.range(of: "\(parameter): ")?.upperBound ?? text.range(of: "(")!.upperBound
        return "nb.md:\(line):\(text.distance(from: text.startIndex, to: start) + 1)"
    }

    @Test(arguments: [
        ("laenet.dataset(\"gs2_gu4_au2\", count: 0)", "count"),
        ("laenet.dataset(\"gs2_gu4_au2\", count: 2000000)", "count"),
        ("diffusion.solve(m, d, samples: 1e9)", "samples"),
        ("diffusion.solve(m, d, samples: 0)", "samples"),
        ("diffusion.solve(m, d, steps: 1000000000000000000)", "steps"),
        ("aigc.sweep(\"weights\", seeds: 1000000000000000000)", "seeds"),
        ("gadsg.train(d, e, d, e, epochs: -3)", "epochs"),
        ("gadsg.train(d, e, d, e, batch_size: 0)", "batch_size"),
        ("gadsg.train(d, e, d, e, learning_rate: 0)", "learning_rate"),
        ("plot.grid([], columns: 0)", "columns"),
        ("list.range(-1)", "count"),
    ])
    func literalOutOfRangeIsALintError(call: String, parameter: String) throws {
        let message = try #require(try lint(Self.train + "m = gadsg.train(d, e, d, e)\n" + call), "lint passed \(call)")
        #expect(message.contains(Self.place(of: parameter, in: call, line: 5) + ": error: argument `\(parameter)`"), "\(message)")
    }

    @Test func unknownChoiceIsALintErrorWithSuggestion() throws {
        let method = try #require(try lint("laenet.solve(laenet.dataset(\"gs2_gu4_au2\"), method: \"mcfm\")"))
        #expect(method.contains(Self.place(of: "method", in: "laenet.solve(laenet.dataset(\"gs2_gu4_au2\"), method: \"mcfm\")", line: 2)) && method.contains("did you mean `mcmf`?"), "\(method)")
        let profile = try #require(try lint("laenet.dataset(\"gs2_gu4_au2\", profile: \"papr\")"))
        #expect(profile.contains("did you mean `paper`?"), "\(profile)")
        let methods = try #require(try lint("aigc.sweep(\"weights\", methods: [\"proposed\", \"exhaustiv\"])"))
        #expect(methods.contains("did you mean `exhaustive`?"), "\(methods)")
        let sweep = try #require(try lint("aigc.sweep(\"weight\")"))
        #expect(sweep.contains("did you mean `weights`?"), "\(sweep)")
        #expect(try lint("laenet.solve(laenet.dataset(\"gs2_gu4_au2\"), method: \"mcmf\")") == nil)
    }

    /// Computed values are checked when the call runs: exit 2 at the argument, before any work.
    @Test(arguments: [
        ("laenet.dataset(\"gs2_gu4_au2\", count: 10 ** 9)", "count"),
        ("learning.function_fit(steps: 10 ** 18)", "steps"),
        ("aigc.sweep(\"weights\", seeds: 10 ** 18)", "seeds"),
        ("gadsg.train(d, e, d, e, learning_rate: 1e308 * 10)", "learning_rate"),
        ("gadsg.train(d, e, d, e, learning_rate: 0 - 1)", "learning_rate"),
        ("gadsg.train(d, e, d, e, epochs: 0 - 3)", "epochs"),
        ("plot.grid([], columns: 1 - 1)", "columns"),
    ])
    func computedOutOfRangeFailsAtTheArgument(call: String, parameter: String) throws {
        let s = try Scratch()
        let r = try #require(try s.run("```lab id=c\n\(Self.train)x = \(call)\n```\n")["c"])
        let error = try #require(r.error, "\(call) ran")
        #expect(error.code.exitCode == 2, "\(error)")
        #expect(error.location?.description == Self.place(of: parameter, in: call, line: 4, prefix: "x = "), "\(error)")
        #expect(error.message.contains("argument `\(parameter)`"), "\(error)")
    }

    @Test func anUnparsableScaleFailsAtTheArgument() throws {
        let s = try Scratch()
        let r = try #require(try s.run("```lab id=c\nx = laenet.dataset(\"gs9\")\n```\n")["c"])
        #expect(r.error?.location?.description == "nb.md:2:20", "\(String(describing: r.error))")
    }
}
