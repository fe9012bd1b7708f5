/// The derived quantities of an instance (docs/laenet.md §3-§4): gains, rates, costs, λ and μ.
///
/// Built once from a validated ``LAENetInstance``; every solver and the evaluator work from it.
/// ``problem`` is the solver-facing reduction: local cost where `λ = 1`, options on links with
/// `μ > 0`, minimum shares μ.
public struct LAENetModel: Sendable {
    /// Per-user quantities.
    public struct UserTerms: Sendable, Hashable {
        /// Bits D = W / a.
        public var bits: Double
        /// Local time T_loc = W / f (s).
        public var localTime: Double
        /// Local energy E_loc = κ·f³·T_loc (J).
        public var localEnergy: Double
        /// Local cost J_loc = w·T_loc + (1-w)·E_loc.
        public var localCost: Double
        /// λ: whether local execution meets the deadline.
        public var localAllowed: Bool
    }

    /// Per-link quantities.
    public struct LinkTerms: Sendable, Hashable {
        /// User index.
        public var user: Int
        /// Server index.
        public var server: Int
        /// Channel model used.
        public var channel: LAENetChannel.Model
        /// Power gain g (linear).
        public var gain: Double
        /// Rate R (bit/s).
        public var rate: Double
        /// Transmission time T_tr = D / R (s).
        public var transmitTime: Double
        /// Transmission cost J_tr = w·T_tr + (1-w)·P·T_tr.
        public var transmitCost: Double
        /// Execution time at full capacity T_exe = W / F (s).
        public var executeTime: Double
        /// Execution cost at full capacity J_exe = w·T_exe + (1-w)·P_act·T_exe.
        public var executeCost: Double
        /// μ: minimum share meeting the deadline, 0 when the link can never meet it.
        public var minShare: Double
    }

    /// The instance this model was derived from.
    public let instance: LAENetInstance
    /// Per-user terms.
    public let users: [UserTerms]
    /// Per-link terms, in the instance's link order.
    public let links: [LinkTerms]
    /// Link index of each (user, server) pair, nil where there is no link.
    public let linkIndex: [[Int?]]
    /// The solver-facing problem.
    public let problem: OffloadProblem

    /// Derives every quantity from the instance (assumed valid; see ``LAENetInstance/validate()``).
    public init(_ instance: LAENetInstance) {
        self.instance = instance
        let k = instance.constants
        users = instance.users.map { u in
            let tLoc = u.workloadCycles / u.cpuHz
            let eLoc = k.chipEnergyFactor * u.cpuHz * u.cpuHz * u.cpuHz * tLoc
            return UserTerms(bits: u.workloadCycles / k.cyclesPerBit, localTime: tLoc, localEnergy: eLoc,
                             localCost: u.delayWeight * tLoc + (1 - u.delayWeight) * eLoc,
                             localAllowed: tLoc <= k.deadlineS)
        }
        var index = Array(repeating: [Int?](repeating: nil, count: instance.servers.count), count: instance.users.count)
        var terms: [LinkTerms] = []
        for (i, link) in instance.links.enumerated() {
            let u = instance.users[link.user], s = instance.servers[link.server]
            index[link.user][link.server] = i
            let model = LAENetChannel.model(user: u.kind, server: s.kind)
            let g = LAENetChannel.gain(model, user: u.position, server: s.position, constants: k)
            let r = LAENetChannel.rate(gain: g, txPowerW: u.txPowerW, constants: k)
            let w = u.delayWeight
            let tTr = u.workloadCycles / k.cyclesPerBit / r
            let tExe = u.workloadCycles / s.cpuHz
            let mu = tTr + tExe <= k.deadlineS ? u.workloadCycles / ((k.deadlineS - tTr) * s.cpuHz) : 0
            terms.append(LinkTerms(user: link.user, server: link.server, channel: model, gain: g, rate: r,
                                   transmitTime: tTr, transmitCost: w * tTr + (1 - w) * u.txPowerW * tTr,
                                   executeTime: tExe, executeCost: w * tExe + (1 - w) * s.activePowerW * tExe,
                                   minShare: mu))
        }
        links = terms
        linkIndex = index
        var options = Array(repeating: [OffloadProblem.Option](), count: instance.users.count)
        for (i, t) in terms.enumerated() where t.minShare > 0 {
            options[t.user].append(.init(server: t.server, fixed: t.transmitCost, exe: t.executeCost, minShare: t.minShare, link: i))
        }
        problem = OffloadProblem(serverCount: instance.servers.count,
                                 localCost: users.map { $0.localAllowed ? $0.localCost : nil }, options: options)
    }

    /// Whether every user has at least one feasible option on its own (local or a link with μ > 0).
    public var everyUserHasAnOption: Bool {
        (0..<users.count).allSatisfy { users[$0].localAllowed || !problem.options[$0].isEmpty }
    }

    /// Converts solver decisions (-1 or option index) into server choices per user (nil = local).
    public func choices(_ decisions: [Int]) -> [Int?] {
        decisions.enumerated().map { u, d in d < 0 ? nil : problem.options[u][d].server }
    }

    /// Converts server choices into solver decisions, or nil if a choice is not a feasible option.
    public func decisions(_ choices: [Int?]) -> [Int]? {
        var out: [Int] = []
        for (u, c) in choices.enumerated() {
            guard let c else { out.append(-1); continue }
            guard let d = problem.options[u].firstIndex(where: { $0.server == c }) else { return nil }
            out.append(d)
        }
        return out
    }
}
