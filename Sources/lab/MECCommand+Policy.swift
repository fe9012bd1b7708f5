import ArgumentParser
import Catalog
import LabCore
import MultiMEC
import Notebook
import Store

/// `lab mec play`: a stored trained policy (or a heuristic) plays one episode, written as `mec-episode/1`.
struct MECPlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play one episode with a trained policy from the store (or a heuristic) and write it as mec-episode/1.",
        discussion: """
        --policy KEY:OUTPUT names a stored policy value (a cache key or a unique prefix, then the \
        notebook variable): a diffloader.planner (diffloader.train, diffloader.policy), a \
        multimec.learner (multimec.sacloader, mtloader, moeloader, metaloader) or a multimec.sac \
        run; --heuristic all-local, all-offload, random-50/50 or top-k plays a heuristic instead. \
        The episode has the seed's distances and task sizes (as `lab mec generate`), stops at the \
        first violation as a replay does, and records the policy's raw actions; `lab mec replay` on \
        the file plays it again. --seed also seeds the policy's randomness.
        """
    )

    @Option(help: "Environment B,F,S: bandwidth MHz, edge GHz, mean task kb (e.g. 6,5,500).") var env: String
    @Option(help: "KEY:OUTPUT of a stored policy value.") var policy: String?
    @Option(help: "A heuristic instead of --policy: all-local, all-offload, random-50/50 or top-k (with --k).") var heuristic: String?
    @Option(help: "Tasks offloaded by top-k (0...1000).") var k: Int = 5
    @Option(help: "Seed of the episode and of the policy (non-negative integer).") var seed: UInt64 = 0
    @Option(help: "Number of UEs (1...1000); must be the policy's.") var users: Int = MECConstants.defaultUsers
    @Option(help: "Output file.") var out: String
    @OptionGroup var location: StoreLocationOptions

    func run() throws {
        try reportingErrors {
            let environment = try MECEnvironment.parse(env, users: users)
            let value: any MECPolicyValue
            switch (policy, heuristic) {
            case (let reference?, nil):
                value = try Self.policy(reference, in: try location.open(readOnly: true))
            case (nil, let name?):
                guard let h = MECHeuristic(rawValue: name) else {
                    throw LabError(.invalidInput, "--heuristic must be one of \(MECHeuristic.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'.")
                }
                guard (0...MECConstants.maximumUsers).contains(k) else { throw LabError(.invalidInput, "--k must be in 0...\(MECConstants.maximumUsers), not \(k).") }
                value = MECHeuristicValue(h, k: k)
            default:
                throw LabError(.invalidInput, "give exactly one of --policy KEY:OUTPUT (a stored trained policy) and --heuristic NAME.")
            }
            var player = try value.policy(for: environment, seed: seed)
            let file = try MECEpisodeFile.played(by: &player, in: environment, seed: seed)
            try writeFile(file.fileText, to: out)
            print("wrote \(out) (\(value.policyName) on \(environment), seed \(seed), \(file.steps.count) steps)")
        }
    }

    /// The policy value stored as output `OUTPUT` of the cache entry whose key starts with `KEY`.
    ///
    /// - Throws: `.invalidInput` when the reference does not name exactly one policy value.
    static func policy(_ reference: String, in db: StoreDatabase) throws -> any MECPolicyValue {
        let stored = try StoredOutput(reference, in: db, option: "--policy", example: "3f2a:planner")
        guard let p = try stored.libraryValue(in: db) as? any MECPolicyValue else {
            throw LabError(.invalidInput, "output '\(stored.name)' of \(stored.key.prefix(12)) is not a MEC policy; give the variable a diffloader.train, diffloader.policy, multimec.sacloader/mtloader/moeloader/metaloader or multimec.sac call was assigned to.")
        }
        return p
    }
}
