import Dispatch
import Foundation
import LabCore
import Notebook
import Store

/// Ctrl-C during `lab run`: says where the run stopped and what the next run resumes from,
/// records the run as interrupted, and exits with code 1.
///
/// Checkpoints are written atomically as the training goes, so stopping at any moment loses at
/// most the steps since the last one; the handler itself writes only the run's status.
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
            if let id = position.runID {
                // A second connection: the main thread may be inside a write; the busy timeout waits for it.
                do {
                    let db = try StoreDatabase(path: storePath)
                    if let stopped = RunPosition.interruptedExecution(position, notebook: notebook, now: Date().timeIntervalSince1970) {
                        _ = try db.recordExecution(stopped)
                    }
                    try db.finishRun(id, status: .interrupted)
                } catch {
                    printError("(the run could not be marked interrupted in \(storePath): \(error))")
                }
            }
            // `_exit` after flushing every stream: the main thread is still running, and exit's cleanup under it could crash.
            fflush(nil)
            _exit(1)
        }
        source.resume()
    }

    /// Restores the default Ctrl-C behaviour.
    func remove() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// Calls stopped before they finished, with the checkpoint a run resumes them from.
func interruptedCalls(in db: StoreDatabase) throws -> [CheckpointSummary] {
    try db.checkpointSummaries().filter { c in
        // A memoised call's result is under `call:<key>`; another call's under its cell's key, before `#`.
        let owner = c.key.contains("#") ? String(c.key.prefix { $0 != "#" }) : "call:" + c.key
        return try db.lookup(owner) == nil
    }
}
