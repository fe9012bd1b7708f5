/// The parameter values a run used, recorded with the run.
///
/// `lab runs` shows the ones that differ from the notebook's defaults, `lab diff` compares two
/// runs' values, and `lab why` compares a cell with the last run that had the same ``digest``.
public struct RunParameters: Sendable, Hashable, Codable {
    /// One parameter of a run.
    public struct Entry: Sendable, Hashable, Codable {
        /// The parameter name (`params.<name>` in cells).
        public var name: String
        /// The value as a literal of the cell language, e.g. `50`, `"quick"`, `[1, 2]`.
        public var value: String
        /// Whether the value differs from the front-matter default of the notebook at the time.
        public var differsFromDefault: Bool

        /// Creates an entry.
        public init(name: String, value: String, differsFromDefault: Bool) {
            self.name = name
            self.value = value
            self.differsFromDefault = differsFromDefault
        }
    }

    /// Every parameter, sorted by name.
    public var entries: [Entry]
    /// SHA-256 (hex) of the values: equal for runs with the same parameter set.
    public var digest: String

    /// Creates a record of `entries` (sorted by name here) with the digest of their values.
    public init(entries: [Entry], digest: String) {
        self.entries = entries.sorted { $0.name < $1.name }
        self.digest = digest
    }

    /// The entries that differ from the defaults.
    public var changed: [Entry] { entries.filter(\.differsFromDefault) }

    /// `name=value` for the parameters that differ from the defaults, or `defaults`.
    public var changedSummary: String {
        let c = changed
        return c.isEmpty ? "defaults" : c.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    }

    /// The value of parameter `name`, if the run had it.
    public func value(of name: String) -> String? { entries.first { $0.name == name }?.value }
}
