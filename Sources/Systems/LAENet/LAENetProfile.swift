import LabCore

/// A named set of constants: `paper` (Table I with typos fixed) or `balanced` (κ ten-fold).
///
/// `paper` makes offloading rarely cheaper than local execution (mostly deadline-forced users
/// offload); `balanced` raises the chip energy factor so about half the users offload and servers
/// are contended. Both are first-class (docs/laenet.md §2).
public enum LAENetProfile: String, Sendable, Hashable, CaseIterable, Codable {
    /// κ = 1.2e-28.
    case paper
    /// κ = 1.2e-27.
    case balanced

    /// Parses a profile name, with an error listing the valid names.
    public static func parse(_ text: String) throws -> LAENetProfile {
        guard let profile = LAENetProfile(rawValue: text) else {
            throw LabError(.invalidInput, "unknown profile '\(text)': use 'paper' or 'balanced'.")
        }
        return profile
    }
}
