import LabCore
import Store

/// What differs between two recorded runs: their parameters, then each output (binding or
/// shown cell output) whose value differs, for `lab diff RUN_A RUN_B`.
///
/// Outputs are matched by binding name. Values with the same digest are equal and not shown;
/// numbers and tables are compared side by side with their deltas, figures by name.
public struct RunComparison: Sendable {
    /// A parameter whose values differ (`nil`: the run did not have it).
    public struct ParameterChange: Sendable, Hashable {
        /// The parameter name.
        public var name: String
        /// The value in the first run, as a literal.
        public var a: String?
        /// The value in the second run, as a literal.
        public var b: String?

        /// Creates a change.
        public init(name: String, a: String?, b: String?) {
            self.name = name
            self.a = a
            self.b = b
        }
    }

    /// One output that differs between the runs.
    public struct OutputChange: Sendable {
        /// How the two values differ.
        public enum Detail: Sendable {
            /// Only one run has the output; the associated value is that run's id.
            case onlyIn(Int64)
            /// Two numbers (ints or floats).
            case numbers(Double, Double)
            /// Two tables, side by side: key columns once, changed columns as `A`, `B` and `Δ`.
            case tables(Table)
            /// Two figures with different content.
            case figure
            /// Any other values: their one-line summaries.
            case other(String, String)
        }

        /// The binding name, or `<cell> (output)` for a cell's shown output.
        public var name: String
        /// The cell that binds it.
        public var cell: String
        /// How the values differ.
        public var detail: Detail
    }

    /// The first run.
    public var a: RunRecord
    /// The second run.
    public var b: RunRecord
    /// The parameters that differ, by name; `nil` when a run's parameters are unknown.
    public var parameters: [ParameterChange]?
    /// The outputs that differ, in the order their cells ran.
    public var outputs: [OutputChange]
    /// How many outputs both runs share with identical values.
    public var identical: Int
    /// Outputs whose stored values are gone (collected by `lab cache gc`), by name.
    public var unavailable: [String]

    /// Compares runs `a` and `b` of `database`.
    ///
    /// `parameters` gives a run's parameters (``Notebook/parameters(of:)`` rebuilds those of runs
    /// recorded before stores kept them); `libraryTypes` decodes library values.
    public static func compare(_ a: Int64, _ b: Int64, in database: StoreDatabase, libraryTypes: [String: any LibraryValue.Type],
                               parameters: (RunRecord) -> RunParameters? = { $0.parameters }) throws -> RunComparison {
        func record(_ id: Int64) throws -> RunRecord {
            guard let run = try database.run(id) else {
                throw LabError(.invalidInput, "there is no run #\(id) in \(database.path); `lab runs` lists them")
            }
            return run
        }
        let runA = try record(a), runB = try record(b)
        var comparison = RunComparison(a: runA, b: runB, parameters: nil, outputs: [], identical: 0, unavailable: [])
        if let pa = parameters(runA), let pb = parameters(runB) {
            let names = Set(pa.entries.map(\.name)).union(pb.entries.map(\.name)).sorted()
            comparison.parameters = names.compactMap { n in
                let va = pa.value(of: n), vb = pb.value(of: n)
                return va == vb ? nil : ParameterChange(name: n, a: va, b: vb)
            }
        }
        let outA = try outputs(of: a, in: database), outB = try outputs(of: b, in: database)
        let byNameB = Dictionary(outB.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let namesA = Set(outA.map(\.name))
        let load = { (digest: String) throws -> Value in
            guard let blob = try database.blob(digest) else { throw LabError(.store, "value \(digest.prefix(12)) is gone") }
            return try Value.decode(blob.bytes, libraryTypes: libraryTypes)
        }
        for x in outA {
            guard let y = byNameB[x.name] else {
                comparison.outputs.append(OutputChange(name: x.name, cell: x.cell, detail: .onlyIn(a)))
                continue
            }
            guard let da = x.digest, let db = y.digest else {
                comparison.unavailable.append(x.name)
                continue
            }
            if da == db {
                comparison.identical += 1
                continue
            }
            let detail: OutputChange.Detail
            do {
                detail = difference(try load(da), try load(db))
            } catch {
                comparison.unavailable.append(x.name)
                continue
            }
            comparison.outputs.append(OutputChange(name: x.name, cell: x.cell, detail: detail))
        }
        for y in outB where !namesA.contains(y.name) {
            comparison.outputs.append(OutputChange(name: y.name, cell: y.cell, detail: .onlyIn(b)))
        }
        return comparison
    }

    /// The outputs of a run: name, cell and digest (nil when the entry is gone), in run order.
    static func outputs(of run: Int64, in database: StoreDatabase) throws -> [(name: String, cell: String, digest: String?)] {
        var out: [(name: String, cell: String, digest: String?)] = []
        for e in try database.executions(ofRun: run) where e.outcome != .failed {
            guard let entry = try database.lookup(e.cacheKey) else {
                out.append((name: "\(e.cellID) (all outputs)", cell: e.cellID, digest: nil))
                continue
            }
            for (name, info) in entry.outputs.sorted(by: { $0.key < $1.key }) {
                out.append((name: name == Runner.outputName ? "\(e.cellID) (output)" : name, cell: e.cellID, digest: info.digest))
            }
        }
        return out
    }

    /// How two different values differ.
    static func difference(_ x: Value, _ y: Value) -> OutputChange.Detail {
        switch (x, y) {
        case (.int, _), (.number, _):
            if let p = x.asDouble, let q = y.asDouble, y.type == .int || y.type == .number { return .numbers(p, q) }
        case (.table(let p), .table(let q)):
            return sideBySide(p, q)
        case (.figure, .figure):
            return .figure
        default:
            break
        }
        return .other(x.summary.replacingOccurrences(of: "\n", with: " "), y.summary.replacingOccurrences(of: "\n", with: " "))
    }

    /// Two tables side by side: equal columns once, changed ones as `name A`, `name B` (and
    /// `Δ name` for numbers). Tables of different shapes are shown one after the other.
    static func sideBySide(_ p: Table, _ q: Table) -> OutputChange.Detail {
        guard p.columnNames == q.columnNames, p.rowCount == q.rowCount else {
            let shape = { (t: Table) in "\(t.rowCount) rows × \(t.columnNames.count) columns (\(t.columnNames.joined(separator: ", ")))" }
            return .other("table of \(shape(p))", "table of \(shape(q))")
        }
        var columns: [Table.Column] = []
        for (c, d) in zip(p.columns, q.columns) {
            if c.data == d.data {
                columns.append(c)
                continue
            }
            columns.append(Table.Column("\(c.name) A", c.data))
            columns.append(Table.Column("\(c.name) B", d.data))
            if case .numbers(let u) = c.data, case .numbers(let v) = d.data {
                columns.append(Table.Column("Δ \(c.name)", .numbers(zip(u, v).map { $1 - $0 })))
            }
        }
        // Column names are distinct in both tables, so the suffixed names are distinct too,
        // unless a table already has a column named like `x A`.
        guard let table = try? Table(columns) else { return .other(p.rendered(), q.rendered()) }
        return .tables(table)
    }

    /// The comparison as text for a terminal.
    public func rendered(tableRows: Int = 20) -> String {
        var lines = ["run #\(a.id) (A) vs run #\(b.id) (B)"]
        lines.append("")
        if let parameters {
            if parameters.isEmpty {
                lines.append("parameters: the same")
            } else {
                lines.append("parameters:")
                for p in parameters { lines.append("  \(p.name)  \(p.a ?? "(none)") → \(p.b ?? "(none)")") }
            }
        } else {
            lines.append("parameters: unknown for a run recorded before stores kept them (give the notebook to rebuild them)")
        }
        lines.append("")
        if outputs.isEmpty {
            lines.append("outputs: the same (\(identical) identical)")
        } else {
            lines.append("outputs that differ (\(outputs.count); \(identical) identical):")
            for o in outputs {
                switch o.detail {
                case .onlyIn(let id): lines.append("  \(o.name)  only in run #\(id) (cell `\(o.cell)`)")
                case .numbers(let x, let y):
                    lines.append("  \(o.name)  \(Table.formatted(x)) → \(Table.formatted(y))  (Δ \(y - x >= 0 ? "+" : "")\(Table.formatted(y - x)))")
                case .figure: lines.append("  \(o.name)  figure differs (cell `\(o.cell)`)")
                case .other(let x, let y) where x == y: lines.append("  \(o.name)  \(x), both; the values differ beyond their summary")
                case .other(let x, let y): lines.append("  \(o.name)  \(x) → \(y)")
                case .tables(let t):
                    lines.append("  \(o.name)  table (cell `\(o.cell)`), A and B side by side:")
                    lines.append(contentsOf: t.rendered(limit: tableRows).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
                }
            }
        }
        if !unavailable.isEmpty {
            lines.append("")
            lines.append("not compared (stored values gone, e.g. after `lab cache gc`): \(unavailable.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}
