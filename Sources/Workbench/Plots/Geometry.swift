/// An axis-aligned rectangle in points, y growing downwards (Cairo's user space).
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    /// Left edge.
    public var x: Double
    /// Top edge.
    public var y: Double
    /// Width (≥ 0).
    public var width: Double
    /// Height (≥ 0).
    public var height: Double

    /// Creates a rectangle.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Right edge.
    public var maxX: Double { x + width }
    /// Bottom edge.
    public var maxY: Double { y + height }
    /// Horizontal centre.
    public var midX: Double { x + width / 2 }
    /// Vertical centre.
    public var midY: Double { y + height / 2 }

    /// Whether the interiors overlap by more than `tolerance` points in both directions.
    public func intersects(_ other: Rect, tolerance: Double = 0.01) -> Bool {
        Swift.min(maxX, other.maxX) - Swift.max(x, other.x) > tolerance
            && Swift.min(maxY, other.maxY) - Swift.max(y, other.y) > tolerance
    }

    /// Area of the overlap with `other` (0 when disjoint).
    public func overlapArea(_ other: Rect) -> Double {
        let w = Swift.min(maxX, other.maxX) - Swift.max(x, other.x)
        let h = Swift.min(maxY, other.maxY) - Swift.max(y, other.y)
        return w > 0 && h > 0 ? w * h : 0
    }

    /// Whether `other` lies inside this rectangle (with `tolerance` points of slack).
    public func contains(_ other: Rect, tolerance: Double = 0.01) -> Bool {
        other.x >= x - tolerance && other.y >= y - tolerance
            && other.maxX <= maxX + tolerance && other.maxY <= maxY + tolerance
    }

    /// Whether the point lies inside.
    public func contains(x px: Double, y py: Double) -> Bool {
        px >= x && px <= maxX && py >= y && py <= maxY
    }

    /// The rectangle shrunk by the given insets.
    public func inset(left: Double, top: Double, right: Double, bottom: Double) -> Rect {
        Rect(x: x + left, y: y + top, width: Swift.max(0, width - left - right), height: Swift.max(0, height - top - bottom))
    }

    /// `(x, y, w×h)` for test failure messages.
    public var description: String { "(\(x), \(y), \(width)×\(height))" }
}

/// What a piece of text on a figure is (for the overlap checks in tests).
public enum TextRole: String, Sendable, Hashable {
    /// Figure title.
    case figureTitle
    /// Panel title.
    case title
    /// Panel letter such as (a).
    case panelLetter
    /// Axis label.
    case axisLabel
    /// Tick label (including category names and colour-bar ticks).
    case tickLabel
    /// Legend entry.
    case legend
    /// Value printed above a bar.
    case valueLabel
    /// Label of a reference line.
    case reference
    /// Legend title or note.
    case legendText
    /// Number printed in a heatmap cell.
    case cellValue
}

/// The box of one piece of drawn text, as measured by Cairo.
public struct TextBox: Sendable, Hashable {
    /// The text.
    public var text: String
    /// What it is.
    public var role: TextRole
    /// Its logical extent (advance width × font ascent + descent), in points.
    public var rect: Rect
}
