import CCairo
@testable import Plots

/// Lays out and draws a figure on a throw-away recording surface, returning the panel plans.
enum PlotsTestSupport {
    static func plans(of figure: Figure) throws -> [PanelPlan] {
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil)
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        let canvas = Canvas(cr: cr, style: figure.style)
        var layout = try FigureLayout(figure: figure, canvas: canvas)
        layout.draw(canvas: canvas)
        return layout.plans
    }
}
