/// The static type of a value in the cell language.
public enum ValueType: Sendable, Hashable, CustomStringConvertible {
    /// Unknown or dynamic: accepted anywhere.
    case any
    case int, number, string, bool
    case list, record
    case tensor, table, series, figure
    /// An opaque library value, by name (e.g. `laenet.dataset`).
    case library(String)

    /// True when a value of type `self` may be passed where `expected` is required.
    public func conforms(to expected: ValueType) -> Bool {
        if self == expected || self == .any || expected == .any { return true }
        return self == .int && expected == .number
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .int: "int"
        case .number: "number"
        case .string: "string"
        case .bool: "bool"
        case .list: "list"
        case .record: "record"
        case .tensor: "tensor"
        case .table: "table"
        case .series: "series"
        case .figure: "figure"
        case .library(let name): name
        }
    }
}

/// The declared interface of a library function callable from cells.
public struct FunctionSignature: Sendable {
    /// One parameter.
    public struct Parameter: Sendable {
        /// The keyword name (positional arguments fill parameters in order).
        public var name: String
        /// The accepted type.
        public var type: ValueType
        /// The value used when the argument is omitted; nil for a required parameter.
        public var defaultValue: Value?
        /// One-line documentation.
        public var doc: String
        /// The values accepted beyond the type (a range, a maximum size, a set of strings).
        public var constraint: ParameterConstraint?
        /// True for a seed that, when omitted, is the call's seed derived from the notebook seed,
        /// the cell id and the call's position in the cell (see ``CallSeed``).
        public var seedsFromCell: Bool
        /// False for a parameter added to a memoised function after results were stored: at its
        /// default it is left out of the call key, so those results keep their keys (see ``CallKey``).
        public var keyedAtDefault = true
        /// False for an argument that cannot change the result (how many checkpoints to keep):
        /// never part of the call key, so changing it reuses the stored result (see ``CallKey``).
        public var keyed = true

        /// True when the parameter may be omitted.
        public var hasDefault: Bool { defaultValue != nil || seedsFromCell }

        /// Creates a parameter.
        public init(_ name: String, _ type: ValueType, default defaultValue: Value? = nil, constraint: ParameterConstraint? = nil,
                    seedsFromCell: Bool = false, doc: String = "") {
            (self.name, self.type, self.defaultValue, self.doc) = (name, type, defaultValue, doc)
            (self.constraint, self.seedsFromCell) = (constraint, seedsFromCell)
        }
    }

    /// Dotted name, e.g. `laenet.dataset`.
    public var name: String
    /// Parameters in positional order.
    public var parameters: [Parameter]
    /// The result type.
    public var returns: ValueType
    /// Bumped on any semantic change; part of every cache key that calls it.
    public var version: Int
    /// True when calls are memoised in the store by (name, version, canonical arguments).
    public var memoised: Bool
    /// Documentation: one-line summary, then details.
    public var doc: String
    /// The parameter (a string literal) naming the files the function reads by pattern, e.g.
    /// `data/*.json`, or nil; the bytes of those files are part of the calling cell's key.
    public var filesParameter: String?

    /// Creates a signature.
    public init(name: String, parameters: [Parameter], returns: ValueType, version: Int, memoised: Bool = false, doc: String = "") {
        (self.name, self.parameters, self.returns, self.version, self.memoised, self.doc) = (name, parameters, returns, version, memoised, doc)
    }
}

/// Where static checks look up functions (implemented by the catalog).
public protocol FunctionLookup: Sendable {
    /// The signature of a dotted function name, or nil if there is none.
    func signature(named name: String) -> FunctionSignature?
    /// Every function name (for did-you-mean suggestions and namespace detection).
    var functionNames: [String] { get }
}

/// Suggestions for misspelt names: the closest candidate within a small edit distance.
public enum Suggest {
    /// The candidate closest to `name` (Levenshtein distance ≤ max(2, length/3)), if any.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        var best: (String, Int)?
        let a = Array(name)
        // Cheap length bounds first (a character is 1 to 4 UTF-8 bytes; utf8.count is O(1)).
        for c in candidates where c != name && c.utf8.count >= a.count - limit && c.utf8.count <= 4 * (a.count + limit) {
            let other = Array(c)
            guard abs(other.count - a.count) <= limit else { continue }
            let d = distance(a, other, within: limit)
            if d <= limit && (best == nil || d < best!.1 || (d == best!.1 && c < best!.0)) { best = (c, d) }
        }
        return best?.0
    }

    /// `"; did you mean `x`?"` or the empty string.
    public static func hint(for name: String, in candidates: [String]) -> String {
        closest(to: name, in: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }

    /// The Levenshtein distance, or some value above `limit` as soon as it must exceed it (so
    /// that suggestions over thousands of names stay fast).
    static func distance(_ a: [Character], _ b: [Character], within limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var row = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                row[j + 1] = Swift.min(previous[j + 1] + 1, row[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            if row.min()! > limit { return limit + 1 }
            previous = row
        }
        return previous[b.count]
    }
}

/// A catalog the runner can execute: signatures, implementations and library value decoders.
public protocol FunctionCatalog: FunctionLookup {
    /// Calls a function with bound, defaulted arguments.
    func call(_ name: String, _ arguments: [(name: String, value: Value)], context: any CallContext) throws -> Value
    /// Decoders of library value types by type name (for values read back from the store).
    var libraryTypes: [String: any LibraryValue.Type] { get }
}
