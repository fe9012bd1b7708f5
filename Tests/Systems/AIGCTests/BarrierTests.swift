import Foundation
import Testing
@testable import AIGC

/// The barrier method of docs/aigc.md §B.5 for the 4-variable perspective subproblem agrees with the closed form.
@Suite struct BarrierTests {
    @Test(arguments: [(0.0, -0.4), (0.0, 0.3), (0.05, 0.0), (0.02, 1.5)])
    func barrierSubproblemMatchesClosedForm(price mu: Double, slope pi: Double) throws {
        let p = AIGCParameters.default
        for (name, user, _) in ClosedFormTests.users.prefix(3) {
            let m = AIGCUserModel(p, user)
            let local = try #require(m.local)
            let z = m.edgeSteps(price: mu)
            let edge = m.edgeCost(z) + mu * z + pi
            let r = try #require(AIGCBarrierSubproblem(m: m, price: mu, slope: pi).solve())
            let barrierValue = r.objective + mu * r.edgeSteps + pi * r.a
            let closed = min(local.cost, edge)
            // The barrier optimum approaches the exact one from above (duality gap m/θ = 1e-7).
            #expect(barrierValue >= closed - 1e-9, "\(name) μ=\(mu) π=\(pi)")
            #expect(barrierValue - closed < 1e-5, "\(name) μ=\(mu) π=\(pi): \(barrierValue) vs \(closed)")
            #expect(abs(r.a - (edge < local.cost ? 1 : 0)) < 1e-4, "\(name): a = \(r.a)")
            if r.a > 0.5 {
                #expect(abs(r.edgeSteps / r.a - z) < 1e-2)
            } else {
                #expect(abs(r.localSteps / (1 - r.a) - local.steps) < 1e-2)
            }
        }
    }

    @Test func barrierRelaxationMatchesClosedFormWhenCapacityIsSlack() throws {
        let drop = AIGCDrop.generate(seed: 3, users: 4).with { $0.edgeCapacity = 1000 }
        let relaxation = AIGCRelaxation(fixed: AIGCFixedOffload(drop))
        let slope = [0.1, -0.1, 0.05, 0.0]
        let exact = try #require(relaxation.solve(slope: slope, using: .closedForm))
        let barrier = try #require(relaxation.solve(slope: slope, using: .barrier))
        #expect(exact.price == 0 && barrier.price == 0)
        for (a, b) in zip(exact.offload, barrier.offload) { #expect(abs(a - b) < 1e-4) }
        #expect(barrier.objective >= exact.objective - 1e-9)
        #expect(barrier.objective - exact.objective < 1e-4)
    }
}
