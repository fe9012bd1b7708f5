import LabCore

/// A problem size `gsX_guY_auZ`: X ground stations (plus the HAP), Y ground users, Z aerial users.
public struct LAENetScale: Sendable, Hashable, CustomStringConvertible, Codable {
    /// Number of ground stations X (servers 1...X; server 0 is the HAP).
    public var groundStations: Int
    /// Number of ground users Y (users 0..<Y).
    public var groundUsers: Int
    /// Number of aerial users Z (users Y..<Y+Z).
    public var aerialUsers: Int

    /// Creates a scale; every count must be non-negative and there must be at least one user.
    public init(groundStations: Int, groundUsers: Int, aerialUsers: Int) {
        self.groundStations = groundStations
        self.groundUsers = groundUsers
        self.aerialUsers = aerialUsers
    }

    /// Servers including the HAP.
    public var serverCount: Int { groundStations + 1 }
    /// All users.
    public var userCount: Int { groundUsers + aerialUsers }
    /// The canonical name, e.g. `gs2_gu4_au2`.
    public var description: String { "gs\(groundStations)_gu\(groundUsers)_au\(aerialUsers)" }

    /// The paper's eight scales, smallest first.
    public static let paperScales: [LAENetScale] = [
        "gs2_gu4_au2", "gs2_gu5_au3", "gs3_gu6_au4", "gs3_gu7_au5",
        "gs6_gu14_au10", "gs6_gu16_au11", "gs9_gu19_au12", "gs9_gu20_au13",
    ].map { try! LAENetScale.parse($0) }

    /// Parses `gsX_guY_auZ` (decimal counts, at most 1000 each, at least one user).
    ///
    /// - Throws: ``LabError/Code/invalidInput`` naming the text and the expected form.
    public static func parse(_ text: String) throws -> LAENetScale {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        func count(_ part: Substring, _ prefix: String) -> Int? {
            guard part.hasPrefix(prefix) else { return nil }
            let digits = part.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            guard let n = Int(digits), n <= 1000 else { return nil }
            return n
        }
        guard parts.count == 3, let x = count(parts[0], "gs"), let y = count(parts[1], "gu"), let z = count(parts[2], "au"),
              y + z > 0
        else {
            throw LabError(.invalidInput, "scale '\(text)' does not parse: use gsX_guY_auZ with counts 0...1000 and at least one user, e.g. gs2_gu4_au2.")
        }
        return LAENetScale(groundStations: x, groundUsers: y, aerialUsers: z)
    }
}
