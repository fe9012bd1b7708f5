import GraphDiffusion
import LabCore
import LAENet
import Learning
import Notebook
import Tensors

/// Hands a training loop's metrics, progress and checkpoints to the runner's call context.
struct ContextSink: TrainingSink {
    let context: any CallContext
    func metric(_ name: String, step: Int, value: Double) { context.metric(name, step: step, value: value) }
    func progress(_ done: Int, of total: Int, _ label: String) { context.progress(done, of: total, label) }
    func saveCheckpoint(step: Int, state: [UInt8]) throws { try context.saveCheckpoint(step: step, state: state) }
    func latestCheckpoint() throws -> (step: Int, state: [UInt8])? { try context.latestCheckpoint() }
}

extension Catalog {
    /// `gadsg.train`, `gdsg.train`, `diffusion.solve`: the learned solvers of the GADSG paper.
    mutating func registerDiffusion() {
        register(DiffusionModelValue.self)
        for kind in ["gadsg", "gdsg"] {
            register(CatalogFunction(FunctionSignature(
                name: "\(kind).train", parameters: [
                    .init("dataset", .library(LAENetDataset.typeName), doc: "training instances (one scale)"),
                    .init("labels", .library(LAENetSolutions.typeName), doc: "their exact solutions (laenet.solve(…, method: \"exact\"))"),
                    .init("validation", .library(LAENetDataset.typeName), doc: "validation instances"),
                    .init("validation_labels", .library(LAENetSolutions.typeName)),
                    .init("hidden", .int, default: .int(64)), .init("layers", .int, default: .int(4)),
                    .init("heads", .int, default: .int(4), doc: kind == "gadsg" ? "attention heads" : "unused by GDSG"),
                    .init("epochs", .int, default: .int(50)), .init("batch_size", .int, default: .int(32)),
                    .init("learning_rate", .number, default: .number(1e-3)), .init("seed", .int, default: .int(0)),
                    .init("samples", .int, default: .int(4), doc: "P samples per validation instance"),
                ], returns: .library(DiffusionModelValue.typeName), version: 1, memoised: true,
                doc: "Trains a \(kind == "gadsg" ? "GADSG (graph attention)" : "GDSG (gated GCN)") diffusion denoiser on exact labels.\nAdamW with warm-up and cosine decay; metrics loss, loss_ce, loss_mse per step and validation_cost_ratio, validation_accuracy per epoch go to the store, with a checkpoint every epoch (a killed run resumes exactly). The model's members loss, validation_cost_ratio, … are those curves as series."
            )) { args, context in
                let train = try Catalog.labelled(try args.library("dataset", as: LAENetDataset.self), try args.library("labels", as: LAENetSolutions.self))
                let valid = try Catalog.labelled(try args.library("validation", as: LAENetDataset.self), try args.library("validation_labels", as: LAENetSolutions.self))
                guard !train.isEmpty else { throw LabError(.invalidInput, "no feasible labelled training instances") }
                let (hidden, layers, heads) = (try args.int("hidden"), try args.int("layers"), try args.int("heads"))
                guard hidden > 0, layers > 0, heads > 0, hidden % max(heads, 1) == 0 else {
                    throw LabError(.invalidInput, "`hidden` must be a positive multiple of `heads`, `layers` positive")
                }
                var config = TrainingConfig()
                config.epochs = max(1, try args.int("epochs"))
                config.batchSize = max(1, try args.int("batch_size"))
                config.learningRate = Float(try args.number("learning_rate"))
                config.seed = UInt64(max(0, try args.int("seed")))
                var rng = RandomSource(seed: config.seed, stream: "\(kind)-init")
                let denoiser = EncoderDenoiser(DiffusionModelValue.configuration(kind: kind, hidden: hidden, layers: layers, heads: heads), using: &rng)
                let summary = try DiffusionTrainer.train(denoiser, on: train, validation: valid,
                                                         solver: GraphDiffusionSolver(samples: max(1, try args.int("samples"))),
                                                         config: config, sink: ContextSink(context: context))
                var curves: [String: [Double]] = [:], steps: [String: [Int]] = [:]
                for name in ["loss", "loss_ce", "loss_mse", "validation_cost_ratio", "validation_accuracy"] {
                    let s = try context.metricSeries(name)
                    curves[name] = s.map(\.value)
                    steps[name] = s.map(\.step)
                }
                return .library(DiffusionModelValue(
                    header: .init(kind: kind, hidden: hidden, layers: layers, heads: heads, curves: curves, curveSteps: steps,
                                  validationCostRatio: Catalog.finalValidationRatio(curves, summary: summary.validationCostRatio)),
                    parameters: ParameterSet(of: denoiser)))
            })
        }

        register(CatalogFunction(FunctionSignature(
            name: "diffusion.solve", parameters: [
                .init("model", .library(DiffusionModelValue.typeName)), .init("dataset", .library(LAENetDataset.typeName)),
                .init("samples", .int, default: .int(8), doc: "P parallel samples; the cheapest repaired one is kept"),
                .init("steps", .int, default: .int(5), doc: "inference steps (cosine-spaced)"),
                .init("seed", .int, default: .int(0)),
            ], returns: .library(LAENetSolutions.typeName), version: 1, memoised: true,
            doc: "Solves every instance with a trained diffusion model: P samples, decoding, repair to feasibility, optimal shares, best of P.\nThe result is a laenet.solutions value named after the model's kind, ready for laenet.evaluate."
        )) { args, context in
            let model = try args.library("model", as: DiffusionModelValue.self)
            let dataset = try args.library("dataset", as: LAENetDataset.self)
            let sampler = DiffusionSampler(inferenceSteps: max(1, try args.int("steps")))
            let solver = GraphDiffusionSolver(sampler: sampler, samples: max(1, try args.int("samples")))
            let denoiser = try model.denoiser()
            var rng = RandomSource(seed: UInt64(max(0, try args.int("seed"))), stream: "diffusion-solve")
            var entries: [LAENetSolutions.Entry] = []
            let models = dataset.instances.map(LAENetModel.init)
            for start in stride(from: 0, to: models.count, by: 32) {
                let part = Array(models[start..<min(models.count, start + 32)])
                let solved = Tensor.withoutGrad { solver.solve(part, denoiser: denoiser, using: &rng) }
                entries += solved.map { s in
                    .init(decisions: s.best?.decisions, cost: s.cost, status: s.best == nil ? "infeasible" : "heuristic", lowerBound: nil)
                }
                context.progress(entries.count, of: models.count, "sampling")
            }
            return .library(LAENetSolutions(method: model.header.kind, entries: entries))
        })
    }

    /// Pairs instances with their exact solutions; instances without a solution are left out.
    static func labelled(_ dataset: LAENetDataset, _ labels: LAENetSolutions) throws -> [LabelledInstance] {
        guard dataset.instances.count == labels.entries.count else {
            throw LabError(.invalidInput, "labels have \(labels.entries.count) entries for \(dataset.instances.count) instances")
        }
        var out: [LabelledInstance] = []
        for (instance, entry) in zip(dataset.instances, labels.entries) {
            guard let decisions = entry.decisions, entry.cost != nil else { continue }
            let model = LAENetModel(instance)
            guard let scored = model.problem.score(decisions) else {
                throw LabError(.invalidInput, "a label of `\(labels.method)` is infeasible for its instance: labels must come from the same dataset")
            }
            out.append(LabelledInstance(model: model, solution: model.solution(scored), cost: scored.cost))
        }
        return out
    }
}
