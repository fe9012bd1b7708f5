import Foundation
import LAENet
import LabCore
import Learning
import Testing
@testable import GraphDiffusion

/// Decoding rules and what repair guarantees (docs/gadsg.md §4.4).
@Suite struct RepairTests {
    /// Three servers; user 0 may run locally or offload to servers 0 and 2; user 1 must offload
    /// (λ = 0) and can only use server 1; user 2 may only run locally.
    static let problem = OffloadProblem(serverCount: 3, localCost: [5, nil, 2], options: [
        [.init(server: 0, fixed: 1, exe: 4, minShare: 0.2, link: 0), .init(server: 2, fixed: 1, exe: 3, minShare: 0.1, link: 1)],
        [.init(server: 1, fixed: 0.5, exe: 2, minShare: 0.3, link: 2)],
        [],
    ])

    static func decode(_ bits: [Float], _ shares: [Float], threshold: Double = 0.9) -> OffloadProblem.DecodedSlots {
        problem.decodeSlots(bits: bits[...], shares: shares[...], threshold: threshold)
    }

    @Test func decodingRules() {
        // Two servers on: the larger predicted share wins; forced user offloads; local stays local.
        let a = Self.decode([0.95, 0, 0.95, 0, 0, 0, 0, 0, 0], [0.1, 0, 0.3, 0, 0, 0, 0, 0, 0])
        #expect(a.decisions == [1, 0, -1])
        #expect(a.repairs == [.severalServers, .forcedOffload, nil])
        // Only an infeasible slot on: the best-scored feasible option (bit value, then share),
        // or local for a user without options.
        let b = Self.decode([0.3, 0.95, 0.6, 0, 0.95, 0, 0.95, 0, 0], [0.9, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(b.decisions == [1, 0, -1])
        #expect(b.repairs == [.infeasibleSlot, nil, .infeasibleSlot])
        let c = Self.decode([0, 0.95, 0, 0, 0.95, 0, 0, 0, 0], [0.2, 0, 0.1, 0, 0, 0, 0, 0, 0])
        #expect(c.decisions == [0, 0, -1])
        // Nothing above the threshold: local where allowed.
        #expect(Self.decode([0.5, 0, 0.5, 0, 0.95, 0, 0, 0, 0], [Float](repeating: 0, count: 9)).repairs == [nil, nil, nil])
        #expect(Self.decode([0.5, 0, 0.5, 0, 0.95, 0, 0, 0, 0], [Float](repeating: 0, count: 9), threshold: 0.4).decisions == [0, 0, -1])
        #expect(Self.problem.slotBits([1, 0, -1]) == [0, 0, 1, 0, 1, 0, 0, 0, 0])
    }

    /// Repair is the identity on feasible decodings, hence never makes them worse; local search
    /// only lowers the cost. Checked on the optimum, RE candidates and random feasible vectors.
    @Test(arguments: LAENetProfile.allCases)
    func feasibleDecisionsAreKept(profile: LAENetProfile) {
        var rng = RandomSource(seed: 31, stream: profile.rawValue)
        var checked = 0
        for (i, scale) in TestInstances.scales.enumerated() {
            for model in TestInstances.models(scale, profile, seed: 500 + UInt64(i), count: 12) {
                let p = model.problem
                var candidates = [model.solve(.exact).decisions, model.solve(.random, seed: 3).decisions].compactMap { $0 }
                for _ in 0..<20 {
                    let d = (0..<p.userCount).map { u in
                        let allowed = (-1..<p.options[u].count).filter { p.allows(user: u, decision: $0) }
                        return allowed[rng.int(below: allowed.count)]
                    }
                    if p.score(d) != nil { candidates.append(d) }
                }
                for d in candidates {
                    let reference = p.score(d)!
                    let shares = (0..<(p.userCount * p.serverCount)).map { _ in Float(rng.normal()) }
                    let plain = GraphDiffusionSolver().finish(p, bits: p.slotBits(d)[...], shares: shares[...])
                    #expect(plain.decodedFeasible && !plain.userRepaired)
                    #expect(plain.result == reference)
                    let searched = GraphDiffusionSolver(localSearch: true).finish(p, bits: p.slotBits(d)[...], shares: shares[...])
                    #expect(searched.result!.cost <= reference.cost)
                    checked += 1
                }
            }
        }
        #expect(checked > 200)
    }

    /// An overloaded decoding is repaired to a feasible vector (small hand-made case).
    @Test func overloadIsResolved() {
        // Two forced users whose μ on server 0 sum above 1; user 1 has a second server.
        let p = OffloadProblem(serverCount: 2, localCost: [nil, nil], options: [
            [.init(server: 0, fixed: 0, exe: 1, minShare: 0.6, link: 0)],
            [.init(server: 0, fixed: 0, exe: 1, minShare: 0.5, link: 1), .init(server: 1, fixed: 3, exe: 1, minShare: 0.5, link: 2)],
        ])
        let out = GraphDiffusionSolver().finish(p, bits: [1, 0, 1, 0][...], shares: [0, 0, 0, 0][...])
        #expect(!out.decodedFeasible)
        #expect(out.result?.decisions == [0, 1])
        #expect(abs((out.result?.cost ?? 0) - (1 + 3 + 1)) < 1e-9)
    }
}
