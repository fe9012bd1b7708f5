// BaselinesBench: a sanity run of the MEC learning baselines (issue 18) at a modest budget,
// release build:
//
//   swift build -c release --product BaselinesBench && .build/release/BaselinesBench [episodes] [seed]
//
// SACLoader collects `episodes` episodes (default 150) cycling through two training
// environments; MoELoader and MetaLoader get exactly SACLoader's number of environment steps.
// Each policy is then evaluated on both environments (10 paired episodes, evaluation seed 1,
// no termination), next to all-local; MetaLoader first adapts on one seeded episode of each.
import Foundation
import LabCore
import Learning
import MultiMEC

let arguments = CommandLine.arguments.dropFirst()
let episodes = max(Int(arguments.first ?? "") ?? 150, 1)
let seed = UInt64(arguments.dropFirst().first ?? "") ?? 0
let environments = Array(MECEnvironment.trainingTable().prefix(2))

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

do {
    var sac = MECSACConfiguration()
    (sac.episodes, sac.seed, sac.checkpointEvery) = (episodes, seed, episodes)
    var sacTrainer: MECSACTrainer?
    let sacTime = try seconds { sacTrainer = try MECSACTrainer.train(environments: environments, configuration: sac, sink: MemorySink()) }
    guard let sacTrainer else { exit(1) }
    let budget = sacTrainer.log.steps

    var moe = MECMoEConfiguration()
    moe.base = sac
    moe.base.episodes = budget
    moe.environmentSteps = budget
    var moeTrainer: MECMoETrainer?
    let moeTime = try seconds { moeTrainer = try MECMoETrainer.train(environments: environments, configuration: moe, sink: MemorySink()) }

    var meta = MECMetaConfiguration()
    (meta.metaIterations, meta.environmentSteps, meta.seed, meta.checkpointEvery) = (budget, budget, seed, budget)
    var metaTrainer: MECMetaTrainer?
    let metaTime = try seconds { metaTrainer = try MECMetaTrainer.train(environments: environments, configuration: meta, sink: MemorySink()) }
    guard let moeTrainer, let metaTrainer else { exit(1) }

    print("budget \(budget) environment steps; training seconds: SAC \(String(format: "%.1f", sacTime)), MoE \(String(format: "%.1f", moeTime)) (\(moeTrainer.stepsPlayed) steps), Meta \(String(format: "%.1f", metaTime)) (\(metaTrainer.stepsPlayed) steps)")
    print("environment | all-local | SACLoader | MoELoader | MetaLoader   (mean cost / completion, 10 episodes)")
    for e in environments {
        let rows = [MECEvaluation.run(MECAllLocal(), on: e, episodes: 10, evaluationSeed: 1),
                    MECEvaluation.run(sacTrainer.policy(name: "SACLoader"), on: e, episodes: 10, evaluationSeed: 1),
                    MECEvaluation.run(moeTrainer.policy(), on: e, episodes: 10, evaluationSeed: 1),
                    MECEvaluation.run(metaTrainer.adaptingPolicy(adaptationSeed: 1), on: e, episodes: 10, evaluationSeed: 1)]
        let cells = rows.map { String(format: "%.3f / %.2f", $0.meanCost, $0.completionFraction) }
        print("(\(e.bandwidthMHz),\(e.edgeGHz),\(e.meanTaskKb)) | " + cells.joined(separator: " | "))
    }
} catch {
    print("error: \(error)")
    exit(1)
}
