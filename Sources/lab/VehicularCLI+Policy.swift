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
        let stored = try StoredOutput(reference, in: db, option: "--policy", example: "3f2a:net")
        guard let model = try stored.libraryValue(in: db) as? VehicularModelValue else {
            throw LabError(.invalidInput, "output '\(stored.name)' of \(stored.key.prefix(12)) is not a vehicular.model; give the variable a `mad2rl.train` or `pqmix.train` call was assigned to.")
        }
        return model
    }
}
