import ArgumentParser

/// `lab aigc`: Solve and evaluate AIGC offloading and quality-control drops.
struct AIGCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aigc", abstract: "Solve and evaluate AIGC offloading and quality-control drops.")
}
