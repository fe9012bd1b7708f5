import Foundation

/// Wall-clock time in seconds since 1970, injected so tests are deterministic.
public typealias WallClock = @Sendable () -> Double

/// The system wall clock.
public let systemWallClock: WallClock = { Date().timeIntervalSince1970 }

/// How a store is opened.
///
/// The defaults suit the notebook runner; the CLI opens read-only for `ls`, `stats`, `export`.
public struct StoreOptions: Sendable {
    /// Open without write access: no schema upgrade, every write fails with a clear error.
    public var readOnly: Bool
    /// How long to wait for another process's write lock before giving up, in seconds.
    public var busyTimeout: Double
    /// Upper bound on the file size in bytes (`PRAGMA max_page_count`); `nil` means no limit.
    ///
    /// Reaching it behaves exactly like a full disk: the write fails, nothing of it is kept.
    public var maxBytes: Int?
    /// Wall time source for `created_at`, metric wall times and run timestamps.
    public var clock: WallClock

    /// Creates options.
    public init(readOnly: Bool = false, busyTimeout: Double = 30, maxBytes: Int? = nil, clock: @escaping WallClock = systemWallClock) {
        self.readOnly = readOnly
        self.busyTimeout = busyTimeout
        self.maxBytes = maxBytes
        self.clock = clock
    }

    /// The default store location: `$LAB_STORE`, else `.lab/store.sqlite` in the project root
    /// (see ``ProjectRoot``; `.` is the current directory).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment, root: String = ".") -> String {
        if let path = environment["LAB_STORE"], !path.isEmpty { return path }
        return ProjectRoot.path(".lab/store.sqlite", under: root)
    }
}
