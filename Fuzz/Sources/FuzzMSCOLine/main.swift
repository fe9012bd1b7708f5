import LAENet
import FuzzSupport
import LabCore

/// Parses the input as one GDSG dataset line; a valid line is written back and must parse to the
/// same line.
func fuzzMSCOLine(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let instance = try? MSCOInstance.parse(line: text, file: "fuzz.txt", line: 1) else { return 0 }
    let again = try? MSCOInstance.parse(line: instance.line, file: "again.txt", line: 1)
    if again?.line != instance.line { fatalError("line does not round-trip:\n\(instance.line)") }
    return 0
}

runLibFuzzer { data, count in fuzzMSCOLine(data, count) }
