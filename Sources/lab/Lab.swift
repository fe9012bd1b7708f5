import ArgumentParser
import LabCore
import Tensors

/// The `lab` command: runs notebooks, the solver library and the store from the shell.
@main
struct Lab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "OffloadLab: reproduce diffusion-based edge-computing offloading papers.",
        discussion: """
        Start with `lab run Notebooks/quickstart.md`, then `lab render Notebooks/quickstart.md`.

        Exit codes:
          0  success
          1  a notebook cell failed (its dependents were blocked), or an unexpected failure
          2  usage or static error: bad notebook, instance file, parameter or argument (nothing ran)
          3  refused (stale render) or the environment lacks something (lab doctor says what)
          4  the store could not be opened, read or written
          5  stored or serialized bytes are corrupt or of an unknown version
          6  a computation could not produce a result (infeasible, diverging)
          7  shapes or indices do not fit an operation (a bug in the caller)
          64 the command line does not parse
        """,
        version: LabCore.version,
        subcommands: [RunCommand.self, StatusCommand.self, WhyCommand.self, RunsCommand.self, DiffCommand.self, LintCommand.self, EvalCommand.self, RenderCommand.self, FunctionsCommand.self, Doctor.self, Demo.self, CacheCommand.self, PlotCommand.self, LAENetCommand.self, MSCOCommand.self, AIGCCommand.self, MECCommand.self, VehicularCommand.self]
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
