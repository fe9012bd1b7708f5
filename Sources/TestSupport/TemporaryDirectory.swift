import Foundation

/// A fresh directory under the system's temporary folder, removed with everything in it when the
/// value is released.
///
/// Every test that needs scratch files uses this one helper: `let dir = try TemporaryDirectory()`,
/// then `dir.path("a.json")` or `dir.url`. Permissions a test took away are restored before the
/// removal, so read-only fixtures do not leak.
public final class TemporaryDirectory {
    /// The directory.
    public let url: URL

    /// Creates the directory; `prefix` names it for people reading `/tmp` during a failure.
    public init(_ prefix: String = "offloadlab-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The directory's path.
    public var directoryPath: String { url.path }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit {
        chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }
}
