import LAENet
import LabCore

extension LAENetGenerate {
    /// The profile's constants with each `name=value` of `--set` applied, or nil without any.
    static func constants(profile: LAENetProfile, settings: [String]) throws -> LAENetConstants? {
        guard !settings.isEmpty else { return nil }
        let pairs = try settings.map { text -> (name: String, value: Double) in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw LabError(.invalidInput, "--set '\(text)' is not name=value with a number, e.g. --set bandwidth_hz=2e7.")
            }
            return (parts[0], value)
        }
        return try LAENetConstants(profile: profile).overriding(pairs)
    }
}
