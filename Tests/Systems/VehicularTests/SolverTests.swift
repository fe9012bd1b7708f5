import Foundation
import LabCore
import Testing
@testable import Vehicular

/// The non-learning solvers against the exhaustive per-slot optimum, and queue stability.
@Suite struct SolverTests {
    /// Random slots with M vehicles in states the simulator reaches: default mix, random
    /// positions and local compute, queues U[0, 10].
    static func randomSlot(vehicles: Int, random: inout RandomSource, v2v: Bool = false) -> VehicularSlot {
        let fleet = (0..<vehicles).map { i in
            Vehicle(model: DNNModel.defaultModel(forVehicle: i), localGFLOPS: random.uniform(15, 25), x: random.uniform(0, 1000),
                    speed: 20, queue: random.bernoulli(0.3) ? 0 : random.uniform(0, 10))
        }
        return VehicularSlot(vehicles: fleet, parameters: .default, v2v: v2v)
    }

    @Test func searchesNeverBeatTheExhaustiveOptimumAndNeverLoseToAllLocal() throws {
        var random = RandomSource(seed: 21)
        var gaHits = 0, dppHits = 0, total = 0
        for m in 1...4 {
            for _ in 0..<8 {
                let slot = Self.randomSlot(vehicles: m, random: &random)
                let optimum = try #require(slot.exhaustive())
                let slack = 1e-9 * max(abs(optimum.objective), 1)
                let local = slot.evaluate(slot.allLocal).objective
                let dpp = slot.evaluate(slot.coordinateSearch()).objective
                var gaRandom = RandomSource(seed: 5)
                let ga = slot.evaluate(slot.genetic(random: &gaRandom).decision).objective
                let greedy = slot.evaluate(slot.greedy()).objective
                for j in [dpp, ga, greedy, local] { #expect(j >= optimum.objective - slack) }
                // Both searches start from (or contain) all local and only accept improvements.
                #expect(dpp <= local + slack)
                #expect(ga <= local + slack)
                if m == 1 {
                    // One vehicle: a best-response sweep is an exhaustive search.
                    #expect(abs(dpp - optimum.objective) <= slack)
                    // With M = 1 the mutation rate 1/M redraws every gene uniformly, so 840
                    // independent uniform draws over at most 8 options miss the optimum with
                    // probability below (7/8)^840 < 1e-48.
                    #expect(abs(ga - optimum.objective) <= 1e-6 * max(abs(optimum.objective), 1))
                }
                total += 1
                if abs(ga - optimum.objective) <= slack { gaHits += 1 }
                if abs(dpp - optimum.objective) <= slack { dppHits += 1 }
            }
        }
        // Recorded, not asserted: how often each search reached the optimum (docs/vehicular.md).
        print("vehicular: GA optimal in \(gaHits)/\(total), DPP search in \(dppHits)/\(total) slots (M ≤ 4)")
    }

    @Test func exhaustiveSearchCoversV2VOptions() throws {
        var random = RandomSource(seed: 22)
        var sawNeighbour = false
        for _ in 0..<20 {
            let slot = Self.randomSlot(vehicles: 3, random: &random, v2v: true)
            sawNeighbour = sawNeighbour || slot.entries.contains { $0.neighbour != nil }
            let optimum = try #require(slot.exhaustive())
            #expect(slot.isValid(optimum.decision))
            #expect(slot.evaluate(slot.coordinateSearch()).objective >= optimum.objective - 1e-9 * max(abs(optimum.objective), 1))
            // Offloading to a neighbour is only possible where one exists.
            for i in 0..<3 where optimum.decision.v2v[i] { #expect(slot.entries[i].neighbour != nil) }
        }
        #expect(sawNeighbour)
    }

    @Test func geneticSearchIsDeterministicInItsSeed() {
        var random = RandomSource(seed: 23)
        let slot = Self.randomSlot(vehicles: 10, random: &random)
        var a = RandomSource(seed: 1), b = RandomSource(seed: 1)
        #expect(slot.genetic(random: &a).decision == slot.genetic(random: &b).decision)
    }

    /// Local-only at λ = 1: a VGG16 vehicle serves at most Δ·f^loc/Φ_tot ≤ 25/30.9405 = 0.808
    /// tasks per slot, so its queue grows by at least λ − 0.808 = 0.192 per slot in expectation.
    /// After N slots the VGG16 vehicles' mean queue is expected to be ≥ 0.192·N; the test asks for
    /// half of that (the Poisson sums have standard deviation √N per vehicle). The DPP search must
    /// stay below that same level: its VGG16 queues drift at less than half Local-only's
    /// guaranteed rate.
    @Test func localOnlyQueuesGrowAndTheDPPSearchsStayBounded() throws {
        var scenario = VehicularScenario()
        scenario.vehicles = 9
        scenario.slots = 200
        scenario.arrivalRate = 1.0
        let trace = try scenario.trace(seed: 31)
        let vgg = trace.vehicles.indices.filter { trace.vehicles[$0].model == .vgg16 }
        #expect(vgg.count == 3)
        let floor = 0.5 * (1.0 - 25 / 30.9405) * Double(scenario.slots)
        func finalVGGQueue(_ replay: VehicularReplay) -> Double {
            vgg.map { replay.slots.last!.queueAfter[$0] }.reduce(0, +) / Double(vgg.count)
        }
        let local = try trace.solved(method: .local).replay()
        let dpp = try trace.solved(method: .dpp).replay()
        #expect(finalVGGQueue(local) >= floor)
        #expect(finalVGGQueue(dpp) < floor)
        // Local-only's mean queue keeps rising from the middle to the end of the episode.
        let series = local.meanQueueSeries
        #expect(series[199] > series[99])
        print("vehicular stability (M = 9, λ = 1, 200 slots): VGG16 final queue local \(finalVGGQueue(local)), dpp \(finalVGGQueue(dpp)); floor \(floor); mean T local \(local.meanCompletion), dpp \(dpp.meanCompletion)")
    }

    @Test func simulationIsPairedAndDeterministic() throws {
        var scenario = VehicularScenario()
        scenario.vehicles = 4
        scenario.slots = 10
        let a = try scenario.simulate(method: .greedy, episodes: 2, seed: 7)
        let b = try scenario.simulate(method: .greedy, episodes: 2, seed: 7)
        #expect(a == b)
        #expect(a.meanQueueSeries.count == 10)
        let rows = try scenario.sweep(.lyapunovV, values: [1, 50], methods: [.local, .dpp], episodes: 1, seed: 7)
        #expect(rows.map(\.value) == [1, 1, 50, 50])
        // Local-only does not depend on V.
        #expect(rows[0].run.meanQueue == rows[2].run.meanQueue)
    }

    @Test func mobilityTracesReplaceSyntheticPositions() throws {
        let csv = "slot,vehicle,x\n0,0,10\n0,1,500\n1,0,20\n1,1,990.5\n"
        let mobility = try MobilityTrace.parse(csv: csv, file: "m.csv", roadMeters: 1000)
        #expect(mobility.positions == [[10, 500], [20, 990.5]])
        var scenario = VehicularScenario()
        scenario.vehicles = 2
        scenario.slots = 2
        scenario.mobility = mobility
        let trace = try scenario.trace(seed: 1)
        #expect(trace.slots[1].positions == [20, 990.5])
        let replay = try trace.replay()
        #expect(replay.slots[1].rate[1] == VehicularParameters.default.rsuRate(x: 990.5))
        for bad in ["0,0,10\n0,1,500\n1,0,20\n", "0,0,10\n0,0,11\n", "0,0,1000\n", "0,x,1\n", "0,0\n"] {
            #expect(throws: LabError.self) { try MobilityTrace.parse(csv: bad, file: "m.csv", roadMeters: 1000) }
        }
    }
}

/// Arrivals: the machine-independent exponential and the Poisson moments.
@Suite struct ArrivalTests {
    @Test func basicExponentialMatchesTheLibrary() {
        for x in stride(from: 0.0, through: 16, by: 0.25) {
            let e = exp(-x)
            #expect(abs(RandomSource.basicExpNegative(x) - e) <= 1e-13 * e, "x = \(x)")
        }
    }

    /// Sample mean and variance of 20,000 draws within 5 standard errors of `μ`: the standard
    /// error of the mean is √(μ/n), that of the sample variance about √((μ + 2μ²)/n), which is at
    /// most μ·√(2/n) + √(μ/n).
    @Test(arguments: [0.5, 1.0, 1.5, 30.0])
    func poissonMoments(mean: Double) {
        var random = RandomSource(seed: 41)
        let n = 20_000
        let draws = (0..<n).map { _ in Double(random.poisson(mean)) }
        let m = draws.reduce(0, +) / Double(n)
        let v = draws.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)
        #expect(abs(m - mean) <= 5 * (mean / Double(n)).squareRoot())
        #expect(abs(v - mean) <= 5 * mean * (2 / Double(n)).squareRoot() + 5 * (mean / Double(n)).squareRoot())
    }
}
