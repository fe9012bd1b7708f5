import Foundation
import LabCore

/// A numeric n-d array on its way to a file Python can load.
struct ExportArray {
    /// Extent of each axis, outermost first (`[]` for a scalar).
    var shape: [Int]
    /// Values in row-major order.
    var values: [Double]
    /// Whether the values are Float32 (written as `<f4` in `.npy`) rather than Float64.
    var isFloat32: Bool
    /// Column names for `.csv` output of a 2-D array, if it has meaningful ones.
    var columns: [String]? = nil

    /// The `.npy` (format 1.0) encoding, loadable with `numpy.load`.
    func npy() -> [UInt8] {
        let shapeText = shape.isEmpty ? "()" : shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(isFloat32 ? "<f4" : "<f8")', 'fortran_order': False, 'shape': \(shapeText), }"
        // Magic (6) + version (2) + length (2) + header + newline must be a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        out += [UInt8(length & 0xff), UInt8(length >> 8)]
        out += Array(header.utf8)
        out.reserveCapacity(out.count + values.count * (isFloat32 ? 4 : 8))
        for v in values {
            if isFloat32 {
                withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { out += $0 }
            } else {
                withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 }
            }
        }
        return out
    }

    /// Comma-separated text: one value per line for rank 0-1, one row per line for rank 2.
    func csv(path: String) throws -> String {
        func cell(_ v: Double) -> String {
            if v.isNaN { return "nan" }
            if v.isInfinite { return v < 0 ? "-inf" : "inf" }
            if v == v.rounded(), abs(v) < 0x1p53 { return "\(Int64(v))" }  // steps and counts stay integers
            return isFloat32 ? "\(Float(v))" : "\(v)"
        }
        switch shape.count {
        case 0, 1:
            return (columns.map { $0.joined(separator: ",") + "\n" } ?? "value\n") + values.map(cell).joined(separator: "\n") + "\n"
        case 2:
            let width = shape[1]
            var lines: [String] = columns.map { [$0.joined(separator: ",")] } ?? []
            for row in 0..<shape[0] {
                lines.append(values[row * width..<(row + 1) * width].map(cell).joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        default:
            throw LabError(.invalidInput, "A \(shape.count)-d array of shape \(shape) does not fit a CSV table; export it to \(replacingExtension(path, "npy")) or \(replacingExtension(path, "json")) instead.")
        }
    }

    /// Nested JSON lists (NaN and infinities as `null`), so `numpy.array(json.load(f))` restores it.
    func jsonObject() -> Any {
        func number(_ v: Double) -> Any { v.isFinite ? (isFloat32 ? Double(Float(v)) as Any : v as Any) : NSNull() }
        func nest(_ axis: Int, _ offset: Int) -> Any {
            if axis == shape.count { return number(values[offset]) }
            let stride = shape[(axis + 1)...].reduce(1, *)
            return (0..<shape[axis]).map { nest(axis + 1, offset + $0 * stride) }
        }
        return nest(0, 0)
    }
}

/// `path` with its extension replaced.
func replacingExtension(_ path: String, _ ext: String) -> String {
    URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension(ext).lastPathComponent
}

/// Converts a decoded JSON value into a numeric array when it is one: a number, a list of
/// numbers, or a rectangular list of lists of numbers (`null` reads as NaN, booleans as 0/1,
/// as `numpy.array` would). Returns `nil` for anything else.
func numericArrayFromJSON(_ value: Any) -> ExportArray? {
    func number(_ v: Any) -> Double? {
        if v is NSNull { return .nan }
        if let n = v as? NSNumber { return n.doubleValue }
        return nil
    }
    if let n = number(value) { return ExportArray(shape: [], values: [n], isFloat32: false) }
    guard let list = value as? [Any] else { return nil }
    if let flat = Optional(list.compactMap(number)), flat.count == list.count {
        return ExportArray(shape: [list.count], values: flat, isFloat32: false)
    }
    let rows = list.compactMap { $0 as? [Any] }
    guard rows.count == list.count, let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else { return nil }
    let flat = rows.flatMap { $0.compactMap(number) }
    guard flat.count == rows.count * width else { return nil }
    return ExportArray(shape: [rows.count, width], values: flat, isFloat32: false)
}
