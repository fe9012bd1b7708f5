import ArgumentParser
import LabCore
import Tensors

/// The `lab` command: runs notebooks, the solver library and the store from the shell.
@main
struct Lab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "OffloadLab: reproduce diffusion-based edge-computing offloading papers.",
        version: LabCore.version,
        subcommands: [RunCommand.self, StatusCommand.self, WhyCommand.self, LintCommand.self, RenderCommand.self, FunctionsCommand.self, Doctor.self, Demo.self, CacheCommand.self, PlotCommand.self, LAENetCommand.self, MSCOCommand.self, AIGCCommand.self]
    )

    /// Re-executes with the right OpenBLAS kernels before anything else runs (see ``BLASEnvironment``).
    static func main() {
        BLAS.reexecIfNeeded()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// Runs `body`, turning a ``LabError`` into its message on stderr and its documented exit code.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LabError {
        printError(error.description)
        throw ExitCode(error.code.exitCode)
    }
}

/// Async form of ``reportingErrors(_:)`` for commands that talk to the store actor.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as LabError {
        printError(error.description)
        throw ExitCode(error.code.exitCode)
    }
}
