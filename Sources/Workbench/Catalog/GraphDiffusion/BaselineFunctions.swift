import GraphDiffusion
import LabCore
import LAENet
import Learning
import Notebook
import Tensors

/// `dignn.train`
struct DiGNNTrain: Binding {
    static let description = BindingDescription("dignn.train", returns: .library(BaselineModelValue.typeName), memoised: true,
        doc: "Trains DiGNN, the one-shot GNN baseline: the GADSG encoder predicts decisions and shares from the clean graph (no diffusion).\nCross-entropy on the decision bits plus MSE on the shares, AdamW with warm-up and cosine decay; metrics loss, loss_ce, loss_mse per step and validation_cost_ratio, validation_accuracy per epoch, a checkpoint every epoch (a killed run resumes exactly). The model's members are those curves as series.")
    @ParameterGroup var data: LabelledData
    @ParameterGroup var architecture: ModelArchitecture
    @ParameterGroup var schedule: TrainingSchedule

    func call(_ context: any CallContext) throws -> Value {
        let (train, valid) = try data.instances()
        let shape = try architecture.checked()
        let config = schedule.config
        schedule.retention.apply(to: context)
        var rng = RandomSource(seed: config.seed, stream: "dignn-init")
        let model = DiGNN(DiGNN.configuration(hidden: shape.hidden, layers: shape.layers, heads: shape.heads), using: &rng)
        let summary = try DiGNNTrainer.train(model, on: train, validation: valid, config: config, sink: ContextSink(context: context))
        return .library(BaselineModelValue(record: try .trained(.dignn, shape, metrics: DiffusionTraining.metrics, summaryRatio: summary.validationCostRatio,
                                                                parameters: ParameterSet(of: model), context: context)))
    }
}

/// `grlo.train`
struct GRLOTrain: Binding {
    static let description = BindingDescription("grlo.train", returns: .library(BaselineModelValue.typeName), memoised: true,
        doc: "Trains GRLO: a GADSG-encoder policy over {local, feasible links} per user, by REINFORCE against the optimal-share cost with the greedy rollout as baseline.\nInfeasible samples are priced after repair. Metrics loss, sampled_cost, greedy_cost per step and epoch_sampled_cost, validation_cost_ratio, validation_accuracy per epoch, a checkpoint every epoch (a killed run resumes exactly). The model's members are those curves as series.")
    @Parameter(doc: "training instances (one scale; no labels needed)") var dataset: LAENetDataset
    @Parameter(doc: "validation instances") var validation: LAENetDataset
    @Parameter(doc: "their exact solutions (for cost ratios)") var validationLabels: LAENetSolutions
    @ParameterGroup var architecture: ModelArchitecture
    @ParameterGroup var schedule: TrainingSchedule
    @Parameter(default: 4, .integers(1...256), doc: "sampled decision vectors per instance and step (validation: greedy + best of 8)") var samples: Int

    func call(_ context: any CallContext) throws -> Value {
        let train = dataset.instances.map(LAENetModel.init)
        let valid = try LabelledInstance.pairing(validation, validationLabels, parameter: "validation_labels")
        guard !train.isEmpty else { throw ArgumentError(parameter: "dataset", message: "no training instances") }
        let shape = try architecture.checked()
        let supervised = schedule.config
        schedule.retention.apply(to: context)
        var config = GRLOConfig()
        config.epochs = supervised.epochs
        config.batchSize = supervised.batchSize
        config.learningRate = supervised.learningRate
        config.seed = supervised.seed
        config.rolloutSamples = samples
        var rng = RandomSource(seed: config.seed, stream: "grlo-init")
        let policy = GRLOPolicy(GRLOPolicy.configuration(hidden: shape.hidden, layers: shape.layers, heads: shape.heads), using: &rng)
        let summary = try GRLOTrainer.train(policy, on: train, validation: valid, config: config, sink: ContextSink(context: context))
        let metrics = ["loss", "sampled_cost", "greedy_cost", "epoch_sampled_cost", "validation_cost_ratio", "validation_accuracy"]
        return .library(BaselineModelValue(record: try .trained(.grlo, shape, metrics: metrics, summaryRatio: summary.validationCostRatio,
                                                                parameters: ParameterSet(of: policy), context: context)))
    }
}

/// `baseline.solve`
struct BaselineSolve: Binding {
    static let description = BindingDescription("baseline.solve", returns: .library(LAENetSolutions.typeName), memoised: true,
        doc: "Solves every instance with a trained DiGNN or GRLO model: decoding, repair to feasibility, optimal shares, best of the samples.\nThe result is a laenet.solutions value named after the model's kind (dignn or grlo), ready for laenet.evaluate.")
    @Parameter var model: BaselineModelValue
    @Parameter var dataset: LAENetDataset
    @Parameter(default: 8, .integers(1...1024), doc: "DiGNN: the thresholded decoding plus samples − 1 Bernoulli draws; GRLO: the greedy decision plus this many samples") var samples: Int
    @Parameter(.cellSeed, doc: "seed of the sampled decisions") var seed: UInt64

    func call(_ context: any CallContext) throws -> Value {
        let solve: ([LAENetModel], inout RandomSource) -> [DiffusionSolution]
        switch model.header.kind {
        case .dignn:
            let network = try model.dignn()
            solve = { DiGNNSolver(samples: samples).solve($0, model: network, using: &$1) }
        case .grlo:
            let policy = try model.grlo()
            solve = { GRLOSolver(samples: samples).solve($0, policy: policy, using: &$1) }
        case .gadsg, .gdsg:
            throw ArgumentError(parameter: "model", message: "`baseline.solve` takes a DiGNN or GRLO model, not `\(model.header.kind.rawValue)`; solve diffusion models with diffusion.solve")
        }
        return .library(LAENetSolutions.solving(dataset, kind: model.header.kind, context: context, label: "solving", seed: seed, stream: "baseline-solve", solve))
    }
}
