import LabCore
import LAENet
import Notebook

/// The `overrides:` record of `laenet.dataset`, turned into the constants it generates with.
enum LAENetConstantOverrides {
    /// The profile's constants with the record's fields replaced, or nil for an empty record
    /// (the generator then uses the profile's constants, as before overrides existed).
    static func constants(profile: LAENetProfile, overrides: Value, function: String) throws -> LAENetConstants? {
        guard case .record(let fields) = overrides else {
            throw ArgumentError(parameter: "overrides", message: "`overrides` of `\(function)` is a record such as {bandwidth_hz: 2e7}, not \(overrides.type)")
        }
        guard !fields.isEmpty else { return nil }
        let pairs = try fields.map { field -> (name: String, value: Double) in
            guard let v = field.value.asDouble else {
                throw ArgumentError(parameter: "overrides", message: "`overrides` of `\(function)`: field `\(field.key)` must be a number, not \(field.value.type)")
            }
            return (field.key, v)
        }
        do { return try LAENetConstants(profile: profile).overriding(pairs) } catch let e as LabError {
            throw ArgumentError(parameter: "overrides", message: "`overrides` of `\(function)`: \(e.message)")
        }
    }
}
