import ArgumentParser

/// `lab cache`: Inspect, verify, collect and export the SQLite store.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cache", abstract: "Inspect, verify, collect and export the SQLite store.")
}
