extension AIGCDrop {
    /// The most users a drop may hold (`lab aigc drop --users`, `lab aigc sweep --users`, drop
    /// files): 10,000.
    ///
    /// Checked before anything is allocated; a larger request or file is an input error (exit 2).
    public static let maximumUsers = 10_000
}

extension AIGCSweep {
    /// The most seeded drops one sweep may run (`lab aigc sweep --drops`): 10,000.
    ///
    /// Checked before anything is allocated; a larger request is an input error (exit 2).
    public static let maximumDrops = 10_000
}
