import ArgumentParser

/// `lab demo`: a small deterministic training run (filled in with the Learning target).
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train a small MLP on a 2-D function, deterministically.")
}
