/// Where a memoised call's cache entry came from: the function, its arguments, and the notebook
/// cell that first called it.
///
/// Recorded with the entry so `lab cache ls` can name it; the key itself is a digest. A call
/// shared by several notebooks names the one that computed it.
public struct CallOrigin: Sendable, Hashable, Codable {
    /// One argument, as a short readable summary.
    public struct Argument: Sendable, Hashable, Codable {
        /// The parameter name.
        public var name: String
        /// A literal (`16`, `"gadsg"`) or a summary of a larger value (`dataset(200 instances)`).
        public var value: String

        /// Creates an argument summary.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The function, e.g. `gadsg.train`.
    public var function: String
    /// Its arguments in call order.
    public var arguments: [Argument]
    /// The notebook path of the run that computed it.
    public var notebook: String
    /// The id of the cell that made the call.
    public var cell: String

    /// Creates an origin.
    public init(function: String, arguments: [Argument], notebook: String, cell: String) {
        self.function = function
        self.arguments = arguments
        self.notebook = notebook
        self.cell = cell
    }

    /// `gadsg.train(data: dataset(…), epochs: 16)`.
    public var callText: String {
        "\(function)(\(arguments.map { "\($0.name): \($0.value)" }.joined(separator: ", ")))"
    }
}
