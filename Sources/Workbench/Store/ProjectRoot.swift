import Foundation

/// The folder a project's outputs are placed relative to: the nearest folder at or above a
/// notebook that holds a `Notebooks/` folder or a `lab.toml` file.
///
/// `Figures/`, `Results/`, `Reports/` and the default store `.lab/store.sqlite` go there, so
/// `lab run ../Notebooks/x.md` from a subfolder writes exactly where `lab run Notebooks/x.md`
/// from the root does. A notebook outside any project uses the current directory. Paths the user
/// gives (`--store`, `--out`, `$LAB_STORE`) stay relative to the current directory.
///
/// ```
/// ProjectRoot.of(notebook: "Notebooks/quickstart.md")    // "." from the repository root
/// ProjectRoot.of(notebook: "quickstart.md")              // ".." from inside Notebooks/
/// ```
public enum ProjectRoot {
    /// The file that marks a project root (its contents are not read).
    public static let markerFile = "lab.toml"
    /// The folder whose presence marks a project root.
    public static let notebooksFolder = "Notebooks"

    /// The nearest folder at or above `directory` (absolute) that holds `Notebooks/` or
    /// `lab.toml`, or nil.
    public static func enclosing(_ directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        let files = FileManager.default
        while true {
            var isDirectory: ObjCBool = false
            if files.fileExists(atPath: url.appendingPathComponent(markerFile).path) { return url.path }
            if files.fileExists(atPath: url.appendingPathComponent(notebooksFolder).path, isDirectory: &isDirectory), isDirectory.boolValue {
                return url.path
            }
            let parent = url.deletingLastPathComponent().standardizedFileURL
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// The project root of the notebook at `notebook` (relative to `currentDirectory`), as a
    /// path relative to the current directory when it is the current directory or above it
    /// (`.`, `..`, `../..`), else absolute.
    public static func of(notebook: String, currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        let file = URL(fileURLWithPath: notebook, relativeTo: cwd).standardizedFileURL
        let root = enclosing(file.deletingLastPathComponent().path) ?? cwd.path
        return display(root, from: cwd.path)
    }

    /// The name a notebook's runs are recorded under in the store: its path relative to its
    /// project root (`Notebooks/x.md`), from whichever folder the command runs.
    ///
    /// `lab run Notebooks/x.md` from the root, `lab run x.md` from `Notebooks/` and
    /// `lab why ../Notebooks/x.md c` from a sibling folder all name `Notebooks/x.md`, so every
    /// command finds the runs of the others. A notebook outside any project is named relative to
    /// the current directory, which is its root (as for its outputs).
    public static func notebookIdentity(_ notebook: String, currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        let file = URL(fileURLWithPath: notebook, relativeTo: cwd).standardizedFileURL.path
        let root = enclosing(URL(fileURLWithPath: file).deletingLastPathComponent().path) ?? cwd.path
        let prefix = root == "/" ? "/" : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    /// Whether a run recorded under `recorded` is of the notebook named `identity`
    /// (``notebookIdentity(_:currentDirectory:)``).
    ///
    /// Runs recorded before identities hold the path as it was typed, almost always from the
    /// project root, so a relative recorded path is read from the root: `./Notebooks/x.md` and
    /// `Notebooks/x.md` agree.
    public static func sameNotebook(recorded: String, identity: String) -> Bool {
        func canonical(_ path: String) -> String {
            URL(fileURLWithPath: path.hasPrefix("/") ? path : "/" + path).standardizedFileURL.path
        }
        return recorded == identity || canonical(recorded) == canonical(identity)
    }

    /// The project root for commands without a notebook (`lab cache`, `lab doctor`): the
    /// nearest marked folder at or above the current directory, else the current directory.
    public static func current(currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        return display(enclosing(cwd) ?? cwd, from: cwd)
    }

    /// `relative` under `root`, without a leading `./` when the root is the current directory.
    public static func path(_ relative: String, under root: String) -> String {
        root == "." ? relative : (root as NSString).appendingPathComponent(relative)
    }

    /// `root` as `.`, `..`, `../..` when it is `cwd` or one of its ancestors, else as given.
    static func display(_ root: String, from cwd: String) -> String {
        if root == cwd { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        guard cwd.hasPrefix(prefix) else { return root }
        let depth = cwd.dropFirst(prefix.count).split(separator: "/").count
        return Array(repeating: "..", count: depth).joined(separator: "/")
    }
}
