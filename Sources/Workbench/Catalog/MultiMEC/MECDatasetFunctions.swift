import LabCore
import MultiMEC
import Notebook

/// `multimec.collect`
struct MECCollectBinding: Binding {
    static let description = BindingDescription("multimec.collect", returns: .library(MECDatasetValue.typeName), memoised: true,
        doc: "The offline multi-environment dataset from SAC runs (docs/multimec.md, the offline dataset): every exploration episode of each run, labelled by environment, and a prompt pool per environment.\nEnvironments keep the order of `runs`. Each pool holds `per_environment` episodes drawn from its run after the first 10%, each at least `min_length` steps. The value exports to .npz (`lab cache export KEY:OUTPUT -o data.npz`); members environments, episodes, steps, observation_size, action_size, prompts (table).")
    @Parameter(doc: "multimec.sac runs, one per environment, all with the same number of UEs") var runs: [MECSACRunValue]
    @ParameterGroup var prompts: MECPromptSettings

    func call(_ context: any CallContext) throws -> Value {
        guard !runs.isEmpty, runs.count <= MultiMECBindings.maximumEnvironments else {
            throw ArgumentError(parameter: "runs", message: "argument `runs` of `multimec.collect` needs 1 to \(MultiMECBindings.maximumEnvironments) runs (got \(runs.count))")
        }
        guard Set(runs.map(\.environment.users)).count == 1 else {
            throw ArgumentError(parameter: "runs", message: "argument `runs` of `multimec.collect` mixes UE counts \(Set(runs.map(\.environment.users)).sorted()): observations must have one width; run every environment with the same `ues`")
        }
        return .library(MECDatasetValue(try prompts.drawing { try MECOfflineDataset.combining(runs.map(\.data), promptSeed: $0, promptsPerEnvironment: $1, minimumPromptLength: $2) }))
    }
}

/// `multimec.prompts`
struct MECPromptsBinding: Binding {
    static let description = BindingDescription("multimec.prompts", returns: .library(MECDatasetValue.typeName), memoised: true,
        doc: "The dataset with every environment's prompt pool drawn again.\nThe rule of multimec.collect: `per_environment` episodes uniformly from the run after its first 10%, an episode shorter than `min_length` steps replaced by a redraw.")
    @Parameter(doc: "a multimec.dataset") var dataset: MECDatasetValue
    @ParameterGroup var prompts: MECPromptSettings

    func call(_ context: any CallContext) throws -> Value {
        .library(MECDatasetValue(try prompts.drawing { try dataset.dataset.withPromptPools(seed: $0, count: $1, minimumLength: $2) }))
    }
}

/// The prompt-pool arguments of `multimec.collect` and `multimec.prompts`.
struct MECPromptSettings: ParameterGroupContent {
    @Parameter(default: 10, .integers(0...10_000), doc: "prompt episodes per environment") var perEnvironment: Int
    @Parameter(default: 5, .integers(1...MECConstants.stepsPerEpisode), doc: "the fewest steps a prompt episode may have") var minLength: Int
    @Parameter(.cellSeed, doc: "seed of the prompt draws (stream multimec.prompts.<environment index>)") var seed: UInt64

    /// Runs `draw(seed, perEnvironment, minLength)`; an environment without a long enough episode fails at `min_length`.
    func drawing(_ draw: (UInt64, Int, Int) throws -> MECOfflineDataset) throws -> MECOfflineDataset {
        do {
            return try draw(seed, perEnvironment, minLength)
        } catch let error as LabError where error.code == .invalidInput {
            throw ArgumentError(parameter: "min_length", message: "argument `min_length` (\(minLength)): \(error.message)")
        }
    }
}
