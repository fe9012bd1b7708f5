import LabCore

/// The seed a library call receives when it gives none: derived from the cell's seed (itself a
/// hash of the notebook seed and the cell id) and the call's position in the cell.
///
/// Changing the notebook seed changes every such seed; adding, removing or moving a cell changes
/// no other cell's seeds; a call that passes `seed:` explicitly is unaffected. Seeds are below
/// 2^53, so they print and round-trip exactly as numbers.
public enum CallSeed {
    /// The seed of the `position`-th library call (1-based, in evaluation order) of a cell.
    public static func derive(cellSeed: UInt64, position: Int) -> Int {
        Int(SHA256.hash("olseed/1|\(cellSeed)|call \(position)").prefix64 >> 11)
    }

    /// `arguments` in parameter order, with every omitted cell-seeded parameter bound to `seed`.
    public static func filling(_ arguments: [(name: String, value: Value)], of signature: FunctionSignature,
                               seed: Int) -> [(name: String, value: Value)] {
        guard signature.parameters.contains(where: { p in p.seedsFromCell && !arguments.contains { $0.name == p.name } }) else {
            return arguments
        }
        return signature.parameters.compactMap { p in
            if let given = arguments.first(where: { $0.name == p.name }) { return given }
            return p.seedsFromCell ? (p.name, .int(seed)) : nil
        }
    }
}
