import LabCore
import Tensors

extension SafeTensors {
    /// Reads a safetensors file's bytes.
    ///
    /// Accepts what the specification allows for `F32` tensors: any header key order, trailing
    /// spaces in the header, tensors stored in any order. Refuses, naming the problem: a
    /// truncated file, a header that is not a JSON object or longer than
    /// ``maximumHeaderLength``, another dtype, a shape whose size does not match its offsets,
    /// offsets outside the buffer, overlapping or leaving gaps, and non-string metadata.
    /// Tensors come back in the order of their data.
    ///
    /// - Throws: `.invalidInput` (exit 2) for every malformed file.
    public static func decode(_ bytes: [UInt8]) throws -> SafeTensors {
        func fail(_ why: String) -> LabError {
            LabError(.invalidInput, "not a readable safetensors file: \(why). Export it again with `lab cache export KEY:OUTPUT -o FILE.safetensors`.")
        }
        guard bytes.count >= 8 else { throw fail("it has \(bytes.count) bytes, fewer than the 8 of the header length") }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(maximumHeaderLength) else { throw fail("its header length \(length) exceeds \(maximumHeaderLength) bytes") }
        guard length <= UInt64(bytes.count - 8) else { throw fail("its header length \(length) runs past the end of the \(bytes.count)-byte file") }
        let headerEnd = 8 + Int(length)
        guard let text = String(validating: bytes[8..<headerEnd], as: UTF8.self) else { throw fail("its header is not UTF-8") }
        let header: JSONValue
        do { header = try JSONValue.parse(text) } catch { throw fail("its header is not JSON (\(error.message) at byte \(error.offset))") }
        guard case .object(let members) = header else { throw fail("its header is not a JSON object") }
        let bufferLength = bytes.count - headerEnd

        var metadata: [String: String] = [:]
        var entries: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        var names = Set<String>()
        for (name, value) in members {
            guard names.insert(name).inserted else { throw fail("the header names '\(name)' twice") }
            if name == "__metadata__" {
                guard case .object(let pairs) = value else { throw fail("`__metadata__` is not an object") }
                for (key, v) in pairs {
                    guard let s = v.string else { throw fail("metadata '\(key)' is not a string") }
                    metadata[key] = s
                }
                continue
            }
            guard let dtype = value["dtype"]?.string else { throw fail("tensor '\(name)' has no dtype") }
            guard dtype == "F32" else { throw fail("tensor '\(name)' has dtype \(dtype); OffloadLab reads F32 tensors only") }
            guard let shapeValues = value["shape"]?.array, let offsetValues = value["data_offsets"]?.array, offsetValues.count == 2 else {
                throw fail("tensor '\(name)' lacks a shape or a pair of data_offsets")
            }
            let shape = try shapeValues.map { v -> Int in
                guard let x = v.number, x >= 0, x == x.rounded(), x < 0x1p40 else { throw fail("tensor '\(name)' has a shape entry that is not a non-negative integer") }
                return Int(x)
            }
            let offsets = try offsetValues.map { v -> Int in
                guard let x = v.number, x >= 0, x == x.rounded(), x <= Double(bufferLength) else {
                    throw fail("tensor '\(name)' has data_offsets outside the \(bufferLength)-byte data buffer")
                }
                return Int(x)
            }
            var count = 1
            for d in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow, product <= bufferLength else { throw fail("tensor '\(name)' of shape \(shape) is larger than the data buffer") }
                count = product
            }
            guard offsets[1] >= offsets[0], offsets[1] - offsets[0] == 4 * count else {
                throw fail("tensor '\(name)' of shape \(shape) needs \(4 * count) bytes but its data_offsets \(offsets) span \(offsets[1] - offsets[0])")
            }
            entries.append((name, shape, offsets[0], offsets[1]))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var position = 0
        for e in entries {
            guard e.begin == position else {
                throw fail(e.begin < position ? "tensor '\(e.name)' overlaps the one before it" : "the data buffer has a gap before tensor '\(e.name)'")
            }
            position = e.end
        }
        guard position == bufferLength else { throw fail("the data buffer has \(bufferLength - position) bytes no tensor claims") }

        let tensors = entries.map { e -> (name: String, tensor: Tensor) in
            var scalars = [Float](repeating: 0, count: (e.end - e.begin) / 4)
            for i in scalars.indices {
                let at = headerEnd + e.begin + 4 * i
                let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
                scalars[i] = Float(bitPattern: bits)
            }
            return (e.name, Tensor(shape: e.shape, scalars: scalars))
        }
        return SafeTensors(tensors, metadata: metadata)
    }
}
