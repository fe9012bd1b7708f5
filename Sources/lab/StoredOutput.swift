import Catalog
import LabCore
import Notebook
import Store

/// A stored value named on the command line as `KEY:OUTPUT`: a cache key (or a unique prefix of
/// one) and the name of one of that entry's outputs.
///
/// `lab cache export`, `lab vehicular solve --policy` and `lab mec play --policy` all take this
/// form; list the keys and outputs with `lab cache ls`.
struct StoredOutput {
    /// The full cache key.
    let key: String
    /// The output's name (the cell variable).
    let name: String

    /// Resolves `reference` in `db`; `option` and `example` go into the error messages.
    ///
    /// - Throws: `.invalidInput` when the reference is malformed, matches no key or several, or
    ///   the entry has no such output.
    init(_ reference: String, in db: StoreDatabase, option: String, example: String) throws {
        guard let colon = reference.lastIndex(of: ":"), colon != reference.startIndex else {
            throw LabError(.invalidInput, "\(option) takes KEY:OUTPUT (a cache key or a unique prefix, then the variable that holds the value), e.g. \(example); list keys with `lab cache ls`.")
        }
        key = try Self.resolveKey(String(reference[..<colon]), in: db)
        name = String(reference[reference.index(after: colon)...])
        guard try db.lookup(key)?.outputs[name] != nil else {
            let names = try db.lookup(key)?.outputs.keys.sorted().joined(separator: ", ") ?? ""
            throw LabError(.invalidInput, "The cache entry \(key.prefix(12)) has no output '\(name)'. Its outputs: \(names.isEmpty ? "none" : names).")
        }
    }

    /// The one cache key equal to `prefix` or starting with it.
    static func resolveKey(_ prefix: String, in db: StoreDatabase) throws -> String {
        let keys = try db.cacheKeys(prefix: prefix, limit: 2)
        if keys.count == 1 { return keys[0] }
        if let exact = keys.first(where: { $0 == prefix }) { return exact }
        throw LabError(.invalidInput, keys.isEmpty
            ? "No cache entry in \(db.path) has a key starting with '\(prefix)'. List them with `lab cache ls --store \(db.path)`."
            : "'\(prefix)' matches several cache keys; give more characters.")
    }

    /// The output's stored bytes.
    ///
    /// - Throws: `.corrupt` when the entry references a blob the store no longer holds.
    func blob(in db: StoreDatabase) throws -> Blob {
        guard let digest = try db.lookup(key)?.outputs[name]?.digest, let blob = try db.blob(digest) else {
            throw LabError(.corrupt, "The output '\(name)' of \(key.prefix(12)) is referenced but its blob is missing from \(db.path). Run `lab cache verify --store \(db.path)`.")
        }
        return blob
    }

    /// The output decoded as a library value of the standard catalog (a trained model or
    /// policy), or nil when it holds another kind of value.
    func libraryValue(in db: StoreDatabase) throws -> (any LibraryValue)? {
        guard case .library(let value) = try Value.decode(blob(in: db).bytes, libraryTypes: Catalog.standard.libraryTypes) else { return nil }
        return value
    }
}
