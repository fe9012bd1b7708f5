import CCairo

extension FigureRenderer {
    /// The version of the Cairo library figures are rendered with, e.g. `1.16.0`.
    ///
    /// Read from the linked library at run time (`cairo_version_string`), so it names the shared
    /// library actually loaded. `lab doctor` prints it; callers above Plots never need the C module.
    public static var cairoVersion: String { String(cString: cairo_version_string()) }

    /// The version of the layout and drawing of a figure value, written into every exported
    /// figure's provenance.
    ///
    /// Bump it whenever the same ``Figure`` value is drawn differently (legend placement,
    /// colours, margins): `lab run` then redraws cached figures whose files carry an older one,
    /// instead of keeping files that no longer show what the renderer draws. 2: a legend
    /// avoids the inside of a shaded band; a shared legend lists every panel's series and notes.
    public static let layoutVersion = 2
}
