import LabCore
import Tensors

/// Named tensors in the safetensors format (the file PyTorch users load with
/// `safetensors.torch.load_file`), with a string-to-string metadata map.
///
/// Layout, as the format's specification defines it: an unsigned 64-bit little-endian header
/// length `N`; `N` bytes of UTF-8 JSON, an object mapping each tensor's name to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` plus an optional `"__metadata__"` object
/// of strings; then the data buffer, each tensor's elements in row-major order and
/// little-endian, at its offsets relative to the buffer's start. Offsets cover the buffer
/// without gaps or overlaps.
///
/// OffloadLab writes `F32` tensors only, `__metadata__` first with its keys sorted, then the
/// tensors in the given order (their data in the same order), and pads the header with spaces
/// to a multiple of 8 bytes so the buffer starts aligned, as the reference writer does. The
/// same tensors and metadata therefore always give the same bytes.
public struct SafeTensors: Sendable {
    /// The largest header a reader accepts (the reference implementation's limit, 100 MB).
    public static let maximumHeaderLength = 100_000_000

    /// The tensors by name, in file order.
    public var tensors: [(name: String, tensor: Tensor)]
    /// The `__metadata__` map (empty when the file has none).
    public var metadata: [String: String]

    /// Wraps named tensors and metadata.
    public init(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        (self.tensors, self.metadata) = (tensors, metadata)
    }

    /// The tensor named `name`, if any.
    public subscript(name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

    /// The file's bytes.
    ///
    /// - Throws: `.invalidInput` for an empty or duplicate tensor name, or a tensor named
    ///   `__metadata__` (the format reserves it).
    public func encoded() throws -> [UInt8] {
        var seen = Set<String>()
        for (name, _) in tensors {
            guard !name.isEmpty, name != "__metadata__", seen.insert(name).inserted else {
                throw LabError(.invalidInput, "cannot write a safetensors file with a tensor named '\(name)': names must be non-empty, unique and not `__metadata__`.")
            }
        }
        var header: [(String, JSONValue)] = []
        if !metadata.isEmpty {
            header.append(("__metadata__", .object(metadata.keys.sorted().map { ($0, .string(metadata[$0]!)) })))
        }
        var offset = 0
        for (name, tensor) in tensors {
            let end = offset + 4 * tensor.count
            header.append((name, .object([
                ("dtype", .string("F32")),
                ("shape", .array(tensor.shape.map { .number(Double($0)) })),
                ("data_offsets", .array([.number(Double(offset)), .number(Double(end))])),
            ])))
            offset = end
        }
        var text = Array(JSONValue.object(header).serialized().utf8)
        text += [UInt8](repeating: 0x20, count: (8 - text.count % 8) % 8)
        var out: [UInt8] = []
        out.reserveCapacity(8 + text.count + offset)
        withUnsafeBytes(of: UInt64(text.count).littleEndian) { out += $0 }
        out += text
        for (_, tensor) in tensors {
            for v in tensor.scalars { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
        }
        return out
    }
}
