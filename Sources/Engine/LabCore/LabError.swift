/// A failure that OffloadLab reports to a person.
///
/// Every error carries a machine-readable ``Code`` (which maps to a documented process exit
/// code), a message that says what went wrong *and how to fix it*, and, where one exists, the
/// ``SourceLocation`` of the offending input (a notebook cell, an instance file, a store file).
/// Errors are values: compare them in tests, print them in the CLI.
public struct LabError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category of an error, with the exit code the `lab` command uses for it.
    public var code: Code
    /// What went wrong and what to do about it, in one or two plain sentences.
    public var message: String
    /// Where in the user's input the problem is, if it has a place.
    public var location: SourceLocation?

    /// Creates an error.
    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `path:line:column: error: message`, or `error[code]: message` without a location.
    public var description: String {
        if let location {
            return "\(location): error: \(message)"
        }
        return "error[\(code.name)]: \(message)"
    }
}

extension LabError {
    /// A category of failure; ``exitCode`` is what `lab` exits with (see README, "Exit codes").
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// Short stable name, e.g. `invalid-input`.
        public let name: String
        /// Process exit status for this category.
        public let exitCode: Int32

        /// Creates a code; prefer the predefined constants.
        public init(name: String, exitCode: Int32) {
            self.name = name
            self.exitCode = exitCode
        }

        public var description: String { name }

        /// Anything not covered below (a bug, an unexpected system failure).
        public static let failure = Code(name: "failure", exitCode: 1)
        /// A notebook failed its static checks (syntax, names, types, cycles).
        public static let notebook = Code(name: "notebook", exitCode: 2)
        /// A file or argument given by the user is malformed or out of range.
        public static let invalidInput = Code(name: "invalid-input", exitCode: 2)
        /// The machine lacks a library, font or setting that OffloadLab needs.
        public static let environment = Code(name: "environment", exitCode: 3)
        /// The store could not be opened, read or written.
        public static let store = Code(name: "store", exitCode: 4)
        /// Serialized bytes are corrupt, truncated or of an unknown version.
        public static let corrupt = Code(name: "corrupt", exitCode: 5)
        /// A computation could not produce a result (an infeasible instance, a diverging solver).
        public static let numerical = Code(name: "numerical", exitCode: 6)
        /// Shapes or indices do not fit an operation (a programming error in a caller).
        public static let shape = Code(name: "shape", exitCode: 7)
    }
}

/// A place in a text file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// Path as the user gave it.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number (in characters).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and compilers understand.
    public var description: String { "\(file):\(line):\(column)" }
}
