import Foundation
import LabCore

/// Vehicle positions per slot read from a CSV trace (`slot,vehicle,x`), used in place of the
/// synthetic constant-speed mobility (docs/vehicular.md §1; e.g. positions exported from SUMO).
public struct MobilityTrace: Sendable, Hashable {
    /// `positions[t][i]`: position of vehicle `i` at the start of slot `t`, in metres.
    public var positions: [[Double]]

    /// Creates a trace from a complete table of positions.
    public init(positions: [[Double]]) { self.positions = positions }

    /// Number of slots covered.
    public var slots: Int { positions.count }
    /// Number of vehicles covered.
    public var vehicles: Int { positions.first?.count ?? 0 }

    /// Largest slot or vehicle number accepted (before allocating the table).
    public static let maximumIndex = 1_000_000

    /// Parses CSV text: an optional header line `slot,vehicle,x`, then one row per (slot,
    /// vehicle) with integers `slot, vehicle ≥ 0` and `0 ≤ x < road`. Every (slot, vehicle) pair
    /// of the rectangle `0…max slot × 0…max vehicle` must appear exactly once.
    ///
    /// Errors are `.invalidInput` naming `file` and the line.
    public static func parse(csv text: String, file: String, roadMeters: Double) throws -> MobilityTrace {
        func fail(_ line: Int, _ problem: String) -> LabError {
            LabError(.invalidInput, "\(file):\(line): \(problem).")
        }
        var rows: [(slot: Int, vehicle: Int, x: Double, line: Int)] = []
        var maxSlot = -1, maxVehicle = -1
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if n == 0, fields.first?.lowercased() == "slot" { continue }
            guard fields.count == 3 else { throw fail(n + 1, "expected 3 fields slot,vehicle,x (got \(fields.count))") }
            guard let slot = Int(fields[0]), (0...maximumIndex).contains(slot) else { throw fail(n + 1, "slot must be an integer in 0...\(maximumIndex) (got '\(fields[0])')") }
            guard let vehicle = Int(fields[1]), (0...maximumIndex).contains(vehicle) else { throw fail(n + 1, "vehicle must be an integer in 0...\(maximumIndex) (got '\(fields[1])')") }
            guard let x = Double(fields[2]), x.isFinite, x >= 0, x < roadMeters else {
                throw fail(n + 1, "x must be a number in [0, \(JSONValue.format(roadMeters))) (got '\(fields[2])')")
            }
            rows.append((slot, vehicle, x, n + 1))
            maxSlot = max(maxSlot, slot)
            maxVehicle = max(maxVehicle, vehicle)
        }
        guard !rows.isEmpty else { throw LabError(.invalidInput, "\(file): the mobility trace has no rows; write slot,vehicle,x lines.") }
        let cells = (maxSlot + 1).multipliedReportingOverflow(by: maxVehicle + 1)
        guard !cells.overflow, cells.partialValue == rows.count else {
            throw LabError(.invalidInput, "\(file): the mobility trace must give every vehicle 0...\(maxVehicle) a position in every slot 0...\(maxSlot) exactly once (\(rows.count) rows for \(maxSlot + 1) slots × \(maxVehicle + 1) vehicles).")
        }
        var table = Array(repeating: Array(repeating: -1.0, count: maxVehicle + 1), count: maxSlot + 1)
        for r in rows {
            guard table[r.slot][r.vehicle] < 0 else { throw fail(r.line, "slot \(r.slot), vehicle \(r.vehicle) appears twice") }
            table[r.slot][r.vehicle] = r.x
        }
        return MobilityTrace(positions: table)
    }
}
