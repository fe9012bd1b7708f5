import Catalog
import LabCore
import Notebook
import Store
import Vehicular

extension VehicularCLI {
    /// The trained policy stored as output `OUTPUT` of the cache entry whose key starts with
    /// `KEY` (`KEY:OUTPUT`, as `lab cache export` takes it): a `vehicular.model` from
    /// `mad2rl.train` or `pqmix.train`.
    ///
    /// - Throws: `.invalidInput` when the reference does not name exactly one such value.
    static func policy(_ reference: String, in db: StoreDatabase) throws -> VehicularModelValue {
        guard let colon = reference.lastIndex(of: ":"), colon != reference.startIndex else {
            throw LabError(.invalidInput, "--policy takes KEY:OUTPUT (a cache key or a unique prefix, then the variable that holds the model), e.g. 3f2a:net; list keys with `lab cache ls`.")
        }
        let prefix = String(reference[..<colon]), name = String(reference[reference.index(after: colon)...])
        let keys = try db.cacheKeys(prefix: prefix, limit: 2)
        guard keys.count == 1 || keys.contains(prefix) else {
            throw LabError(.invalidInput, keys.isEmpty ? "no cache entry in \(db.path) has a key starting with '\(prefix)'; list them with `lab cache ls`."
                                                       : "'\(prefix)' matches several cache keys; give more characters.")
        }
        let key = keys.contains(prefix) ? prefix : keys[0]
        guard let digest = try db.lookup(key)?.outputs[name]?.digest else {
            throw LabError(.invalidInput, "the cache entry \(key.prefix(12)) has no output '\(name)'.")
        }
        guard let blob = try db.blob(digest) else {
            throw LabError(.corrupt, "the blob \(digest.prefix(12)) is referenced but missing from \(db.path); run `lab cache verify`.")
        }
        guard case .library(let value) = try Value.decode(blob.bytes, libraryTypes: Catalog.standard.libraryTypes), let model = value as? VehicularModelValue else {
            throw LabError(.invalidInput, "output '\(name)' of \(key.prefix(12)) is not a vehicular.model; give the variable a `mad2rl.train` or `pqmix.train` call was assigned to.")
        }
        return model
    }
}
