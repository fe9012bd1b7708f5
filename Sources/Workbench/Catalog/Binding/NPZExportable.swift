import Notebook

/// A library value with a NumPy `.npz` form: `lab cache export KEY:OUTPUT -o FILE.npz` writes it.
///
/// A value whose contents are several arrays (a dataset, say) conforms by returning the archive's
/// bytes; `numpy.load(FILE)` then reads it. Values that do not conform have no `.npz` export.
public protocol NPZExportable: LibraryValue {
    /// The `.npz` archive's bytes.
    ///
    /// - Throws: a `LabError` when the value cannot be laid out as arrays.
    func npzBytes() throws -> [UInt8]
}
