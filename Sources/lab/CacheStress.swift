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
            guard (1...Self.maximumBlobBytes).contains(blobBytes), (0...Self.maximumMetrics).contains(metrics), count >= 0,
                  (1...Self.maximumStride).contains(stepStride), (-Self.maximumOffset...Self.maximumOffset).contains(stepOffset) else {
                throw LabError(.invalidInput, "stress needs --blob-bytes in 1...\(Self.maximumBlobBytes), --metrics in 0...\(Self.maximumMetrics), --count ≥ 0, --step-stride in 1...\(Self.maximumStride) and --step-offset within ±2^53.")
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
                let points = try (0..<metrics).map { j -> MetricPoint in
                    let step = try Self.step(offset: stepOffset, stride: stepStride, index: i, metrics: metrics, point: j)
                    return MetricPoint(key: seriesKey, name: "loss", step: step, value: 1 / Double(step + 1), wallTime: Double(step))
                }
                try db.appendMetrics(points)
                // Unbuffered, so the line is out before the next write starts.
                let digest = entry.outputs["value"].map { "\($0.digest)" } ?? "-"
                FileHandle.standardOutput.write(Data("ok \(i) \(digest)\n".utf8))
                i += 1
            }
        }
    }

    /// The largest `--blob-bytes` (16 MiB).
    static let maximumBlobBytes = 1 << 24
    /// The largest `--metrics` per iteration.
    static let maximumMetrics = 100_000
    /// The largest `--step-stride`.
    static let maximumStride: Int64 = 1_000_000
    /// The largest `--step-offset` magnitude (2^53, where steps stop being exact doubles).
    static let maximumOffset: Int64 = 1 << 53

    /// `offset + stride × (index × metrics + point)`, or an error once it leaves ±2^53.
    static func step(offset: Int64, stride: Int64, index: Int, metrics: Int, point: Int) throws -> Int64 {
        let (n, o1) = Int64(index).multipliedReportingOverflow(by: Int64(metrics))
        let (m, o2) = n.addingReportingOverflow(Int64(point))
        let (d, o3) = m.multipliedReportingOverflow(by: stride)
        let (step, o4) = offset.addingReportingOverflow(d)
        guard !(o1 || o2 || o3 || o4), abs(step) <= maximumOffset else {
            throw LabError(.invalidInput, "the metric step passed 2^53 at iteration \(index): lower --count, --metrics or --step-stride.")
        }
        return step
    }
}
