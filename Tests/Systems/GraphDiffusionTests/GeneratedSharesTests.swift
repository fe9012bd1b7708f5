import LabCore
import LAENet
import Testing
@testable import GraphDiffusion

/// Pricing with the generated shares, repaired only as far as feasibility needs (docs/gadsg.md §9.2).
@Suite struct GeneratedSharesTests {
    /// Two servers; users 0 and 1 can use server 0, user 2 server 1 (slot grid [3, 2]).
    static let problem = OffloadProblem(serverCount: 2, localCost: [10, 10, nil], options: [
        [.init(server: 0, fixed: 1, exe: 2, minShare: 0.2, link: 0)],
        [.init(server: 0, fixed: 0.5, exe: 1, minShare: 0.1, link: 1)],
        [.init(server: 1, fixed: 2, exe: 3, minShare: 0.4, link: 2)],
    ])
    static let allOffload = [0, 0, 0]

    @Test func feasibleGeneratedSharesAreKeptExactly() throws {
        // Σ on server 0 = 0.7 ≤ 1, each ≥ its μ: nothing to repair, unused capacity stays unused.
        let shares: [Float] = [0.5, 0, 0.2, 0, 0, 0.6]
        let g = try #require(Self.problem.scoreGenerated(Self.allOffload, generated: shares[...]))
        #expect(g.shares[0] == Double(Float(0.5)) && g.shares[1] == Double(Float(0.2)) && g.shares[2] == Double(Float(0.6)))
        #expect(!g.fellBack)
        let expected = 1 + 2 / Double(Float(0.5)) + 0.5 + 1 / Double(Float(0.2)) + 2 + 3 / Double(Float(0.6))
        #expect(abs(g.cost - expected) < 1e-12)
        let optimal = try #require(Self.problem.score(Self.allOffload))
        #expect(g.cost > optimal.cost)
    }

    @Test func sharesBelowTheDeadlineMinimumAreLifted() throws {
        // User 0 generated 0.05 < μ = 0.2 and user 2 a negative value: both lifted to μ.
        let shares: [Float] = [0.05, 0, 0.3, 0, 0, -0.4]
        let g = try #require(Self.problem.scoreGenerated(Self.allOffload, generated: shares[...]))
        #expect(g.shares[0] == 0.2 && g.shares[2] == 0.4)
        #expect(g.shares[1] == Double(Float(0.3)))
    }

    @Test func overfullServerShrinksOnlyTheExcessAboveTheMinimums() throws {
        // Server 0: 0.9 + 0.6 = 1.5 > 1. Minimums 0.2 and 0.1, excess 1.2 over room 0.7:
        // y₀ = 0.2 + 0.7·0.7/1.2, y₁ = 0.1 + 0.5·0.7/1.2, summing to exactly 1.
        let shares: [Float] = [0.9, 0, 0.6, 0, 0, 1]
        let g = try #require(Self.problem.scoreGenerated(Self.allOffload, generated: shares[...]))
        let y0 = try #require(g.shares[0]), y1 = try #require(g.shares[1])
        let e0 = Double(Float(0.9)) - 0.2, e1 = Double(Float(0.6)) - 0.1
        #expect(abs(y0 - (0.2 + e0 * 0.7 / (e0 + e1))) < 1e-12)
        #expect(abs(y1 - (0.1 + e1 * 0.7 / (e0 + e1))) < 1e-12)
        #expect(abs(y0 + y1 - 1) < 1e-12)
        #expect(g.shares[2] == 1)  // a share of exactly 1 alone on its server is feasible
        let optimal = try #require(Self.problem.score(Self.allOffload))
        #expect(g.cost >= optimal.cost)
    }

    @Test func zeroAndNonFiniteSharesGetThePositiveFloor() throws {
        let p = OffloadProblem(serverCount: 1, localCost: [5], options: [[.init(server: 0, fixed: 0, exe: 1, minShare: 0, link: 0)]])
        for bad: Float in [0, .nan, -.infinity] {
            let g = try #require(p.scoreGenerated([0], generated: [bad][...]))
            #expect(g.shares[0] == OffloadProblem.generatedShareFloor)
            #expect(g.cost == 1 / OffloadProblem.generatedShareFloor)
        }
        #expect(p.scoreGenerated([0], generated: [.infinity][...])?.shares[0] == OffloadProblem.generatedShareFloor)
    }

    @Test func overflowingMinimumsFallBackToOptimalShares() throws {
        // μ = 0.9995 and μ = 0 ⇒ minimums 0.9995 + 0.001 > 1: this server uses the water-filled shares.
        let p = OffloadProblem(serverCount: 1, localCost: [nil, 5], options: [
            [.init(server: 0, fixed: 0, exe: 1, minShare: 0.9995, link: 0)],
            [.init(server: 0, fixed: 0, exe: 1, minShare: 0, link: 1)],
        ])
        let g = try #require(p.scoreGenerated([0, 0], generated: [0.5, 0.5][...]))
        #expect(g.fellBack)
        #expect(abs(g.cost - (try #require(p.score([0, 0]))).cost) < 1e-9)
    }

    @Test func disallowedDecisionsAreNotPriced() {
        #expect(Self.problem.scoreGenerated([-1, 0, -1], generated: [Float](repeating: 0.5, count: 6)[...]) == nil)  // user 2 must offload
    }

    @Test func solverReportsBothHalvesWithTheGeneratedNeverBelowTheOptimal() throws {
        // Bits put users 0 and 1 on server 0 and user 2 on server 1; shares as generated.
        let bits: [Float] = [1, 0, 1, 0, 0, 1], shares: [Float] = [0.9, 0, 0.6, 0, 0, 1]
        let out = GraphDiffusionSolver().finish(Self.problem, bits: bits[...], shares: shares[...])
        let result = try #require(out.result), generated = try #require(out.generated)
        #expect(generated.decisions == result.decisions)
        #expect(generated.cost >= result.cost)
        let direct = try #require(Self.problem.scoreGenerated(result.decisions, generated: shares[...]))
        #expect(generated == direct)
    }
}
