import Foundation
import LabCore
import Plots
import Tensors

/// The canonical binary encoding of values (codec `value/1`) and their digests.
///
/// A tag byte then a payload, integers little-endian: 1 int (Int64) · 2 number (IEEE bits; every
/// NaN as the one quiet NaN) · 3 string (UInt32 length + UTF-8) · 4 bool · 5 list (count + items)
/// · 6 record (count + key/value pairs in order) · 7 tensor (length + `tensor/1`) · 8 table and
/// 10 figure (length + JSON with sorted keys) · 9 series (name, count, steps, values) ·
/// 11 library value (type name, codec version, length + bytes). Equal values give equal bytes,
/// so the SHA-256 of the encoding is a value-based cache key component.
extension Value {
    /// The codec name stored next to encoded values.
    public static let codec = "value/1"

    /// The `value/1` bytes.
    public func encoded() -> [UInt8] {
        var w = ValueWriter()
        w.write(self)
        return w.bytes
    }

    /// SHA-256 of ``encoded()``.
    public var digest: SHA256.Digest { SHA256.hash(encoded()) }

    /// Whether `value/1` bytes hold a table or a figure, read from the tag byte alone (so a caller
    /// can skip decoding large values it has no use for).
    public static func encodesTableOrFigure(_ bytes: [UInt8]) -> Bool { bytes.first == 8 || bytes.first == 10 }

    /// Decodes `value/1` bytes; library values are rebuilt by `libraryTypes` (type name → decoder).
    public static func decode(_ bytes: [UInt8], libraryTypes: [String: any LibraryValue.Type] = [:]) throws -> Value {
        var r = ValueReader(bytes: bytes, libraryTypes: libraryTypes)
        let v = try r.read()
        guard r.offset == bytes.count else { throw r.failure("trailing bytes") }
        return v
    }
}

private struct ValueWriter {
    var bytes: [UInt8] = []

    mutating func int<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func blob(_ b: [UInt8]) { int(UInt64(b.count)); bytes += b }
    mutating func string(_ s: String) { let u = Array(s.utf8); int(UInt32(u.count)); bytes += u }
    mutating func double(_ d: Double) { int(d.isNaN ? Double.nan.bitPattern : d.bitPattern) }

    /// Tables and figures as JSON; NaN and infinities (an empty group's mean, a missing bar) are
    /// written as the strings `nan`, `inf` and `-inf`, which ``ValueReader/json`` reads back.
    static let json: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    mutating func write(_ v: Value) {
        switch v {
        case .int(let i): bytes.append(1); int(Int64(i))
        case .number(let d): bytes.append(2); double(d)
        case .string(let s): bytes.append(3); string(s)
        case .bool(let b): bytes.append(4); bytes.append(b ? 1 : 0)
        case .list(let items): bytes.append(5); int(UInt32(items.count)); for i in items { write(i) }
        case .record(let fields):
            bytes.append(6); int(UInt32(fields.count))
            for f in fields { string(f.key); write(f.value) }
        case .tensor(let t): bytes.append(7); blob(t.encoded())
        case .table(let t): bytes.append(8); blob(Array((try? ValueWriter.json.encode(t)) ?? Data()))
        case .series(let s):
            bytes.append(9); string(s.name); int(UInt32(s.steps.count))
            for x in s.steps { int(Int64(x)) }
            for x in s.values { double(x) }
        case .figure(let f): bytes.append(10); blob(Array((try? ValueWriter.json.encode(f)) ?? Data()))
        case .library(let l):
            bytes.append(11); string(type(of: l).typeName); int(UInt32(type(of: l).codecVersion)); blob(l.encoded())
        }
    }
}

private struct ValueReader {
    let bytes: [UInt8]
    let libraryTypes: [String: any LibraryValue.Type]
    var offset = 0

    init(bytes: [UInt8], libraryTypes: [String: any LibraryValue.Type]) {
        self.bytes = bytes
        self.libraryTypes = libraryTypes
    }

    /// The reader of ``ValueWriter/json``'s tables and figures.
    static let json: JSONDecoder = {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }()

    /// Decodes a JSON blob, reporting a malformed one as a corrupt stored value.
    mutating func json<T: Decodable>(_ type: T.Type) throws -> T {
        let data = Data(try blob())
        do { return try Self.json.decode(type, from: data) } catch { throw failure("unreadable \(type) (\(error))") }
    }

    func failure(_ why: String) -> LabError {
        LabError(.corrupt, "corrupt stored value at byte \(offset): \(why). Run `lab cache verify`; the cell will be recomputed.")
    }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, offset + n <= bytes.count else { throw failure("truncated") }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    mutating func int<T: FixedWidthInteger>(_: T.Type) throws -> T {
        try take(MemoryLayout<T>.size).reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }

    mutating func blob() throws -> [UInt8] { Array(try take(Int(try int(UInt64.self)))) }
    mutating func string() throws -> String { String(decoding: try take(Int(try int(UInt32.self))), as: UTF8.self) }
    mutating func double() throws -> Double { Double(bitPattern: try int(UInt64.self)) }

    mutating func read() throws -> Value {
        let tag = try take(1).first!
        switch tag {
        case 1: return .int(Int(try int(Int64.self)))
        case 2: return .number(try double())
        case 3: return .string(try string())
        case 4: return .bool(try take(1).first! != 0)
        case 5:
            let n = try int(UInt32.self)
            var items: [Value] = []
            for _ in 0..<n { items.append(try read()) }
            return .list(items)
        case 6:
            let n = try int(UInt32.self)
            var fields: [Value.Field] = []
            for _ in 0..<n { fields.append(Value.Field(try string(), try read())) }
            return .record(fields)
        case 7: return .tensor(try Tensor.decode(try blob()))
        case 8: return .table(try json(Table.self))
        case 9:
            let name = try string()
            let n = Int(try int(UInt32.self))
            var steps: [Int] = [], values: [Double] = []
            for _ in 0..<n { steps.append(Int(try int(Int64.self))) }
            for _ in 0..<n { values.append(try double()) }
            return .series(Series(name: name, steps: steps, values: values))
        case 10: return .figure(try json(Figure.self))
        case 11:
            let name = try string()
            let version = Int(try int(UInt32.self))
            let payload = try blob()
            guard let type = libraryTypes[name] else { throw failure("unknown library type `\(name)`") }
            guard type.codecVersion == version else {
                throw failure("`\(name)` was stored with codec version \(version), this build reads \(type.codecVersion)")
            }
            return .library(try type.decode(payload))
        default: throw failure("unknown tag \(tag)")
        }
    }
}
