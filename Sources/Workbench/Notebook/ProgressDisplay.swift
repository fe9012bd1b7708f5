import Foundation
import Synchronization

/// Progress of long calls on the terminal: a redrawn bar with ETA on a TTY, plain lines every few
/// seconds otherwise (logs, CI), nothing when quiet.
public final class ProgressDisplay: Sendable {
    /// How progress is shown.
    public enum Mode: Sendable {
        /// One line redrawn in place (`\r`), at most 10 times a second.
        case terminal
        /// A plain line at most every `interval` seconds.
        case lines(interval: Double)
        /// Nothing.
        case quiet
    }

    let mode: Mode
    let clock: @Sendable () -> Double
    let write: @Sendable (String) -> Void
    /// The task being shown: its label, when and at which count it was first reported (the ETA
    /// is measured from there, so a call resumed at step 8 of 16 is not credited with 8 free steps).
    private struct State { var label = ""; var started = 0.0; var baseline = 0; var lastDraw = -1.0e18; var drawn = false }
    private let state = Mutex(State())

    /// Creates a display; `clock` and `write` are injectable for tests.
    public init(mode: Mode, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.mode = mode
        self.clock = clock
        self.write = write
    }

    /// `.terminal` when standard error is a TTY, else `.lines(interval: 5)`.
    public static func automatic() -> ProgressDisplay {
        ProgressDisplay(mode: isatty(2) != 0 ? .terminal : .lines(interval: 5))
    }

    /// Reports `done` of `total` for the task named `label` (a new label restarts the ETA clock),
    /// with an optional `detail` such as `loss 0.41` shown before the ETA.
    ///
    /// The ETA is the rate since the label's first report applied to what remains, so it is right
    /// for a training resumed half-way and for each of several trainings in one cell.
    public func update(_ label: String, _ done: Int, of total: Int, detail: String? = nil) {
        let now = clock()
        let text: String? = state.withLock { s in
            if s.label != label { s.label = label; s.started = now; s.baseline = done; s.lastDraw = -1.0e18 }
            let finished = total > 0 && done >= total
            switch mode {
            case .quiet: return nil
            case .terminal:
                guard finished || now - s.lastDraw >= 0.1 else { return nil }
            case .lines(let interval):
                // Short tasks print nothing; long ones a line per interval and a final line.
                guard now - s.started >= interval || (finished && s.drawn) else { return nil }
                guard finished || now - s.lastDraw >= interval else { return nil }
            }
            s.lastDraw = now
            s.drawn = true
            return ProgressDisplay.line(label, done, total, elapsed: now - s.started, baseline: s.baseline, detail: detail,
                                        bar: { if case .terminal = mode { return true }; return false }())
        }
        guard let text else { return }
        if case .terminal = mode { write("\r\u{1B}[2K" + text) } else { write(text + "\n") }
    }

    /// Clears the in-place line before other output is printed.
    public func clear() {
        let wasDrawn = state.withLock { s -> Bool in defer { s.drawn = false; s.label = "" }; return s.drawn }
        if wasDrawn, case .terminal = mode { write("\r\u{1B}[2K") }
    }

    /// `label 40/100 [#########...............] · loss 0.41 · ETA 12s` (the bar on a terminal only).
    ///
    /// `elapsed` seconds have passed since the label was first reported at count `baseline`; the
    /// ETA extrapolates the rate since then, `(done - baseline) / elapsed`, to the rest.
    static func line(_ label: String, _ done: Int, _ total: Int, elapsed: Double, baseline: Int = 0, detail: String? = nil, bar: Bool) -> String {
        guard total > 0 else { return "\(label) \(done)" + (detail.map { " · " + $0 } ?? "") }
        let fraction = min(1, Double(done) / Double(total))
        var text = "\(label) \(done)/\(total)"
        if bar {
            let width = 24, filled = Int(fraction * Double(width))
            text += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        }
        if let detail { text += " · " + detail }
        if done > baseline && done < total && elapsed >= 0.5 {
            text += " · ETA " + duration(elapsed * Double(total - done) / Double(done - baseline))
        } else if done >= total {
            text += " · " + duration(elapsed)
        }
        return text
    }

    /// `850ms`, `12s`, `3m05s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 { return seconds < 10 ? String(format: "%.1fs", seconds) : "\(Int(seconds.rounded()))s" }
        let s = Int(seconds.rounded())
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }
}
