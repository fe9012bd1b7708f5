/// What a legend box shows: an optional title, one entry per series and optional notes.
///
/// Shared by panel legends and a figure's shared legend. Without a title or notes the box is
/// exactly the entry grid.
struct LegendContent {
    /// Heading above the entries.
    var title: String?
    /// The series looks, one entry each.
    var looks: [SeriesLook]
    /// Entry texts, one per look.
    var names: [String]
    /// Lines of text below the entries.
    var notes: [String]

    /// Title and notes, the full-width text rows.
    private var hasTitle: Bool { !(title ?? "").isEmpty }

    /// The box size with entries in `columns` columns.
    func size(columns: Int, canvas: Canvas, style: Style) -> LegendSize {
        let row = canvas.measure("Ag", size: style.tickFontSize).height + 1
        let widest = names.map { canvas.measure($0, size: style.tickFontSize).width }.max() ?? 0
        let cell = Metrics.legendSample + 4 + widest
        let gap = 2 * Metrics.legendPad
        let rows = (looks.count + columns - 1) / columns
        var width = 2 * Metrics.legendPad + Double(columns) * cell + Double(columns - 1) * gap
        let texts = (hasTitle ? [title!] : []) + notes
        for text in texts {
            width = Swift.max(width, 2 * Metrics.legendPad + canvas.measure(text, size: style.tickFontSize, bold: text == title && hasTitle).width)
        }
        let extra = Double(texts.count)
        return LegendSize(width: width, height: 2 * Metrics.legendPad + row * (Double(rows) + extra), row: row,
                          columns: columns, cell: cell + gap)
    }

    /// Draws the box, title, entries and notes into `rect`.
    func draw(in rect: Rect, size: LegendSize, canvas: Canvas, style: Style) {
        canvas.fillRect(rect, color: Color.white.withAlpha(0.9))
        canvas.strokeRect(rect, width: 0.6, color: Color(hex: 0xBBBBBB))
        var top = rect.y + Metrics.legendPad
        if hasTitle, let title {
            canvas.drawText(title, x: rect.x + Metrics.legendPad, y: top + size.row / 2, size: style.tickFontSize, bold: true,
                            h: .left, v: .center, role: .legendText)
            top += size.row
        }
        for (k, look) in looks.enumerated() {
            let cy = top + Double(k / size.columns) * size.row + size.row / 2
            let sx = rect.x + Metrics.legendPad + Double(k % size.columns) * size.cell
            switch look.kind {
            case .line:
                canvas.line(sx, cy, sx + Metrics.legendSample, cy, width: look.lineWidth, color: look.color)
                if look.marker != .none {
                    MarkerPath.add(look.marker, x: sx + Metrics.legendSample / 2, y: cy, size: style.markerSize, cr: canvas.cr)
                    MarkerPath.paint(look.marker, color: look.color, size: style.markerSize, cr: canvas.cr, canvas: canvas)
                }
            case .scatter:
                MarkerPath.add(look.marker, x: sx + Metrics.legendSample / 2, y: cy, size: Swift.max(look.lineWidth, style.markerSize), cr: canvas.cr)
                MarkerPath.paint(look.marker, color: look.color.withAlpha(1), size: Swift.max(look.lineWidth, style.markerSize), cr: canvas.cr, canvas: canvas)
            case .bar:
                let h = size.row * 0.7
                canvas.fillRect(Rect(x: sx + 3, y: cy - h / 2, width: Metrics.legendSample - 6, height: h), color: look.color)
            }
            canvas.drawText(names[k], x: sx + Metrics.legendSample + 4, y: cy, size: style.tickFontSize,
                            h: .left, v: .center, role: .legend)
        }
        top += Double((looks.count + size.columns - 1) / size.columns) * size.row
        for note in notes {
            canvas.drawText(note, x: rect.x + Metrics.legendPad, y: top + size.row / 2, size: style.tickFontSize,
                            h: .left, v: .center, color: Color(hex: 0x444444), role: .legendText)
            top += size.row
        }
    }
}
