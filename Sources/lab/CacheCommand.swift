import ArgumentParser
import Foundation
import LabCore
import Store

/// `lab cache`: Inspect, verify, collect and export the SQLite store.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect, verify, collect and export the SQLite store.",
        discussion: "Every subcommand takes --store PATH (default: $LAB_STORE or .lab/store.sqlite in the project root: the nearest folder at or above the current one that holds Notebooks/ or lab.toml).",
        subcommands: [CacheList.self, CacheForget.self, CacheStats.self, CacheVerify.self, CacheGC.self, CacheExport.self, CacheStress.self]
    )
}

/// Options shared by the `lab cache` subcommands: which store, and how long to wait for it.
struct StoreLocationOptions: ParsableArguments {
    @Option(help: "Store file (default: $LAB_STORE or .lab/store.sqlite in the project root).")
    var store: String?

    @Option(help: "Seconds to wait while another lab process holds the store's write lock.")
    var busyTimeout: Double = 30

    /// The store path to use.
    var path: String { store ?? StoreOptions.defaultPath(root: ProjectRoot.current()) }

    /// Opens the store; `readOnly` for commands that only look.
    func open(readOnly: Bool) throws -> StoreDatabase {
        try StoreDatabase(path: path, options: StoreOptions(readOnly: readOnly, busyTimeout: busyTimeout))
    }
}

/// Formats byte counts for people: `1.5 MB`.
func formatBytes(_ bytes: Int) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
}

/// Formats a wall time (seconds since 1970) as UTC `yyyy-MM-dd HH:mm:ss`.
func formatTime(_ seconds: Double) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
}
