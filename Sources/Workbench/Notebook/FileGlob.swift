import Foundation
import LabCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files named by a shell-style pattern such as `data/*.json`, relative to a notebook's folder.
///
/// Wildcards (`*`, `?`, `[…]`, as in `fnmatch`) may appear in the last path component only;
/// hidden files match only a pattern that starts with a dot. Matches come back sorted by name,
/// as the pattern spells their folder, so the same files always give the same order.
public enum FileGlob {
    /// The files `pattern` names, relative to `directory`; an error (exit 2) when the pattern
    /// matches nothing or puts a wildcard in a folder name.
    public static func expand(_ pattern: String, relativeTo directory: String) throws -> [String] {
        let slash = pattern.lastIndex(of: "/")
        let folder = slash.map { String(pattern[..<$0]) } ?? ""
        let name = slash.map { String(pattern[pattern.index(after: $0)...]) } ?? pattern
        guard !folder.contains(where: { "*?[".contains($0) }) else {
            throw LabError(.invalidInput, "file pattern '\(pattern)' has a wildcard in a folder name; put wildcards in the file name only, e.g. data/*.json")
        }
        guard !name.isEmpty else { throw LabError(.invalidInput, "file pattern '\(pattern)' names a folder; add a file name such as \(pattern)*.json") }
        let base = pattern.hasPrefix("/") ? (folder.isEmpty ? "/" : folder)
            : (directory.isEmpty ? "." : directory) + (folder.isEmpty ? "" : "/" + folder)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        var isDirectory: ObjCBool = false
        let matches = entries.filter { entry in
            fnmatch(name, entry, FNM_PERIOD) == 0
                && FileManager.default.fileExists(atPath: base + "/" + entry, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
        guard !matches.isEmpty else {
            throw LabError(.invalidInput, "file pattern '\(pattern)' matches no file in '\(base)'; check the path (it is relative to the notebook's folder)")
        }
        let prefix = slash.map { String(pattern[...$0]) } ?? ""
        return matches.map { prefix + $0 }
    }

    /// The full path of a path returned by ``expand(_:relativeTo:)``.
    public static func resolve(_ path: String, relativeTo directory: String) -> String {
        path.hasPrefix("/") ? path : (directory.isEmpty ? "." : directory) + "/" + path
    }

    /// SHA-256 (hex) of each file `pattern` names, by path; one entry naming the problem when the
    /// pattern matches nothing, so the key still changes when files appear.
    public static func digests(_ pattern: String, relativeTo directory: String) -> [String: String] {
        guard let paths = try? expand(pattern, relativeTo: directory) else { return [pattern: "no match"] }
        var out: [String: String] = [:]
        for p in paths {
            out[p] = FileManager.default.contents(atPath: resolve(p, relativeTo: directory)).map { SHA256.hash([UInt8]($0)).hex } ?? "unreadable"
        }
        return out
    }
}
