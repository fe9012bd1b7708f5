import Foundation
import LabCore

extension StoreDatabase {
    /// Counts and sizes of everything in the store.
    public func stats() throws -> StoreStats {
        try readTransaction("read store statistics") {
            func count(_ sql: String) throws -> Int { Int(try connection.scalarInt(sql, doing: "read store statistics") ?? 0) }
            var codecs: [String: StoreStats.CodecUsage] = [:]
            let byCodec = try connection.prepare("SELECT codec, count(*), total(size) FROM blob GROUP BY codec", doing: "read store statistics")
            while try byCodec.step() {
                codecs[byCodec.text(0)] = .init(count: Int(byCodec.int(1)), bytes: Int(byCodec.double(2)))
            }
            func fileSize(_ p: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? Int) ?? 0 }
            return StoreStats(
                schemaVersion: try schemaVersion(), fileBytes: fileSize(path), walBytes: fileSize(path + "-wal"),
                blobs: codecs.values.reduce(0) { $0 + $1.count }, blobBytes: codecs.values.reduce(0) { $0 + $1.bytes }, codecs: codecs,
                pinnedBlobs: try count("SELECT count(*) FROM pin"), runs: try count("SELECT count(*) FROM run"),
                executions: try count("SELECT count(*) FROM execution"), entries: try count("SELECT count(*) FROM cache_entry"),
                pinnedEntries: try count("SELECT count(*) FROM cache_entry WHERE pinned != 0"),
                metricPoints: try count("SELECT count(*) FROM metric"), series: try count("SELECT count(*) FROM metric_summary"),
                checkpoints: try count("SELECT count(*) FROM checkpoint"))
        }
    }

    /// Checks the store: SQLite's `integrity_check`, foreign keys, blob sizes and (with
    /// `rehash`) every blob's SHA-256, and that each series summary matches its points.
    public func verify(rehash: Bool = true) throws -> VerifyReport {
        try readTransaction("verify the store") {
            var problems: [String] = []
            let integrity = try connection.prepare("PRAGMA integrity_check", doing: "check the store's integrity")
            while try integrity.step() {
                let line = integrity.text(0)
                if line != "ok" { problems.append("integrity: \(line)") }
            }
            let foreign = try connection.prepare("PRAGMA foreign_key_check", doing: "check the store's references")
            while try foreign.step() {
                problems.append("reference: a row of \(foreign.text(0)) (rowid \(foreign.int(1))) points at a missing row of \(foreign.text(2))")
            }
            var checked = 0
            let blobs = try connection.prepare("SELECT b.digest, b.size, d.data FROM blob b LEFT JOIN blob_data d ON d.id = b.data_id", doing: "read blobs")
            while try blobs.step() {
                let digest = blobs.text(0)
                let bytes = blobs.bytes(2)
                if bytes.count != Int(blobs.int(1)) {
                    problems.append("blob \(digest): size is \(bytes.count), recorded \(blobs.int(1))")
                } else if rehash, SHA256.hash(bytes).hex != digest {
                    problems.append("blob \(digest): bytes do not match the digest")
                }
                checked += 1
            }
            let summaries = try connection.prepare(
                "SELECT s.cache_key, s.name, s.count, (SELECT count(*) FROM metric m WHERE m.cache_key = s.cache_key AND m.name = s.name) FROM metric_summary s",
                doing: "check metric summaries")
            while try summaries.step() {
                guard summaries.int(2) != summaries.int(3) else { continue }
                problems.append("series \(summaries.text(0).prefix(12))/\(summaries.text(1)): summary counts \(summaries.int(2)) points, table has \(summaries.int(3))")
            }
            return VerifyReport(blobsChecked: checked, problems: problems)
        }
    }

    /// Removes blobs that no cache entry, checkpoint or pin references.
    ///
    /// Blobs younger than `graceSeconds` are kept even when unreferenced: a runner in another
    /// process may have stored one a moment ago and be about to reference it. Runs in one
    /// write transaction, then checkpoints the WAL so the space becomes reusable.
    public func collectGarbage(graceSeconds: Double = 600, dryRun: Bool = false) throws -> GCReport {
        let cutoff = now - graceSeconds
        let unreferenced = """
            FROM blob WHERE NOT EXISTS (SELECT 1 FROM cache_output o WHERE o.digest = blob.digest)
              AND NOT EXISTS (SELECT 1 FROM checkpoint c WHERE c.digest = blob.digest)
              AND NOT EXISTS (SELECT 1 FROM pin p WHERE p.digest = blob.digest)
            """
        let report = try writeTransaction("collect garbage") {
            let old = try connection.prepare("SELECT count(*), total(size) \(unreferenced) AND created_at < ?1", doing: "find unreferenced blobs")
            old.bind(cutoff, at: 1)
            try old.step()
            let removed = Int(old.int(0)), bytes = Int(old.double(1))
            let young = try connection.prepare("SELECT count(*) \(unreferenced) AND created_at >= ?1", doing: "find unreferenced blobs")
            young.bind(cutoff, at: 1)
            try young.step()
            let tooYoung = Int(young.int(0))
            if !dryRun {
                let remove = try connection.prepare("DELETE \(unreferenced) AND created_at < ?1", doing: "remove unreferenced blobs")
                remove.bind(cutoff, at: 1)
                try remove.step()
                // Bytes no blob row points at: those just removed, and any left by an interrupted gc.
                try connection.execute("DELETE FROM blob_data WHERE id NOT IN (SELECT data_id FROM blob)", doing: "remove unreferenced blob bytes")
            }
            return GCReport(blobsRemoved: removed, bytesRemoved: bytes, blobsTooYoung: tooYoung, dryRun: dryRun)
        }
        if !dryRun, report.blobsRemoved > 0 {
            _ = try? connection.scalarInt("PRAGMA wal_checkpoint(TRUNCATE)", doing: "checkpoint the write-ahead log")
        }
        return report
    }

    /// Rewrites the file without free pages (after a large `gc`); needs free disk space equal
    /// to the store's size and waits for other writers.
    public func vacuum() throws {
        try connection.execute("VACUUM", doing: "compact the store")
    }
}
