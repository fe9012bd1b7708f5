import Foundation
import LabCore

/// The `lab` executable built next to the running test bundle (`.build/<triple>/debug/lab`),
/// for tests that need a child process (crash, concurrency and command-line tests).
public func labExecutable() throws -> URL {
    let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
    var directory = me.deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("lab")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    throw LabError(.environment, "The lab executable is not next to the test bundle \(me.path); build it first with `swift build --build-tests` (which builds every product).")
}
