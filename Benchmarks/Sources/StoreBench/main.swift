// StoreBench: write/read throughput of the SQLite store, metric ingestion, cold open time.
// Run in release: swift build -c release --product StoreBench && .build/release/StoreBench [dir]
// Prints a Markdown table (Benchmarks/README.md §2 holds the figures measured on the project box).
import Foundation
import LabCore
import Store

/// Seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The median of `values`.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Distinct pseudo-random blobs (distinct, so deduplication does not flatter the write rate).
func makeBlobs(count: Int, size: Int, seed: UInt64) -> [[UInt8]] {
    var rng = RandomSource(seed: seed)
    return (0..<count).map { _ in
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for i in words.indices { words[i] = rng.next() }
        }
        return bytes
    }
}

let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : NSTemporaryDirectory())
    .appendingPathComponent("storebench-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: root) }

/// Prints one Markdown table row.
func row(_ what: String, _ figure: String, _ detail: String) {
    print("| \(what) | \(figure) | \(detail) |")
}

print("| Measurement | Result | Notes |")
print("|---|---|---|")

// SHA-256 alone: every blob write hashes its bytes once.
do {
    let data = makeBlobs(count: 1, size: 64 << 20, seed: 1)[0]
    let t = seconds { _ = SHA256.hash(data) }
    row("SHA-256 (LabCore), 64 MB", String(format: "%.0f MB/s", 64 * 1.048576 / t), "hashing alone, part of every blob write")
}

// Blob writes and reads.
for (label, size, count) in [("1 KB", 1 << 10, 5000), ("1 MB", 1 << 20, 100), ("64 MB", 64 << 20, 4)] {
    let path = root.appendingPathComponent("blobs-\(size).sqlite").path
    let db = try StoreDatabase(path: path)
    let blobs = makeBlobs(count: count, size: size, seed: UInt64(size))
    var digests: [String] = []
    let write = seconds {
        for bytes in blobs { digests.append(try! db.putBlob(BlobPayload(codec: "tensor/1", bytes: bytes)).digest) }
    }
    var total = 0
    let read = seconds {
        for digest in digests { total += try! db.blob(digest)!.bytes.count }
    }
    precondition(total == size * count)
    let mb = Double(size * count) / 1e6
    row("blob write, \(label) × \(count)", String(format: "%.0f MB/s", mb / write), String(format: "%.0f blobs/s, one transaction each, store hashes the bytes", Double(count) / write))
    // The runner already hashed each output for its downstream keys and passes the digest.
    let known = blobs.map { ($0, SHA256.hash($0)) }
    let prehashed = try StoreDatabase(path: root.appendingPathComponent("prehashed-\(size).sqlite").path)
    let writeKnown = seconds {
        for (bytes, digest) in known { try! prehashed.putBlob(BlobPayload(codec: "tensor/1", bytes: bytes, knownDigest: digest)) }
    }
    row("blob write, \(label) × \(count), digest supplied", String(format: "%.0f MB/s", mb / writeKnown), String(format: "%.0f blobs/s, one transaction each, no hashing in the store", Double(count) / writeKnown))
    row("blob read, \(label) × \(count)", String(format: "%.0f MB/s", mb / read), String(format: "%.0f blobs/s", Double(count) / read))
}

// Metric points: 100k points in batches, one transaction per batch.
for batch in [100, 1000, 10000] {
    let path = root.appendingPathComponent("metrics-\(batch).sqlite").path
    let db = try StoreDatabase(path: path)
    let total = 100_000
    let t = seconds {
        for start in stride(from: 0, to: total, by: batch) {
            var points: [MetricPoint] = []
            points.reserveCapacity(batch)
            for step in start..<start + batch {
                let name = step % 2 == 0 ? "loss" : "val/cost_ratio"
                points.append(MetricPoint(key: "train-key", name: name, step: Int64(step), value: 1 / Double(step + 1), wallTime: Double(step)))
            }
            try! db.appendMetrics(points)
        }
    }
    row("metric append, 100k points, batches of \(batch)", String(format: "%.0f k points/s", Double(total) / t / 1000), "upsert + per-series summary, 2 series")
    if batch == 1000 {
        var count = 0
        let read = seconds { count = try! db.series(key: "train-key", name: "loss").count }
        precondition(count == total / 2)
        row("metric series read, 50k points", String(format: "%.0f k points/s", Double(count) / read / 1000), "one series in step order")
        let rewrite = seconds {
            for start in stride(from: total / 2, to: total, by: batch) {
                let points = (start..<start + batch).map { (step: Int) -> MetricPoint in
                    let name = step % 2 == 0 ? "loss" : "val/cost_ratio"
                    return MetricPoint(key: "train-key", name: name, step: Int64(step), value: 0, wallTime: 0)
                }
                try! db.appendMetrics(points)
            }
        }
        row("metric rewrite (resume), last 50k points, batches of 1000", String(format: "%.0f k points/s", Double(total / 2) / rewrite / 1000), "upsert over existing steps, summary recomputed")
    }
}

// Cold open of a store with 10k cache entries (file in the OS page cache, new connection each time).
do {
    let path = root.appendingPathComponent("open.sqlite").path
    do {
        let db = try StoreDatabase(path: path)
        try db.writeTransaction("fill") {
            for i in 0..<10_000 {
                try db.record(key: "key-\(i)", outputs: ["value": BlobPayload(codec: "json/1", bytes: Array("{\"i\":\(i)}".utf8))])
            }
        }
    }
    var opens: [Double] = []
    for i in 0..<20 {
        opens.append(seconds {
            let db = try! StoreDatabase(path: path, options: StoreOptions())
            precondition(try! db.lookup("key-\(i * 499)") != nil)
        })
    }
    row("open store with 10k entries + first lookup", String(format: "%.2f ms", median(opens) * 1000), String(format: "median of 20, max %.2f ms; new connection, pragmas, schema check", opens.max()! * 1000))
}
