extension MSCOGenerator {
    /// The most instances (lines) one call may generate (CLI `lab msco generate --count`): 1,000,000.
    ///
    /// Checked before anything is allocated; a larger request is an input error (exit 2).
    public static let maximumCount = 1_000_000
}
