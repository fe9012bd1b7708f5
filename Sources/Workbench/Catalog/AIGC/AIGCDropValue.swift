import AIGC
import Foundation
import LabCore
import Notebook

/// A seeded AIGC user drop as a notebook value (`aigc.drop`), stored as its `aigc-drop/1` JSON.
public struct AIGCDropValue: LibraryValue {
    public static let typeName = "aigc.drop"
    public static let codecVersion = 1

    /// The drop.
    public var drop: AIGCDrop

    public func encoded() -> [UInt8] { Array((try? drop.encoded()) ?? Data()) }

    public static func decode(_ bytes: [UInt8]) throws -> AIGCDropValue {
        AIGCDropValue(drop: try AIGCDrop.decode(Data(bytes), file: "stored aigc.drop"))
    }

    public var summary: String {
        "aigc.drop: \(drop.users.count) users\(drop.seed.map { ", seed \($0)" } ?? ""), S_tot = \(Table.formatted(drop.parameters.edgeCapacity))"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "users": .int(drop.users.count)
        case "s_tot": .number(drop.parameters.edgeCapacity)
        default: nil
        }
    }
}
