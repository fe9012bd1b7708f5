import CCairo
import Foundation

extension PanelPlan {
    /// Draws the panel's reference lines, dashed grey across the plot area, with their labels.
    ///
    /// A horizontal label sits above the line at the right end; a vertical one beside the line
    /// at the top. Lines outside the axis limits are left out. Vertical lines need a numeric x axis.
    func drawReferences(canvas: Canvas, style: Style) {
        guard let references = panel.references, !references.isEmpty, !isHeatmap else { return }
        let color = Color(hex: 0x555555)
        canvas.clip(plot)
        for line in references where line.value.isFinite {
            switch line.orientation {
            case .horizontal:
                guard line.value >= Swift.min(y.lo, y.hi), line.value <= Swift.max(y.lo, y.hi), y.scale == .linear || line.value > 0 else { continue }
                let p = py(line.value)
                cairo_move_to(canvas.cr, plot.x, p)
                cairo_line_to(canvas.cr, plot.maxX, p)
                canvas.stroke(width: 0.9, color: color, dash: .dashed)
                if let label = line.label, !label.isEmpty {
                    canvas.drawText(label, x: plot.maxX - 3, y: p - 1.5, size: style.tickFontSize - 1, h: .right, v: .bottom,
                                    color: color, role: .reference)
                }
            case .vertical:
                guard isXY, line.value >= Swift.min(x.lo, x.hi), line.value <= Swift.max(x.lo, x.hi), x.scale == .linear || line.value > 0 else { continue }
                let p = px(line.value)
                cairo_move_to(canvas.cr, p, plot.y)
                cairo_line_to(canvas.cr, p, plot.maxY)
                canvas.stroke(width: 0.9, color: color, dash: .dashed)
                if let label = line.label, !label.isEmpty {
                    canvas.drawText(label, x: p + 2, y: plot.y + 3, size: style.tickFontSize - 1, h: .left, v: .top,
                                    color: color, role: .reference)
                }
            }
        }
        canvas.unclip()
    }
}
