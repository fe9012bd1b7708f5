import ArgumentParser
import LabCore
import Store

/// `lab cache gc`: removes blobs nothing references.
struct CacheGC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove blobs that no cache entry, checkpoint or pin references.",
        discussion: "Blobs younger than --grace seconds are kept, because a runner may be about to reference them.")

    @OptionGroup var location: StoreLocationOptions

    @Option(help: "Keep unreferenced blobs younger than this many seconds.")
    var grace: Double = 600

    @Flag(help: "Only report what would be removed.")
    var dryRun = false

    @Flag(help: "Afterwards compact the file to return the space to the file system (needs free space equal to the store).")
    var vacuum = false

    func run() throws {
        try reportingErrors {
            guard grace >= 0 else { throw LabError(.invalidInput, "--grace must be 0 or more seconds.") }
            let db = try location.open(readOnly: false)
            let report = try db.collectGarbage(graceSeconds: grace, dryRun: dryRun)
            let verb = dryRun ? "Would remove" : "Removed"
            print("\(verb) \(report.blobsRemoved) unreferenced blob(s), \(formatBytes(report.bytesRemoved)); kept \(report.blobsTooYoung) younger than \(grace) s.")
            if vacuum, !dryRun {
                try db.vacuum()
                print("Compacted \(db.path).")
            }
        }
    }
}
