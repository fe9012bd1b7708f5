import LAENet
import FuzzSupport
import LabCore

/// A fixed 6-user instance the solutions are read against (generated, so the same every run).
let instance = LAENetGenerator.generate(scale: try! LAENetScale.parse("gs2_gu4_au2"), profile: .paper, seed: 1)
let model = LAENetModel(instance)

/// Decodes the input as a `laenet-solution/1` file for the fixed instance and scores a valid one
/// (what `lab laenet evaluate` does), writing the result as JSON.
func fuzzLAENetSolution(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    let f = JSONFields(file: "fuzz.json")
    guard let root = try? f.parse(text), let solution = try? LAENetSolution.decode(root, file: "fuzz.json", for: instance) else { return 0 }
    _ = model.evaluate(solution).json.serialized(pretty: true)
    _ = solution.json.serialized()
    return 0
}

runLibFuzzer { data, count in fuzzLAENetSolution(data, count) }
