import ArgumentParser
import Foundation
import LabCore
import Store

/// `lab cache stats`: sizes and counts of the store.
struct CacheStats: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show the store's size and what it holds.")

    @OptionGroup var location: StoreLocationOptions

    func run() throws {
        try reportingErrors {
            let db = try location.open(readOnly: true)
            let s = try db.stats()
            func row(_ name: String, _ value: String) { print(name.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
            row("Store", "\(db.path) (schema v\(s.schemaVersion))")
            row("File", "\(formatBytes(s.fileBytes)) + \(formatBytes(s.walBytes)) write-ahead log")
            row("Blobs", "\(s.blobs) (\(formatBytes(s.blobBytes))), \(s.pinnedBlobs) pinned")
            for (codec, usage) in s.codecs.sorted(by: { $0.key < $1.key }) {
                row("  \(codec)", "\(usage.count) (\(formatBytes(usage.bytes)))")
            }
            row("Cache entries", "\(s.entries), \(s.pinnedEntries) pinned")
            row("Runs", "\(s.runs), \(s.executions) cell executions")
            row("Metrics", "\(s.metricPoints) points in \(s.series) series")
            row("Checkpoints", "\(s.checkpoints)")
        }
    }
}
