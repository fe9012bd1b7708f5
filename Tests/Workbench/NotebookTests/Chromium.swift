import Foundation
import Testing

/// Headless Chromium (Debian's `chromium` package) for the report screenshot tests, which are
/// skipped with a message when it is absent.
enum Chromium {
    /// The browser's path: `$CHROMIUM` or the first of Debian's names on the PATH.
    static let path: String? = {
        if let explicit = ProcessInfo.processInfo.environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser"] {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
        }
        return nil
    }()

    /// Whether the tests can run.
    static var available: Bool { path != nil }

    /// The message shown when they are skipped.
    static let skipMessage: Comment = "Chromium is not installed (apt-get install chromium, as Scripts/setup.sh does): the report screenshot tests are skipped"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs Chromium headless on a local file with a time limit, returning standard output.
    static func run(_ arguments: [String], file: URL, timeout: TimeInterval = 90) throws -> Data {
        guard let path else { throw Failure(description: "no chromium") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                             "--user-data-dir=\(profile.path)", "--no-first-run"] + arguments + [file.absoluteString]
        let outFile = profile.appendingPathExtension("out")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outFile) }
        let out = try FileHandle(forWritingTo: outFile)
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { process.terminate(); throw Failure(description: "chromium took longer than \(Int(timeout)) s") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try out.close()
        guard process.terminationStatus == 0 else { throw Failure(description: "chromium exited with \(process.terminationStatus)") }
        return try Data(contentsOf: outFile)
    }

    /// The page's DOM after its scripts ran.
    static func dumpDOM(_ file: URL) throws -> String {
        String(decoding: try run(["--dump-dom", "--virtual-time-budget=2000"], file: file), as: UTF8.self)
    }

    /// A PNG of the page's top `height` pixels at `width`.
    static func screenshot(_ file: URL, width: Int = 1100, height: Int) throws -> [UInt8] {
        let png = FileManager.default.temporaryDirectory.appendingPathComponent("shot-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: png) }
        _ = try run(["--window-size=\(width),\(height)", "--screenshot=\(png.path)"], file: file)
        return Array(try Data(contentsOf: png))
    }
}
