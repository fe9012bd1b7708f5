import Foundation

/// Depth-first search over per-user decisions with incremental server states (internal engine
/// of ``ExactSolver``).
///
/// Bound: committed cost plus, for every undecided user, its cheapest option priced as the
/// marginal cost against the *current* server loads. A server's optimal cost is supermodular in
/// its user set (and infeasibility only spreads to supersets), so marginals only rise as loads
/// grow and the bound never exceeds the cost of any completion. With `prune == false` the same
/// search enumerates every decision vector (the exhaustive mode).
final class BranchAndBound {
    let problem: OffloadProblem
    let prune: Bool
    let nodeLimit: Int
    let deadline: Double?
    let userCount: Int
    let serverCount: Int

    // Flattened options: user u owns optStart[u] ..< optStart[u+1].
    var optStart: [Int] = [0]
    var optServer: [Int] = []
    var optFixed: [Double] = []
    var optExe: [Double] = []
    var optRoot: [Double] = []
    var optMu: [Double] = []
    var optUser: [Int] = []
    var serverOptions: [[Int]]  // option ids on each server
    var local: [Double]         // +inf where not allowed

    // Server state: members as option ids, sums and cached optimal cost.
    var members: [[Int]]
    var sumRoot: [Double]
    var sumMu: [Double]
    var maxRatio: [Double]
    var serverCost: [Double]

    // Search state.
    var decision: [Int]      // -2 undecided, -1 local, else option id (global)
    var marginal: [Double]   // per option: fixed + marginal server cost against current loads
    var best: [Double]       // per user: cheapest of local and its options' marginals
    var committed = 0.0      // local and fixed costs of decided users
    var undecidedBest = 0.0  // Σ best over undecided users
    var undecided: Int
    var undo: [(Int, Double)] = []   // (index, old value); index ≥ 0 option marginal, < 0 user best (-1-u)

    var incumbent: [Int]?    // global option ids or -1
    var incumbentCost: Double
    var nodes = 0
    var stopped = false
    var openBound = Double.infinity
    var scratch: [Int] = []
    var groupMembers: [[(Int, Double)]] = []
    // Quadratic relaxation state (fractional choices, warm-started across nodes).
    var share: [Double] = []
    var localShare: [Double] = []
    var load: [Double] = []
    var breakpoints: [(Double, Int)] = []

    init(problem: OffloadProblem, prune: Bool, nodeLimit: Int, timeLimit: Double?) {
        self.problem = problem
        self.prune = prune
        self.nodeLimit = nodeLimit
        self.deadline = timeLimit.map { Date().timeIntervalSince1970 + $0 }
        userCount = problem.userCount
        serverCount = problem.serverCount
        serverOptions = Array(repeating: [], count: serverCount)
        local = problem.localCost.map { $0 ?? .infinity }
        for u in 0..<userCount {
            for o in problem.options[u] {
                serverOptions[o.server].append(optServer.count)
                optServer.append(o.server)
                optFixed.append(o.fixed)
                optExe.append(o.exe)
                optRoot.append(o.root)
                optMu.append(o.minShare)
                optUser.append(u)
            }
            optStart.append(optServer.count)
        }
        members = Array(repeating: [], count: serverCount)
        groupMembers = Array(repeating: [], count: serverCount)
        sumRoot = Array(repeating: 0, count: serverCount)
        sumMu = Array(repeating: 0, count: serverCount)
        maxRatio = Array(repeating: 0, count: serverCount)
        serverCost = Array(repeating: 0, count: serverCount)
        decision = Array(repeating: -2, count: userCount)
        marginal = Array(repeating: 0, count: optServer.count)
        best = Array(repeating: 0, count: userCount)
        undecided = userCount
        incumbentCost = .infinity
        for o in 0..<optServer.count { marginal[o] = optFixed[o] + addedCost(o) }
        load = Array(repeating: 0, count: serverCount)
        localShare = local.map { $0.isFinite ? 1 : 0 }
        share = Array(repeating: 0, count: optServer.count)
        for u in 0..<userCount where !local[u].isFinite && optStart[u + 1] > optStart[u] {
            let n = Double(optStart[u + 1] - optStart[u])
            for o in optStart[u]..<optStart[u + 1] { share[o] = 1 / n }
        }
        breakpoints = Array(repeating: (0, 0), count: serverCount + 1)
        for u in 0..<userCount {
            best[u] = cheapest(u)
            undecidedBest += best[u]
        }
    }

    /// Optimal cost of server s's members plus option o (nil members → just o); +inf if infeasible.
    func costWith(_ s: Int, adding o: Int?) -> Double {
        var root = sumRoot[s], mu = sumMu[s], ratio = maxRatio[s]
        if let o {
            root += optRoot[o]
            mu += optMu[o]
            ratio = max(ratio, optRoot[o] > 0 ? optMu[o] / optRoot[o] : .infinity)
        }
        if mu > 1 { return .infinity }
        if ratio * root <= 1 { return root * root }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: members[s])
        if let o { scratch.append(o) }
        return waterFilledCost(scratch)
    }

    /// Σ exe/y at the optimal shares of a member set (Σμ ≤ 1 assumed), by the breakpoint search.
    func waterFilledCost(_ set: [Int]) -> Double {
        let ids = set.sorted { a, b in
            let ra = optRoot[a] > 0 ? optMu[a] / optRoot[a] : .infinity
            let rb = optRoot[b] > 0 ? optMu[b] / optRoot[b] : .infinity
            return ra != rb ? ra > rb : a < b
        }
        var freeRoot = 0.0
        for o in ids { freeRoot += optRoot[o] }
        var clampedMu = 0.0
        var clamped = 0
        while clamped < ids.count {
            let o = ids[clamped]
            let level = freeRoot > 0 ? (1 - clampedMu) / freeRoot : 0
            guard optRoot[o] == 0 || optMu[o] >= optRoot[o] * level else { break }
            clampedMu += optMu[o]
            freeRoot -= optRoot[o]
            clamped += 1
        }
        var exactFree = 0.0, exactClamped = 0.0
        for i in 0..<ids.count {
            if i < clamped { exactClamped += optMu[ids[i]] } else { exactFree += optRoot[ids[i]] }
        }
        let level = clamped < ids.count && exactFree > 0 ? max(0, 1 - exactClamped) / exactFree : 0
        var cost = 0.0
        for o in ids where optExe[o] > 0 { cost += optExe[o] / max(optMu[o], optRoot[o] * level) }
        return cost
    }

    /// Marginal server cost of adding option o to its server's current members.
    func addedCost(_ o: Int) -> Double {
        let s = optServer[o]
        return costWith(s, adding: o) - serverCost[s]
    }

    func cheapest(_ u: Int) -> Double {
        var b = local[u]
        for o in optStart[u]..<optStart[u + 1] where marginal[o] < b { b = marginal[o] }
        return b
    }

    /// Decides user u (`d` = -1 local or a global option id) and updates the bound incrementally.
    func apply(_ u: Int, _ d: Int) {
        decision[u] = d
        undecided -= 1
        undecidedBest -= best[u]
        if d == -1 {
            committed += local[u]
            return
        }
        let s = optServer[d]
        let newCost = costWith(s, adding: d)
        committed += optFixed[d] + newCost - serverCost[s]
        members[s].append(d)
        sumRoot[s] += optRoot[d]
        sumMu[s] += optMu[d]
        maxRatio[s] = max(maxRatio[s], optRoot[d] > 0 ? optMu[d] / optRoot[d] : .infinity)
        serverCost[s] = newCost
        for o in serverOptions[s] {
            let v = optUser[o]
            guard decision[v] == -2 else { continue }
            undo.append((o, marginal[o]))
            marginal[o] = optFixed[o] + addedCost(o)
            let b = cheapest(v)
            if b != best[v] {
                undo.append((-1 - v, best[v]))
                undecidedBest += b - best[v]
                best[v] = b
            }
        }
    }

    /// Reverts `apply(u, d)`; `mark` is the undo-stack height before it and `saved` the server state.
    func revert(_ u: Int, _ d: Int, mark: Int, saved: (Double, Double, Double, Double, Double)) {
        while undo.count > mark {
            let (i, old) = undo.removeLast()
            if i >= 0 {
                marginal[i] = old
            } else {
                let v = -1 - i
                undecidedBest += old - best[v]
                best[v] = old
            }
        }
        if d >= 0 {
            let s = optServer[d]
            members[s].removeLast()
            (sumRoot[s], sumMu[s], maxRatio[s], serverCost[s]) = (saved.1, saved.2, saved.3, saved.4)
        }
        committed = saved.0
        decision[u] = -2
        undecided += 1
        undecidedBest += best[u]
    }

    /// Offers a complete assignment as the incumbent if it is cheaper.
    func offer(_ decisions: [Int], cost: Double) {
        if cost < incumbentCost {
            incumbentCost = cost
            incumbent = decisions
        }
    }

    var bound: Double { committed + undecidedBest }

    func pruned(_ lowerBound: Double) -> Bool {
        prune && lowerBound >= incumbentCost - 1e-12 * abs(incumbentCost)
    }

    /// The undecided user to branch on: largest regret (second-cheapest minus cheapest option);
    /// in exhaustive mode simply the first undecided user.
    func branchUser() -> Int {
        var pick = -1
        var pickRegret = -Double.infinity
        for u in 0..<userCount where decision[u] == -2 {
            if !prune { return u }
            var first = local[u], second = Double.infinity
            for o in optStart[u]..<optStart[u + 1] {
                let m = marginal[o]
                if m < first { (second, first) = (first, m) } else if m < second { second = m }
            }
            let regret = second.isFinite ? second - first : .infinity
            if regret > pickRegret { (pick, pickRegret) = (u, regret) }
        }
        return pick
    }

    func search() {
        nodes += 1
        if nodes >= nodeLimit || (deadline != nil && nodes & 1023 == 0 && Date().timeIntervalSince1970 > deadline!) {
            stopped = true
        }
        if undecided == 0 {
            offer(decision, cost: committed)
            return
        }
        if stopped {
            openBound = min(openBound, bound)
            return
        }
        let u = branchUser()
        // Candidate decisions, cheapest lower bound first.
        var candidates: [(Double, Int)] = []
        if local[u].isFinite { candidates.append((local[u], -1)) }
        for o in optStart[u]..<optStart[u + 1] where marginal[o].isFinite { candidates.append((marginal[o], o)) }
        candidates.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let base = bound - best[u]
        for (i, (price, d)) in candidates.enumerated() {
            if stopped {
                for (p, _) in candidates[i...] { openBound = min(openBound, base + p) }
                return
            }
            if pruned(base + price) { return }
            let mark = undo.count
            let s = d >= 0 ? optServer[d] : 0
            let saved = (committed, sumRoot[s], sumMu[s], maxRatio[s], serverCost[s])
            apply(u, d)
            if !pruned(bound) && !pruned(groupBound()) && (undecided < 3 || !pruned(quadraticBound(sweeps: 2))) { search() }
            revert(u, d, mark: mark, saved: saved)
        }
    }
}
