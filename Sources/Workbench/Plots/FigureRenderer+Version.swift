import CCairo

extension FigureRenderer {
    /// The version of the Cairo library figures are rendered with, e.g. `1.16.0`.
    ///
    /// Read from the linked library at run time (`cairo_version_string`), so it names the shared
    /// library actually loaded. `lab doctor` prints it; callers above Plots never need the C module.
    public static var cairoVersion: String { String(cString: cairo_version_string()) }
}
