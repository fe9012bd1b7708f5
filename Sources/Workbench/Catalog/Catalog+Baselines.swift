import GraphDiffusion
import LabCore
import LAENet
import Learning
import Notebook
import Tensors

extension Catalog {
    /// `dignn.train`, `grlo.train`, `baseline.solve`: the learned baselines of issue 7 (brief §6, §8.4).
    mutating func registerBaselines() {
        register(BaselineModelValue.self)
        let architecture: [FunctionSignature.Parameter] = [
            .init("hidden", .int, default: .int(64)), .init("layers", .int, default: .int(4)),
            .init("heads", .int, default: .int(4), doc: "attention heads of the GADSG backbone"),
        ]
        let schedule: [FunctionSignature.Parameter] = [
            .init("epochs", .int, default: .int(50)), .init("batch_size", .int, default: .int(32)),
            .init("learning_rate", .number, default: .number(1e-3)), .init("seed", .int, default: .int(0)),
        ]
        register(CatalogFunction(FunctionSignature(
            name: "dignn.train", parameters: [
                .init("dataset", .library(LAENetDataset.typeName), doc: "training instances (one scale)"),
                .init("labels", .library(LAENetSolutions.typeName), doc: "their exact solutions (laenet.solve(…, method: \"exact\"))"),
                .init("validation", .library(LAENetDataset.typeName), doc: "validation instances"),
                .init("validation_labels", .library(LAENetSolutions.typeName)),
            ] + architecture + schedule, returns: .library(BaselineModelValue.typeName), version: 1, memoised: true,
            doc: "Trains DiGNN, the one-shot GNN baseline: the GADSG encoder predicts decisions and shares from the clean graph (no diffusion).\nCross-entropy on the decision bits plus MSE on the shares, AdamW with warm-up and cosine decay; metrics loss, loss_ce, loss_mse per step and validation_cost_ratio, validation_accuracy per epoch, a checkpoint every epoch (a killed run resumes exactly). The model's members are those curves as series."
        )) { args, context in
            let train = try Catalog.labelled(try args.library("dataset", as: LAENetDataset.self), try args.library("labels", as: LAENetSolutions.self))
            let valid = try Catalog.labelled(try args.library("validation", as: LAENetDataset.self), try args.library("validation_labels", as: LAENetSolutions.self))
            guard !train.isEmpty else { throw LabError(.invalidInput, "no feasible labelled training instances") }
            let (hidden, layers, heads) = try Catalog.baselineArchitecture(args)
            var config = TrainingConfig()
            config.epochs = max(1, try args.int("epochs"))
            config.batchSize = max(1, try args.int("batch_size"))
            config.learningRate = Float(try args.number("learning_rate"))
            config.seed = UInt64(max(0, try args.int("seed")))
            var rng = RandomSource(seed: config.seed, stream: "dignn-init")
            let model = DiGNN(DiGNN.configuration(hidden: hidden, layers: layers, heads: heads), using: &rng)
            let summary = try DiGNNTrainer.train(model, on: train, validation: valid, config: config, sink: ContextSink(context: context))
            let (curves, steps) = try Catalog.curves(["loss", "loss_ce", "loss_mse", "validation_cost_ratio", "validation_accuracy"], context)
            return .library(BaselineModelValue(
                header: .init(kind: "dignn", hidden: hidden, layers: layers, heads: heads, curves: curves, curveSteps: steps,
                              validationCostRatio: Catalog.finalValidationRatio(curves, summary: summary.validationCostRatio)),
                parameters: ParameterSet(of: model)))
        })

        register(CatalogFunction(FunctionSignature(
            name: "grlo.train", parameters: [
                .init("dataset", .library(LAENetDataset.typeName), doc: "training instances (one scale; no labels needed)"),
                .init("validation", .library(LAENetDataset.typeName), doc: "validation instances"),
                .init("validation_labels", .library(LAENetSolutions.typeName), doc: "their exact solutions (for cost ratios)"),
            ] + architecture + schedule + [
                .init("samples", .int, default: .int(4), doc: "sampled decision vectors per instance and step (validation: greedy + best of 8)"),
            ], returns: .library(BaselineModelValue.typeName), version: 1, memoised: true,
            doc: "Trains GRLO: a GADSG-encoder policy over {local, feasible links} per user, by REINFORCE against the optimal-share cost with the greedy rollout as baseline.\nInfeasible samples are priced after repair. Metrics loss, sampled_cost, greedy_cost per step and epoch_sampled_cost, validation_cost_ratio, validation_accuracy per epoch, a checkpoint every epoch (a killed run resumes exactly). The model's members are those curves as series."
        )) { args, context in
            let train = try args.library("dataset", as: LAENetDataset.self).instances.map(LAENetModel.init)
            let valid = try Catalog.labelled(try args.library("validation", as: LAENetDataset.self), try args.library("validation_labels", as: LAENetSolutions.self))
            guard !train.isEmpty else { throw LabError(.invalidInput, "no training instances") }
            let (hidden, layers, heads) = try Catalog.baselineArchitecture(args)
            var config = GRLOConfig()
            config.epochs = max(1, try args.int("epochs"))
            config.batchSize = max(1, try args.int("batch_size"))
            config.learningRate = Float(try args.number("learning_rate"))
            config.seed = UInt64(max(0, try args.int("seed")))
            config.rolloutSamples = max(1, try args.int("samples"))
            var rng = RandomSource(seed: config.seed, stream: "grlo-init")
            let policy = GRLOPolicy(GRLOPolicy.configuration(hidden: hidden, layers: layers, heads: heads), using: &rng)
            let summary = try GRLOTrainer.train(policy, on: train, validation: valid, config: config, sink: ContextSink(context: context))
            let (curves, steps) = try Catalog.curves(["loss", "sampled_cost", "greedy_cost", "epoch_sampled_cost",
                                                      "validation_cost_ratio", "validation_accuracy"], context)
            return .library(BaselineModelValue(
                header: .init(kind: "grlo", hidden: hidden, layers: layers, heads: heads, curves: curves, curveSteps: steps,
                              validationCostRatio: Catalog.finalValidationRatio(curves, summary: summary.validationCostRatio)),
                parameters: ParameterSet(of: policy)))
        })

        register(CatalogFunction(FunctionSignature(
            name: "baseline.solve", parameters: [
                .init("model", .library(BaselineModelValue.typeName)), .init("dataset", .library(LAENetDataset.typeName)),
                .init("samples", .int, default: .int(8), doc: "DiGNN: the thresholded decoding plus samples − 1 Bernoulli draws; GRLO: the greedy decision plus this many samples"),
                .init("seed", .int, default: .int(0)),
            ], returns: .library(LAENetSolutions.typeName), version: 1, memoised: true,
            doc: "Solves every instance with a trained DiGNN or GRLO model: decoding, repair to feasibility, optimal shares, best of the samples.\nThe result is a laenet.solutions value named after the model's kind (dignn or grlo), ready for laenet.evaluate."
        )) { args, context in
            let value = try args.library("model", as: BaselineModelValue.self)
            let dataset = try args.library("dataset", as: LAENetDataset.self)
            let samples = max(1, try args.int("samples"))
            var rng = RandomSource(seed: UInt64(max(0, try args.int("seed"))), stream: "baseline-solve")
            let solve: ([LAENetModel], inout RandomSource) -> [DiffusionSolution]
            switch value.header.kind {
            case "dignn":
                let model = try value.dignn()
                solve = { DiGNNSolver(samples: samples).solve($0, model: model, using: &$1) }
            default:
                let policy = try value.grlo()
                solve = { GRLOSolver(samples: samples).solve($0, policy: policy, using: &$1) }
            }
            var entries: [LAENetSolutions.Entry] = []
            let models = dataset.instances.map(LAENetModel.init)
            for start in stride(from: 0, to: models.count, by: 32) {
                let solved = solve(Array(models[start..<min(models.count, start + 32)]), &rng)
                entries += solved.map { s in
                    .init(decisions: s.best?.decisions, cost: s.cost, status: s.best == nil ? "infeasible" : "heuristic", lowerBound: nil)
                }
                context.progress(entries.count, of: models.count, "solving")
            }
            return .library(LAENetSolutions(method: value.header.kind, entries: entries))
        })
    }

    /// `hidden`, `layers`, `heads` of a baseline, checked (hidden a positive multiple of heads).
    static func baselineArchitecture(_ args: Arguments) throws -> (hidden: Int, layers: Int, heads: Int) {
        let (hidden, layers, heads) = (try args.int("hidden"), try args.int("layers"), try args.int("heads"))
        guard hidden > 0, hidden % 2 == 0, layers > 0, heads > 0, hidden % heads == 0 else {
            throw LabError(.invalidInput, "`hidden` must be a positive even multiple of `heads`, `layers` positive")
        }
        return (hidden, layers, heads)
    }

    /// The final validation cost ratio a model header records: the last point of its
    /// `validation_cost_ratio` curve, so a run that resumed from its final checkpoint (and
    /// validated nothing itself) records the same value as the run that trained it; the
    /// trainer's summary only when there is no curve.
    static func finalValidationRatio(_ curves: [String: [Double]], summary: Double?) -> Double? {
        curves["validation_cost_ratio"]?.last ?? summary
    }

    /// The named metric series of this call, as values and steps per name.
    static func curves(_ names: [String], _ context: any CallContext) throws -> ([String: [Double]], [String: [Int]]) {
        var curves: [String: [Double]] = [:], steps: [String: [Int]] = [:]
        for name in names {
            let s = try context.metricSeries(name)
            curves[name] = s.map(\.value)
            steps[name] = s.map(\.step)
        }
        return (curves, steps)
    }
}
