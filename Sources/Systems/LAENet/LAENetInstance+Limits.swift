extension LAENetInstance {
    /// The largest magnitude any number of an instance file may have: 1e30.
    ///
    /// Far beyond any physical system (a 1e30 Hz CPU, a 1e30 m distance) yet small enough that
    /// the cost model's products of a few such numbers stay finite, so that a hostile or mistyped
    /// file (`"cpu_hz": 1e200`) is an input error naming the field (exit 2) instead of infinities
    /// spreading through the solvers.
    public static let maximumMagnitude = 1e30
}
