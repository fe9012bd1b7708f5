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
            cairo_new_sub_path(cr)
            cairo_arc(cr, x, y, r, 0, 2 * Double.pi)
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

    /// Fills (or strokes) the current path as markers of this kind.
    static func paint(_ marker: Marker, color: Color, cr: OpaquePointer, canvas: Canvas) {
        if isStroked(marker) {
            canvas.stroke(width: 1.2, color: color)
        } else {
            canvas.setColor(color)
            cairo_fill(cr)
        }
    }
}
