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

/// Runs the built `lab` with `arguments` (in `directory`, if given) and waits for it.
///
/// `lab` picks its OpenBLAS kernels itself (it re-executes with `OPENBLAS_CORETYPE` set), so the
/// child gets this process's environment unchanged.
@discardableResult
public func runLab(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = try labExecutable()
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
