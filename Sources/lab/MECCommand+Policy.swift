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
        guard let colon = reference.lastIndex(of: ":"), colon != reference.startIndex else {
            throw LabError(.invalidInput, "--policy takes KEY:OUTPUT (a cache key or a unique prefix, then the variable that holds the policy), e.g. 3f2a:planner; list keys with `lab cache ls`.")
        }
        let prefix = String(reference[..<colon]), name = String(reference[reference.index(after: colon)...])
        let keys = try db.cacheKeys(prefix: prefix, limit: 2)
        guard keys.count == 1 || keys.contains(prefix) else {
            throw LabError(.invalidInput, keys.isEmpty ? "no cache entry in \(db.path) has a key starting with '\(prefix)'; list them with `lab cache ls`."
                                                       : "'\(prefix)' matches several cache keys; give more characters.")
        }
        let key = keys.contains(prefix) ? prefix : keys[0]
        guard let digest = try db.lookup(key)?.outputs[name]?.digest else {
            throw LabError(.invalidInput, "the cache entry \(key.prefix(12)) has no output '\(name)'.")
        }
        guard let blob = try db.blob(digest) else {
            throw LabError(.corrupt, "the blob \(digest.prefix(12)) is referenced but missing from \(db.path); run `lab cache verify`.")
        }
        guard case .library(let value) = try Value.decode(blob.bytes, libraryTypes: Catalog.standard.libraryTypes), let p = value as? any MECPolicyValue else {
            throw LabError(.invalidInput, "output '\(name)' of \(key.prefix(12)) is not a MEC policy; give the variable a diffloader.train, diffloader.policy, multimec.sacloader/mtloader/moeloader/metaloader or multimec.sac call was assigned to.")
        }
        return p
    }
}
