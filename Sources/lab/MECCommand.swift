import ArgumentParser
import Foundation
import LabCore
import MultiMEC

/// `lab mec`: DiffLoader's multi-user MEC environment: record and replay episodes.
struct MECCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mec",
        abstract: "Replay, generate and play (with a trained policy) episodes of DiffLoader's multi-user MEC offloading environment.",
        discussion: """
        Episodes use the "mec-episode/1" JSON format (environment B,F,S̄, distances, per step the \
        task sizes and raw actions); see docs/multimec.md. Replays play the raw actions exactly as \
        the DiffLoader repository does (±0.99 clipping, threshold 0, channel ⌊(a1+1)·5/2⌋) and stop \
        at the first terminating step.
        """,
        subcommands: [MECReplayCommand.self, MECGenerateCommand.self, MECPlayCommand.self]
    )
}

/// `lab mec replay`: per-step costs, rewards and termination of a recorded episode.
struct MECReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a mec-episode/1 file: per-step times, energies, costs, rewards, violations.",
        discussion: """
        Exit code 2 for a malformed file (the message names the field: wrong lengths, non-finite \
        numbers, negative or out-of-range sizes). Limits: 1 to 1000 UEs, 1 to 20 steps, distances \
        in [0.001, 10000] m, task sizes in [0.001, 1000000] kb.
        """
    )

    @Argument(help: "The episode file (mec-episode/1 JSON).")
    var file: String

    @Flag(help: "Print the replay as mec-replay/1 JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw LabError(.invalidInput, "cannot read episode file '\(file)'; check the path.")
            }
            let episode = try MECEpisodeFile.decode(String(decoding: data, as: UTF8.self), file: file)
            let replay = try MECReplay(episode)
            if json {
                print(replay.json.serialized(pretty: true))
                return
            }
            print("environment \(replay.environment), \(replay.environment.users) UEs, \(episode.steps.count) recorded steps")
            print("step   mean cost       reward  backlog (s)  violations")
            for (o, _) in replay.steps {
                let violations = o.violations.isEmpty ? "-" : o.violations.map(String.init).joined(separator: ",")
                print(Self.column(String(o.step), 4) + Self.column(Self.number(o.meanCost), 12) + Self.column(Self.number(o.reward), 13)
                    + Self.column(Self.number(o.edgeBacklogS), 13) + "  " + violations + (o.terminated ? "  (terminated)" : ""))
            }
            print("return \(Self.number(replay.episodeReturn)), completed: \(replay.completed ? "yes" : "no") (\(replay.steps.count) of \(MECConstants.stepsPerEpisode) steps)")
        }
    }
}

extension MECReplayCommand {
    /// Right-aligns `s` in `width` characters.
    static func column(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
    /// Six significant digits.
    static func number(_ x: Double) -> String { String(format: "%.6g", x) }
}

/// `lab mec generate`: an all-local episode drawn from a seed.
struct MECGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a mec-episode/1 file with seeded distances and task sizes and all-local actions.",
        discussion: """
        The same --env, --users and --seed give the same bytes on every machine, and the same \
        distances and task sizes as the library's episode with that seed. Limits: B and F in \
        [0.001, 1000], S̄ in [0.001, 100000] kb, 1 to 1000 UEs.
        """
    )

    @Option(help: "Environment B,F,S: bandwidth MHz, edge GHz, mean task kb (e.g. 6,5,500).") var env: String
    @Option(help: "Seed (non-negative integer).") var seed: UInt64 = 0
    @Option(help: "Number of UEs (1...1000).") var users: Int = MECConstants.defaultUsers
    @Option(help: "Output file.") var out: String

    func run() throws {
        try reportingErrors {
            let environment = try MECEnvironment.parse(env, users: users)
            let file = MECEpisodeFile.allLocal(environment, seed: seed)
            try writeFile(file.fileText, to: out)
            print("wrote \(out) (\(environment), seed \(seed), \(file.steps.count) steps, all local)")
        }
    }
}
