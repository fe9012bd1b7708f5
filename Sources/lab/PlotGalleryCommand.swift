import ArgumentParser
import Foundation
import LabCore
import Plots

/// `lab plot gallery`: renders one example of every chart kind.
struct PlotGalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Render one example of every chart kind (PNG, and PDF/SVG on request)."
    )

    @Option(name: .long, help: "Directory to write the figures to.")
    var out: String = "Figures/gallery"

    @Option(name: .long, help: "Formats to write, comma-separated: png,pdf,svg (json writes the figure specs).")
    var formats: String = "png"

    @Option(name: .long, help: "PNG resolution in dots per inch.")
    var dpi: Double = 150

    @Option(name: .long, help: "Seed of the synthetic gallery data.")
    var seed: UInt64 = 5

    func run() throws {
        try reportingErrors {
            let names = formats.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let kinds = try PlotFormats.parse(names.filter { $0 != "json" }.joined(separator: ","), dpi: dpi)
            for item in Gallery.figures(seed: seed) {
                if names.contains("json") {
                    let path = (out as NSString).appendingPathComponent("\(item.name).json")
                    try PlotFormats.writeSpec(item.figure, to: path)
                    print(path)
                }
                for format in kinds {
                    let path = (out as NSString).appendingPathComponent("\(item.name).\(format.fileExtension)")
                    try FigureRenderer.write(item.figure, to: path, format: format)
                    print(path)
                }
            }
        }
    }
}
