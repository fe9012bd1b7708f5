import Foundation
import LabCore
import LAENet
import Notebook
import Testing
import TestSupport
@testable import Catalog

/// `laenet.dataset(…, overrides:)` and `laenet.load`: constants by name (checked at lint time),
/// keys that follow the arguments and the files' bytes, and the CLI's matching defaults.
@Suite struct LAENetDataBindingTests {
    func dataset(_ result: CellResult?) throws -> LAENetDataset {
        guard case .library(let v)? = result?.output, let d = v as? LAENetDataset else {
            Issue.record("no dataset: \(String(describing: result?.error))")
            throw CancellationError()
        }
        return d
    }

    @Test func overridesReplaceConstantsAndKeyTheCall() throws {
        let s = try Scratch()
        let r = try s.run("""
        ```lab id=a
        plain = laenet.dataset("gs2_gu4_au2", count: 2, seed: 1)
        plain
        ```

        ```lab id=b
        empty = laenet.dataset("gs2_gu4_au2", count: 2, seed: 1, overrides: {})
        empty
        ```

        ```lab id=c
        wide = laenet.dataset("gs2_gu4_au2", count: 2, seed: 1, overrides: {bandwidth_hz: 2e7, hap_cpu_hz: 1e10, carrier_hz: 2e8})
        wide
        ```
        """)
        let plain = try dataset(r["a"]), empty = try dataset(r["b"]), wide = try dataset(r["c"])
        #expect(plain.encoded() == empty.encoded())
        let k = try #require(wide.instances.first?.constants)
        #expect(k.bandwidthHz == 2e7 && k.hapCPUHz == 1e10 && k.carrierHz == 2e8)
        #expect(k.g2gReferenceGain == LAENetConstants.freeSpaceReferenceGain(speedOfLight: 3e8, carrierHz: 2e8), "the reference gain follows the carrier")
        #expect(wide.instances[0].servers[0].cpuHz == 1e10, "the HAP is generated with the new CPU")
        #expect(plain.instances[0].constants.bandwidthHz == 1e7)
        let signature = LAENetDatasetBinding.signature
        let base: [(name: String, value: Value)] = [("scale", .string("gs2_gu4_au2")), ("count", .int(2)), ("profile", .string("balanced")),
                                                    ("seed", .int(1)), ("jointly_feasible", .bool(false))]
        let withEmpty = base + [("overrides", .record([]))]
        let withOne = base + [("overrides", .record([.init("bandwidth_hz", .number(2e7))]))]
        #expect(CallKey(signature, base) == CallKey(signature, withEmpty), "no overrides: the key of calls made before overrides existed")
        #expect(CallKey(signature, withEmpty) != CallKey(signature, withOne), "overrides are part of the key")
    }

    @Test(arguments: [
        ("{bandwith_hz: 2e7}", "bandwith_hz", "did you mean `bandwidth_hz`?"),
        ("{bandwidth_hz: 0}", "bandwidth_hz", "above 0"),
        ("{hap_cpu_hz: -1e9}", "hap_cpu_hz", "above 0"),
        ("{speed: 1}", "speed", "the fields are speed_of_light_m_s"),
    ])
    func badOverridesAreLintErrorsAtTheField(record: String, key: String, message: String) throws {
        let call = "laenet.dataset(\"gs2_gu4_au2\", overrides: \(record))"
        let nb = try Notebook.parse("```lab id=c\n\(call)\n```\n", path: "nb.md")
        let error = try #require(throws: Diagnostics.self) { try Analysis(nb, catalog: Catalog.standard).validate() }
        let text = "\(error)"
        let column = call.distance(from: call.startIndex, to: call.range(of: key)!.lowerBound) + 1
        #expect(text.contains("nb.md:2:\(column): error: argument `overrides` of `laenet.dataset`"), "\(text)")
        #expect(text.contains(message), "\(text)")
    }

    @Test func computedBadOverridesFailAtTheArgumentWhenTheCallRuns() throws {
        let call = "laenet.dataset(\"gs2_gu4_au2\", count: 1, overrides: {bandwidth_hz: 1 - 1})"
        let r = try #require(try Scratch().run("```lab id=c\nx = \(call)\n```\n")["c"])
        let error = try #require(r.error)
        #expect(error.code.exitCode == 2)
        #expect(error.location?.description == ArgumentCheckTests.place(of: "overrides", in: call, line: 2, prefix: "x = "), "\(error)")
    }

    @Test func theCLIAndTheNotebookFunctionShareTheDefaultProfileAndOverrides() throws {
        let s = try Scratch()
        let r = try s.run("```lab id=a\nd = laenet.dataset(\"gs2_gu4_au2\", count: 1, seed: 5, overrides: {bandwidth_hz: 2e7})\nd\n```\n")
        let d = try dataset(r["a"])
        let cli = try lab(["laenet", "generate", "--scale", "gs2_gu4_au2", "--seed", "5", "--set", "bandwidth_hz=2e7", "--out", "a.json"], in: s.url)
        #expect(cli.status == 0, "\(cli.err)")
        #expect(try String(contentsOf: s.url.appendingPathComponent("a.json"), encoding: .utf8) == d.instances[0].fileText)
        #expect(d.profile == "balanced")
        let bad = try lab(["laenet", "generate", "--scale", "gs2_gu4_au2", "--set", "bandwith_hz=2e7", "--out", "b.json"], in: s.url)
        #expect(bad.status == 2 && bad.err.contains("bandwith_hz") && bad.err.contains("bandwidth_hz"), "\(bad.err)")
        let zero = try lab(["laenet", "generate", "--scale", "gs2_gu4_au2", "--set", "deadline_s=0", "--out", "b.json"], in: s.url)
        #expect(zero.status == 2 && zero.err.contains("deadline_s"), "\(zero.err)")
        #expect(!FileManager.default.fileExists(atPath: s.url.appendingPathComponent("b.json").path))
    }

    static let loading = """
    ```lab id=load
    d = laenet.load("data/*.json")
    d
    ```

    ```lab id=use
    n = d.count
    e = laenet.solve(d, method: "mcmf", seed: 0)
    ```
    """

    @Test func loadedFilesKeyTheCellsThatUseThem() throws {
        let s = try Scratch()
        let data = s.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let scale = try LAENetScale.parse("gs2_gu4_au2")
        for i in 0..<2 {
            try LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 3, index: i).fileText
                .write(to: data.appendingPathComponent("i\(i).json"), atomically: true, encoding: .utf8)
        }
        try "not an instance".write(to: data.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let path = s.url.appendingPathComponent("nb.md").path
        let first = try s.run(Self.loading, path: path)
        let d = try dataset(first["load"])
        #expect(d.instances.count == 2 && d.scale == "gs2_gu4_au2" && d.profile == "balanced")
        #expect(d.instances[1] == LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 3, index: 1))
        #expect(first["use"]?.outcome == .ran)
        let again = try s.run(Self.loading, path: path)
        #expect(again["load"]?.outcome == .hit && again["use"]?.outcome == .hit, "unchanged files: fully cached")
        try LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 4, index: 0).fileText
            .write(to: data.appendingPathComponent("i0.json"), atomically: true, encoding: .utf8)
        let edited = try s.run(Self.loading, path: path)
        #expect(edited["load"]?.outcome == .ran, "an edited file makes the loading cell stale")
        #expect(edited["use"]?.outcome == .ran, "and the cells that read its dataset")
        try LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 3, index: 2).fileText
            .write(to: data.appendingPathComponent("i2.json"), atomically: true, encoding: .utf8)
        let added = try s.run(Self.loading, path: path)
        #expect(added["load"]?.outcome == .ran, "a new matching file too")
        #expect(try dataset(added["load"]).instances.count == 3)
    }

    @Test func whyNamesTheFileThatChangedAndCellsWithoutFilesKeepTheirKeys() throws {
        let base = #"{"ast":"a","cell":"c","functions":{},"inputs":{},"params":{},"scheme":"olkey/1","seed":1"#
        let plain = try #require(KeyManifest.parse(base + "}"))
        #expect(!plain.canonicalJSON.contains("files"), "no files: the manifest (and key) of before")
        let old = try #require(KeyManifest.parse(base + #","files":{"data/a.json":"11","data/b.json":"22"}}"#))
        let new = try #require(KeyManifest.parse(base + #","files":{"data/a.json":"33","data/c.json":"44"}}"#))
        #expect(new.changes(since: old) == ["file data/a.json changed", "no longer reads file data/b.json", "now reads file data/c.json"])
    }

    @Test func aPatternWithoutMatchesOrAMalformedFileIsAnErrorNamingIt() throws {
        let s = try Scratch()
        let path = s.url.appendingPathComponent("nb.md").path
        let none = try #require(try s.run(Self.loading, path: path)["load"]?.error)
        #expect(none.code.exitCode == 2 && none.message.contains("data/*.json") && none.message.contains("matches no file"), "\(none)")
        #expect(none.location?.description == "\(path):2:" + "\("d = laenet.load(".count + 1)", "\(none)")
        let data = s.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try "{ \"format\": \"laenet-instance/1\" }".write(to: data.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let bad = try #require(try s.run(Self.loading, path: path)["load"]?.error)
        #expect(bad.code.exitCode == 2 && bad.message.contains("data/bad.json"), "\(bad)")
        let nb = try Notebook.parse("```lab id=c\np = \"data/*.json\"\nd = laenet.load(p)\n```\n", path: "nb.md")
        let lint = try #require(throws: Diagnostics.self) { try Analysis(nb, catalog: Catalog.standard).validate() }
        #expect("\(lint)".contains("must be a string literal"), "\(lint)")
    }
}
