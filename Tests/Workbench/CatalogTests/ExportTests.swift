import Foundation
import LabCore
import Notebook
import Plots
@testable import Store
import Testing
@testable import Catalog

/// Every file under `root`, relative path → bytes (symlinks are reported as `-> target`).
func filesBelow(_ root: URL) throws -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    guard let walker = FileManager.default.enumerator(atPath: root.path) else { return out }
    for case let relative as String in walker {
        let path = root.appendingPathComponent(relative).path
        if OutputFile.isSymlink(path) {
            out[relative] = Array("-> \((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")".utf8)
            continue
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            out[relative] = OutputFile.existingBytes(path)
        }
    }
    return out
}

@Suite(.serialized) struct ExportTests {
    /// Cell `ratios` binds `ratios` (three rows) and shows another value (one row): the
    /// shape of the quickstart notebook whose cached re-runs used to write the shown value.
    let notebook = """
    ---
    params:
      scale: 2
    ---
    ```lab id=ratios
    ratios = table.from_records([{m: "a", r: 1 * params.scale}, {m: "b", r: 2}, {m: "c", r: 3}])
    summary = table.from_records([{m: "all", r: 2}])
    bars = plot.bars(ratios, x: "m", y: "r")
    table.from_records([{shown: 1}])
    ```
    """

    func options(_ s: Scratch, _ overrides: [String: String] = [:], force: Bool = false) throws -> RunOptions {
        var o = RunOptions()
        o.overrides = overrides
        o.forceAll = force
        let nb = try Notebook.parse(notebook, path: "nb.md")
        o.exports = try nb.outputFolders(params: try nb.parameterValues(overrides: overrides))
        o.exportBase = s.url.appendingPathComponent("project").path
        try FileManager.default.createDirectory(atPath: o.exportBase, withIntermediateDirectories: true)
        return o
    }

    @Test func coldCachedAndForcedRunsWriteByteIdenticalExports() throws {
        let s = try Scratch()
        let project = s.url.appendingPathComponent("project")
        let cold = try s.run(notebook, options: try options(s))
        #expect(cold["ratios"]?.outcome == .ran)
        let afterCold = try filesBelow(project)
        let csv = String(decoding: try #require(afterCold["Results/nb/ratios.csv"]), as: UTF8.self)
        #expect(csv.split(separator: "\n").count == 4, "the binding `ratios` (3 rows), not the shown value: \(csv)")
        #expect(afterCold["Results/nb/summary.csv"] != nil)
        #expect(afterCold["Figures/nb/bars.png"] != nil && afterCold["Figures/nb/bars.pdf"] != nil && afterCold["Figures/nb/bars.svg"] != nil)

        let cached = try s.run(notebook, options: try options(s))
        #expect(cached["ratios"]?.outcome == .hit)
        #expect(cached["ratios"]?.figures == [], "a cached run rewrites nothing when the files are current")
        #expect(try filesBelow(project) == afterCold)

        let forced = try s.run(notebook, options: try options(s, force: true))
        #expect(forced["ratios"]?.outcome == .ran)
        #expect(try filesBelow(project) == afterCold)

        // Figure files drawn by an older layout (their provenance names another renderer
        // version) are drawn again on a cache hit; current files and tables are left alone.
        let svgURL = project.appendingPathComponent("Figures/nb/bars.svg")
        let svgText = try String(contentsOf: svgURL, encoding: .utf8)
        #expect(svgText.contains("offloadlab-plots/\(FigureRenderer.layoutVersion)"))
        try svgText.replacingOccurrences(of: "offloadlab-plots/\(FigureRenderer.layoutVersion)", with: "offloadlab-plots/1")
            .write(to: svgURL, atomically: true, encoding: .utf8)
        let redrawn = try s.run(notebook, options: try options(s))
        #expect(redrawn["ratios"]?.outcome == .hit)
        #expect(redrawn["ratios"]?.figures.count == 1 && redrawn["ratios"]?.figures.first?.hasSuffix("bars.svg") == true,
                "\(String(describing: redrawn["ratios"]?.figures))")
        #expect(try filesBelow(project) == afterCold)

        // A removed file comes back from the cache with the same bytes.
        try FileManager.default.removeItem(at: project.appendingPathComponent("Results/nb/ratios.csv"))
        try FileManager.default.removeItem(at: project.appendingPathComponent("Figures/nb/bars.svg"))
        _ = try s.run(notebook, options: try options(s))
        #expect(try filesBelow(project) == afterCold)
    }

    @Test func everyExportRecordsItsParametersCellKeyAndValueDigest() throws {
        let s = try Scratch()
        let result = try #require(try s.run(notebook, options: try options(s))["ratios"])
        let key = try #require(result.key)
        let project = s.url.appendingPathComponent("project")
        let sidecar = try #require(OutputFile.existingBytes(project.appendingPathComponent("Results/nb/ratios.csv.provenance.json").path))
        let json = try JSONValue.parse(String(decoding: sidecar, as: UTF8.self))
        #expect(json["cell_key"]?.string == key)
        #expect(json["notebook"]?.string == "nb" && json["cell"]?.string == "ratios" && json["name"]?.string == "ratios")
        #expect(json["params"]?["scale"]?.number == 2)
        #expect(json["value_digest"]?.string?.count == 64)
        let png = try #require(OutputFile.existingBytes(project.appendingPathComponent("Figures/nb/bars.png").path))
        let embedded = try #require(FigureProvenance.text(inPNG: png))
        #expect(embedded.contains(key) && embedded.contains("\"scale\":2"))
        #expect(embedded.contains("\"renderer\":\"offloadlab-plots/\(FigureRenderer.layoutVersion)\""), "\(embedded)")
        let svg = String(decoding: try #require(OutputFile.existingBytes(project.appendingPathComponent("Figures/nb/bars.svg").path)), as: UTF8.self)
        #expect(svg.contains("<metadata id=\"\(FigureProvenance.keyword)\">") && svg.contains(key))
        let pdf = String(decoding: try #require(OutputFile.existingBytes(project.appendingPathComponent("Figures/nb/bars.pdf").path)), as: UTF8.self)
        #expect(pdf.contains(key), "the PDF's Keywords carry the provenance")
    }

    @Test func nonDefaultParametersWriteToAParameterKeyedFolderWithParamsJSON() throws {
        let s = try Scratch()
        let project = s.url.appendingPathComponent("project")
        _ = try s.run(notebook, options: try options(s))
        let defaults = try filesBelow(project)
        let o = try options(s, ["scale": "5"])
        let digest = try #require(o.exports?.paramsDigest)
        _ = try s.run(notebook, options: o)
        let all = try filesBelow(project)
        #expect(all.filter { defaults[$0.key] != nil } == defaults, "the default folders are untouched")
        let csv = String(decoding: try #require(all["Results/nb/\(digest)/ratios.csv"]), as: UTF8.self)
        #expect(csv.contains("a,5"), "\(csv)")
        let paramsBytes = try #require(all["Results/nb/\(digest)/params.json"])
        let params = try JSONValue.parse(String(decoding: paramsBytes, as: UTF8.self))
        #expect(params["scale"]?.number == 5)
        #expect(all["Figures/nb/\(digest)/bars.svg"] != nil && all["Figures/nb/\(digest)/params.json"] != nil)
        // Overriding a parameter with its default value is the default run.
        #expect(try options(s, ["scale": "2"]).exports?.paramsDigest == nil)
    }

    @Test func aPlantedSymlinkIsReplacedNeverFollowed() throws {
        let s = try Scratch()
        let project = s.url.appendingPathComponent("project")
        let victim = s.url.appendingPathComponent("victim.txt")
        try "precious".write(to: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: project.appendingPathComponent("Figures/nb"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("Figures/nb/bars.png").path, withDestinationPath: victim.path)
        _ = try s.run(notebook, options: try options(s))
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        #expect(!OutputFile.isSymlink(project.appendingPathComponent("Figures/nb/bars.png").path))
        #expect(FigureProvenance.text(inPNG: OutputFile.existingBytes(project.appendingPathComponent("Figures/nb/bars.png").path) ?? []) != nil)
    }

    @Test func aSymlinkedOutputFolderIsRefusedAndNothingIsWrittenThroughIt() throws {
        let s = try Scratch()
        let project = s.url.appendingPathComponent("project")
        let elsewhere = s.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: project.appendingPathComponent("Results"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("Results/nb").path, withDestinationPath: elsewhere.path)
        let error = #expect(throws: LabError.self) { try s.run(notebook, options: try options(s)) }
        #expect(error?.code == .environment && error?.message.contains("symbolic link") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func outputPathsWithDotDotOrEmptyPartsAreRefused() {
        for bad in ["../x.csv", "Results/../../x.csv", "Results//x.csv", "./x"] {
            #expect(throws: LabError.self) { try OutputFile.write([1], to: bad, under: FileManager.default.temporaryDirectory.path) }
        }
    }

    @Test func namesThatCannotBeFileNamesAreLintErrorsWithTheirPlace() throws {
        let long = String(repeating: "a", count: 300)
        let nb = try Notebook.parse("```lab id=c\nx = 1\n\(long) = 2\n```\n", path: "nb.md")
        let problems = Analysis(nb, catalog: Catalog.standard).diagnostics
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix("nb.md:3:1: error: `aaaa") == true, "\(problems)")
        let dots = try Notebook.parse("```lab id=c\nx = 1\n```\n", path: "dir/...md")
        #expect(Analysis(dots, catalog: Catalog.standard).diagnostics.first?.message.contains("cannot name its output folders") == true)
        #expect(throws: LabError.self) { try dots.outputFolders(params: [:]) }
    }
}

/// An error that is not a ``LabError``, thrown by `test.foreign_error`.
struct ForeignError: Error, CustomStringConvertible {
    var description: String { "something outside the lab's error type" }
}

/// `test.foreign_error(x)`: always throws a ``ForeignError``.
struct TestForeignError: Binding {
    static let description = BindingDescription("test.foreign_error", returns: .number, doc: "Always throws an error that is not a LabError.")
    @Parameter var x: Double
    func call(_ context: any CallContext) throws -> Value { throw ForeignError() }
}

@Suite(.serialized) struct CellErrorTests {
    @Test func anyErrorThrownInACellFailsThatCellAndFinishesTheRun() throws {
        var catalog = testCatalog()
        catalog.register(TestForeignError.self)
        let s = try Scratch()
        let results = try s.run("```lab id=a\nx = test.foreign_error(1)\n```\n```lab id=b\ny = 2\n```\n", catalog: catalog)
        #expect(results["a"]?.outcome == .failed)
        #expect(results["a"]?.error?.message.contains("something outside") == true)
        #expect(results["b"]?.outcome == .ran)
        #expect(try s.database.recentRuns(limit: 1).first?.status == .failed)
    }
}

@Suite(.serialized) struct DamagedValueTests {
    let notebook = """
    ```lab id=a
    t = table.from_records([{k: 1}, {k: 2}])
    ```
    ```lab id=b
    n = t.k
    n
    ```
    """

    /// Flips one byte of the stored blob with `digest`.
    func damage(_ s: Scratch, _ digest: String) throws {
        try s.database.connection.execute(
            "UPDATE blob_data SET data = zeroblob(length(data)) WHERE id = (SELECT data_id FROM blob WHERE digest = '\(digest)')", doing: "damage a blob")
    }

    @Test func aDamagedValueMakesItsCellStaleAndIsRecomputedNeverUsed() throws {
        let s = try Scratch()
        let first = try s.run(notebook)
        #expect(first["a"]?.outcome == .ran)
        let key = try #require(first["a"]?.key)
        let entry = try #require(try s.database.lookup(key))
        let digest = try #require(entry.outputs["t"]?.digest)
        try damage(s, digest)

        #expect(throws: LabError.self) { _ = try s.database.blob(digest) }
        let status = try s.runner(notebook).status()
        #expect(status.first { $0.id == "a" }?.state == .stale)
        #expect(status.first { $0.id == "a" }?.reasons.first?.contains("`t` is damaged") == true)

        let again = try s.run(notebook)
        #expect(again["a"]?.outcome == .ran)
        #expect(again["a"]?.notes.first?.contains("`t` was damaged") == true)
        #expect(again["b"]?.outcome == .hit)
        #expect(try s.database.blob(digest)?.bytes.isEmpty == false)
        #expect(try s.database.verify().isHealthy)
    }

    @Test func verifyRepairRemovesDamagedEntriesAndTheStoreIsHealthyAfter() throws {
        let s = try Scratch()
        let first = try s.run(notebook)
        let key = try #require(first["a"]?.key)
        let digest = try #require(try s.database.lookup(key)?.outputs["t"]?.digest)
        try damage(s, digest)
        #expect(try !s.database.verify().isHealthy)
        let report = try s.database.removeDamagedBlobs()
        #expect(report.blobsRemoved == 1 && report.entriesRemoved == 1)
        #expect(try s.database.verify().isHealthy)
        #expect(try s.database.lookup(key) == nil)
    }
}
