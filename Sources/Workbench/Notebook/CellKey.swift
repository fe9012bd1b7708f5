import Foundation
import LabCore

/// Everything a cell's cache key is made of, kept with each execution so `lab why` can say
/// which component changed.
///
/// - `ast`: the normalised syntax tree (comments and layout never matter);
/// - `inputs`: digest of each upstream value the cell reads (value-based: an upstream re-run
///   that reproduces the same bytes changes nothing here);
/// - `functions`: name → version of every function it calls;
/// - `params`: digest of each parameter it reads;
/// - `seed`: the cell's derived seed, hash(notebook seed, cell id);
/// - `files`: digest of each file its calls read by pattern (absent for a cell that reads none,
///   so the keys of such cells are unchanged).
public struct KeyManifest: Codable, Sendable, Hashable {
    /// Bumped to invalidate every cached cell on purpose.
    public static let currentScheme = "olkey/1"

    public var scheme: String
    public var cell: String
    public var ast: String
    public var inputs: [String: String]
    public var functions: [String: Int]
    public var params: [String: String]
    public var seed: UInt64
    public var files: [String: String]?

    /// The canonical JSON (sorted keys) that is hashed.
    public var canonicalJSON: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The cache key: hex SHA-256 of ``canonicalJSON``.
    public var key: String { SHA256.hash(canonicalJSON).hex }

    /// Parses a stored manifest.
    public static func parse(_ json: String) -> KeyManifest? {
        try? JSONDecoder().decode(KeyManifest.self, from: Data(json.utf8))
    }

    /// Human-readable differences from an earlier manifest, most fundamental first.
    public func changes(since old: KeyManifest) -> [String] {
        var out: [String] = []
        if scheme != old.scheme { out.append("key scheme \(old.scheme) → \(scheme) (everything recomputes once)") }
        if ast != old.ast { out.append("the cell's code changed (not just comments or spacing)") }
        for name in Set(inputs.keys).union(old.inputs.keys).sorted() where inputs[name] != old.inputs[name] {
            switch (old.inputs[name], inputs[name]) {
            case (nil, _): out.append("now reads `\(name)`")
            case (_, nil): out.append("no longer reads `\(name)`")
            case (let a?, let b?): out.append("input `\(name)` has a different value (\(a.prefix(10)) → \(b.prefix(10)))")
            }
        }
        for name in Set(functions.keys).union(old.functions.keys).sorted() where functions[name] != old.functions[name] {
            switch (old.functions[name], functions[name]) {
            case (nil, _): out.append("now calls `\(name)`")
            case (_, nil): out.append("no longer calls `\(name)`")
            case (let a?, let b?): out.append("function `\(name)` version \(a) → \(b)")
            }
        }
        for name in Set(params.keys).union(old.params.keys).sorted() where params[name] != old.params[name] {
            out.append(old.params[name] == nil ? "now reads params.\(name)" : params[name] == nil ? "no longer reads params.\(name)" : "params.\(name) has a different value")
        }
        if seed != old.seed { out.append("the derived seed changed (notebook seed or cell id)") }
        let (now, then) = (files ?? [:], old.files ?? [:])
        for path in Set(now.keys).union(then.keys).sorted() where now[path] != then[path] {
            out.append(then[path] == nil ? "now reads file \(path)" : now[path] == nil ? "no longer reads file \(path)" : "file \(path) changed")
        }
        return out
    }

    /// The seed of a cell: hash of the notebook seed and the cell id, so adding or moving cells
    /// never shifts another cell's randomness.
    public static func derivedSeed(notebookSeed: UInt64, cellID: String) -> UInt64 {
        SHA256.hash("olseed/1|\(notebookSeed)|\(cellID)").prefix64
    }
}

/// The key of a memoised library call: function name, version and canonical arguments.
///
/// Independent of the notebook and the cell, so two notebooks that make the same call share
/// its result (and its checkpoints, metrics and seed).
public struct CallKey: Sendable, Hashable {
    /// The hex key.
    public let key: String

    /// Computes the key of calling `signature` with `arguments`.
    ///
    /// An argument equal to its parameter's default is left out when the parameter is not
    /// ``FunctionSignature/Parameter/keyedAtDefault``; an argument of a parameter that is not
    /// ``FunctionSignature/Parameter/keyed`` is always left out.
    public init(_ signature: FunctionSignature, _ arguments: [(name: String, value: Value)]) {
        var h = SHA256()
        h.update("olcall/1|\(signature.name)|\(signature.version)")
        for (name, value) in arguments {
            if let p = signature.parameters.first(where: { $0.name == name }) {
                if !p.keyed { continue }
                if !p.keyedAtDefault, let d = p.defaultValue, d.encoded() == value.encoded() { continue }
            }
            h.update("|\(name)=")
            h.update(value.encoded())
        }
        key = h.finalize().hex
    }

    /// The seed handed to the call: derived from the key.
    public var seed: UInt64 { SHA256.hash("olseed/1|call|\(key)").prefix64 }
}
