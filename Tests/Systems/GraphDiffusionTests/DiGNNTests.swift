import Foundation
import LabCore
import LAENet
import Learning
import Testing
@testable import GraphDiffusion

/// DiGNN: deterministic, resumable training that lowers the loss; one-shot solutions always feasible.
@Suite struct DiGNNTests {
    static func config(epochs: Int) -> TrainingConfig {
        var c = TrainingConfig()
        c.epochs = epochs
        c.batchSize = 8
        c.learningRate = 3e-3
        c.seed = 21
        c.validationSamples = 2
        return c
    }

    static func model(seed: UInt64) -> DiGNN {
        var rng = RandomSource(seed: seed)
        return DiGNN(DiGNN.configuration(hidden: 16, layers: 2, heads: 2), using: &rng)
    }

    @Test func sameSeedSameParametersAndMetrics() throws {
        let data = try BaselineFixtures.labelled(16, seed: 3)
        func run() throws -> (TrainingSummary, MemorySink) {
            let sink = MemorySink()
            let s = try DiGNNTrainer.train(Self.model(seed: 1), on: data, validation: Array(data.prefix(4)), config: Self.config(epochs: 2), sink: sink)
            return (s, sink)
        }
        let (a, sink) = try run(), (b, _) = try run()
        #expect(a.parameterDigest == b.parameterDigest)
        #expect(a.parameterDigest != ParameterSet(of: Self.model(seed: 1)).digest)
        #expect(sink.metrics["loss"]?.count == 4 && sink.metrics["loss_ce"]?.count == 4)
        #expect(sink.metrics["validation_cost_ratio"]?.count == 2)
        #expect(a.validationCostRatio! >= 1 - 1e-9 && a.validationCostRatio!.isFinite)
    }

    @Test func resumedTrainingEndsWithIdenticalParameters() throws {
        let data = try BaselineFixtures.labelled(16, seed: 4)
        let cleanSink = MemorySink()
        let clean = try DiGNNTrainer.train(Self.model(seed: 2), on: data, validation: Array(data.prefix(4)), config: Self.config(epochs: 3), sink: cleanSink)
        let sink = MemorySink()
        sink.failAfterCheckpoints = 1
        #expect(throws: MemorySink.InterruptedTraining.self) {
            try DiGNNTrainer.train(Self.model(seed: 2), on: data, validation: Array(data.prefix(4)), config: Self.config(epochs: 3), sink: sink)
        }
        sink.failAfterCheckpoints = nil
        // A differently initialised model: the checkpoint must overwrite it.
        let resumed = try DiGNNTrainer.train(Self.model(seed: 99), on: data, validation: Array(data.prefix(4)), config: Self.config(epochs: 3), sink: sink)
        #expect(resumed.parameterDigest == clean.parameterDigest)
        #expect(BaselineFixtures.curves(sink) == BaselineFixtures.curves(cleanSink))
        #expect(sink.checkpoints.count == 3)
    }

    @Test func shortTrainingLowersTheLoss() throws {
        let data = try BaselineFixtures.labelled(24, seed: 5)
        let sink = MemorySink()
        _ = try DiGNNTrainer.train(Self.model(seed: 3), on: data, config: Self.config(epochs: 8), sink: sink)
        let losses = sink.metrics["loss"]!.map(\.value)
        #expect(losses.count == 24 && losses.allSatisfy(\.isFinite))
        let first = losses.prefix(3).reduce(0, +) / 3, last = losses.suffix(3).reduce(0, +) / 3
        #expect(last < 0.8 * first, "loss did not fall: \(losses)")
    }

    /// 100 instances of 4 scales; randomised weights and a low threshold so decoding sees several
    /// servers on, Bernoulli samples and forced users; every sample is checked.
    @Test func everySolvedInstanceIsFeasible() {
        for (g, models) in BaselineFixtures.feasibilityGroups().enumerated() {
            let model = Self.model(seed: 10 + UInt64(g))
            if g > 0 { BaselineFixtures.randomise(model, seed: UInt64(g)) }
            var rng = RandomSource(seed: UInt64(g))
            let solved = DiGNNSolver(samples: 4, threshold: g == 3 ? 0.3 : 0.5).solve(models, model: model, using: &rng)
            #expect(solved.count == models.count)
            for (m, s) in zip(models, solved) {
                let failure = BaselineFixtures.problem(with: s, of: m)
                #expect(failure == nil, "\(failure ?? "")")
            }
        }
    }

    @Test func lossIsCrossEntropyPlusShareError() {
        // Two slots: logits (0, 0) against bit 1 and (0, ln 3) against bit 0; shares 0.5 vs 0.25 and 0 vs 0.
        let out = DiGNNOutput(logits: .init(shape: [1, 1, 2, 2], scalars: [0, 0, 0, Float(log(3.0))]),
                              shares: .init(shape: [1, 1, 2], scalars: [0.5, 0]))
        let loss = DiGNN.loss(out, x0: .init(shape: [1, 1, 2], scalars: [1, 0]), y0: .init(shape: [1, 1, 2], scalars: [0.25, 0]))
        #expect(abs(Double(loss.crossEntropy.item) - (log(2.0) + log(4.0 / 1.0)) / 2) < 1e-5)
        #expect(abs(Double(loss.mse.item) - 0.0625 / 2) < 1e-6)
        let masked = DiGNN.loss(out, x0: .init(shape: [1, 1, 2], scalars: [1, 0]), y0: .init(shape: [1, 1, 2], scalars: [0.25, 0]),
                                mask: .init(shape: [1, 1, 2], scalars: [1, 0]))
        #expect(abs(Double(masked.crossEntropy.item) - log(2.0)) < 1e-5)
        #expect(abs(Double(masked.mse.item) - 0.0625) < 1e-6)
    }
}
