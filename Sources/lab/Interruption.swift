import Dispatch
import Foundation
import LabCore
import Notebook
import Store

/// Ctrl-C during `lab run`: says where the run stopped and what the next run resumes from,
/// records the run as interrupted, and exits with code 1.
///
/// Checkpoints are written atomically as the training goes, so stopping at any moment loses at
/// most the steps since the last one; the handler itself writes only the run's status and the
/// interrupted cell's execution, in one transaction, and then keeps the store's write lock until
/// the process exits, so the main thread is never cut off in the middle of a write.
final class Interruption {
    private let source: any DispatchSourceSignal

    /// Installs the handler for the rest of the process (keep the returned value alive).
    init(runner: Runner, display: ProgressDisplay, notebook: String, storePath: String) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [runner] in
            display.clear()
            let position = runner.position.freeze()
            printError("\n" + RunPosition.interruptionMessage(position, notebook: notebook))
            // A second connection: the main thread may be inside a write; the busy timeout waits for
            // it. It stays open, holding the write lock, until the process ends.
            var held: StoreDatabase?
            if let id = position.runID {
                do {
                    let db = try StoreDatabase(path: storePath)
                    held = db
                    try db.recordInterruptionHoldingWrites(id, stopped: RunPosition.interruptedExecution(position, notebook: notebook, now: Date().timeIntervalSince1970))
                } catch {
                    printError("(the run could not be marked interrupted in \(storePath): \(error))")
                }
            }
            // `_exit` after flushing every stream: the main thread is still running, and exit's cleanup under it could crash.
            withExtendedLifetime(held) {
                fflush(nil)
                _exit(1)
            }
        }
        source.resume()
    }

    /// Restores the default Ctrl-C behaviour.
    func remove() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
