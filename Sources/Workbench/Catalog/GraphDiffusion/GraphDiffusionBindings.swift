import GraphDiffusion
import LabCore
import LAENet
import Learning
import Notebook

/// `gadsg.train`, `gdsg.train`, `diffusion.solve` and the learned baselines `dignn.train`,
/// `grlo.train`, `baseline.solve`.
public enum GraphDiffusionBindings: CatalogSystem {
    public static let bindings: [any Binding.Type] = [GADSGTrain.self, GDSGTrain.self, DiffusionSolve.self, DiGNNTrain.self, GRLOTrain.self, BaselineSolve.self]
    public static let valueTypes: [any LibraryValue.Type] = [DiffusionModelValue.self, BaselineModelValue.self]
}

extension DiffusionModelValue: ArgumentValue {}
extension BaselineModelValue: ArgumentValue {}
extension NodeEmbedding.Variant: ArgumentValue {}

/// Hands a training loop's metrics, progress and checkpoints to the runner's call context.
struct ContextSink: TrainingSink {
    let context: any CallContext
    func metric(_ name: String, step: Int, value: Double) { context.metric(name, step: step, value: value) }
    func progress(_ done: Int, of total: Int, _ label: String) { context.progress(done, of: total, label) }
    func saveCheckpoint(step: Int, state: [UInt8]) throws { try context.saveCheckpoint(step: step, state: state) }
    func latestCheckpoint() throws -> (step: Int, state: [UInt8])? { try context.latestCheckpoint() }
}

/// The encoder shape shared by every learned solver.
struct ModelArchitecture: ParameterGroupContent {
    @Parameter(default: 64, .integers(2...4096), doc: "hidden width (an even multiple of `heads`)") var hidden: Int
    @Parameter(default: 4, .integers(1...64), doc: "encoder layers") var layers: Int
    @Parameter(default: 4, .integers(1...64), doc: "attention heads (GADSG and the DiGNN and GRLO backbones; unused by GDSG)") var heads: Int

    /// Checks what one declaration cannot: `hidden` is an even multiple of `heads`.
    func checked() throws -> ModelArchitecture {
        guard hidden % 2 == 0, hidden % heads == 0 else {
            throw ArgumentError(parameter: "hidden", message: "`hidden` must be an even multiple of `heads` (\(heads)), not \(hidden)")
        }
        return self
    }
}

/// The optimiser schedule and seed shared by every trainer.
struct TrainingSchedule: ParameterGroupContent {
    @Parameter(default: 50, .integers(1...100_000), doc: "passes over the training set") var epochs: Int
    @Parameter(default: 32, .integers(1...65_536), doc: "instances per optimiser step") var batchSize: Int
    @Parameter(default: 1e-3, .positive(upTo: 10), doc: "AdamW peak learning rate") var learningRate: Double
    @Parameter(.cellSeed, doc: "seed of the initial weights and the batch order") var seed: UInt64
    @ParameterGroup var retention: CheckpointRetention

    /// The supervised trainers' configuration.
    var config: TrainingConfig {
        var config = TrainingConfig()
        config.epochs = epochs
        config.batchSize = batchSize
        config.learningRate = Float(learningRate)
        config.seed = seed
        return config
    }
}

/// Training instances with their exact labels, and validation instances with theirs.
struct LabelledData: ParameterGroupContent {
    @Parameter(doc: "training instances (one scale)") var dataset: LAENetDataset
    @Parameter(doc: "their exact solutions (laenet.solve(…, method: \"exact\"))") var labels: LAENetSolutions
    @Parameter(doc: "validation instances") var validation: LAENetDataset
    @Parameter(doc: "their exact solutions") var validationLabels: LAENetSolutions

    /// The feasible labelled training instances (at least one) and validation instances.
    func instances() throws -> (train: [LabelledInstance], validation: [LabelledInstance]) {
        let train = try LabelledInstance.pairing(dataset, labels, parameter: "labels")
        guard !train.isEmpty else { throw ArgumentError(parameter: "dataset", message: "no feasible labelled training instances") }
        return (train, try LabelledInstance.pairing(validation, validationLabels, parameter: "validation_labels"))
    }
}

extension LabelledInstance {
    /// Pairs instances with their exact solutions; instances without a solution are left out.
    static func pairing(_ dataset: LAENetDataset, _ labels: LAENetSolutions, parameter: String) throws -> [LabelledInstance] {
        guard dataset.instances.count == labels.entries.count else {
            throw ArgumentError(parameter: parameter, message: "labels have \(labels.entries.count) entries for \(dataset.instances.count) instances")
        }
        var out: [LabelledInstance] = []
        for (instance, entry) in zip(dataset.instances, labels.entries) {
            guard let decisions = entry.decisions, entry.cost != nil else { continue }
            let model = LAENetModel(instance)
            guard let scored = model.problem.score(decisions) else {
                throw ArgumentError(parameter: parameter, message: "a label of `\(labels.method)` is infeasible for its instance: labels must come from the same dataset")
            }
            out.append(LabelledInstance(model: model, solution: model.solution(scored), cost: scored.cost))
        }
        return out
    }
}

extension LAENetSolutions {
    /// Solves a dataset with a learned solver chunk by chunk, drawing from one random stream;
    /// `method` names the result (default: the kind); with `generatedShares` each entry also
    /// records the cost with the generated shares.
    static func solving(_ dataset: LAENetDataset, kind: LearnedSolverKind, method: String? = nil, generatedShares: Bool = false,
                        context: any CallContext, label: String, seed: UInt64, stream: String,
                        _ solve: ([LAENetModel], inout RandomSource) -> [DiffusionSolution]) -> LAENetSolutions {
        var rng = RandomSource(seed: seed, stream: stream)
        return solving(dataset, method: method ?? kind.rawValue, context: context, label: label) { models, _ in
            solve(models, &rng).map { s in
                Entry(decisions: s.best?.decisions, cost: s.cost, status: s.best == nil ? "infeasible" : "heuristic", lowerBound: nil,
                      generatedCost: generatedShares ? s.generatedCost : nil)
            }
        }
    }
}
