import ArgumentParser
import Foundation
import LabCore
import Plots

/// `lab plot render`: renders a figure spec (JSON) to PNG, PDF or SVG.
struct PlotRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a figure spec (JSON, as the notebook caches it) to .png, .pdf or .svg."
    )

    @Argument(help: "The figure spec, a JSON-encoded Figure.")
    var spec: String

    @Option(name: .shortAndLong, help: "Output file; the extension (.png, .pdf, .svg) picks the format.")
    var output: String

    @Option(name: .long, help: "PNG resolution in dots per inch.")
    var dpi: Double = 150

    func run() throws {
        try reportingErrors {
            guard let data = FileManager.default.contents(atPath: spec) else {
                throw LabError(.invalidInput, "cannot read figure spec '\(spec)'; check the path.")
            }
            let figure: Figure
            do {
                figure = try JSONDecoder().decode(Figure.self, from: data)
            } catch {
                throw LabError(.invalidInput, "'\(spec)' is not a valid figure spec: \(error)")
            }
            try FigureRenderer.write(figure, to: output, format: OutputFormat.forPath(output, dpi: dpi))
            print(output)
        }
    }
}

/// Parsing of `--formats png,pdf,svg`.
enum PlotFormats {
    /// The formats named in a comma-separated list.
    static func parse(_ list: String, dpi: Double) throws -> [OutputFormat] {
        try list.split(separator: ",").map { name in
            switch name.trimmingCharacters(in: .whitespaces).lowercased() {
            case "png": return .png(dpi: dpi)
            case "pdf": return .pdf
            case "svg": return .svg
            default: throw LabError(.invalidInput, "unknown figure format '\(name)'; use png, pdf or svg.")
            }
        }
    }

    /// Writes a figure spec as pretty, key-sorted JSON (the form `lab plot render` reads).
    static func writeSpec(_ figure: Figure, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let bytes: Data
        do { bytes = try encoder.encode(figure) } catch {
            throw LabError(.failure, "could not encode figure spec '\(path)': \(error.localizedDescription)")
        }
        try writeOutput(Array(bytes), to: path, createFolders: true)
    }
}
