import Tensors

/// A learned table of position vectors, one row per token position, initialised to zeros.
///
/// The diffusion planner adds it to its tokens (`position_emb` in the DiffLoader code), so at
/// initialisation tokens carry no position information beyond the causal mask.
public final class PositionalTable: Module {
    /// Table `[positions, D]`.
    public let table: Parameter

    /// Creates a zero table of `positions` rows of width `width`.
    public init(positions: Int, width: Int) { table = Parameter(.zeros([positions, width])) }

    public var ownParameters: [(String, Parameter)] { [("table", table)] }

    /// The first `length` rows `[length, D]` (the whole table when `length` equals its rows).
    ///
    /// - Precondition: `length` is at most the number of rows.
    public func callAsFunction(_ length: Int) -> Tensor {
        let rows = table.value.shape[0]
        precondition(length >= 0 && length <= rows, "positional table has \(rows) rows, asked for \(length)")
        return length == rows ? table.value : table.value.gather(Array(0..<length), alongAxis: 0)
    }
}
