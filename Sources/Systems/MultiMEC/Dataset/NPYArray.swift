import LabCore

/// One NumPy array in the `.npy` format (version 1.0): a little-endian dtype, a C-order shape
/// and the raw element bytes.
///
/// The header is `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`, padded with
/// spaces and a newline so that the data starts at a multiple of 64 bytes, as NumPy writes it.
public struct NPYArray: Sendable, Hashable {
    /// Element types written by OffloadLab.
    public enum DType: String, Sendable, Hashable, CaseIterable {
        /// Float32 (`<f4`).
        case float32 = "<f4"
        /// Float64 (`<f8`).
        case float64 = "<f8"
        /// Int32 (`<i4`).
        case int32 = "<i4"

        /// Bytes per element.
        public var size: Int { self == .float64 ? 8 : 4 }
    }

    /// The element type.
    public let dtype: DType
    /// The shape (C order); `[]` is a scalar.
    public let shape: [Int]
    /// The elements' little-endian bytes.
    public let data: [UInt8]

    /// Float32 elements.
    public init(_ values: [Float], shape: [Int]) throws {
        var d: [UInt8] = []
        d.appendFloats(values)
        try self.init(dtype: .float32, shape: shape, data: d)
    }

    /// Float64 elements.
    public init(_ values: [Double], shape: [Int]) throws {
        var d: [UInt8] = []
        d.reserveCapacity(8 * values.count)
        for v in values { d.appendLE(v) }
        try self.init(dtype: .float64, shape: shape, data: d)
    }

    /// Int32 elements.
    public init(_ values: [Int32], shape: [Int]) throws {
        var d: [UInt8] = []
        d.reserveCapacity(4 * values.count)
        for v in values { d.appendLE(v) }
        try self.init(dtype: .int32, shape: shape, data: d)
    }

    /// Raw bytes.
    ///
    /// - Throws: `.shape` when the bytes do not fill the shape.
    public init(dtype: DType, shape: [Int], data: [UInt8]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) * dtype.size == data.count else {
            throw LabError(.shape, "an array of shape \(shape) and dtype \(dtype.rawValue) needs \(shape.reduce(1, *) * dtype.size) bytes (got \(data.count))")
        }
        (self.dtype, self.shape, self.data) = (dtype, shape, data)
    }

    /// Elements.
    public var count: Int { shape.reduce(1, *) }

    /// The `.npy` file bytes.
    public func encoded() -> [UInt8] {
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': (\(dims)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        out.appendLE(UInt16(header.utf8.count))
        return out + Array(header.utf8) + data
    }

    /// Reads `.npy` bytes of version 1.0 with one of the ``DType``s, C order.
    ///
    /// - Throws: `.corrupt` for anything else.
    public static func decode(_ bytes: [UInt8]) throws -> NPYArray {
        var r = MECByteReader(bytes, what: ".npy array")
        guard try Array(r.take(6)) == [0x93] + Array("NUMPY".utf8), try Array(r.take(2)) == [1, 0] else { throw r.fail("not a version 1.0 .npy file") }
        let length = Int(try r.read(UInt16.self))
        let header = String(decoding: try r.take(length), as: UTF8.self)
        func field(_ key: String, _ close: Character) -> Substring? {
            guard let k = header.range(of: "'\(key)': ") else { return nil }
            let rest = header[k.upperBound...]
            guard let end = rest.firstIndex(of: close) else { return nil }
            return rest[...end]
        }
        guard let descr = field("descr", ",").map({ $0.dropFirst().dropLast(2) }), let dtype = DType(rawValue: String(descr)),
              header.contains("'fortran_order': False"), let shapeText = field("shape", ")") else {
            throw r.fail("unsupported header \(header)")
        }
        let dims = shapeText.dropFirst().dropLast().split(separator: ",").map { Int($0.trimmingCharacters(in: [" "])) }
        guard dims.allSatisfy({ $0 != nil && $0! >= 0 }) else { throw r.fail("bad shape \(shapeText)") }
        do { return try NPYArray(dtype: dtype, shape: dims.map { $0! }, data: Array(try r.take(r.remaining))) } catch { throw r.fail("data does not fill the shape") }
    }

    /// The elements as Float64 (any dtype).
    public var doubles: [Double] {
        data.withUnsafeBytes { raw in
            (0..<count).map { i -> Double in
                switch dtype {
                case .float32: Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
                case .float64: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                case .int32: Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                }
            }
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String { String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed()) }
}
