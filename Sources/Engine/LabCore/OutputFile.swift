#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files safely: atomically, never through a symlink, never outside a folder.
///
/// Every file `lab` produces (figures, tables, sidecars, reports) is written to a temporary file
/// in the destination folder and renamed over the destination, so a reader sees the old or the
/// new bytes and never half a file. `rename` replaces a symlink at the destination instead of
/// following it, and every folder on the way from the base is checked to be a real directory,
/// so a planted link cannot redirect a write. Unchanged files are not rewritten.
public enum OutputFile {
    /// Writes `bytes` to `base/relative`, creating the folders in between.
    ///
    /// `relative` is a slash-separated path whose components must be plain names (no `..`,
    /// no empty or dot components); each folder it names must be a real directory or absent.
    /// Returns `false` (and writes nothing) when the file already holds exactly these bytes.
    ///
    /// - Throws: ``LabError`` `.store` (exit 4) when the disk or quota is full, `.environment`
    ///   (exit 3) for a symlinked or non-directory folder or a permission problem.
    @discardableResult
    public static func write(_ bytes: [UInt8], to relative: String, under base: String = ".") throws -> Bool {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts where part.isEmpty || part == "." || part == ".." {
            throw LabError(.invalidInput, "cannot write \(relative): output paths must consist of plain names (no empty, `.` or `..` parts)")
        }
        var directory = base
        for part in parts.dropLast() {
            directory += "/" + part
            try ensureDirectory(directory, for: relative)
        }
        let path = directory + "/" + parts[parts.count - 1]
        if existingBytes(path) == bytes { return false }
        try replace(path, with: bytes, inDirectory: directory)
        return true
    }

    /// Writes `bytes` to `path` (any path) atomically, replacing a symlink there rather than
    /// following it. The folder must exist. Returns `false` when the file already holds these bytes.
    @discardableResult
    public static func write(_ bytes: [UInt8], toPath path: String) throws -> Bool {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        if existingBytes(path) == bytes { return false }
        try replace(path, with: bytes, inDirectory: directory)
        return true
    }

    /// The bytes of the regular file at `path` (not following a symlink), or nil.
    public static func existingBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }

    /// Whether `path` itself (not a link's target) is a symbolic link.
    public static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    private static func ensureDirectory(_ directory: String, for relative: String) throws {
        var info = stat()
        if lstat(directory, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            let what = (info.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "not a directory"
            throw LabError(.environment, "cannot write \(relative): \(directory) is \(what); outputs are only written into real folders. Move it aside and run again.")
        }
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw failure(errno, "create the folder \(directory)")
        }
        // Another process may have created something else there in the meantime.
        guard lstat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw LabError(.environment, "cannot write \(relative): \(directory) is not a directory. Move it aside and run again.")
        }
    }

    private static func replace(_ path: String, with bytes: [UInt8], inDirectory directory: String) throws {
        var rng = RandomSource(seed: UInt64(UInt32(bitPattern: getpid())) << 32 ^ UInt64(bitPattern: Int64(bytes.count)) ^ UInt64(UInt(bitPattern: bytes.withUnsafeBytes { Int(bitPattern: $0.baseAddress) })))
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            temporary = directory + "/.lab-tmp-\(String(rng.next(), radix: 36))"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw failure(errno, "write \(path)") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw failure(code, "write \(path)")
            }
            written += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(code, "write \(path)")
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(code, "write \(path)")
        }
    }

    /// The error for a failed system call: a full disk or quota is a store-class failure (exit 4).
    static func failure(_ code: Int32, _ action: String) -> LabError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT:
            return LabError(.store, "could not \(action): \(reason). Free some disk space and run again; the earlier file, if any, is unchanged.")
        case EACCES, EPERM, EROFS:
            return LabError(.environment, "could not \(action): \(reason). Fix the folder's permissions or run from a writable checkout.")
        default:
            return LabError(.environment, "could not \(action): \(reason).")
        }
    }
}
