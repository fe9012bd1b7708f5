/// The solver-facing core of an offloading problem: per-user local cost and feasible options.
///
/// Both ``LAENetModel`` (LAENet, deadline-constrained) and ``MSCOInstance`` (GDSG, no deadline)
/// reduce to this form. A decision vector holds, per user, `-1` for local execution or the index
/// of one of the user's ``options``. The cost of offloading on option k with share y is
/// `fixed_k + exe_k / y`, with `y ≥ minShare_k` and the shares of one server summing to at most 1.
public struct OffloadProblem: Sendable, Hashable {
    /// One feasible offloading option of a user.
    public struct Option: Sendable, Hashable {
        /// Server index.
        public var server: Int
        /// Share-independent cost (J_tr).
        public var fixed: Double
        /// Cost at full server capacity (J_exe); the cost at share y is `exe / y`.
        public var exe: Double
        /// √exe, cached for water-filling.
        public var root: Double
        /// Minimum share μ (0 when unconstrained).
        public var minShare: Double
        /// Index of the underlying link in the instance.
        public var link: Int

        /// Creates an option.
        public init(server: Int, fixed: Double, exe: Double, minShare: Double, link: Int) {
            self.server = server
            self.fixed = fixed
            self.exe = exe
            self.root = exe.squareRoot()
            self.minShare = minShare
            self.link = link
        }
    }

    /// Number of servers.
    public var serverCount: Int
    /// Local cost per user, `nil` where local execution is not allowed.
    public var localCost: [Double?]
    /// Feasible offloading options per user.
    public var options: [[Option]]

    /// Creates a problem.
    public init(serverCount: Int, localCost: [Double?], options: [[Option]]) {
        precondition(localCost.count == options.count, "one local cost and one option list per user")
        self.serverCount = serverCount
        self.localCost = localCost
        self.options = options
    }

    /// Number of users.
    public var userCount: Int { localCost.count }

    /// The decision that keeps every user local (`-1` everywhere).
    public var allLocal: [Int] { Array(repeating: -1, count: userCount) }

    /// Whether a user can take decision `d` on its own (local allowed, or a valid option index).
    public func allows(user u: Int, decision d: Int) -> Bool {
        d == -1 ? localCost[u] != nil : (d >= 0 && d < options[u].count)
    }

    /// Number of decision vectors (local where allowed plus options), saturating at `Int.max`.
    public var searchSpaceSize: Int {
        var total = 1
        for u in 0..<userCount {
            let n = options[u].count + (localCost[u] == nil ? 0 : 1)
            let (p, overflow) = total.multipliedReportingOverflow(by: n)
            if overflow { return Int.max }
            total = p
        }
        return total
    }
}
