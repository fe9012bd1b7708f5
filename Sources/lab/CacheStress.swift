import ArgumentParser
import Foundation
import LabCore
import Store

/// `lab cache stress` (hidden): writes blobs, cache entries and metrics in a loop.
///
/// The store's crash and multi-process tests run it as a child process: after each iteration's
/// writes have returned it prints `ok <i> <digest>` and flushes, so the parent knows exactly
/// which writes must survive a SIGKILL.
struct CacheStress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Write blobs, cache entries and metrics in a loop (used by the store's crash tests).",
        shouldDisplay: false)

    @OptionGroup var location: StoreLocationOptions

    @Option(help: "Writer name: cache keys are <writer>-<i>.")
    var writer: String

    @Option(help: "Iterations; 0 runs until killed.")
    var count: Int = 100

    @Option(help: "Largest blob size in bytes (sizes vary from 1 to this).")
    var blobBytes: Int = 4096

    @Option(help: "Metric points per iteration.")
    var metrics: Int = 10

    @Option(help: "Cache key of the metric series written (name `loss`).")
    var seriesKey: String = "stress"

    @Option(help: "Steps written are offset + stride × n.")
    var stepOffset: Int64 = 0

    @Option(help: "Steps written are offset + stride × n.")
    var stepStride: Int64 = 1

    @Option(help: "Seed for the blob contents.")
    var seed: UInt64 = 1

    @Option(help: "Switch to this user and group id before opening the store (root only; lets a test see a read-only directory as a normal user does).")
    var asUID: UInt32?

    func run() throws {
        try reportingErrors {
            guard blobBytes >= 1, metrics >= 0, count >= 0, stepStride >= 1 else {
                throw LabError(.invalidInput, "stress needs --blob-bytes ≥ 1, --metrics ≥ 0, --count ≥ 0 and --step-stride ≥ 1.")
            }
            if let asUID {
                guard setgroups(0, nil) == 0, setgid(asUID) == 0, setuid(asUID) == 0 else {
                    throw LabError(.environment, "Cannot switch to user id \(asUID): --as-uid needs root.")
                }
            }
            let db = try location.open(readOnly: false)
            var i = 0
            while count == 0 || i < count {
                var rng = RandomSource(seed: seed, stream: "\(writer)/\(i)")
                let size = 1 + rng.int(below: blobBytes)
                let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                let entry = try db.record(key: "\(writer)-\(i)", outputs: ["value": BlobPayload(codec: StoreCodec.text, bytes: bytes)])
                // The same bytes from every writer: must be stored once.
                try db.putBlob(BlobPayload(codec: StoreCodec.text, bytes: Array("shared-\(i)".utf8)))
                let points = (0..<metrics).map { j -> MetricPoint in
                    let step = stepOffset + stepStride * Int64(i * metrics + j)
                    return MetricPoint(key: seriesKey, name: "loss", step: step, value: 1 / Double(step + 1), wallTime: Double(step))
                }
                try db.appendMetrics(points)
                // Unbuffered, so the line is out before the next write starts.
                FileHandle.standardOutput.write(Data("ok \(i) \(entry.outputs["value"]!.digest)\n".utf8))
                i += 1
            }
        }
    }
}
