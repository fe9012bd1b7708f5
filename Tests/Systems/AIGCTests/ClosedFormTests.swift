import Foundation
import Testing
@testable import AIGC

/// The per-user closed forms, the bisected price and the relaxation, against brute force.
@Suite struct ClosedFormTests {
    /// Users chosen so that each local regime occurs: free f*, f_max binding, battery binding,
    /// and (with a 1 s deadline) the deadline binding.
    static let users: [(String, AIGCUser, Double)] = [
        ("interior", AIGCUser(maxFrequency: 2.3e9, battery: 3.5, distance: 150, promptBits: 2e4, imageBits: 2e6), 3),
        ("fmax", AIGCUser(maxFrequency: 1.2e9, battery: 3.5, distance: 300, promptBits: 6e4, imageBits: 3e6), 3),
        ("battery", AIGCUser(maxFrequency: 2.4e9, battery: 0.3, distance: 250, promptBits: 4e4, imageBits: 1e6), 3),
        ("deadline", AIGCUser(maxFrequency: 2.4e9, battery: 3.5, distance: 350, promptBits: 8e4, imageBits: 4e6), 1),
        ("battery+utility", AIGCUser(maxFrequency: 2.0e9, battery: 0.9, distance: 120, promptBits: 1e4, imageBits: 1.5e6), 3),
    ]

    static func parameters(deadline: Double) -> AIGCParameters {
        var p = AIGCParameters.default
        p.deadline = deadline
        return p
    }

    /// Local cost written out from docs/aigc.md §B.2 in (s, t), independently of the solver's frequency form.
    static func localCost(_ p: AIGCParameters, _ s: Double, _ t: Double) -> Double {
        let c = p.cyclesPerStep
        return p.timeWeight * t + p.errorWeight * p.forwardError * exp(-p.localErrorRate * s)
            + p.energyWeight * p.capacitance * c * c * c * s * s * s / (t * t) - p.localUtilityWeight * log(1 + s)
    }

    /// Brute-force min of the local problem over a (s, t) grid with constraints C1, C2, C6, C3, C7.
    static func bruteLocal(_ p: AIGCParameters, _ u: AIGCUser, scale y: Double = 1) -> Double {
        let c = p.cyclesPerStep
        var best = Double.infinity
        let steps = 600
        for i in 0...steps {
            let s = p.minSteps + (p.localStepLimit - p.minSteps) * Double(i) / Double(steps)
            let tLow = c * s / u.maxFrequency
            guard tLow <= p.deadline else { continue }
            for j in 0...300 {
                let t = tLow + (p.deadline - tLow) * Double(j) / 300
                guard p.capacitance * c * c * c * s * s * s / (t * t) <= u.battery else { continue }
                best = min(best, y * localCost(p, s, t))
            }
        }
        return best
    }

    @Test(arguments: users)
    func localClosedFormMatchesBruteForce(_ name: String, _ user: AIGCUser, _ deadline: Double) throws {
        let p = Self.parameters(deadline: deadline)
        let model = AIGCUserModel(p, user)
        let plan = try #require(model.local, "\(name) should be feasible locally")
        let brute = Self.bruteLocal(p, user)
        // Never worse than any grid point, and the grid gets within its resolution of it.
        #expect(plan.cost <= brute + 1e-9, "\(name): closed form \(plan.cost) vs grid \(brute)")
        #expect(brute - plan.cost < 5e-3, "\(name): grid \(brute) far above closed form \(plan.cost)")
        #expect(abs(Self.localCost(p, plan.steps, plan.time) - plan.cost) < 1e-9)
        let d = AIGCDecision(offload: [false], localSteps: [plan.steps], edgeSteps: [0], localTime: [plan.time])
        #expect(AIGCEvaluation(d, on: AIGCDrop(parameters: p, users: [user])).feasible, "\(name)")
    }

    @Test func localRegimesAreTheIntendedOnes() throws {
        func frequency(_ i: Int) throws -> Double {
            let (_, u, deadline) = Self.users[i]
            let m = AIGCUserModel(Self.parameters(deadline: deadline), u)
            let plan = try #require(m.local)
            return Self.parameters(deadline: deadline).cyclesPerStep * plan.steps / plan.time
        }
        let f0 = AIGCParameters.default.unconstrainedFrequency
        #expect(abs(try frequency(0) - f0) < 1)  // free: f = f*
        #expect(abs(try frequency(1) - 1.2e9) < 1)  // f_max binds
        #expect(try frequency(2) < f0 - 1e8)  // battery binds: slower than f*
        #expect(try frequency(3) > f0 + 1e7)  // deadline binds: faster than f*
    }

    @Test(arguments: [0.0, 0.05, 0.3, 2.0])
    func edgeClosedFormMatchesBruteForce(price mu: Double) {
        let p = AIGCParameters.default
        for (name, user, _) in Self.users {
            let m = AIGCUserModel(p, user)
            guard m.edgeFeasible else { continue }
            let z = m.edgeSteps(price: mu)
            var best = Double.infinity
            var grid = p.minSteps
            while grid <= m.edgeMaxSteps {
                best = min(best, m.edgeCost(grid) + mu * grid)
                grid += 0.001
            }
            // Independent edge cost from the formulas of docs/aigc.md §B.2.
            let direct = p.timeWeight * (user.offloadLatency(p) + p.edgeStepTime * z)
                + p.errorWeight * exp(-p.edgeErrorRate * z) + p.energyWeight * user.transmitEnergy(p)
                - p.edgeUtilityWeight * log(1 + z)
            #expect(abs(direct - m.edgeCost(z)) < 1e-12)
            #expect(m.edgeCost(z) + mu * z <= best + 1e-10, "\(name) μ=\(mu)")
            #expect(best - (m.edgeCost(z) + mu * z) < 1e-6, "\(name) μ=\(mu)")
        }
    }

    @Test func bisectedPriceSatisfiesComplementarySlackness() throws {
        for capacity in [80.0, 150.0, 400.0, 2000.0] {
            var p = AIGCParameters.default
            p.edgeCapacity = capacity
            let drop = AIGCDrop.generate(seed: 11, users: 8, parameters: p)
            let fixed = AIGCFixedOffload(drop)
            let plan = try fixed.continuousPlan(Array(repeating: true, count: 8)).get()
            let used = plan.decision.edgeSteps.reduce(0, +)
            #expect(plan.price >= 0)
            #expect(used <= capacity * (1 + 1e-12))
            // μ·(Σ s^E − S_tot) = 0: either the price is zero or the capacity is used up.
            #expect(abs(plan.price * (used - capacity)) < 1e-6, "S_tot=\(capacity): μ=\(plan.price), Σs=\(used)")
            if capacity <= 400 { #expect(plan.price > 0) } else { #expect(plan.price == 0 && used < capacity) }
            // Stationarity of every interior edge user at the price.
            for (n, m) in fixed.users.enumerated() {
                let z = plan.decision.edgeSteps[n]
                if z > p.minSteps + 1e-6 && z < m.edgeMaxSteps - 1e-6 {
                    #expect(abs(m.edgeSlope(z, price: plan.price)) < 1e-7)
                }
            }
        }
    }

    @Test func taylorLinearisationIsAGlobalUpperBound() {
        for i in 0...20 {
            let ak = Double(i) / 20
            #expect(abs(AIGCPenalty.taylor(ak, at: ak) - AIGCPenalty.value(ak)) < 1e-15)
            for j in -10...30 {
                let a = Double(j) / 20
                #expect(AIGCPenalty.value(a) <= AIGCPenalty.taylor(a, at: ak) + 1e-15)
            }
        }
    }

    /// For a fractional `a`, the user's perspective P2 problem minimised by brute force in the
    /// original variables (s^L, t, s^E, perspective constraints of docs/aigc.md §B.4) equals the closed form
    /// `(1−a)·L* + a·(E*(μ) + π)` the relaxation solver uses.
    @Test(arguments: [0.2, 0.5, 0.85])
    func perspectiveSubproblemDecomposesExactly(a: Double) {
        let p = AIGCParameters.default
        let (mu, slope) = (0.03, 0.2)
        let c = p.cyclesPerStep
        for (name, user, _) in Self.users.prefix(3) {
            let m = AIGCUserModel(p, user)
            guard let local = m.local, m.edgeFeasible else { continue }
            let y = 1 - a
            // Local part: (1−a)·ε e^{−C_L s/(1−a)} etc. over sL ∈ (1−a)[S_min, S_L], t ≤ (1−a)T_max,
            // κc³sL³/t² ≤ (1−a)B, c·sL ≤ f_max·t.
            var bestLocal = Double.infinity
            for i in 0...600 {
                let sL = y * (p.minSteps + (p.localStepLimit - p.minSteps) * Double(i) / 600)
                let tLow = c * sL / user.maxFrequency
                guard tLow <= y * p.deadline else { continue }
                for j in 0...300 {
                    let t = tLow + (y * p.deadline - tLow) * Double(j) / 300
                    guard t <= y * p.deadline, p.capacitance * c * c * c * sL * sL * sL / (t * t) <= y * user.battery else { continue }
                    let value = p.timeWeight * t + p.errorWeight * y * exp(-p.localErrorRate * sL / y)
                        + p.energyWeight * p.capacitance * c * c * c * sL * sL * sL / (t * t)
                        - y * p.localUtilityWeight * log(1 + sL / y)
                    bestLocal = min(bestLocal, value)
                }
            }
            var bestEdge = Double.infinity
            var sE = a * p.minSteps
            while sE <= a * m.edgeMaxSteps {
                if a * user.offloadLatency(p) + p.edgeStepTime * sE <= a * p.deadline {
                    let value = p.timeWeight * (a * user.offloadLatency(p) + p.edgeStepTime * sE)
                        + p.errorWeight * a * exp(-p.edgeErrorRate * sE / a) + p.energyWeight * a * user.transmitEnergy(p)
                        - a * p.edgeUtilityWeight * log(1 + sE / a) + mu * sE
                    bestEdge = min(bestEdge, value)
                }
                sE += 0.0005
            }
            let brute = bestLocal + bestEdge + slope * a
            let z = m.edgeSteps(price: mu)
            let closed = y * local.cost + a * (m.edgeCost(z) + mu * z) + slope * a
            #expect(closed <= brute + 1e-9, "\(name) a=\(a)")
            #expect(brute - closed < 5e-3, "\(name) a=\(a): brute \(brute) closed \(closed)")
        }
    }

    @Test func relaxationIsALowerBoundOnEveryOffloadingVector() throws {
        for seed in UInt64(20)..<26 {
            for capacity in [50.0, 100.0, 200.0] {
                var p = AIGCParameters.default
                p.edgeCapacity = capacity
                let drop = AIGCDrop.generate(seed: seed, users: 6, parameters: p)
                let fixed = AIGCFixedOffload(drop)
                let relaxed = try #require(AIGCRelaxation(fixed: fixed).solve(slope: Array(repeating: 0, count: 6)))
                #expect(relaxed.offload.allSatisfy { (0...1).contains($0) })
                #expect(zip(relaxed.offload, relaxed.edgeSteps).reduce(0) { $0 + $1.0 * $1.1 } <= capacity * (1 + 1e-9))
                for mask in 0..<64 {
                    let offload = (0..<6).map { mask & (1 << $0) != 0 }
                    if case .success(let plan) = fixed.continuousPlan(offload) {
                        #expect(relaxed.objective <= plan.objective + 1e-9, "seed \(seed) S_tot \(capacity) mask \(mask)")
                    }
                }
            }
        }
    }
}
