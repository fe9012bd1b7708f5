import LabCore
import Learning
import Notebook

extension Catalog {
    /// `learning.*`: small training runs that exercise metrics, checkpoints and resume.
    mutating func registerLearning() {
        register(CatalogFunction(FunctionSignature(
            name: "learning.function_fit", parameters: [
                .init("steps", .int, default: .int(1500), doc: "optimiser steps"),
                .init("seed", .int, default: .int(1), doc: "seed for data and initial weights"),
                .init("checkpoint_every", .int, default: .int(100), doc: "steps between checkpoints (0: none)"),
            ], returns: .record, version: 1, memoised: true,
            doc: "Trains a 2-64-64-1 tanh MLP on sin(πx)·cos(πy) + x·y/2 with Adam (the engine's demo).\nRecords the training MSE as the metric `training_mse` every 100 steps and checkpoints the parameters and optimiser state; a killed run resumes from the last checkpoint and ends with bit-identical parameters. Returns {validation_mse, final_training_mse, parameters, digest}."
        )) { args, context in
            var config = FunctionFit()
            config.steps = try args.int("steps")
            config.seed = UInt64(max(0, try args.int("seed")))
            guard config.steps > 0 else { throw LabError(.invalidInput, "`steps` must be positive") }
            let every = max(0, try args.int("checkpoint_every"))
            let resume = try context.latestCheckpoint()
            let steps = config.steps
            let result = try config.run(resumeFrom: resume, checkpointEvery: every,
                                        checkpoint: { step, state in try context.saveCheckpoint(step: step, state: state) },
                                        progress: { step, loss in
                                            context.metric("training_mse", step: step, value: Double(loss))
                                            context.progress(step + 1, of: steps, "training")
                                        })
            return .record([
                .init("validation_mse", .number(Double(result.validationMSE))),
                .init("final_training_mse", .number(Double(result.trainingLoss.last?.loss ?? .nan))),
                .init("parameters", .int(result.parameterCount)),
                .init("digest", .string(result.parameterDigest.hex)),
            ])
        })
    }
}
