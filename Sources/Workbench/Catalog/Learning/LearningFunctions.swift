import LabCore
import Learning
import Notebook

/// `learning.*`: small training runs that exercise metrics, checkpoints and resume.
public enum LearningBindings: CatalogSystem {
    public static let bindings: [any Binding.Type] = [FunctionFitBinding.self]
}

/// `learning.function_fit`
struct FunctionFitBinding: Binding {
    static let description = BindingDescription("learning.function_fit", returns: .record, memoised: true,
        doc: "Trains a 2-64-64-1 tanh MLP on sin(πx)·cos(πy) + x·y/2 with Adam (the engine's demo).\nRecords the training MSE as the metric `training_mse` every 100 steps and checkpoints the parameters and optimiser state; a killed run resumes from the last checkpoint and ends with bit-identical parameters. Returns {validation_mse, final_training_mse, parameters, digest}.")
    @Parameter(default: 1500, .integers(1...1_000_000), doc: "optimiser steps") var steps: Int
    @Parameter(.cellSeed, doc: "seed for data and initial weights") var seed: UInt64
    @Parameter(default: 100, .integers(0...1_000_000), doc: "steps between checkpoints (0: none)") var checkpointEvery: Int
    @ParameterGroup var retention: CheckpointRetention

    func call(_ context: any CallContext) throws -> Value {
        retention.apply(to: context)
        var config = FunctionFit()
        config.steps = steps
        config.seed = seed
        let resume = try context.latestCheckpoint()
        let total = steps
        let result = try config.run(resumeFrom: resume, checkpointEvery: checkpointEvery,
                                    checkpoint: { step, state in try context.saveCheckpoint(step: step, state: state) },
                                    progress: { step, loss in
                                        context.metric("training_mse", step: step, value: Double(loss))
                                        context.progress(step + 1, of: total, "training")
                                    })
        return .record([
            .init("validation_mse", .number(Double(result.validationMSE))),
            .init("final_training_mse", .number(Double(result.trainingLoss.last?.loss ?? .nan))),
            .init("parameters", .int(result.parameterCount)),
            .init("digest", .string(result.parameterDigest.hex)),
        ])
    }
}
