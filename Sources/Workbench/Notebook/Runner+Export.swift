import LabCore
import Plots
import Store

/// Where an exported file came from: deterministic text embedded in every figure and written
/// beside every CSV, so a file can be traced to its parameters and value.
///
/// It holds no time and no run id: a cold run, a cached run and a forced run of the same
/// notebook and parameters write identical bytes.
struct ExportProvenance {
    var notebook: String
    var cell: String
    var key: String
    var name: String
    var digest: String
    var params: JSONValue

    var json: JSONValue {
        .object([("tool", .string("OffloadLab lab run")), ("notebook", .string(notebook)), ("cell", .string(cell)), ("name", .string(name)),
                 ("cell_key", .string(key)), ("value_digest", .string(digest)), ("params", params)])
    }

    /// The provenance embedded in a figure's files: ``json`` plus the renderer's
    /// ``FigureRenderer/layoutVersion``, so a figure whose value is cached is drawn again when
    /// the drawing of the same value changes (legend placement, colours), and left alone otherwise.
    var figureJSON: JSONValue {
        guard case .object(var fields) = json else { return json }
        fields.append(("renderer", .string("offloadlab-plots/\(FigureRenderer.layoutVersion)")))
        return .object(fields)
    }
}

extension Runner {
    /// One value a cell exports under a file name.
    struct Export {
        var name: String
        var digest: String
        /// The in-memory value, when the cell just computed it.
        var known: Value?
    }

    /// The values a cell exports: each binding under its name, then the shown output under the
    /// cell id when it is neither one of the bindings nor named like one.
    func exports(of cell: Cell, entry: CacheEntry, output: Value?, ranNow: Bool) -> [Export] {
        var list: [Export] = cell.program.bindings.compactMap { b in
            entry.outputs[b.name].map { Export(name: b.name, digest: $0.digest, known: ranNow ? values[b.name] : nil) }
        }
        if let shown = entry.outputs[Runner.outputName], !list.contains(where: { $0.digest == shown.digest || $0.name == cell.id }) {
            list.append(Export(name: cell.id, digest: shown.digest, known: output))
        }
        return list
    }

    /// Whether the three files of a figure already carry exactly this provenance, so a cache hit
    /// need not render them again (rendering is deterministic; `--force` re-renders anyway).
    static func figureFilesAreCurrent(_ stem: String, provenance: ExportProvenance, text: String) -> Bool {
        guard let png = OutputFile.existingBytes(stem + ".png"), FigureProvenance.text(inPNG: png) == text,
              let svg = OutputFile.existingBytes(stem + ".svg"), let pdf = OutputFile.existingBytes(stem + ".pdf") else { return false }
        let svgText = String(decoding: svg, as: UTF8.self)
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        guard svgText.contains(">\(escaped)</metadata>") else { return false }
        // The PDF's Keywords string is escaped by Cairo; its two digests are plain hex either way.
        let pdfText = String(decoding: pdf, as: UTF8.self)
        return pdfText.contains(provenance.key) && pdfText.contains(provenance.digest)
    }

    /// Writes each figure a cell bound to `<figures>/<name>.{png,pdf,svg}` and each table to
    /// `<results>/<name>.csv` with a `<name>.csv.provenance.json` sidecar.
    ///
    /// A cache hit writes exactly what a cold run writes: the file bytes depend only on the
    /// value and its provenance. Files that already hold those bytes are left alone (figures
    /// whose embedded provenance matches are not even rendered); the paths written are returned.
    func exportFiles(_ cell: Cell, key: String, entry: CacheEntry, output: Value?, options: RunOptions, ranNow: Bool) throws -> [String] {
        guard let folders = options.exports else { return [] }
        var written: [String] = []
        func put(_ bytes: [UInt8], _ relative: String) throws {
            if try OutputFile.write(bytes, to: relative, under: options.exportBase) { written.append(relative) }
        }
        for export in exports(of: cell, entry: entry, output: output, ranNow: ranNow) {
            let value: Value
            if let known = export.known {
                value = known
            } else {
                // Only tables and figures are exported: other stored values (datasets, models)
                // are not decoded just to be skipped.
                let bytes = try storedBytes(export.digest, name: export.name)
                guard Value.encodesTableOrFigure(bytes) else { continue }
                value = try Value.decode(bytes, libraryTypes: catalog.libraryTypes)
            }
            let provenance = ExportProvenance(notebook: folders.stem, cell: cell.id, key: key, name: export.name, digest: export.digest,
                                              params: folders.paramsJSON)
            switch value {
            case .figure(let figure):
                let text = provenance.figureJSON.serialized()
                if !ranNow, Runner.figureFilesAreCurrent("\(options.exportBase)/\(folders.figures)/\(export.name)", provenance: provenance, text: text) {
                    continue
                }
                for format in [OutputFormat.png(dpi: 150), .pdf, .svg] {
                    try put(try FigureRenderer.render(figure, format: format, provenance: text), "\(folders.figures)/\(export.name).\(format.fileExtension)")
                }
                if folders.paramsDigest != nil { try put(Array((folders.paramsJSON.serialized(pretty: true) + "\n").utf8), "\(folders.figures)/params.json") }
            case .table(let table):
                try put(Array(table.csv.utf8), "\(folders.results)/\(export.name).csv")
                try put(Array((provenance.json.serialized(pretty: true) + "\n").utf8), "\(folders.results)/\(export.name).csv.provenance.json")
                if folders.paramsDigest != nil { try put(Array((folders.paramsJSON.serialized(pretty: true) + "\n").utf8), "\(folders.results)/params.json") }
            default:
                continue
            }
        }
        return written
    }
}
