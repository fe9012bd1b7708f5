import Foundation
import Synchronization
import Testing
@testable import Notebook

/// A progress display on a hand-moved clock that keeps what it writes.
final class RecordedDisplay: Sendable {
    let time = Mutex(0.0)
    let written = Mutex<[String]>([])
    var display: ProgressDisplay {
        ProgressDisplay(mode: .lines(interval: 0), clock: { self.time.withLock { $0 } }, write: { text in self.written.withLock { $0.append(text) } })
    }
    func at(_ t: Double) { time.withLock { $0 = t } }
    var last: String { written.withLock { $0.last ?? "" }.trimmingCharacters(in: .newlines) }
}

@Suite struct ProgressLineTests {
    @Test func theLineShowsTheCallTheStepTheLossAndTheETA() {
        let line = ProgressDisplay.line("b › gadsg.train 2/6 · epoch", 5, 16, elapsed: 25, baseline: 0, detail: "loss 0.41", bar: false)
        #expect(line == "b › gadsg.train 2/6 · epoch 5/16 · loss 0.41 · ETA 55s")
        #expect(ProgressDisplay.line("t", 16, 16, elapsed: 70, bar: false) == "t 16/16 · 1m10s")
    }

    /// Before, the ETA divided the elapsed time by the fraction done, so a training resumed at
    /// step 8 of 16 was credited with 8 steps it did not do in that time.
    @Test func theETAIsRightAfterAResume() {
        let r = RecordedDisplay()
        let display = r.display
        r.at(100)
        display.update("train", 9, of: 16)   // the first step after resuming from step 8
        r.at(102)
        display.update("train", 10, of: 16)  // one step in 2 s: 6 left → 12 s
        #expect(r.last == "train 10/16 · ETA 12s", "\(r.last)")
    }

    @Test func theETAIsRightForEachOfSeveralTrainingsInACell() {
        let r = RecordedDisplay()
        let display = r.display
        r.at(0)
        display.update("c › m.train 1/2 · epoch", 1, of: 4)
        r.at(30)
        display.update("c › m.train 1/2 · epoch", 4, of: 4)  // 10 s a step
        #expect(r.last == "c › m.train 1/2 · epoch 4/4 · 30s")
        // The second training is twice as fast; its ETA owes nothing to the first.
        r.at(40)
        display.update("c › m.train 2/2 · epoch", 1, of: 4, detail: "loss 0.5")
        r.at(45)
        display.update("c › m.train 2/2 · epoch", 2, of: 4, detail: "loss 0.25")
        #expect(r.last == "c › m.train 2/2 · epoch 2/4 · loss 0.25 · ETA 10s", "\(r.last)")
    }

    @Test func callsAreCountedFromTheirCallSites() throws {
        let nb = try Notebook.parse("""
        ```lab id=c
        a = m.train(1)
        b = [m.train(2), m.train(3)]
        d = [m.train(k) for k in [1, 2]]
        ```
        """, path: "nb.md")
        let program = try #require(nb.cells.first).program
        #expect(program.callCount(of: "m.train") == nil)
        #expect(program.callCount(of: "m.other") == 0)
        let two = try Notebook.parse("```lab id=c\na = m.train(1)\nb = m.train(m.train(2))\n```\n", path: "nb.md").cells[0]
        #expect(two.program.callCount(of: "m.train") == 3)
        #expect(Runner.progressLabel(cell: two, function: "m.train", ordinal: 2) == "c › m.train 2/3")
        #expect(Runner.progressLabel(cell: nb.cells[0], function: "m.train", ordinal: 4) == "c › m.train 4/?")
        // Once the comprehension's list is known, so is the count.
        var lengths: [SourceRange: Int] = [:]
        for statement in nb.cells[0].program.statements {
            if case .comprehension = statement.value.kind { lengths[statement.value.range] = 2 }
        }
        #expect(nb.cells[0].program.expectedCallCount(of: "m.train", lengths: lengths) == 5)
        #expect(Runner.progressLabel(cell: nb.cells[0], function: "m.train", ordinal: 4, lengths: lengths) == "c › m.train 4/5")
        let nested = try Notebook.parse("```lab id=c\nd = [[m.train(k, s) for s in [1, 2, 3]] for k in [1, 2]]\ne = [m.train(k) for k in [1, 2] if k > 1]\n```\n", path: "nb.md").cells[0]
        #expect(nested.program.expectedCallCount(of: "m.train", lengths: [:]) == nil)
        #expect(nested.program.expectedCallCount(of: "m.other", lengths: [:]) == 0, "no call, no count needed")
        let one = try Notebook.parse("```lab id=c\na = m.train(1)\n```\n", path: "nb.md").cells[0]
        #expect(Runner.progressLabel(cell: one, function: "m.train", ordinal: 1) == "c › m.train")
    }
}
