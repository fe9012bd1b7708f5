import LAENet
import FuzzSupport
import LabCore

/// Decodes the input as a `laenet-instance/1` file; a valid one is re-encoded and must decode to
/// the same instance.
func fuzzLAENetInstance(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let instance = try? LAENetInstance.decode(text, file: "fuzz.json") else { return 0 }
    let again = try? LAENetInstance.decode(instance.fileText, file: "again.json")
    if again?.fileText != instance.fileText { fatalError("instance does not round-trip:\n\(instance.fileText)") }
    return 0
}

runLibFuzzer { data, count in fuzzLAENetInstance(data, count) }
