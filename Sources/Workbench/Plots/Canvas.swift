import CCairo
import LabCore
import Foundation

/// A Cairo context plus the house text conventions; records every text box it draws.
///
/// Internal to the renderer: one canvas per render, never shared between threads.
final class Canvas {
    /// Horizontal text anchor.
    enum HAnchor { case left, center, right }
    /// Vertical text anchor (on the logical box: ascent above the baseline, descent below).
    enum VAnchor { case top, center, bottom }

    let cr: OpaquePointer
    let style: Style
    /// The size of one device pixel in points (vector output: a tenth of a point).
    let resolution: Double
    private(set) var textBoxes: [TextBox] = []
    private var currentFont: (size: Double, bold: Bool)?

    init(cr: OpaquePointer, style: Style, resolution: Double = 0.1) {
        self.cr = cr
        self.style = style
        self.resolution = resolution
        let options = cairo_font_options_create()
        // Unhinted metrics: text measures the same on image, PDF and SVG surfaces.
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }

    /// Checks that fontconfig resolved the style's family rather than silently substituting.
    func verifyFont() throws {
        for bold in [false, true] {
            setFont(size: 10, bold: bold)
            guard let scaled = cairo_get_scaled_font(cr), let face = cairo_ft_scaled_font_lock_face(scaled) else {
                throw LabError(.environment, "Cairo could not load font '\(style.fontFamily)'; install it (apt-get install fonts-dejavu-core).")
            }
            let family = face.pointee.family_name.map { String(cString: $0) } ?? ""
            cairo_ft_scaled_font_unlock_face(scaled)
            guard family.lowercased() == style.fontFamily.lowercased() else {
                throw LabError(.environment, "font '\(style.fontFamily)' is not installed (fontconfig substituted '\(family)'); install it, e.g. apt-get install fonts-dejavu-core.")
            }
        }
    }

    func setFont(size: Double, bold: Bool = false) {
        if let f = currentFont, f.size == size, f.bold == bold { return }
        cairo_select_font_face(cr, style.fontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        currentFont = (size, bold)
    }

    /// Logical size of `text`: advance width, ascent + descent, and the ascent.
    func measure(_ text: String, size: Double, bold: Bool = false) -> (width: Double, height: Double, ascent: Double) {
        setFont(size: size, bold: bold)
        var te = cairo_text_extents_t()
        var fe = cairo_font_extents_t()
        cairo_text_extents(cr, text, &te)
        cairo_font_extents(cr, &fe)
        return (te.x_advance, fe.ascent + fe.descent, fe.ascent)
    }

    /// The box `text` would occupy when drawn with ``drawText``; nothing is drawn.
    func textRect(
        _ text: String, x: Double, y: Double, size: Double, bold: Bool = false,
        h: HAnchor, v: VAnchor, vertical: Bool = false
    ) -> Rect {
        let m = measure(text, size: size, bold: bold)
        let (w, hgt) = vertical ? (m.height, m.width) : (m.width, m.height)
        let left: Double = switch h { case .left: x; case .center: x - w / 2; case .right: x - w }
        let top: Double = switch v { case .top: y; case .center: y - hgt / 2; case .bottom: y - hgt }
        return Rect(x: left, y: top, width: w, height: hgt)
    }

    /// Draws `text` anchored at (x, y); `vertical` reads bottom to top. Returns and records its box.
    @discardableResult
    func drawText(
        _ text: String, x: Double, y: Double, size: Double, bold: Bool = false,
        h: HAnchor, v: VAnchor, vertical: Bool = false, color: Color = .ink, role: TextRole
    ) -> Rect {
        let box = textRect(text, x: x, y: y, size: size, bold: bold, h: h, v: v, vertical: vertical)
        guard !text.isEmpty else { return box }
        let ascent = measure(text, size: size, bold: bold).ascent
        setColor(color)
        cairo_save(cr)
        if vertical {
            cairo_move_to(cr, box.x + ascent, box.maxY)
            cairo_rotate(cr, -Double.pi / 2)
        } else {
            cairo_move_to(cr, box.x, box.y + ascent)
        }
        cairo_show_text(cr, text)
        cairo_restore(cr)
        cairo_new_path(cr)
        textBoxes.append(TextBox(text: text, role: role, rect: box))
        return box
    }

    func setColor(_ c: Color) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
    }

    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double, color: Color) {
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
        stroke(width: width, color: color)
    }

    func stroke(width: Double, color: Color, dash: LineDash = .solid) {
        setColor(color)
        cairo_set_line_width(cr, width)
        setDash(dash, width: width)
        cairo_stroke(cr)
        setDash(.solid, width: width)
    }

    func fillRect(_ r: Rect, color: Color) {
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        setColor(color)
        cairo_fill(cr)
    }

    func strokeRect(_ r: Rect, width: Double, color: Color) {
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        stroke(width: width, color: color)
    }

    func setDash(_ dash: LineDash, width: Double) {
        let w = Swift.max(width, 0.5)
        let pattern: [Double] = switch dash {
        case .solid: []
        case .dashed: [3.7 * w, 1.6 * w]
        case .dotted: [1 * w, 1.65 * w]
        case .dashDot: [6.4 * w, 1.6 * w, 1 * w, 1.6 * w]
        }
        cairo_set_dash(cr, pattern, Int32(pattern.count), 0)
        cairo_set_line_cap(cr, dash == .dotted ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
    }

    func clip(_ r: Rect) {
        cairo_save(cr)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_clip(cr)
    }

    func unclip() {
        cairo_restore(cr)
    }
}
