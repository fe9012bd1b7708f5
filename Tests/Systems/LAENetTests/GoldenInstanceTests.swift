import Testing
@testable import LAENet

/// A two-server, two-user instance whose every derived number is worked out by hand below.
///
/// Servers: 0 = HAP at (0, 0, 20000) m, F = 5e9 Hz, P_act = 30 W; 1 = GS at (300, 400, 0) m,
/// F = 1.2e10 Hz, P_act = 120 W. Users (profile `paper`, κ = 1.2e-28, a = 3000, τ = 2 s):
/// 0 = GU at (0, 0, 0), W = 3e9, f = 2.5e9, w = 0.5, P = 0.2 W;
/// 1 = AU at (300, 400, 200), W = 6e9, f = 2e9, w = 0.4, P = 0.15 W. Every user links to both servers.
struct GoldenInstanceTests {
    static func instance() -> LAENetInstance {
        let k = LAENetConstants(profile: .paper)
        return LAENetInstance(
            constants: k,
            servers: [.init(kind: .hap, position: [0, 0, 20000], cpuHz: 5e9, activePowerW: 30),
                      .init(kind: .gs, position: [300, 400, 0], cpuHz: 1.2e10, activePowerW: 120)],
            users: [.init(kind: .gu, position: [0, 0, 0], workloadCycles: 3e9, cpuHz: 2.5e9, delayWeight: 0.5, txPowerW: 0.2),
                    .init(kind: .au, position: [300, 400, 200], workloadCycles: 6e9, cpuHz: 2e9, delayWeight: 0.4, txPowerW: 0.15)],
            links: [.init(user: 0, server: 0), .init(user: 0, server: 1), .init(user: 1, server: 0), .init(user: 1, server: 1)])
    }

    func close(_ a: Double, _ b: Double, _ rel: Double = 1e-9) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b)) }

    @Test func localCosts() {
        let m = LAENetModel(Self.instance())
        // User 0: T_loc = 3e9 / 2.5e9 = 1.2 s; E_loc = κ f³ T = 1.2e-28 · 1.5625e28 · 1.2 = 2.25 J;
        // J_loc = 0.5·1.2 + 0.5·2.25 = 1.725; 1.2 ≤ 2 so λ = 1.
        #expect(close(m.users[0].localTime, 1.2))
        #expect(close(m.users[0].localEnergy, 2.25))
        #expect(close(m.users[0].localCost, 1.725))
        #expect(m.users[0].localAllowed)
        // User 1: T_loc = 6e9 / 2e9 = 3 s > τ, so λ = 0; E_loc = 1.2e-28 · 8e27 · 3 = 2.88 J;
        // J_loc = 0.4·3 + 0.6·2.88 = 2.928.
        #expect(close(m.users[1].localEnergy, 2.88))
        #expect(close(m.users[1].localCost, 2.928))
        #expect(!m.users[1].localAllowed)
    }

    @Test func channelsAndRates() {
        let m = LAENetModel(Self.instance())
        // g0 = (3e8 / (4π·1e8))² = 0.238732…² = 0.05699316579881501.
        #expect(close(m.instance.constants.g2gReferenceGain, 0.05699316579881501))
        // GU→GS (G2G): l = √(300² + 400²) = 500 m; g = g0 / 500² = 2.2797266319526e-7;
        // P·g/σ² = 0.2 · 2.2797266319526e-7 / 7.96159e-13 = 57268.0…; R = 1e7 · log2(1 + 57268.0) = 1.5805469925e8.
        let gs0 = m.links[m.linkIndex[0][1]!]
        #expect(gs0.channel == .g2g)
        #expect(close(gs0.gain, 2.2797266319526004e-07))
        #expect(close(gs0.rate, 158054699.25026646))
        // GU→HAP (G2H): l = 20000 m straight up, φ = 90°, ρ = 1/(1 + 10·e^{-0.6·80}) = 1 (to double precision);
        // FS = 20·log10(4π·1e8·2e4 / 3e8) = 20·log10(83775.80…) = 98.4623720993283 dB; L = FS + 1·0.1 = 98.5623720993283 dB;
        // g = 10^(-9.85623720993283) = 1.392396073967692e-10; R = 1e7 · log2(1 + 0.2·g/σ²) = 5.169036636964e7.
        let hap0 = m.links[m.linkIndex[0][0]!]
        #expect(hap0.channel == .g2h)
        #expect(close(hap0.gain, 1.392396073967692e-10))
        #expect(close(hap0.rate, 51690366.36964208))
        // AU→GS (A2G): l = 200 m straight down, φ = 90°, ρ = 1; L = FS(200) + 0.1 = 58.4623720993283 + 0.1 dB;
        // g = 1.392396073967692e-06 (40 dB above the 20 km case); R = 1e7·log2(1 + 0.15·g/σ²) = 1.800104964e8.
        let gs1 = m.links[m.linkIndex[1][1]!]
        #expect(gs1.channel == .a2g)
        #expect(close(gs1.gain, 1.392396073967692e-06))
        #expect(close(gs1.rate, 180010496.4230826))
        // AU→HAP (A2H): l = √(300² + 400² + 19800²) = 19806.31212517868 m;
        // L = 32.45 + 20·log10(100) + 20·log10(19.80631…) = 32.45 + 40 + 25.9360723751987 = 98.3860723751987 dB;
        // g = 1.4500826705851286e-10; R = 4.823760633149e7.
        let hap1 = m.links[m.linkIndex[1][0]!]
        #expect(hap1.channel == .a2h)
        #expect(close(hap1.gain, 1.4500826705851286e-10))
        #expect(close(hap1.rate, 48237606.33149107))
    }

    @Test func offloadingCostsAndMinimumShares() {
        let m = LAENetModel(Self.instance())
        // User 0 → HAP: D = 1e6 bit; T_tr = 1e6 / 5.169e7 = 0.019345964639695477 s;
        // J_tr = 0.5·T_tr + 0.5·0.2·T_tr = 0.6·T_tr = 0.011607578783817286;
        // T_exe = 3e9/5e9 = 0.6 s; J_exe = 0.5·0.6 + 0.5·30·0.6 = 9.3;
        // T_tr + T_exe ≤ 2, so μ = 3e9 / ((2 − 0.0193…)·5e9) = 0.30293023884449.
        let hap0 = m.links[m.linkIndex[0][0]!]
        #expect(close(hap0.transmitCost, 0.011607578783817286))
        #expect(close(hap0.executeCost, 9.3))
        #expect(close(hap0.minShare, 0.30293023884449))
        // User 0 → GS: T_exe = 0.25 s; J_exe = 0.5·0.25 + 0.5·120·0.25 = 15.125; μ = 3e9/((2 − 0.0063269…)·1.2e10) = 0.12539668762847067.
        let gs0 = m.links[m.linkIndex[0][1]!]
        #expect(close(gs0.transmitCost, 0.003796154134271895))
        #expect(close(gs0.executeCost, 15.125))
        #expect(close(gs0.minShare, 0.12539668762847067))
        // User 1 → HAP: D = 2e6 bit; T_tr = 0.041461427133342964 s; J_tr = 0.4·T_tr + 0.6·0.15·T_tr = 0.49·T_tr = 0.020316099295338053;
        // T_exe = 1.2 s; J_exe = 0.4·1.2 + 0.6·30·1.2 = 22.08; μ = 6e9/((2 − 0.04146…)·5e9) = 0.6127017443642144.
        let hap1 = m.links[m.linkIndex[1][0]!]
        #expect(close(hap1.transmitCost, 0.020316099295338053))
        #expect(close(hap1.executeCost, 22.08))
        #expect(close(hap1.minShare, 0.6127017443642144))
        // User 1 → GS: T_exe = 0.5 s; J_exe = 0.4·0.5 + 0.6·120·0.5 = 36.2; μ = 0.2513965661511219.
        let gs1 = m.links[m.linkIndex[1][1]!]
        #expect(close(gs1.transmitCost, 0.005444126978555099))
        #expect(close(gs1.executeCost, 36.2))
        #expect(close(gs1.minShare, 0.2513965661511219))
    }

    @Test func optimumAndEvaluation() {
        let m = LAENetModel(Self.instance())
        // User 1 must offload. Candidates (user 0, user 1):
        //   (local, HAP): 1.725 + 0.020316099295338053 + 22.08/1 = 23.825316099295338   ← optimum
        //   (local, GS):  1.725 + 0.005444126978555099 + 36.2 = 37.93044412697856
        //   (HAP, HAP):   μ sum 0.3029 + 0.6127 ≤ 1, √-split unconstrained is y = √9.3/(√9.3+√22.08) = 0.3936 ≥ 0.3029 and 0.6064 < 0.6127,
        //                 so user 1 is clamped at μ = 0.6127…, user 0 gets 0.3873…: worse than the optimum anyway.
        //   (GS, GS):     (√15.125 + √36.2)² + J_tr's = 98.13… ; (HAP, GS) and (GS, HAP) cost ≥ 9.3 + 22.08.
        let r = m.solve(.exact)
        #expect(r.status == .optimal)
        #expect(m.choices(r.decisions!) == [nil, 0])
        #expect(close(r.cost, 23.825316099295338))
        let both = m.evaluate(LAENetSolution(choice: [1, 1]))
        #expect(both.feasible)
        let expected = (15.125.squareRoot() + 36.2.squareRoot()) * (15.125.squareRoot() + 36.2.squareRoot())
            + 0.003796154134271895 + 0.005444126978555099
        #expect(close(both.cost!, expected))
        // (HAP, HAP): user 1 clamped at μ1, user 0 gets 1 − μ1.
        let hap = m.evaluate(LAENetSolution(choice: [0, 0]))
        let mu1 = 0.6127017443642144
        #expect(close(hap.users[1].share!, mu1))
        #expect(close(hap.users[0].share!, 1 - mu1))
        #expect(close(hap.cost!, 0.011607578783817286 + 9.3 / (1 - mu1) + 0.020316099295338053 + 22.08 / mu1))
    }

    @Test func givenSharesAndWaterFilledRemainder() {
        let m = LAENetModel(Self.instance())
        // User 0 is given 0.31 of the HAP (0.3 would be below μ0 = 0.30293, checked below);
        // user 1's share is left null and water-filled into the remaining 0.69 (≥ μ1 = 0.6127).
        let e = m.evaluate(LAENetSolution(choice: [0, 0], shares: [0.31, nil]))
        #expect(e.feasible)
        #expect(close(e.users[1].share!, 0.69))
        #expect(close(e.cost!, 0.011607578783817286 + 9.3 / 0.31 + 0.020316099295338053 + 22.08 / 0.69))
        let tooSmall = m.evaluate(LAENetSolution(choice: [0, 0], shares: [0.3, nil]))
        #expect(tooSmall.violation?.contains("user 0's share 0.3 on server 0 is below its minimum μ = 0.30293") == true)
    }

    @Test func violationsNameTheConstraint() {
        let m = LAENetModel(Self.instance())
        let local = m.evaluate(LAENetSolution(choice: [nil, nil]))
        #expect(!local.feasible && local.cost == nil)
        #expect(local.violation?.contains("user 1 runs locally but misses the deadline") == true)
        let low = m.evaluate(LAENetSolution(choice: [1, 1], shares: [0.9, 0.1]))
        #expect(low.violation?.contains("user 1's share 0.1 on server 1 is below its minimum") == true)
        let over = m.evaluate(LAENetSolution(choice: [1, 1], shares: [0.8, 0.3]))
        #expect(over.violation?.contains("server 1's shares sum to") == true)
    }
}
