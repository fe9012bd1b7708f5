import CCairo
import Foundation

/// Builds and paints marker symbols on a Cairo context.
enum MarkerPath {
    /// Adds the outline of `marker` centred at (x, y) with diameter `size` to the current path.
    static func add(_ marker: Marker, x: Double, y: Double, size: Double, cr: OpaquePointer) {
        let r = size / 2
        switch marker {
        case .none:
            return
        case .circle:
            // A zero-length segment stroked with round caps (see ``paint``) is an exact disc in
            // every backend, and costs two coordinates in PDF/SVG instead of four Bézier curves.
            cairo_move_to(cr, x, y)
            cairo_line_to(cr, x, y)
        case .square:
            let s = r * 0.9
            cairo_rectangle(cr, x - s, y - s, 2 * s, 2 * s)
        case .triangle, .triangleDown:
            let d = marker == .triangle ? 1.0 : -1.0
            let t = r * 1.15
            cairo_move_to(cr, x, y - d * t)
            cairo_line_to(cr, x + t * 0.866, y + d * t * 0.5)
            cairo_line_to(cr, x - t * 0.866, y + d * t * 0.5)
            cairo_close_path(cr)
        case .diamond:
            let t = r * 1.15
            cairo_move_to(cr, x, y - t)
            cairo_line_to(cr, x + t * 0.75, y)
            cairo_line_to(cr, x, y + t)
            cairo_line_to(cr, x - t * 0.75, y)
            cairo_close_path(cr)
        case .plus:
            cairo_move_to(cr, x - r, y)
            cairo_line_to(cr, x + r, y)
            cairo_move_to(cr, x, y - r)
            cairo_line_to(cr, x, y + r)
        case .cross:
            let s = r * 0.8
            cairo_move_to(cr, x - s, y - s)
            cairo_line_to(cr, x + s, y + s)
            cairo_move_to(cr, x - s, y + s)
            cairo_line_to(cr, x + s, y - s)
        }
    }

    /// Whether the marker is drawn by stroking (plus, cross) rather than filling.
    static func isStroked(_ marker: Marker) -> Bool { marker == .plus || marker == .cross }

    /// Fills (or strokes) the current path as markers of this kind; `size` is the marker diameter.
    static func paint(_ marker: Marker, color: Color, size: Double, cr: OpaquePointer, canvas: Canvas) {
        if marker == .circle {
            canvas.setColor(color)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
            cairo_set_line_width(cr, size)
            cairo_stroke(cr)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
            return
        }
        if isStroked(marker) {
            canvas.stroke(width: 1.2, color: color)
        } else {
            canvas.setColor(color)
            cairo_fill(cr)
        }
    }
}
