import ArgumentParser
import LabCore

/// The `lab` command: runs notebooks, the solver library and the store from the shell.
@main
struct Lab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "OffloadLab: reproduce diffusion-based edge-computing offloading papers.",
        version: LabCore.version
    )
}
