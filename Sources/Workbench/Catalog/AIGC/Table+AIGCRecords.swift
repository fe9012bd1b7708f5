import AIGC
import Foundation
import LabCore
import Notebook

extension Table {
    /// Sweep records as a table (weight labels split into their cost and utility parts).
    static func aigcRecords(_ records: [AIGCRecord]) throws -> Table {
        func parts(_ label: String) -> (String, String) {
            guard let r = label.range(of: " w=") else { return (label, "") }
            return (String(label[..<r.lowerBound]), String(label[label.index(after: r.lowerBound)...]))
        }
        let split = records.map { parts($0.label) }
        return try tableOperation { () throws(TableError) in
            try Table([
                .init("sweep", .strings(records.map(\.sweep))), .init("value", .numbers(records.map(\.value))),
                .init("label", .strings(records.map(\.label))), .init("costs", .strings(split.map(\.0))), .init("utilities", .strings(split.map(\.1))),
                .init("seed", .numbers(records.map { Double($0.seed) })), .init("method", .strings(records.map(\.method))),
                .init("feasible", .numbers(records.map { $0.feasible ? 1 : 0 })), .init("objective", .numbers(records.map(\.objective))),
                .init("mean_time", .numbers(records.map(\.meanTime))), .init("mean_error", .numbers(records.map(\.meanError))),
                .init("energy", .numbers(records.map(\.energy))), .init("utility", .numbers(records.map(\.utility))),
                .init("offloaded", .numbers(records.map(\.offloaded))), .init("iterations", .numbers(records.map { Double($0.iterations) })),
            ])
        }
    }
}
