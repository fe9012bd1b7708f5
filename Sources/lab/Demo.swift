import ArgumentParser
import Foundation
import LabCore
import Learning

/// `lab demo`: a small deterministic training run that proves the engine learns.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a small MLP on a 2-D function, deterministically.",
        discussion: """
        Fits f(x, y) = sin(πx)·cos(πy) + x·y/2 on [-1, 1]² with a 2-64-64-1 tanh MLP and Adam. \
        Succeeds (exit 0) when the validation MSE on a 21×21 grid is below 2e-3; the same seed \
        always prints the same parameter digest.
        """
    )

    @OptionGroup var blas: BLASOptions

    @Option(help: "Seed for data and initial weights.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Optimiser steps (1...1000000).")
    var steps: Int = 1500

    func run() throws {
        try reportingErrors {
            guard (1...1_000_000).contains(steps) else {
                throw LabError(.invalidInput, "--steps must be in 1...1000000 (got \(steps)); the default 1500 reaches the threshold.")
            }
            blas.apply()
            var config = FunctionFit()
            config.seed = seed
            config.steps = steps
            let start = Date()
            let result = try config.run { step, loss in
                print("step \(String(step).padding(toLength: 5, withPad: " ", startingAt: 0)) training MSE \(String(format: "%.6f", loss))")
            }
            let seconds = Date().timeIntervalSince(start)
            print("validation MSE \(String(format: "%.6f", result.validationMSE)) (threshold 0.002), \(result.parameterCount) parameters, \(String(format: "%.2f", seconds)) s")
            print("parameter digest \(result.parameterDigest.hex)")
            guard result.validationMSE < 2e-3 else {
                throw LabError(.numerical, "the demo did not reach its threshold: validation MSE \(result.validationMSE) ≥ 0.002. Try more --steps; if the default fails, the engine is broken.")
            }
        }
    }
}
