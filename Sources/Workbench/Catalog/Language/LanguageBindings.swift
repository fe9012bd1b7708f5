import LabCore
import Notebook

/// The language's own functions: `str`, `round`, `min`, `max`, `sorted`, `table.*`, `list.*` and `plot.*`.
public enum LanguageBindings: CatalogSystem {
    public static let bindings: [any Binding.Type] = [
        TableFromRecords.self, TableSelect.self, TableWhere.self, TableBetween.self, TableMeanStd.self, TableWith.self,
        TableConcat.self, TableJoin.self, TableLabel.self, TableRename.self, TableFromSeries.self, TablePivot.self, TableDerive.self,
        BuiltinStr.self, BuiltinRound.self, BuiltinMin.self, BuiltinMax.self, BuiltinSorted.self,
        ListRange.self, ListLen.self, ListZip.self, ListProduct.self, ListIndexOf.self,
        PlotBars.self, PlotLines.self, PlotHeatmap.self, PlotGrid.self, PlotSeries.self, PlotScatter.self, PlotHist.self, PlotBox.self,
    ]
}

extension TableError {
    /// This error as a user-facing ``LabError``.
    var labError: LabError { LabError(.invalidInput, message) }
}

/// Runs a table operation, turning its error into a ``LabError``.
func tableOperation<T>(_ body: () throws(TableError) -> T) throws -> T {
    do { return try body() } catch { throw error.labError }
}
