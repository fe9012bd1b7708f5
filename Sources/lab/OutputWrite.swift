import Foundation
import LabCore

/// Writes text to a file given on the command line (`--out`, `-o`); see ``writeOutput(_:to:createFolders:)``.
func writeFile(_ text: String, to path: String) throws {
    try writeOutput(Array(text.utf8), to: path)
}

/// Writes bytes to a file given on the command line, atomically and never through a symlink.
///
/// Every `--out` of `lab` goes through ``OutputFile/write(_:toPath:)`` (temporary file in the same
/// folder, then rename), so a reader sees the old or the new file and a planted symlink at the
/// destination is replaced, not followed. A full disk or quota keeps its exit code 4; any other
/// failure (a missing folder, a folder that is a file, no permission) is a bad argument, exit 2.
/// With `createFolders`, missing folders on the way are created first.
func writeOutput(_ bytes: [UInt8], to path: String, createFolders: Bool = false) throws {
    do {
        if createFolders {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try OutputFile.write(bytes, toPath: path)
    } catch let error as LabError where error.code == .store {
        throw error
    } catch let error as LabError {
        throw LabError(.invalidInput, "cannot write '\(path)': \(error.message) Check that its folder exists and is writable.")
    } catch {
        throw LabError(.invalidInput, "cannot write '\(path)': \(error.localizedDescription). Check that its folder exists and is writable.")
    }
}
