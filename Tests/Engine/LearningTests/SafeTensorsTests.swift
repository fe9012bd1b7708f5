import LabCore
import Testing
import Tensors
@testable import Learning

/// The safetensors writer and reader: byte layout, round trips, and refusals of malformed files.
@Suite struct SafeTensorsTests {
    static let small = SafeTensors([("w", Tensor(shape: [2], scalars: [1, -2])), ("b", Tensor(shape: [1, 1], scalars: [0.5]))],
                                   metadata: ["k": "v"])

    /// The file of ``small``, built by hand from the format's specification.
    static let handBuilt: [UInt8] = {
        let header = #"{"__metadata__":{"k":"v"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1,1],"data_offsets":[8,12]}}"#
        return [136, 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8) + [0x20]
            + [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x3F]
    }()

    @Test func theBytesAreTheHandBuiltFile() throws {
        #expect(try Self.small.encoded() == Self.handBuilt)
    }

    @Test func aFileRoundTripsWithItsNamesShapesBitsAndMetadata() throws {
        var rng = RandomSource(seed: 7)
        let tensors: [(name: String, tensor: Tensor)] = [
            ("actor.trunk.0.weight", .normal([5, 3], using: &rng)), ("actor.trunk.0.bias", .normal([3], using: &rng)),
            ("scalar", Tensor(shape: [], scalars: [-0.0])), ("empty", Tensor(shape: [0, 4], scalars: [])),
            ("odd", Tensor(shape: [3], scalars: [.infinity, .nan, Float.leastNonzeroMagnitude])),
        ]
        let file = SafeTensors(tensors, metadata: ["architecture": #"{"hidden":64}"#, "ünï\"code\n": "x"])
        let bytes = try file.encoded()
        let back = try SafeTensors.decode(bytes)
        #expect(back.tensors.map(\.name) == tensors.map(\.name))
        for ((_, a), (_, b)) in zip(back.tensors, tensors) {
            #expect(a.shape == b.shape && a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern))
        }
        #expect(back.metadata == file.metadata)
        #expect(try back.encoded() == bytes)
        // The header is padded so the data starts 8-byte aligned.
        let length = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect((8 + length) % 8 == 0)
    }

    @Test func theReaderTakesAnyKeyOrderAndDataOrder() throws {
        let header = #"{"b":{"shape":[1],"data_offsets":[0,4],"dtype":"F32"},"a":{"dtype":"F32","shape":[],"data_offsets":[4,8]}}   "#
        let bytes = [UInt8(header.utf8.count), 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8) + [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]
        let file = try SafeTensors.decode(bytes)
        #expect(file.tensors.map(\.name) == ["b", "a"] && file["b"]?.scalars == [1] && file["a"]?.scalars == [2] && file["a"]?.shape == [])
        #expect(file.metadata.isEmpty)
    }

    @Test func malformedFilesAreRefusedWithTheReason() throws {
        func header(_ json: String, data: Int) -> [UInt8] {
            [UInt8(json.utf8.count), 0, 0, 0, 0, 0, 0, 0] + Array(json.utf8) + [UInt8](repeating: 0, count: data)
        }
        let cases: [([UInt8], String)] = [
            ([1, 2, 3], "fewer than the 8"),
            (Array(Self.handBuilt.prefix(100)), "runs past the end"),
            ([255, 255, 255, 255, 255, 255, 255, 255], "exceeds"),
            (header("[1]", data: 0), "not a JSON object"),
            (header("{nope", data: 0), "not JSON"),
            (header(#"{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, data: 2), "dtype F16"),
            (header(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: 4), "needs 8 bytes"),
            (header(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: 8), "no tensor claims"),
            (header(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: 8), "gap"),
            (header(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: 4), "overlaps"),
            (header(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,40]}}"#, data: 4), "outside"),
            (header(#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: 4), "non-negative integer"),
            (header(#"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#, data: 4), "larger than"),
            (header(#"{"__metadata__":{"k":1}}"#, data: 0), "not a string"),
            (header(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: 8), "duplicate key"),
        ]
        for (bytes, reason) in cases {
            do {
                _ = try SafeTensors.decode(bytes)
                Issue.record("accepted a file that should fail with '\(reason)'")
            } catch let error as LabError {
                #expect(error.code == .invalidInput && error.message.contains(reason), "\(error.message)")
            }
        }
    }

    @Test func badNamesAreRefusedByTheWriter() {
        for name in ["", "__metadata__"] {
            #expect(throws: LabError.self) { try SafeTensors([(name, Tensor(shape: [1], scalars: [0]))]).encoded() }
        }
        #expect(throws: LabError.self) { try SafeTensors([("a", Tensor(shape: [1], scalars: [0])), ("a", Tensor(shape: [1], scalars: [0]))]).encoded() }
    }

    @Test func aModuleTreeExportsUnderItsParameterPaths() throws {
        var rng = RandomSource(seed: 1)
        let mlp = MLP([3, 4, 2], activation: .relu, using: &rng)
        let set = ParameterSet(of: mlp)
        let file = SafeTensors(set.tensors.keys.sorted().map { ($0, set.tensors[$0]!) })
        let back = try SafeTensors.decode(try file.encoded())
        #expect(back.tensors.map(\.name) == mlp.namedParameters().map(\.name).sorted())
        try mlp.load(ParameterSet(Dictionary(uniqueKeysWithValues: back.tensors.map { ($0.name, $0.tensor) })))
        #expect(ParameterSet(of: mlp) == set)
    }
}
