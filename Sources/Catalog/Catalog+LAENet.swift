extension Catalog {
    /// `laenet.*`: bound once the LAENet library lands on main (issue 3).
    mutating func registerLAENet() {}
}
