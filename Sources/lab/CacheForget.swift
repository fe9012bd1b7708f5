import ArgumentParser
import LabCore
import Store

/// `lab cache forget KEY`: drops one cache entry, with the checkpoints and metrics of a memoised call.
struct CacheForget: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Drop one cache entry (a memoised call's also loses its checkpoints and metrics).",
        discussion: """
        KEY is a key or a unique prefix as `lab cache ls` shows it (`call:9f8e…` for a memoised call such
        as a training; the `call:` may be left out), or an interrupted call as `lab status` lists it. The
        next `lab run` recomputes it from scratch. Its bytes stay in the store until `lab cache gc`.
        Exit codes: 0 dropped; 2 no entry or several match KEY; 4 the store cannot be written.
        """)

    @Argument(help: "The cache key, or a unique prefix of it.")
    var key: String

    @OptionGroup var location: StoreLocationOptions

    func run() throws {
        try reportingErrors {
            let db = try location.open(readOnly: false)
            let bare = key.hasPrefix("call:") ? String(key.dropFirst(5)) : key
            let stopped = try db.checkpointSummaries().map(\.key).filter { !bare.isEmpty && $0.hasPrefix(bare) }
            if stopped.count == 1, try db.cacheKeys(prefix: "call:" + bare, limit: 1).isEmpty, try db.cacheKeys(prefix: key, limit: 1).isEmpty {
                // An interrupted call: no entry yet, only its checkpoints.
                let n = try db.removeCheckpoints(key: stopped[0])
                try db.discardMetrics(key: stopped[0], after: Int64.min)
                print("forgot the interrupted call \(CacheForget.short("call:" + stopped[0])): \(n) checkpoint\(n == 1 ? "" : "s"), metrics; the next `lab run` starts it afresh")
                return
            }
            let full = try CacheForget.resolve(key, in: db)
            try db.removeEntry(full)
            var dropped = ["entry"]
            if full.hasPrefix("call:") {
                let callKey = String(full.dropFirst("call:".count))
                let checkpoints = try db.removeCheckpoints(key: callKey)
                try db.discardMetrics(key: callKey, after: Int64.min)
                dropped.append("\(checkpoints) checkpoint\(checkpoints == 1 ? "" : "s")")
                dropped.append("metrics")
            }
            print("forgot \(CacheForget.short(full)): \(dropped.joined(separator: ", ")); the next `lab run` recomputes it")
        }
    }

    /// The one key that `prefix` names (with or without `call:`), or an invalid-input error.
    static func resolve(_ prefix: String, in db: StoreDatabase) throws -> String {
        guard !prefix.isEmpty else { throw LabError(.invalidInput, "give a cache key or a prefix of one (`lab cache ls` lists them)") }
        var matches = Set(try db.cacheKeys(prefix: prefix, limit: 10))
        if !prefix.hasPrefix("call:") { matches.formUnion(try db.cacheKeys(prefix: "call:" + prefix, limit: 10)) }
        guard !matches.isEmpty else {
            throw LabError(.invalidInput, "no cache entry starts with `\(prefix)` in \(db.path); `lab cache ls --store \(db.path)` lists them")
        }
        guard matches.count == 1, let key = matches.first else {
            throw LabError(.invalidInput, "`\(prefix)` names \(matches.count) entries (\(matches.sorted().map(short).joined(separator: ", "))); give more characters")
        }
        return key
    }

    /// A key as `lab cache ls` shows it: 12 hex digits, after `call:` for a memoised call.
    static func short(_ key: String) -> String {
        key.hasPrefix("call:") ? "call:" + key.dropFirst(5).prefix(12) : String(key.prefix(12))
    }
}
