import LabCore
import Learning
import Tensors
import Testing

/// A trainer whose loss is 1/(3 − k) at step k: finite, then infinite at step 3 (0-based 2 ... 3).
struct Diverging: Trainer {
    var calls = 0
    var metricNames: [String] { ["loss"] }
    mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
        calls += 1
        return [("loss", step == 3 ? .nan : 1 / Double(3 - step))]
    }
    func save(into checkpoint: inout TrainingCheckpoint) { checkpoint.words["calls"] = [UInt64(calls)] }
    mutating func restore(from checkpoint: TrainingCheckpoint) throws { calls = Int(try checkpoint.words("calls", count: 1)[0]) }
}

@Suite struct TrainingLoopTests {
    @Test func nonFiniteMetricEndsTheRunWithANumericalErrorNamingStepAndMetric() throws {
        var trainer = Diverging()
        let sink = MemorySink()
        do {
            try TrainingLoop(steps: 10, checkpointEvery: 2).run(&trainer, sink: sink)
            Issue.record("a NaN loss did not stop training")
        } catch let error as LabError {
            #expect(error.code == .numerical && error.code.exitCode == 6)
            #expect(error.message.contains("step 4") && error.message.contains("`loss`"), "\(error.message)")
        }
        #expect(sink.metrics["loss"]?.count == 3)  // the NaN point is not recorded
        #expect(sink.checkpoints.map(\.step) == [2])  // the last good checkpoint is kept
    }

    @Test func functionFitWithAnInfiniteLearningRateStopsWithExitSix() {
        var fit = FunctionFit()
        (fit.steps, fit.trainingPoints, fit.learningRate) = (20, 32, .infinity)
        #expect(throws: LabError.self) { try fit.train(sink: MemorySink(), checkpointEvery: 5) }
        do { _ = try fit.run() } catch let error as LabError {
            #expect(error.code == .numerical && error.message.contains("training_mse"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func checkpointsFallEveryPeriodAndOptionallyAtTheEnd() {
        let every = TrainingLoop(steps: 10, checkpointEvery: 4)
        #expect((1...10).filter(every.isCheckpoint(after:)) == [4, 8, 10])
        let noEnd = TrainingLoop(steps: 8, checkpointEvery: 4, checkpointAtEnd: false)
        #expect((1...8).filter(noEnd.isCheckpoint(after:)) == [4])
        #expect((1...5).filter(TrainingLoop(steps: 5, checkpointEvery: 0).isCheckpoint(after:)) == [5])
    }

    @Test func checkpointCodecRoundTripsAndRejectsDamage() throws {
        var c = TrainingCheckpoint(step: 42)
        c.words["rng"] = RandomSource(seed: 3).state
        c.words["empty"] = []
        c.tensors["w"] = Tensor(shape: [2, 2], scalars: [1, -2, .pi, 0])
        let bytes = c.encoded()
        let back = try TrainingCheckpoint.decode(bytes)
        #expect(back == c && back.step == 42 && back.words["rng"] == c.words["rng"] && back.words["empty"] == [])
        for damaged in [Array(bytes.dropLast(3)), [0x00] + bytes.dropFirst(), Array(bytes.prefix(10))] {
            #expect { try TrainingCheckpoint.decode(damaged) } throws: { ($0 as? LabError)?.code == .corrupt }
        }
        #expect { try c.words("missing") } throws: { ($0 as? LabError)?.code == .corrupt }
    }

    @Test func checkpointFromAnotherRunLengthIsRefused() throws {
        var trainer = Diverging()
        let sink = MemorySink()
        try sink.saveCheckpoint(step: 12, state: TrainingCheckpoint(step: 12, words: ["calls": [1]]).encoded())
        #expect { try TrainingLoop(steps: 10, checkpointEvery: 2).run(&trainer, sink: sink) } throws: { ($0 as? LabError)?.code == .invalidInput }
    }

    /// The function-fit kind: interrupted after two checkpoints and resumed, it ends with the
    /// parameters and curve of an uninterrupted run.
    @Test func functionFitResumesBitIdentically() throws {
        var fit = FunctionFit()
        (fit.steps, fit.trainingPoints) = (250, 64)
        let cleanSink = MemorySink()
        let clean = try fit.train(sink: cleanSink, checkpointEvery: 60)
        #expect(cleanSink.checkpoints.map(\.step) == [60, 120, 180, 240])
        let sink = MemorySink()
        sink.failAfterCheckpoints = 2
        #expect(throws: MemorySink.InterruptedTraining.self) { try fit.train(sink: sink, checkpointEvery: 60) }
        sink.failAfterCheckpoints = nil
        let resumed = try fit.train(sink: sink, checkpointEvery: 60)
        #expect(resumed.parameterDigest == clean.parameterDigest && resumed.validationMSE == clean.validationMSE)
        #expect(MetricCurves(sink) == MetricCurves(cleanSink))
        #expect(cleanSink.metrics["training_mse"]?.map(\.step) == [1, 101, 201, 250])
    }
}
