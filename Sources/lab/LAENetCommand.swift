import ArgumentParser

/// `lab laenet`: Generate, evaluate and solve LAENet instances.
struct LAENetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "laenet", abstract: "Generate, evaluate and solve LAENet instances.")
}
