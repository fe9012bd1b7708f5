import LabCore

/// A 1-based position in a notebook file.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { (a.line, a.column) < (b.line, b.column) }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of characters on one or more lines.
public struct SourceRange: Sendable, Hashable {
    /// First character.
    public var start: SourcePosition
    /// One past the last character (on the same line for single-line tokens).
    public var end: SourcePosition

    /// Creates a range.
    public init(_ start: SourcePosition, _ end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange { SourceRange(min(start, other.start), max(end, other.end)) }
}

/// A static error found in a notebook before anything runs.
///
/// Rendered like a compiler diagnostic: `path:line:column: error: message`, then the source line
/// and a caret run under the offending text.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public var message: String
    /// Where.
    public var range: SourceRange
    /// The notebook path as the user gave it.
    public var path: String
    /// The full line of source text at `range.start.line` (for the caret display).
    public var sourceLine: String
    /// An error stops the notebook; a warning (an unsupported formula in prose) is only shown.
    public var severity: Severity = .error

    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The notebook cannot run.
        case error
        /// Shown, but nothing stops.
        case warning
    }

    /// Creates a diagnostic.
    public init(_ message: String, at range: SourceRange, path: String, sourceLine: String) {
        self.message = message
        self.range = range
        self.path = path
        self.sourceLine = sourceLine
    }

    /// The three-line rendering: location and message, source line, caret underline.
    public var description: String {
        let col = max(1, range.start.column)
        let width = range.end.line == range.start.line ? max(1, range.end.column - range.start.column) : max(1, sourceLine.count - col + 1)
        let caret = String(repeating: " ", count: col - 1) + "^" + String(repeating: "~", count: max(0, width - 1))
        return "\(path):\(range.start.line):\(col): \(severity.rawValue): \(message)\n\(sourceLine)\n\(caret)"
    }

    /// The same problem as a ``LabError`` (code `.notebook`, exit 2).
    public var labError: LabError {
        LabError(.notebook, message, at: SourceLocation(file: path, line: range.start.line, column: range.start.column))
    }
}

/// Several diagnostics reported together (a notebook is checked as a whole).
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    /// The problems, in source order.
    public var items: [Diagnostic]

    /// Wraps diagnostics, sorting them by position.
    public init(_ items: [Diagnostic]) { self.items = items.sorted { ($0.range.start) < ($1.range.start) } }

    public var description: String { items.map(\.description).joined(separator: "\n\n") }
}
