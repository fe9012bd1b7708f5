import Foundation
import LabCore
import Learning
import MultiMEC
import Notebook
import Tensors

/// A trained model as a notebook value: `lab cache export KEY:OUTPUT -o FILE.safetensors`
/// (or `.npz`) writes its parameters and architecture.
///
/// A value conforms by naming its tensors by their parameter paths (a Module tree's dotted
/// names under the role of the network, e.g. `actor.trunk.0.weight`) and describing the
/// architecture; ``ExportedModel`` lays that out in either file format.
public protocol ModelExportable: LibraryValue {
    /// The parameters and the architecture.
    ///
    /// - Throws: a `LabError` when the value holds no exportable network.
    func exportedModel() throws -> ExportedModel
}

/// A model's parameters by path plus the strings of a safetensors `__metadata__` map.
///
/// Metadata keys: `format` (`offloadlab-model/1`), `type` (the notebook type, e.g.
/// `vehicular.model`), `kind` (e.g. `mad2rl`), `network` (the Swift type that holds the
/// parameters), `architecture` (a JSON object: the sizes and the configuration the network is
/// built from), `parameters` (the number of scalars), `digest` (SHA-256 of the parameters'
/// `params/1` encoding, what the value's `digest` member shows) and `layout`, which says that a
/// `Linear` weight is stored `[in, out]` (OffloadLab computes `x·W + b`): transpose it for
/// `torch.nn.Linear`, whose weight is `[out, in]`.
public struct ExportedModel: Sendable {
    /// The metadata format tag.
    public static let format = "offloadlab-model/1"
    /// The `layout` metadata every export carries.
    public static let layout = "Linear weights are [in, out] (y = x @ W + b); transpose them for torch.nn.Linear, whose weight is [out, in]. All tensors are float32, row-major."

    /// The tensors by dotted path, sorted by name.
    public var tensors: [(name: String, tensor: Tensor)]
    /// The `__metadata__` strings.
    public var metadata: [String: String]

    /// A model whose parameters `set` hold under the name prefix `role` (e.g. `actor`), with the
    /// architecture as a JSON object's text.
    public init<Value: LibraryValue>(_ value: Value, kind: String, role: String, network: String, architecture: String, parameters set: ParameterSet) {
        tensors = set.tensors.keys.sorted().map { ("\(role).\($0)", set.tensors[$0]!) }
        metadata = ["format": Self.format, "type": Value.typeName, "kind": kind, "network": network, "architecture": architecture,
                    "parameters": String(set.tensors.values.map(\.count).reduce(0, +)), "digest": set.digest.hex, "layout": Self.layout]
    }

    /// The safetensors file.
    public func safetensorsBytes() throws -> [UInt8] { try SafeTensors(tensors, metadata: metadata).encoded() }

    /// The `.npz` archive: one float32 member per tensor (`numpy.load(f)["actor.trunk.0.weight"]`)
    /// and `__metadata__`, the metadata as UTF-8 JSON bytes in a uint8-valued int32 array
    /// (`json.loads(bytes(z["__metadata__"].astype("u1")))`).
    public func npzBytes() throws -> [UInt8] {
        let json = JSONValue.object(metadata.keys.sorted().map { ($0, .string(metadata[$0]!)) }).serialized()
        let bytes = Array(json.utf8).map { Int32($0) }
        var arrays = [(name: String, array: NPYArray)]()
        for (name, t) in tensors { arrays.append((name, try NPYArray(t.scalars, shape: t.shape))) }
        arrays.append(("__metadata__", try NPYArray(bytes, shape: [bytes.count])))
        return try NPZArchive(arrays).encoded()
    }

    /// A Codable value as compact JSON with sorted keys.
    public static func json<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
