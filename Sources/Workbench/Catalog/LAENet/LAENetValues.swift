import Foundation
import LabCore
import LAENet
import Notebook

/// A generated set of LAENet instances, as a notebook value (`laenet.dataset`).
///
/// Encoded as the instances' `laenet-instance/1` texts, so a stored dataset stays exactly what was
/// generated even if the generator changes later.
public struct LAENetDataset: LibraryValue, Hashable {
    public static let typeName = "laenet.dataset"
    public static let codecVersion = 1

    /// The scale every instance has.
    public let scale: String
    /// `paper` or `balanced`.
    public let profile: String
    /// The instances.
    public let instances: [LAENetInstance]
    /// The encoding, made once: cache keys hash a dataset on every memoised call that takes it,
    /// and re-serialising thousands of instances each time dominated fully cached runs.
    private let bytes: [UInt8]

    /// Creates a dataset.
    public init(scale: String, profile: String, instances: [LAENetInstance]) {
        var out = Array("\(scale)\n\(profile)\n\(instances.count)\n".utf8)
        for i in instances {
            let text = Array(i.fileText.utf8)
            out += Array("\(text.count)\n".utf8) + text
        }
        self.init(scale: scale, profile: profile, instances: instances, bytes: out)
    }

    private init(scale: String, profile: String, instances: [LAENetInstance], bytes: [UInt8]) {
        self.scale = scale
        self.profile = profile
        self.instances = instances
        self.bytes = bytes
    }

    public func encoded() -> [UInt8] { bytes }

    public static func decode(_ bytes: [UInt8]) throws -> LAENetDataset {
        var offset = 0
        func line() throws -> String {
            guard let end = bytes[offset...].firstIndex(of: 10) else { throw LabError(.corrupt, "stored laenet.dataset is truncated") }
            defer { offset = end + 1 }
            return String(decoding: bytes[offset..<end], as: UTF8.self)
        }
        let scale = try line(), profile = try line()
        guard let count = Int(try line()) else { throw LabError(.corrupt, "stored laenet.dataset has a bad count") }
        var instances: [LAENetInstance] = []
        for i in 0..<count {
            guard let n = Int(try line()), offset + n <= bytes.count else { throw LabError(.corrupt, "stored laenet.dataset instance \(i) is truncated") }
            instances.append(try LAENetInstance.decode(String(decoding: bytes[offset..<offset + n], as: UTF8.self), file: "stored laenet.dataset[\(i)]"))
            offset += n
        }
        return LAENetDataset(scale: scale, profile: profile, instances: instances, bytes: bytes)
    }

    public var summary: String { "laenet.dataset: \(instances.count) instances of \(scale) (\(profile))" }

    public func member(_ name: String) -> Value? {
        switch name {
        case "count": .int(instances.count)
        case "scale": .string(scale)
        case "profile": .string(profile)
        default: nil
        }
    }
}

/// One method's results on every instance of a dataset (`laenet.solutions`).
public struct LAENetSolutions: LibraryValue, Hashable, Codable {
    public static let typeName = "laenet.solutions"
    public static let codecVersion = 1

    /// One instance's result.
    public struct Entry: Hashable, Codable, Sendable {
        /// Per user: -1 local, else the option index; nil when nothing feasible was found.
        public var decisions: [Int]?
        /// Objective (nil when nothing feasible was found).
        public var cost: Double?
        /// `optimal`, `best-known`, `heuristic` or `infeasible`.
        public var status: String
        /// Proven lower bound (exact only).
        public var lowerBound: Double?
        /// The objective with the method's own generated shares, minimally repaired (diffusion
        /// models only, docs/gadsg.md §9.2; nil otherwise, and then absent from the encoding).
        public var generatedCost: Double? = nil
    }

    /// The method name (`exact`, `mcmf`, …).
    public var method: String
    /// Results in dataset order.
    public var entries: [Entry]

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array((try? e.encode(self)) ?? Data())
    }

    public static func decode(_ bytes: [UInt8]) throws -> LAENetSolutions {
        do { return try JSONDecoder().decode(LAENetSolutions.self, from: Data(bytes)) } catch {
            throw LabError(.corrupt, "stored laenet.solutions does not decode: \(error)")
        }
    }

    public var summary: String {
        let solved = entries.compactMap(\.cost)
        let mean = solved.isEmpty ? "-" : Table.formatted(solved.reduce(0, +) / Double(solved.count))
        return "laenet.solutions (\(method)): \(entries.count) instances, \(solved.count) solved, mean cost \(mean)"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "method": .string(method)
        case "count": .int(entries.count)
        case "costs": .list(entries.map { $0.cost.map { .number($0) } ?? .number(.nan) })
        case "generated_costs": .list(entries.map { $0.generatedCost.map { .number($0) } ?? .number(.nan) })
        default: nil
        }
    }
}
