import LabCore
import Testing
@testable import LAENet

/// Brute force on the instance level: every choice vector (local or any linked server), scored by
/// ``LAENetEvaluation`` with optimal shares; independent of the solvers' option lists and search.
func bruteForce(_ m: LAENetModel) -> Double? {
    let n = m.instance.users.count
    let menus: [[Int?]] = (0..<n).map { u in [nil] + m.instance.links.filter { $0.user == u }.map { Optional($0.server) } }
    var best: Double?
    var digits = Array(repeating: 0, count: n)
    while true {
        let choice = (0..<n).map { menus[$0][digits[$0]] }
        if let c = m.evaluate(LAENetSolution(choice: choice)).cost, c < (best ?? .infinity) { best = c }
        var i = 0
        while i < n {
            digits[i] += 1
            if digits[i] < menus[i].count { break }
            digits[i] = 0
            i += 1
        }
        if i == n { return best }
    }
}

func relativelyEqual(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(abs(a), abs(b)) }

struct ExactSolverTests {
    static let smallScales = ["gs1_gu2_au2", "gs2_gu3_au1", "gs1_gu3_au1", "gs2_gu2_au2"].map { try! LAENetScale.parse($0) }

    @Test(arguments: LAENetProfile.allCases)
    func exactEqualsBruteForceOn200Instances(profile: LAENetProfile) {
        var infeasible = 0
        for i in 0..<200 {
            let scale = Self.smallScales[i % Self.smallScales.count]
            let m = LAENetModel(LAENetGenerator.generate(scale: scale, profile: profile, seed: 99, index: i))
            let reference = bruteForce(m)
            let exhaustive = ExactSolver(mode: .exhaustive).solve(m.problem, seed: 1)
            let bnb = ExactSolver(mode: .branchAndBound).solve(m.problem, seed: 1)
            guard let reference else {
                infeasible += 1
                #expect(exhaustive.status == .infeasible && bnb.status == .infeasible)
                continue
            }
            #expect(exhaustive.status == .optimal && bnb.status == .optimal)
            #expect(relativelyEqual(exhaustive.cost, reference), "instance \(i): exhaustive \(exhaustive.cost) vs brute force \(reference)")
            #expect(relativelyEqual(bnb.cost, reference), "instance \(i): branch-and-bound \(bnb.cost) vs brute force \(reference)")
            // The returned solution evaluates to the reported cost.
            #expect(relativelyEqual(m.evaluate(m.solution(bnb)!).cost ?? .infinity, bnb.cost))
        }
        #expect(infeasible < 20)
    }

    @Test(arguments: LAENetProfile.allCases)
    func branchAndBoundEqualsExhaustiveOnMediumInstances(profile: LAENetProfile) {
        for i in 0..<12 {
            let scale = try! LAENetScale.parse(i % 2 == 0 ? "gs2_gu4_au2" : "gs2_gu5_au3")
            let m = LAENetModel(LAENetGenerator.generate(scale: scale, profile: profile, seed: 5, index: i))
            let exhaustive = ExactSolver(mode: .exhaustive).solve(m.problem, seed: 0)
            let bnb = ExactSolver(mode: .branchAndBound).solve(m.problem, seed: 0)
            #expect(exhaustive.status == bnb.status)
            if exhaustive.status == .optimal { #expect(relativelyEqual(exhaustive.cost, bnb.cost)) }
        }
    }

    @Test(arguments: LAENetProfile.allCases)
    func everyHeuristicIsAtLeastTheOptimum(profile: LAENetProfile) {
        for i in 0..<30 {
            let m = LAENetModel(LAENetGenerator.generate(scale: try! LAENetScale.parse("gs3_gu6_au4"), profile: profile, seed: 8, index: i))
            let exact = m.solve(.exact)
            guard exact.status == .optimal else {
                #expect(exact.status == .infeasible)
                continue
            }
            for method in SolverMethod.allCases where method != .exact {
                let r = m.solve(method, seed: 3)
                #expect(r.status == .heuristic, "\(method) found nothing on a feasible instance \(i)")
                #expect(r.cost >= exact.cost * (1 - 1e-9), "\(method) beat the optimum on instance \(i)")
                for (name, v) in r.variants { #expect(v.cost >= exact.cost * (1 - 1e-9), "\(method) \(name)") }
                // Every heuristic's solution is feasible and scores to its reported cost.
                let eval = m.evaluate(m.solution(r)!)
                #expect(eval.feasible, "\(method): \(eval.violation ?? "")")
                #expect(relativelyEqual(eval.cost ?? .infinity, r.cost, 1e-9))
            }
        }
    }

    @Test func stoppedSearchReportsAValidLowerBound() {
        let scale = try! LAENetScale.parse("gs6_gu14_au10")
        var checked = 0
        for i in 0..<10 {
            let m = LAENetModel(LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 3, index: i))
            let full = ExactSolver().solve(m.problem, seed: 0)
            let cut = ExactSolver(mode: .branchAndBound, nodeLimit: 3).solve(m.problem, seed: 0)
            guard full.status == .optimal, cut.status == .bestKnown else { continue }
            checked += 1
            #expect(cut.lowerBound! <= full.cost * (1 + 1e-12))
            #expect(cut.cost >= full.cost * (1 - 1e-12))
            #expect(cut.gap! >= 0)
        }
        #expect(checked > 0)
    }

    @Test func solversAreDeterministicGivenASeed() {
        let m = LAENetModel(LAENetGenerator.generate(scale: try! LAENetScale.parse("gs3_gu6_au4"), profile: .balanced, seed: 2))
        for method in SolverMethod.allCases {
            #expect(m.solve(method, seed: 4) == m.solve(method, seed: 4))
        }
    }
}

extension ExactSolverTests {
    @Test func batchSolvingEqualsOneByOne() {
        let scale = try! LAENetScale.parse("gs3_gu6_au4")
        let models = LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 31, count: 16).map(LAENetModel.init)
        for method in [SolverMethod.mcmf, .random] {
            let batch = LAENetModel.solveAll(models, with: method.solver, seed: 77)
            let single = models.indices.map { models[$0].solve(method, seed: LAENetModel.batchSeed(77, index: $0)) }
            #expect(batch == single)
        }
    }
}
