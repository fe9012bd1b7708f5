/// One instance of GDSG's MSCO problem (docs/gadsg.md §1), as stored on one line of its dataset files.
///
/// Servers are `0..<S`; user i is graph node `S + i`. Costs are precomputed per edge
/// (`J_loc` of the edge's user, `J_tr`, `J_exe`, `μ`, `λ`); the deadline is carried only as the
/// features μ and λ and is not enforced (GDSG's evaluator ignores it), so every user may run
/// locally or offload on any of its edges, with no minimum share.
public struct MSCOInstance: Sendable, Hashable {
    /// Per-edge precomputed attributes, in GDSG's order.
    public struct EdgeAttributes: Sendable, Hashable {
        /// Local cost of the edge's user.
        public var localCost: Double
        /// Transmission cost J_tr.
        public var transmitCost: Double
        /// Execution cost at full capacity J_exe.
        public var executeCost: Double
        /// Minimum share μ meeting the deadline (feature only).
        public var minShare: Double
        /// λ of the edge's user (feature only).
        public var localMeetsDeadline: Double
    }

    /// GDSG's stored label: the chosen edges and their ratios, and its cost.
    public struct Label: Sendable, Hashable {
        /// Chosen edges as (user index, server index).
        public var edges: [(user: Int, server: Int)]
        /// Ratio of each chosen edge (sums to 1 per server).
        public var ratios: [Double]
        /// The stored cost.
        public var cost: Double

        /// Labels are equal when their edges, ratios and cost are.
        public static func == (a: Label, b: Label) -> Bool {
            a.edges.map { [$0.user, $0.server] } == b.edges.map { [$0.user, $0.server] } && a.ratios == b.ratios && a.cost == b.cost
        }
        /// Hashes ratios and cost (consistent with ``==``).
        public func hash(into h: inout Hasher) { h.combine(ratios); h.combine(cost) }
    }

    /// Number of servers S.
    public var serverCount: Int
    /// Number of users U.
    public var userCount: Int
    /// Edges as (user index, server index), grouped by user.
    public var edges: [(user: Int, server: Int)]
    /// Per user (s bits, C cycles, f Hz, α delay weight).
    public var userRaw: [[Double]]
    /// Per edge channel amplitude h.
    public var edgeRaw: [Double]
    /// Per edge attributes.
    public var attributes: [EdgeAttributes]
    /// The stored label, if the line has one.
    public var label: Label?

    /// Instances are equal when every stored section is.
    public static func == (a: MSCOInstance, b: MSCOInstance) -> Bool {
        a.serverCount == b.serverCount && a.userCount == b.userCount && a.edges.map { [$0.user, $0.server] } == b.edges.map { [$0.user, $0.server] }
            && a.userRaw == b.userRaw && a.edgeRaw == b.edgeRaw && a.attributes == b.attributes && a.label == b.label
    }
    /// Hashes sizes and amplitudes (consistent with ``==``).
    public func hash(into h: inout Hasher) { h.combine(serverCount); h.combine(userCount); h.combine(edgeRaw) }

    /// Creates an instance.
    public init(serverCount: Int, userCount: Int, edges: [(user: Int, server: Int)], userRaw: [[Double]], edgeRaw: [Double],
                attributes: [EdgeAttributes], label: Label?) {
        self.serverCount = serverCount
        self.userCount = userCount
        self.edges = edges
        self.userRaw = userRaw
        self.edgeRaw = edgeRaw
        self.attributes = attributes
        self.label = label
    }

    /// Local cost per user: the J_loc of its first edge (GDSG's extraction).
    public var localCosts: [Double] {
        var out = [Double?](repeating: nil, count: userCount)
        for (k, e) in edges.enumerated() where out[e.user] == nil { out[e.user] = attributes[k].localCost }
        return out.map { $0 ?? .infinity }
    }

    /// The solver-facing problem: local always allowed, every edge an option, no minimum share.
    public var problem: OffloadProblem {
        var options = Array(repeating: [OffloadProblem.Option](), count: userCount)
        for (k, e) in edges.enumerated() {
            options[e.user].append(.init(server: e.server, fixed: attributes[k].transmitCost, exe: attributes[k].executeCost, minShare: 0, link: k))
        }
        return OffloadProblem(serverCount: serverCount, localCost: localCosts.map { $0.isFinite ? $0 : nil }, options: options)
    }

    /// Decisions (-1 or option index) of the stored label, nil if it has none or names a non-edge.
    public var labelDecisions: [Int]? {
        guard let label else { return nil }
        let p = problem
        var d = Array(repeating: -1, count: userCount)
        for e in label.edges {
            guard let k = p.options[e.user].firstIndex(where: { $0.server == e.server }) else { return nil }
            d[e.user] = k
        }
        return d
    }

    /// Cost of the stored label with its stored ratios: Σ local J_loc + Σ (J_tr + J_exe / ratio).
    public var labelCostWithStoredRatios: Double? {
        guard let label, let d = labelDecisions else { return nil }
        var shares = [Double?](repeating: nil, count: userCount)
        for (i, e) in label.edges.enumerated() { shares[e.user] = label.ratios[i] }
        return problem.cost(d, shares: shares)
    }

    /// GDSG's label heuristic on this instance (docs/gadsg.md §2.1): break-even ratios, μ override where
    /// `λ + offload_sat ≥ 1`, base vector, 60 perturbations, per-user argmin on ⌊1000·cost⌋,
    /// ratios rescaled per server.
    public static func labelSolver(for instance: MSCOInstance) -> MCMFSolver {
        let attributes = instance.attributes
        let edgesOfUser: [[Int]] = (0..<instance.userCount).map { u in instance.edges.indices.filter { instance.edges[$0].user == u } }
        return MCMFSolver(scoring: .rescaledWeights, truncateCosts: true, baseWeights: { _ in
            edgesOfUser.map { ks in
                ks.map { k in
                    let a = attributes[k]
                    var ratio = a.localCost <= a.transmitCost + a.executeCost ? 0 : a.executeCost / (a.localCost - a.transmitCost)
                    // offload_sat is 1 exactly where μ > 0 (μ carries both satisfaction factors).
                    if a.localMeetsDeadline + (a.minShare > 0 ? 1 : 0) >= 1 { ratio = a.minShare }
                    return ratio
                }
            }
        })
    }
}
