import Foundation
import TestSupport
import LabCore
import Testing
@testable import Store

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double

    init(_ start: Double = 1_700_000_000) { value = start }

    var now: Double { lock.withLock { value } }

    func advance(_ seconds: Double) { lock.withLock { value += seconds } }

    /// The clock as a ``WallClock``.
    var wall: WallClock { { [self] in self.now } }
}

/// Options with a manual clock.
func options(_ clock: ManualClock, readOnly: Bool = false, maxBytes: Int? = nil) -> StoreOptions {
    StoreOptions(readOnly: readOnly, busyTimeout: 30, maxBytes: maxBytes, clock: clock.wall)
}

/// Deterministic bytes.
func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var rng = RandomSource(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
}

/// Runs `body` and returns the ``LabError`` it throws; records an issue if it throws nothing else.
func labError(_ body: () throws -> Void) -> LabError? {
    do {
        try body()
        Issue.record("expected a LabError, nothing was thrown")
        return nil
    } catch let error as LabError {
        return error
    } catch {
        Issue.record("expected a LabError, got \(error)")
        return nil
    }
}

/// A child `lab` process with its standard output and error captured.
final class Child {
    let process = Process()
    private let out = Pipe()
    private let err = Pipe()
    private var buffer = Data()
    private var finished = false

    init(_ arguments: [String]) throws {
        process.executableURL = try labExecutable()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = environment["OPENBLAS_CORETYPE"] ?? "Haswell"
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    /// Reads stdout until it holds `count` complete lines (or the child exits).
    func waitForLines(_ count: Int) -> [String] {
        while lines.count < count {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        return lines
    }

    /// Complete lines seen so far.
    var lines: [String] {
        var all = String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
        // A line without its newline was cut off by a kill: it does not count.
        if let last = buffer.last, last != UInt8(ascii: "\n"), !all.isEmpty { all.removeLast() }
        return all
    }

    /// Sends SIGKILL.
    func kill() { _ = Foundation.kill(process.processIdentifier, SIGKILL) }

    /// Waits for exit and returns (status, all stdout lines, stderr text).
    func finish() -> (status: Int32, lines: [String], stderr: String) {
        buffer.append(out.fileHandleForReading.readDataToEndOfFile())
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, lines, errors)
    }
}
