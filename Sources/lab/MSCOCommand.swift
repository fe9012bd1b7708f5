import ArgumentParser

/// `lab msco`: Evaluate and solve GDSG MSCO dataset lines.
struct MSCOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "msco", abstract: "Evaluate and solve GDSG MSCO dataset lines.")
}
