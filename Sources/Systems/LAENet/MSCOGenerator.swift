import Foundation
import LabCore

/// A generator of MSCO instances in GDSG's format (docs/gadsg.md §1.2-1.5), labelled with GDSG's heuristic.
///
/// Per user, in order: degree k ∈ {1, 2, 3, 4} with probabilities {0.10, 0.75, 0.10, 0.05},
/// capped at S; k distinct servers (prefix of a random permutation); then s, f, α. A server with
/// no edge then gets one from a user drawn with probability ∝ its index (user 0 never, unless it
/// is the only user). Then one amplitude h ~ U(0, 1) per edge (edges grouped by user, servers
/// ascending). Each instance uses its own stream `msco/<S>s<U>u/<index>` of the seed.
public enum MSCOGenerator {
    /// GDSG's constants (docs/gadsg.md §1.3).
    public struct Constants: Sendable, Hashable {
        /// Server CPU F (Hz).
        public var serverCPUHz = 33.6e9
        /// Deadline θ (s).
        public var deadlineS = 2.0
        /// User transmit power P_t (W).
        public var txPowerW = 0.3
        /// Power multiplying server execution time in the energy term (W).
        public var idlePowerW = 0.15
        /// Chip energy factor κ.
        public var chipEnergyFactor = 1e-28
        /// Bandwidth B (Hz).
        public var bandwidthHz = 8e7
        /// Noise power N0 (W, total).
        public var noisePowerW = 7.96159e-13
        /// Cycles per bit.
        public var cyclesPerBit = 3000.0

        /// GDSG's values.
        public init() {}
    }

    /// Generates instance `index` with S servers and U users, labelled by GDSG's heuristic.
    public static func generate(servers s: Int, users u: Int, seed: UInt64, index: Int = 0, constants k: Constants = Constants()) -> MSCOInstance {
        precondition(s > 0 && u > 0, "MSCO needs at least one server and one user")
        var rng = RandomSource(seed: seed, stream: "msco/\(s)s\(u)u/\(index)")
        var serversOf: [[Int]] = []
        var raw: [[Double]] = []
        for _ in 0..<u {
            let degree = min(s, [1, 2, 3, 4][rng.categorical([0.10, 0.75, 0.10, 0.05])])
            serversOf.append(Array(rng.permutation(s).prefix(degree)))
            let bits = rng.truncatedNormal(mean: 6.5e6, std: 3e6, low: 2e6, high: 1.1e7)
            let f = rng.truncatedNormal(mean: 6.4e9, std: 5e9, low: 1e9, high: 1e10)
            raw.append([bits, k.cyclesPerBit * bits, f, rng.uniform(0, 1)])
        }
        for j in 0..<s where !serversOf.contains(where: { $0.contains(j) }) {
            let pick = u == 1 ? 0 : rng.categorical((0..<u).map(Double.init))
            serversOf[pick].append(j)
        }
        var edges: [(user: Int, server: Int)] = []
        for i in 0..<u { for j in serversOf[i].sorted() { edges.append((i, j)) } }
        let h = edges.map { _ in rng.uniform(0, 1) }
        var interference = Array(repeating: 0.0, count: s)
        for (e, amp) in zip(edges, h) { interference[e.server] += amp * amp }
        let attributes = edges.enumerated().map { idx, e -> MSCOInstance.EdgeAttributes in
            let (bits, cycles, f, alpha) = (raw[e.user][0], raw[e.user][1], raw[e.user][2], raw[e.user][3])
            let sinr = k.txPowerW * h[idx] * h[idx] / (k.noisePowerW + k.txPowerW * interference[e.server])
            let rate = k.bandwidthHz * log2(1 + sinr)
            let tLoc = cycles / f
            let jLoc = alpha * tLoc + (1 - alpha) * k.chipEnergyFactor * f * f * bits
            let tTr = bits / rate
            let tExe = cycles / k.serverCPUHz
            let jTr = alpha * tTr + (1 - alpha) * k.txPowerW * tTr
            let jExe = alpha * tExe + (1 - alpha) * k.idlePowerW * tExe
            let transSat = k.deadlineS > tTr, offloadSat = k.deadlineS > tTr + tExe
            let mu = transSat && offloadSat ? cycles / ((k.deadlineS - tTr) * k.serverCPUHz) : 0
            return .init(localCost: jLoc, transmitCost: jTr, executeCost: jExe, minShare: mu, localMeetsDeadline: k.deadlineS > tLoc ? 1 : 0)
        }
        var instance = MSCOInstance(serverCount: s, userCount: u, edges: edges, userRaw: raw, edgeRaw: h, attributes: attributes, label: nil)
        let p = instance.problem
        let result = MSCOInstance.labelSolver(for: instance).solve(p, seed: rng.next())
        if let d = result.decisions {
            var chosen: [(user: Int, server: Int)] = []
            var ratios: [Double] = []
            for user in 0..<u where d[user] >= 0 {
                chosen.append((user, p.options[user][d[user]].server))
                ratios.append(result.shares[user]!)
            }
            instance.label = .init(edges: chosen, ratios: ratios, cost: result.cost)
        }
        return instance
    }

    /// Generates instances `0..<count` on all cores (equal to one-by-one generation).
    public static func generate(servers s: Int, users u: Int, seed: UInt64, count: Int) -> [MSCOInstance] {
        ParallelMap.map(count) { generate(servers: s, users: u, seed: seed, index: $0) }
    }
}
