import Notebook

/// One system's bindings and library value types: a folder of ``Binding``s plus one line in
/// ``Catalog/standard``.
public protocol CatalogSystem {
    /// The functions, in the order `lab functions` need not care about (it sorts by name).
    static var bindings: [any Binding.Type] { get }
    /// The library value types its functions return, so stored values decode.
    static var valueTypes: [any LibraryValue.Type] { get }
}

extension CatalogSystem {
    public static var valueTypes: [any LibraryValue.Type] { [] }
}
