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

    func train(_ kind: LearnedSolverKind, ablation: EncoderAblation, _ context: any CallContext) throws -> Value {
        let (train, valid) = try data.instances()
        let shape = try architecture.checked()
        if ablation.positionalEncoding, shape.hidden % 4 != 0 {
            throw ArgumentError(parameter: "positional_encoding", message: "the 2-D positional encoding needs `hidden` divisible by 4, not \(shape.hidden)")
        }
        let config = schedule.config
        schedule.retention.apply(to: context)
        var rng = RandomSource(seed: config.seed, stream: "\(kind.rawValue)-init")
        let denoiser = EncoderDenoiser(try DiffusionModelValue.configuration(kind: kind, hidden: shape.hidden, layers: shape.layers, heads: shape.heads,
                                                                              ablation: ablation), using: &rng)
        let summary = try DiffusionTrainer.train(denoiser, on: train, validation: valid, solver: GraphDiffusionSolver(samples: samples),
                                                 config: config, sink: ContextSink(context: context))
        return .library(DiffusionModelValue(record: try .trained(kind, shape, metrics: Self.metrics, summaryRatio: summary.validationCostRatio,
                                                                 parameters: ParameterSet(of: denoiser), context: context,
                                                                 ablation: ablation == .standard(for: kind) ? nil : ablation)))
    }
}

/// The ablation switches of `gdsg.train` (docs/gadsg.md §8.3); the defaults are GDSG's encoder.
struct GDSGSwitches: ParameterGroupContent {
    @Parameter(default: false, doc: "servers aggregate their users' gated messages (ablation \"GDSG + servers aggregating\"; GDSG's never do)", keyedAtDefault: false) var serverAggregation: Bool
    @Parameter(default: .gdsg, doc: "node inputs: gdsg (the server/user role only) or gadsg (GADSG's node types and features; ablation)", keyedAtDefault: false) var nodeFeatures: NodeEmbedding.Variant
    @Parameter(default: false, doc: "add the paper's 2-D positional encoding of the node positions (ablation; `hidden` divisible by 4)", keyedAtDefault: false) var positionalEncoding: Bool

    /// The switches as an encoder ablation.
    var ablation: EncoderAblation {
        EncoderAblation(serverAggregation: serverAggregation, nodeFeatures: nodeFeatures, edgeGate: true, positionalEncoding: positionalEncoding)
    }
}

/// The ablation switches of `gadsg.train` (docs/gadsg.md §8.3); the defaults are GADSG's encoder.
struct GADSGSwitches: ParameterGroupContent {
    @Parameter(default: true, doc: "the per-head edge gate of eq. 30 (false: ablation \"GADSG without the edge gate\")", keyedAtDefault: false) var edgeGate: Bool
    @Parameter(default: true, doc: "servers attend over their users (false: ablation \"GADSG without server aggregation\")", keyedAtDefault: false) var serverAggregation: Bool
    @Parameter(default: false, doc: "add the paper's 2-D positional encoding of the node positions (ablation; `hidden` divisible by 4)", keyedAtDefault: false) var positionalEncoding: Bool

    /// The switches as an encoder ablation.
    var ablation: EncoderAblation {
        EncoderAblation(serverAggregation: serverAggregation, nodeFeatures: .gadsg, edgeGate: edgeGate, positionalEncoding: positionalEncoding)
    }
}

/// `gadsg.train`
struct GADSGTrain: Binding {
    static let description = BindingDescription("gadsg.train", returns: .library(DiffusionModelValue.typeName), memoised: true,
                                                doc: DiffusionTraining.doc("GADSG (graph attention)"))
    @ParameterGroup var training: DiffusionTraining
    @ParameterGroup var switches: GADSGSwitches

    func call(_ context: any CallContext) throws -> Value { try training.train(.gadsg, ablation: switches.ablation, context) }
}

/// `gdsg.train`
struct GDSGTrain: Binding {
    static let description = BindingDescription("gdsg.train", returns: .library(DiffusionModelValue.typeName), memoised: true,
                                                doc: DiffusionTraining.doc("GDSG (gated GCN)"))
    @ParameterGroup var training: DiffusionTraining
    @ParameterGroup var switches: GDSGSwitches

    func call(_ context: any CallContext) throws -> Value { try training.train(.gdsg, ablation: switches.ablation, context) }
}

/// `diffusion.solve`
struct DiffusionSolve: Binding {
    static let description = BindingDescription("diffusion.solve", returns: .library(LAENetSolutions.typeName), version: 2, memoised: true,
        doc: "Solves every instance with a trained diffusion model: P samples, decoding, repair to feasibility, optimal shares, best of P.\nEach instance also records the cost with the shares the model generated, repaired only as far as feasibility needs (docs/gadsg.md §9.2), best of P under that pricing: laenet.evaluate reports it as generated_cost and generated_ratio. The result is a laenet.solutions value named after the model's kind (with its ablation switches, e.g. `gadsg[edge_gate=false]`), ready for laenet.evaluate.")
    @Parameter var model: DiffusionModelValue
    @Parameter var dataset: LAENetDataset
    @Parameter(default: 8, .integers(1...1024), doc: "P parallel samples; the cheapest repaired one is kept") var samples: Int
    @Parameter(default: 5, .integers(1...1000), doc: "inference steps (cosine-spaced)") var steps: Int
    @Parameter(.cellSeed, doc: "seed of the sampling noise") var seed: UInt64

    func call(_ context: any CallContext) throws -> Value {
        let solver = GraphDiffusionSolver(sampler: DiffusionSampler(inferenceSteps: steps), samples: samples)
        let denoiser = try model.denoiser()
        return .library(LAENetSolutions.solving(dataset, kind: model.header.kind, method: model.methodName, generatedShares: true,
                                                context: context, label: "sampling", seed: seed, stream: "diffusion-solve") { models, rng in
            Tensor.withoutGrad { solver.solve(models, denoiser: denoiser, using: &rng) }
        })
    }
}
