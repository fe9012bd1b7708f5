import Foundation
import LabCore

/// One MEC environment: bandwidth B, edge CPU frequency F and mean task size S̄, plus the UE count.
///
/// These are the only quantities that differ between DiffLoader's environments; every other
/// constant is in ``MECConstants``. Values are validated against documented ranges
/// (``bandwidthRange``, ``edgeRange``, ``meanTaskRange``, 1…``MECConstants/maximumUsers`` UEs)
/// so that every step's arithmetic stays finite.
public struct MECEnvironment: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Channel bandwidth B in MHz (every channel has the full B).
    public let bandwidthMHz: Double
    /// Edge-server CPU frequency F in "GHz" (2^30 cycles/s each).
    public let edgeGHz: Double
    /// Mean task size S̄ in kb.
    public let meanTaskKb: Double
    /// Number of user equipments U.
    public let users: Int

    /// Accepted bandwidths in MHz.
    public static let bandwidthRange = 0.001...1000.0
    /// Accepted edge frequencies in GHz.
    public static let edgeRange = 0.001...1000.0
    /// Accepted mean task sizes in kb.
    public static let meanTaskRange = 0.001...100_000.0

    /// Creates an environment; throws `.invalidInput` outside the documented ranges.
    public init(bandwidthMHz: Double, edgeGHz: Double, meanTaskKb: Double, users: Int = MECConstants.defaultUsers) throws {
        func check(_ x: Double, _ range: ClosedRange<Double>, _ name: String) throws {
            guard x.isFinite, range.contains(x) else {
                throw LabError(.invalidInput, "\(name) must be in \(range.lowerBound)...\(range.upperBound) (got \(x)).")
            }
        }
        try check(bandwidthMHz, Self.bandwidthRange, "bandwidth (MHz)")
        try check(edgeGHz, Self.edgeRange, "edge frequency (GHz)")
        try check(meanTaskKb, Self.meanTaskRange, "mean task size (kb)")
        guard (1...MECConstants.maximumUsers).contains(users) else {
            throw LabError(.invalidInput, "the number of UEs must be in 1...\(MECConstants.maximumUsers) (got \(users)).")
        }
        self.bandwidthMHz = bandwidthMHz
        self.edgeGHz = edgeGHz
        self.meanTaskKb = meanTaskKb
        self.users = users
    }

    /// Parses `B,F,S` (e.g. `6,5,500`), with `users` UEs.
    public static func parse(_ text: String, users: Int = MECConstants.defaultUsers) throws -> MECEnvironment {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let b = parts[0], let f = parts[1], let s = parts[2] else {
            throw LabError(.invalidInput, "an environment is written B,F,S (bandwidth MHz, edge GHz, mean task kb), e.g. 6,5,500 (got '\(text)').")
        }
        return try MECEnvironment(bandwidthMHz: b, edgeGHz: f, meanTaskKb: s, users: users)
    }

    /// Length of the flat observation: 8 features per UE.
    public var observationSize: Int { users * MECConstants.featuresPerUser }
    /// Length of the flat raw action: 2 numbers per UE.
    public var actionSize: Int { users * MECConstants.actionsPerUser }

    /// `(B,F,S̄)` with the UE count when it is not 20.
    public var description: String {
        let core = "(\(JSONValue.format(bandwidthMHz)),\(JSONValue.format(edgeGHz)),\(JSONValue.format(meanTaskKb)))"
        return users == MECConstants.defaultUsers ? core : "\(core)×\(users)"
    }

    /// The repository's 15 training environments (`env_table`), in its order.
    public static func trainingTable(users: Int = MECConstants.defaultUsers) -> [MECEnvironment] {
        table([(6, 5, 500), (3, 2, 100), (3, 2, 1000), (3, 10, 100), (3, 10, 1000), (10, 2, 100), (10, 2, 1000), (10, 10, 100),
               (10, 10, 1000), (8, 4, 800), (9, 5, 600), (4, 6, 300), (5, 7, 500), (2, 8, 700), (9, 4, 400)], users: users)
    }

    /// The repository's 8 test environments (`test_env_parm_list`), in its order.
    public static func testTable(users: Int = MECConstants.defaultUsers) -> [MECEnvironment] {
        table([(4, 6, 300), (5, 3, 700), (5, 6, 600), (6, 8, 400), (8, 10, 700), (11, 12, 1100), (2, 11, 90), (12, 15, 1200)], users: users)
    }

    private static func table(_ rows: [(Double, Double, Double)], users: Int) -> [MECEnvironment] {
        let users = min(max(users, 1), MECConstants.maximumUsers)
        // Every row lies inside the documented ranges, so construction cannot fail.
        return rows.compactMap { try? MECEnvironment(bandwidthMHz: $0.0, edgeGHz: $0.1, meanTaskKb: $0.2, users: users) }
    }
}
