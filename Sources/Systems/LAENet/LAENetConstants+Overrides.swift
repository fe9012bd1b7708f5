import LabCore

extension LAENetConstants {
    /// The names of the constants, as in instance files and `overrides:` (docs/laenet.md §2).
    public static var names: [String] { fields.map(\.key) }

    /// These constants with some replaced by name, e.g. `[("bandwidth_hz", 2e7)]`.
    ///
    /// Each value must be finite, above zero and at most ``LAENetInstance/maximumMagnitude``; an
    /// unknown name is an error that lists the known ones. Overriding `speed_of_light_m_s` or
    /// `carrier_hz` recomputes `g2g_reference_gain` = (c / (4π f_c))² unless it is overridden too.
    /// Later entries win over earlier ones with the same name.
    public func overriding(_ overrides: [(name: String, value: Double)]) throws -> LAENetConstants {
        var out = self
        let byName = Dictionary(Self.fields.map { ($0.key, $0.path) }, uniquingKeysWith: { a, _ in a })
        for (name, value) in overrides {
            guard let path = byName[name] else {
                throw LabError(.invalidInput, "unknown LAENet constant '\(name)': use one of \(Self.names.joined(separator: ", ")).")
            }
            guard value.isFinite, value > 0, value <= LAENetInstance.maximumMagnitude else {
                throw LabError(.invalidInput, "LAENet constant '\(name)' must be a finite number above 0 and at most 1e30, not \(value).")
            }
            out[keyPath: path] = value
        }
        let given = Set(overrides.map(\.name))
        if given.contains("speed_of_light_m_s") || given.contains("carrier_hz"), !given.contains("g2g_reference_gain") {
            out.g2gReferenceGain = Self.freeSpaceReferenceGain(speedOfLight: out.speedOfLight, carrierHz: out.carrierHz)
        }
        return out
    }
}
