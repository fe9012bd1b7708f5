import CCairo
import Foundation
import LabCore

/// An output file format.
public enum OutputFormat: Codable, Sendable, Hashable {
    /// A PNG raster at the given resolution (dots per inch; 150 for review, 300 for print).
    case png(dpi: Double)
    /// Vector PDF (for papers).
    case pdf
    /// Vector SVG 1.1 (for the web).
    case svg

    /// File extension without the dot.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .pdf: "pdf"
        case .svg: "svg"
        }
    }

    /// The format named by a path's extension (`.png` at 150 dpi unless `dpi` is given).
    public static func forPath(_ path: String, dpi: Double = 150) throws -> OutputFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": return .png(dpi: dpi)
        case "pdf": return .pdf
        case "svg": return .svg
        default: throw LabError(.invalidInput, "cannot tell the figure format of '\(path)'; use a .png, .pdf or .svg file name.")
        }
    }
}

/// Turns ``Figure`` values into PNG, PDF or SVG bytes with Cairo.
///
/// Rendering is deterministic: the same figure gives the same PDF and SVG bytes and the same PNG
/// pixels on the same machine (fixed PDF dates and metadata; SVG ids normalised). Every call uses
/// its own Cairo surface, so figures may be rendered concurrently.
public enum FigureRenderer {
    /// The creation and modification date written into every PDF (fixed for reproducible bytes).
    public static let pdfDate = "2000-01-01T00:00:00Z"

    /// Renders `figure` and returns the file's bytes.
    ///
    /// `provenance`, when given, is embedded as metadata: a PNG `iTXt` chunk, the PDF's
    /// Keywords entry, an SVG `<metadata>` element (see ``FigureProvenance``). It must be
    /// deterministic text for the bytes to stay reproducible.
    ///
    /// - Throws: ``LabError`` `.invalidInput` for an inconsistent spec or an unusable DPI,
    ///   `.environment` when the font is missing, `.failure` if Cairo reports an error.
    public static func render(_ figure: Figure, format: OutputFormat, provenance: String? = nil) throws -> [UInt8] {
        try renderWithText(figure, format: format, provenance: provenance).bytes
    }

    /// Renders `figure` and writes it to `path`, creating parent directories.
    ///
    /// The write is atomic (a temporary file renamed over `path`) and replaces a symlink at
    /// `path` rather than following it.
    public static func write(_ figure: Figure, to path: String, format: OutputFormat? = nil) throws {
        let bytes = try render(figure, format: format ?? OutputFormat.forPath(path))
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw LabError(.invalidInput, "could not write figure to '\(path)': \(error.localizedDescription)")
        }
        try OutputFile.write(bytes, toPath: path)
    }

    /// The boxes of all text the figure draws, as measured by Cairo (for layout checks).
    public static func textBoxes(of figure: Figure) throws -> [TextBox] {
        try renderWithText(figure, format: .svg).boxes
    }

    static func renderWithText(_ figure: Figure, format: OutputFormat, provenance: String? = nil) throws -> (bytes: [UInt8], boxes: [TextBox]) {
        try figure.validate()
        let sink = ByteSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let surface: OpaquePointer
        var scale = 1.0
        switch format {
        case .png(let dpi):
            guard dpi.isFinite, dpi >= 10, dpi <= 1200 else {
                throw LabError(.invalidInput, "PNG resolution \(dpi) dpi is out of range; use 10…1200.")
            }
            scale = dpi / 72
            let w = Int32((figure.width * scale).rounded(.up)), h = Int32((figure.height * scale).rounded(.up))
            surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h)
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(ByteSink.write, context, figure.width, figure.height)
            cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, pdfDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, pdfDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "OffloadLab Plots")
            if let title = figure.title { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
            if let provenance { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, provenance) }
        case .svg:
            surface = cairo_svg_surface_create_for_stream(ByteSink.write, context, figure.width, figure.height)
            cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "create the \(format.fileExtension) surface")

        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_scale(cr, scale, scale)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let canvas = Canvas(cr: cr, style: figure.style, resolution: format.fileExtension == "png" ? 1 / scale : 0.1)
        try canvas.verifyFont()
        var layout = try FigureLayout(figure: figure, canvas: canvas)
        layout.draw(canvas: canvas)
        try check(cairo_status(cr), "draw the figure")
        cairo_surface_flush(surface)

        switch format {
        case .png(let dpi):
            try check(cairo_surface_write_to_png_stream(surface, ByteSink.write, context), "encode the PNG")
            let png = PNGMetadata.settingResolution(sink.bytes, dpi: dpi)
            return (provenance.map { FigureProvenance.embedding($0, inPNG: png) } ?? png, canvas.textBoxes)
        case .pdf:
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface), "finish the PDF")
            return (sink.bytes, canvas.textBoxes)
        case .svg:
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface), "finish the SVG")
            let svg = SVGNormaliser.normalise(sink.bytes)
            return (provenance.map { FigureProvenance.embedding($0, inSVG: svg) } ?? svg, canvas.textBoxes)
        }
    }

    private static func check(_ status: cairo_status_t, _ what: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        let reason = String(cString: cairo_status_to_string(status))
        throw LabError(.failure, "Cairo could not \(what): \(reason).")
    }
}

/// Collects the bytes Cairo streams out.
final class ByteSink {
    var bytes: [UInt8] = []

    /// A `cairo_write_func_t` appending to the sink passed as the closure pointer.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
