import ArgumentParser
import Foundation
import LabCore
import Store

/// `lab cache ls`: lists cache entries, metric series, checkpoints, runs or blobs.
struct CacheList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List cache entries (default), metric series, runs or blobs.",
        discussion: "Keys and digests are shortened to 12 characters; any unique prefix works where a command takes one.")

    /// What to list.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case entries, series, runs, blobs
    }

    @OptionGroup var location: StoreLocationOptions

    @Option(help: "What to list: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Kind = .entries

    @Option(help: "At most this many rows.")
    var limit: Int = 50

    func run() throws {
        try reportingErrors {
            let db = try location.open(readOnly: true)
            switch kind {
            case .entries:
                let entries = try db.entries(limit: limit)
                if entries.isEmpty { print("No cache entries in \(db.path).") }
                for entry in entries {
                    print("\(CacheForget.short(entry.key))  \(formatTime(entry.createdAt))\(entry.pinned ? "  pinned" : "")  \(try CacheList.origin(of: entry, in: db))")
                    for (name, info) in entry.outputs.sorted(by: { $0.key < $1.key }) {
                        print("    \(name)  \(info.codec)  \(formatBytes(info.size))  \(info.digest.prefix(12))")
                    }
                    let checkpointKey = entry.key.hasPrefix("call:") ? String(entry.key.dropFirst(5)) : entry.key
                    for step in try db.checkpointSteps(key: checkpointKey).suffix(1) {
                        print("    latest checkpoint: step \(step)")
                    }
                }
            case .series:
                let all = try db.seriesSummaries().prefix(limit)
                if all.isEmpty { print("No metric series in \(db.path).") }
                for s in all {
                    print("\(s.key.prefix(12))  \(s.name)  \(s.count) points, steps \(s.firstStep)…\(s.lastStep), last \(s.lastValue), min \(s.minValue), max \(s.maxValue)")
                }
            case .runs:
                let runs = try db.recentRuns(limit: limit)
                if runs.isEmpty { print("No runs in \(db.path).") }
                for r in runs {
                    let commit = r.environment.gitCommit.map { String($0.prefix(10)) + (r.environment.gitDirty == true ? "+dirty" : "") } ?? "no git"
                    print("#\(r.id)  \(r.status.rawValue)  \(formatTime(r.startedAt))  \(r.notebookPath)  \(commit)")
                }
            case .blobs:
                let digests = try db.blobDigests(prefix: "", limit: limit)
                if digests.isEmpty { print("No blobs in \(db.path).") }
                for d in digests {
                    if let info = try db.blobInfo(d) {
                        print("\(d.prefix(12))  \(info.codec)  \(formatBytes(info.size))  \(formatTime(info.createdAt))")
                    }
                }
            }
        }
    }

    /// Where an entry came from: the cell, notebook and parameters of the run that computed it,
    /// or, for a memoised call, the call and the cell that made it.
    static func origin(of entry: CacheEntry, in db: StoreDatabase) throws -> String {
        if let o = entry.origin { return "\(o.callText), called by cell `\(o.cell)` of \(o.notebook)" }
        if entry.key.hasPrefix("call:") { return "a memoised call (recorded before stores kept their origin)" }
        guard let id = entry.executionID, let e = try db.execution(id), let run = try db.run(e.runID) else { return "origin unknown" }
        let params = run.parameters.map { " (\($0.changedSummary))" } ?? ""
        return "cell `\(e.cellID)` of \(run.notebookPath)\(params)"
    }
}
