import LabCore
import LAENet
import Learning
import Tensors
import Testing
@testable import GraphDiffusion

@Suite struct TrainerTests {
    static func labelled(_ count: Int, seed: UInt64 = 3) throws -> [LabelledInstance] {
        let scale = try LAENetScale.parse("gs2_gu4_au2")
        return LAENetGenerator.generate(scale: scale, profile: .balanced, seed: seed, count: count, jointlyFeasible: true)
            .map(LAENetModel.init).compactMap(LabelledInstance.exact)
    }

    static func config(epochs: Int) -> TrainingConfig {
        var c = TrainingConfig()
        c.epochs = epochs
        c.batchSize = 8
        c.seed = 11
        c.validationSamples = 2
        return c
    }

    @Test func sameSeedSameParametersAndMetricsRecorded() throws {
        let data = try Self.labelled(16)
        func run() throws -> (TrainingSummary, MemorySink) {
            var rng = RandomSource(seed: 5)
            let sink = MemorySink()
            let s = try DiffusionTrainer.train(SlotMLPDenoiser(hidden: 16, using: &rng), on: data, validation: Array(data.prefix(4)),
                                               solver: GraphDiffusionSolver(samples: 2), config: Self.config(epochs: 2), sink: sink)
            return (s, sink)
        }
        let (a, sinkA) = try run(), (b, _) = try run()
        #expect(a.parameterDigest == b.parameterDigest)
        #expect(sinkA.metrics["loss"]?.count == 4)  // 2 epochs × 2 steps
        #expect(sinkA.metrics["validation_cost_ratio"]?.count == 2)
        #expect(a.validationCostRatio! >= 1)
    }

    @Test func resumedTrainingEndsWithIdenticalParameters() throws {
        let data = try Self.labelled(16)
        var rng = RandomSource(seed: 6)
        let cleanSink = MemorySink()
        let validation = Array(data.prefix(4))
        let clean = try DiffusionTrainer.train(SlotMLPDenoiser(hidden: 16, using: &rng), on: data, validation: validation,
                                               config: Self.config(epochs: 3), sink: cleanSink)

        var rng2 = RandomSource(seed: 6)
        let sink = MemorySink()
        sink.failAfterCheckpoints = 1
        #expect(throws: MemorySink.InterruptedTraining.self) {
            try DiffusionTrainer.train(SlotMLPDenoiser(hidden: 16, using: &rng2), on: data, validation: validation, config: Self.config(epochs: 3), sink: sink)
        }
        sink.failAfterCheckpoints = nil
        var rng3 = RandomSource(seed: 99)  // a differently initialised model: the checkpoint must overwrite it
        let resumed = try DiffusionTrainer.train(SlotMLPDenoiser(hidden: 16, using: &rng3), on: data, validation: validation,
                                                 config: Self.config(epochs: 3), sink: sink)
        #expect(resumed.parameterDigest == clean.parameterDigest)
        #expect(BaselineFixtures.curves(sink) == BaselineFixtures.curves(cleanSink))
        #expect(cleanSink.checkpoints.map(\.step) == [2, 4, 6])
    }

    @Test func gadsgEncoderTrainsThroughTheSameLoop() throws {
        let data = try Self.labelled(16)
        var rng = RandomSource(seed: 7)
        let denoiser = EncoderDenoiser(.gadsg(hidden: 16, layers: 2, heads: 2, outputHeads: [2, 1]), using: &rng)
        let sink = MemorySink()
        var c = Self.config(epochs: 6)
        c.learningRate = 3e-3
        let summary = try DiffusionTrainer.train(denoiser, on: data, validation: Array(data.prefix(4)),
                                                 solver: GraphDiffusionSolver(samples: 2), config: c, sink: sink)
        let losses = sink.metrics["loss"]!.map(\.value)
        #expect(losses.allSatisfy { $0.isFinite })
        let firstHalf = losses.prefix(losses.count / 2).reduce(0, +), secondHalf = losses.suffix(losses.count / 2).reduce(0, +)
        #expect(secondHalf < firstHalf, "loss did not fall: \(losses)")
        #expect(summary.validationCostRatio! >= 1 && summary.validationCostRatio!.isFinite)
    }

    /// A learning rate that makes the parameters non-finite ends the run at the first step whose
    /// loss is not finite, with exit 6, before anything non-finite is recorded or checkpointed.
    @Test func divergingLossEndsTrainingWithANumericalError() throws {
        let data = try Self.labelled(16)
        var rng = RandomSource(seed: 8)
        var c = Self.config(epochs: 3)
        c.learningRate = .infinity
        let sink = MemorySink()
        do {
            _ = try DiffusionTrainer.train(SlotMLPDenoiser(hidden: 16, using: &rng), on: data, config: c, sink: sink)
            Issue.record("an infinite learning rate trained to the end")
        } catch let error as LabError {
            #expect(error.code == .numerical && error.code.exitCode == 6)
            #expect(error.message.contains("training diverged at step ") && error.message.contains("`loss"), "\(error.message)")
        }
        #expect(sink.metrics.values.allSatisfy { $0.allSatisfy(\.value.isFinite) })
    }

    @Test func emptyTrainingSetIsAnErrorNotACrash() throws {
        var rng = RandomSource(seed: 9)
        #expect { try DiffusionTrainer.train(SlotMLPDenoiser(hidden: 16, using: &rng), on: [], config: Self.config(epochs: 1), sink: MemorySink()) }
            throws: { ($0 as? LabError)?.code == .invalidInput }
    }

    /// A checkpoint in the format the trainers wrote before the training library (`params/1`:
    /// `model.*`, `adam.*`, `trainer.epochs`) still resumes, to the same parameters.
    @Test func legacyCheckpointStillResumes() throws {
        let data = try Self.labelled(16)
        func model(_ seed: UInt64) -> SlotMLPDenoiser { var rng = RandomSource(seed: seed); return SlotMLPDenoiser(hidden: 16, using: &rng) }
        let clean = try DiffusionTrainer.train(model(6), on: data, config: Self.config(epochs: 3), sink: MemorySink())
        let first = MemorySink()
        first.failAfterCheckpoints = 1
        #expect(throws: MemorySink.InterruptedTraining.self) { try DiffusionTrainer.train(model(6), on: data, config: Self.config(epochs: 3), sink: first) }
        let saved = try TrainingCheckpoint.decode(first.checkpoints[0].state)
        var legacy = saved.tensors.filter { $0.key.hasPrefix("model.") || $0.key.hasPrefix("adam.") }
        legacy["trainer.epochs"] = Tensor([1])
        let sink = MemorySink()
        try sink.saveCheckpoint(step: saved.step, state: ParameterSet(legacy).encoded())
        let resumed = try DiffusionTrainer.train(model(99), on: data, config: Self.config(epochs: 3), sink: sink)
        #expect(resumed.parameterDigest == clean.parameterDigest)
    }
}
