import ArgumentParser
import Foundation
import LabCore
import Store

/// `lab cache verify`: integrity check, references, blob digests and series summaries.
struct CacheVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the store: SQLite integrity, references, every blob's digest, series summaries.",
        discussion: """
        Exits 0 when healthy and 5 when anything is wrong. Without --repair it opens the store read-only \
        and changes nothing; --repair removes damaged blobs with the cache entries, checkpoints and pins \
        that refer to them (their cells re-run next time), then checks again.
        """)

    @OptionGroup var location: StoreLocationOptions

    @Flag(help: "Skip re-hashing blob bytes (faster on large stores).")
    var noRehash = false

    @Flag(help: "Remove damaged blobs and the entries that use them, then check again.")
    var repair = false

    func run() throws {
        try reportingErrors {
            let db: StoreDatabase
            do {
                db = try location.open(readOnly: !repair)
            } catch var error as LabError where error.code == .corrupt {
                // The usual advice is to run this very command; say what is left to do instead.
                error.message = error.message.replacingOccurrences(
                    of: "Run `lab cache verify --store \(location.path)` for details; to start over,", with: "Nothing in it can be checked further; to start over,")
                throw error
            }
            if repair {
                let repaired = try db.removeDamagedBlobs()
                print("\(db.path): removed \(repaired.blobsRemoved) damaged blob(s) and \(repaired.entriesRemoved) cache entr\(repaired.entriesRemoved == 1 ? "y" : "ies") that used them.")
            }
            let report = try db.verify(rehash: !noRehash || repair)
            if report.isHealthy {
                print("\(db.path): ok (\(report.blobsChecked) blobs checked\(noRehash ? " by size" : " by digest")).")
                return
            }
            for problem in report.problems { printError("problem: \(problem)") }
            throw LabError(.corrupt, "\(db.path) has \(report.problems.count) problem(s), listed above. Copy the file aside before any repair; cells whose outputs are damaged will re-run once their entries are removed.")
        }
    }
}
