import Foundation
import LabCore
import Learning
import MultiMEC
import Notebook

/// The `diffloader.planner/1` codec: a JSON header line (sorted keys) with the settings,
/// environments, options and curves, then little-endian binary: the UInt64 length and bytes of
/// the network's `params/1`, the normaliser's four limit arrays, and for every training then
/// added environment its prompt episodes and sorted initial returns.
extension DiffLoaderPlannerValue {
    /// What the header line holds.
    struct Header: Codable {
        var configuration: PlannerConfiguration
        var promptMode: PlannerPromptMode
        var training: [MECEnvironment]
        var added: [MECEnvironment]
        var observationSize: Int
        var actionSize: Int
        var curves: [String: Series]
        var guidance: Double?
        var target: Target
        var name: String
    }

    /// The most prompt episodes or returns one environment may store.
    static let maximumRecords = 10_000_000

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let header = Header(configuration: configuration, promptMode: promptMode, training: training.map(\.environment), added: added.map(\.environment),
                            observationSize: observationSize, actionSize: actionSize, curves: curves, guidance: guidance, target: target, name: name)
        var out = ((try? e.encode(header)).map(Array.init) ?? []) + [10]
        let params = parameters.encoded()
        out.append(littleEndian: UInt64(params.count))
        out += params
        for limits in [normalizer.observationLow, normalizer.observationHigh, normalizer.actionLow, normalizer.actionHigh] { out.append(floats: limits) }
        for source in training + added {
            out.append(littleEndian: UInt64(source.prompts.count))
            for p in source.prompts {
                out.append(floats: p.rewards)
                out.append(floats: p.observations)
                out.append(floats: p.actions)
            }
            out.append(floats: source.initialReturns)
        }
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws -> DiffLoaderPlannerValue {
        func corrupt(_ why: String) -> LabError { LabError(.corrupt, "stored diffloader.planner: \(why); run `lab cache verify --repair` and run the cell again") }
        guard let newline = bytes.firstIndex(of: 10) else { throw corrupt("no header") }
        let h: Header
        do { h = try JSONDecoder().decode(Header.self, from: Data(bytes[..<newline])) } catch { throw corrupt("the header does not decode (\(error))") }
        var offset = newline + 1
        func word() throws -> Int {
            guard bytes.count - offset >= 8 else { throw corrupt("truncated at byte \(offset)") }
            let v = bytes[offset..<(offset + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            offset += 8
            guard v <= UInt64(maximumRecords * 64) else { throw corrupt("a length of \(v) at byte \(offset - 8)") }
            return Int(v)
        }
        func floats(_ expected: Int? = nil) throws -> [Float] {
            let n = try word()
            if let expected, n != expected { throw corrupt("\(n) values where \(expected) belong, at byte \(offset - 8)") }
            guard n <= (bytes.count - offset) / 4 else { throw corrupt("truncated at byte \(offset)") }
            defer { offset += 4 * n }
            return (0..<n).map { i in
                let b = offset + 4 * i
                return Float(bitPattern: UInt32(bytes[b]) | UInt32(bytes[b + 1]) << 8 | UInt32(bytes[b + 2]) << 16 | UInt32(bytes[b + 3]) << 24)
            }
        }
        let o = h.observationSize, a = h.actionSize
        guard (1...MECConstants.featuresPerUser * MECConstants.maximumUsers).contains(o), (1...2 * MECConstants.maximumUsers).contains(a) else {
            throw corrupt("sizes \(o), \(a)")
        }
        let length = try word()
        guard length <= bytes.count - offset else { throw corrupt("the parameters run past the end") }
        let parameters = try ParameterSet.decode(Array(bytes[offset..<(offset + length)]))
        offset += length
        let normalizer = PlannerNormalizer(observationLow: try floats(o), observationHigh: try floats(o), actionLow: try floats(a), actionHigh: try floats(a))
        func source(_ environment: MECEnvironment) throws -> Source {
            let count = try word()
            var prompts: [PlannerEpisode] = []
            for _ in 0..<count {
                let rewards = try floats()
                prompts.append(PlannerEpisode(environment: 0, observations: try floats(rewards.count * o), actions: try floats(rewards.count * a), rewards: rewards))
            }
            return Source(environment: environment, prompts: prompts, initialReturns: try floats())
        }
        let training = try h.training.map(source), added = try h.added.map(source)
        guard offset == bytes.count else { throw corrupt("\(bytes.count - offset) bytes after the last environment") }
        return DiffLoaderPlannerValue(configuration: h.configuration, promptMode: h.promptMode, training: training, added: added, parameters: parameters,
                                      normalizer: normalizer, observationSize: o, actionSize: a, curves: h.curves, guidance: h.guidance, target: h.target, name: h.name)
    }
}

extension Array where Element == UInt8 {
    /// Appends `v` in little-endian byte order.
    fileprivate mutating func append(littleEndian v: UInt64) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    /// Appends the count (UInt64) and the floats' bit patterns, little-endian.
    fileprivate mutating func append(floats values: [Float]) {
        append(littleEndian: UInt64(values.count))
        reserveCapacity(count + 4 * values.count)
        for v in values { Swift.withUnsafeBytes(of: v.bitPattern.littleEndian) { append(contentsOf: $0) } }
    }
}
