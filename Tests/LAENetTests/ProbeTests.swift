import Testing
@testable import LAENet

@Test func probe() {
    let scale = try! LAENetScale.parse("gs9_gu20_au13")
    let m = LAENetModel(LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 2026, index: 7))
    let p = m.problem
    let e = BranchAndBound(problem: p, prune: true, nodeLimit: 1, timeLimit: nil)
    print("root plain", e.bound, "group", e.groupBound())
    let mc = MCMFSolver().solve(p, seed: 2026)
    print("mcmf", mc.cost, "improved", p.improve(p.score(mc.decisions!)!).cost)
    print("ao", AlternatingSolver().solve(p, seed: 0).cost)
    let ex = ExactSolver(nodeLimit: 300_000).solve(p, seed: 2026)
    print("exact", ex.cost, ex.status, ex.lowerBound ?? -1, ex.nodes)
    for u in 0..<p.userCount {
        print(u, p.localCost[u].map { String($0) } ?? "FORCED", p.options[u].map { "s\($0.server) tr=\($0.fixed) exe=\($0.exe) mu=\($0.minShare)" }, "opt:", ex.decisions![u])
    }
}
