import Foundation
import LabCore

/// Checks a store file's header before SQLite touches it.
///
/// SQLite opens any file lazily and would report a foreign or truncated file only at the first
/// query, with a terse message. This check reads the 100-byte header and the file size so a
/// wrong or damaged file gets an error that names it, and guarantees the file is never written.
enum StoreFileCheck {
    /// The 16-byte magic string at the start of every SQLite 3 database.
    static let magic = Array("SQLite format 3\0".utf8)

    /// How long a file that looks half-written is re-read before it counts as damaged.
    ///
    /// Another process creating the same store writes its first page in steps; in that window
    /// the file can be short, zero-filled or not yet a whole number of pages (seen in the
    /// two-process test). Such a file is re-read until it settles; real damage still fails.
    static let settleSeconds = 2.0

    /// Throws a ``LabError/Code/corrupt`` error when `path` exists but is not a whole SQLite file.
    static func check(path: String, mustExist: Bool) throws {
        let deadline = Date().addingTimeInterval(settleSeconds)
        while true {
            do {
                try inspect(path: path, mustExist: mustExist)
                return
            } catch let failure as Transient {
                guard Date() < deadline else { throw failure.error }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// A failure that may be another process initialising the file.
    struct Transient: Error {
        var error: LabError
    }

    static func inspect(path: String, mustExist: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if mustExist {
                throw LabError(.store, "There is no store at \(path). Check the path, or set LAB_STORE / --store to an existing store (a store is created by the first notebook run).")
            }
            return
        }
        if isDirectory.boolValue {
            throw LabError(.store, "The store path \(path) is a directory. Point --store / LAB_STORE at a file inside it, such as \(path)/store.sqlite.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LabError(.store, "Cannot read the store \(path): permission denied. Fix its permissions or choose another --store.")
        }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        if size == 0 { return }  // An empty file is an empty database: SQLite initialises it.
        let advice = "It was left untouched. Run `lab cache verify --store \(path)` for details; to start over, move the file aside (do not delete it until you have checked it)."
        guard header.count == 100, Array(header.prefix(16)) == magic else {
            let error = LabError(.corrupt, "\(path) is not a lab store: it does not start with an SQLite header (\(size) bytes, possibly truncated or overwritten). \(advice)")
            if header.count < 100 || header.allSatisfy({ $0 == 0 }) { throw Transient(error: error) }
            throw error
        }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        let pageCount = header[28..<32].reduce(0) { $0 << 8 | Int($1) }
        let changeCounter = header[24..<28].reduce(0) { $0 << 8 | Int($1) }
        let validFor = header[92..<96].reduce(0) { $0 << 8 | Int($1) }
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0 else {
            throw LabError(.corrupt, "\(path) has a damaged header (page size \(rawPageSize)). \(advice)")
        }
        // The in-header page count is trustworthy only when it was written with the change counter,
        // and only without a live WAL: a checkpoint in progress writes page 1 before it extends the file.
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        if walSize == 0, changeCounter == validFor, pageCount > 0, size < pageCount * pageSize {
            throw LabError(.corrupt, "\(path) is truncated: its header describes \(pageCount * pageSize) bytes but the file has \(size). \(advice)")
        }
        if size % pageSize != 0 {
            throw Transient(error: LabError(.corrupt, "\(path) is truncated: its size (\(size) bytes) is not a whole number of \(pageSize)-byte pages. \(advice)"))
        }
    }
}
