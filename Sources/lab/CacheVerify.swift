import ArgumentParser
import Foundation
import LabCore
import Store

/// `lab cache verify`: integrity check, references, blob digests and series summaries.
struct CacheVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the store: SQLite integrity, references, every blob's digest, series summaries.",
        discussion: "Exits 0 when healthy and 5 when anything is wrong; it only reads the store.")

    @OptionGroup var location: StoreLocationOptions

    @Flag(help: "Skip re-hashing blob bytes (faster on large stores).")
    var noRehash = false

    func run() throws {
        try reportingErrors {
            let db: StoreDatabase
            do {
                db = try location.open(readOnly: true)
            } catch var error as LabError where error.code == .corrupt {
                // The usual advice is to run this very command; say what is left to do instead.
                error.message = error.message.replacingOccurrences(
                    of: "Run `lab cache verify --store \(location.path)` for details; to start over,", with: "Nothing in it can be checked further; to start over,")
                throw error
            }
            let report = try db.verify(rehash: !noRehash)
            if report.isHealthy {
                print("\(db.path): ok (\(report.blobsChecked) blobs checked\(noRehash ? " by size" : " by digest")).")
                return
            }
            for problem in report.problems { printError("problem: \(problem)") }
            throw LabError(.corrupt, "\(db.path) has \(report.problems.count) problem(s), listed above. Copy the file aside before any repair; cells whose outputs are damaged will re-run once their entries are removed.")
        }
    }
}
