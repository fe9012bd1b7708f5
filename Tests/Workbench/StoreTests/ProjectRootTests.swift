import Foundation
import Store
import Testing
import TestSupport

/// ``ProjectRoot``: the nearest folder holding `Notebooks/` or `lab.toml`, shown relative to the
/// current directory when it is that directory or above it.
@Suite struct ProjectRootTests {
    @Test func findsTheNearestMarkedFolderAndShowsItRelatively() throws {
        let dir = try TemporaryDirectory("root")
        let files = FileManager.default
        try files.createDirectory(atPath: dir.path("Notebooks/drafts"), withIntermediateDirectories: true)
        try files.createDirectory(atPath: dir.path("tools/inner/x"), withIntermediateDirectories: true)
        try "".write(toFile: dir.path("tools/inner/lab.toml"), atomically: true, encoding: .utf8)
        let root = URL(fileURLWithPath: dir.directoryPath).standardizedFileURL.path
        #expect(ProjectRoot.of(notebook: "Notebooks/a.md", currentDirectory: root) == ".")
        #expect(ProjectRoot.of(notebook: "a.md", currentDirectory: root + "/Notebooks") == "..")
        #expect(ProjectRoot.of(notebook: "a.md", currentDirectory: root + "/Notebooks/drafts") == "../..")
        #expect(ProjectRoot.of(notebook: "../../../Notebooks/a.md", currentDirectory: root + "/tools/inner/x") == "../../..",
                "the notebook's project, not the current directory's")
        #expect(ProjectRoot.of(notebook: "b.md", currentDirectory: root + "/tools/inner/x") == "..", "lab.toml marks a root")
        #expect(ProjectRoot.current(currentDirectory: root + "/tools/inner/x") == "..")
        #expect(ProjectRoot.path(".lab/store.sqlite", under: ".") == ".lab/store.sqlite")
        #expect(ProjectRoot.path(".lab/store.sqlite", under: "..") == "../.lab/store.sqlite")
        #expect(StoreOptions.defaultPath(environment: [:], root: "..") == "../.lab/store.sqlite")
        #expect(StoreOptions.defaultPath(environment: ["LAB_STORE": "s.sqlite"], root: "..") == "s.sqlite", "$LAB_STORE is the user's path")
    }

    @Test func aNotebookOutsideAnyProjectUsesTheCurrentDirectory() throws {
        let dir = try TemporaryDirectory("loose")
        let path = URL(fileURLWithPath: dir.directoryPath).standardizedFileURL.path
        #expect(ProjectRoot.enclosing(path) == nil)
        #expect(ProjectRoot.of(notebook: "nb.md", currentDirectory: path) == ".")
    }
}
