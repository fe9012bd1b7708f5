import GraphDiffusion
import LabCore
import LAENet
import Learning
import Notebook
import Tensors

/// The arguments and the training of `gadsg.train` and `gdsg.train`.
struct DiffusionTraining: ParameterGroupContent {
    @ParameterGroup var data: LabelledData
    @ParameterGroup var architecture: ModelArchitecture
    @ParameterGroup var schedule: TrainingSchedule
    @Parameter(default: 4, .integers(1...256), doc: "P samples per validation instance") var samples: Int

    static let metrics = ["loss", "loss_ce", "loss_mse", "validation_cost_ratio", "validation_accuracy"]

    static func doc(_ model: String) -> String {
        "Trains a \(model) diffusion denoiser on exact labels.\nAdamW with warm-up and cosine decay; metrics loss, loss_ce, loss_mse per step and validation_cost_ratio, validation_accuracy per epoch go to the store, with a checkpoint every epoch (a killed run resumes exactly). The model's members loss, validation_cost_ratio, … are those curves as series."
    }

    func train(_ kind: LearnedSolverKind, _ context: any CallContext) throws -> Value {
        let (train, valid) = try data.instances()
        let shape = try architecture.checked()
        let config = schedule.config
        var rng = RandomSource(seed: config.seed, stream: "\(kind.rawValue)-init")
        let denoiser = EncoderDenoiser(try DiffusionModelValue.configuration(kind: kind, hidden: shape.hidden, layers: shape.layers, heads: shape.heads), using: &rng)
        let summary = try DiffusionTrainer.train(denoiser, on: train, validation: valid, solver: GraphDiffusionSolver(samples: samples),
                                                 config: config, sink: ContextSink(context: context))
        return .library(DiffusionModelValue(record: try .trained(kind, shape, metrics: Self.metrics, summaryRatio: summary.validationCostRatio,
                                                                 parameters: ParameterSet(of: denoiser), context: context)))
    }
}

/// `gadsg.train`
struct GADSGTrain: Binding {
    static let description = BindingDescription("gadsg.train", returns: .library(DiffusionModelValue.typeName), memoised: true,
                                                doc: DiffusionTraining.doc("GADSG (graph attention)"))
    @ParameterGroup var training: DiffusionTraining

    func call(_ context: any CallContext) throws -> Value { try training.train(.gadsg, context) }
}

/// `gdsg.train`
struct GDSGTrain: Binding {
    static let description = BindingDescription("gdsg.train", returns: .library(DiffusionModelValue.typeName), memoised: true,
                                                doc: DiffusionTraining.doc("GDSG (gated GCN)"))
    @ParameterGroup var training: DiffusionTraining

    func call(_ context: any CallContext) throws -> Value { try training.train(.gdsg, context) }
}

/// `diffusion.solve`
struct DiffusionSolve: Binding {
    static let description = BindingDescription("diffusion.solve", returns: .library(LAENetSolutions.typeName), memoised: true,
        doc: "Solves every instance with a trained diffusion model: P samples, decoding, repair to feasibility, optimal shares, best of P.\nThe result is a laenet.solutions value named after the model's kind, ready for laenet.evaluate.")
    @Parameter var model: DiffusionModelValue
    @Parameter var dataset: LAENetDataset
    @Parameter(default: 8, .integers(1...1024), doc: "P parallel samples; the cheapest repaired one is kept") var samples: Int
    @Parameter(default: 5, .integers(1...1000), doc: "inference steps (cosine-spaced)") var steps: Int
    @Parameter(.cellSeed, doc: "seed of the sampling noise") var seed: UInt64

    func call(_ context: any CallContext) throws -> Value {
        let solver = GraphDiffusionSolver(sampler: DiffusionSampler(inferenceSteps: steps), samples: samples)
        let denoiser = try model.denoiser()
        return .library(LAENetSolutions.solving(dataset, kind: model.header.kind, context: context, label: "sampling", seed: seed, stream: "diffusion-solve") { models, rng in
            Tensor.withoutGrad { solver.solve(models, denoiser: denoiser, using: &rng) }
        })
    }
}
