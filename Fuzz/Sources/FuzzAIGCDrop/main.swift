import AIGC
import Foundation
import FuzzSupport
import LabCore

/// Decodes the input as an `aigc-drop/1` file; a valid drop is re-encoded and must decode again.
func fuzzAIGCDrop(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: count))
    guard let drop = try? AIGCDrop.decode(bytes, file: "fuzz.json") else { return 0 }
    guard let encoded = try? drop.encoded(), (try? AIGCDrop.decode(encoded, file: "again.json")) == drop else {
        fatalError("drop does not round-trip")
    }
    return 0
}

runLibFuzzer { data, count in fuzzAIGCDrop(data, count) }
