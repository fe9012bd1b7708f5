import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// The OpenBLAS runtime: kernel selection and thread count.
///
/// Debian's OpenBLAS 0.3.21 does not recognise recent Xeons and silently falls back to SSE3
/// ("Prescott") kernels, 4-5× slower. The library reads `OPENBLAS_CORETYPE` in its constructor,
/// before `main`, so the variable must be in the environment when the process starts: the
/// README's commands export it and `lab` re-executes itself once with it set
/// (``reexecIfNeeded()``). ``recommendedCoreType`` is SkylakeX when the CPU has
/// avx512f/bw/dq/vl, Haswell with avx2, and nil otherwise (leave OpenBLAS to decide).
public enum BLAS {
    /// The kernel family OpenBLAS reports it is using (e.g. `SkylakeX`, `Haswell`, `Prescott`).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's build configuration string (version, threading model, max threads).
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config)
    }

    /// Number of threads OpenBLAS uses for one call.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// The `OPENBLAS_CORETYPE` value this CPU should run with, from `/proc/cpuinfo` flags.
    public static var recommendedCoreType: String? {
        coreType(forCPUFlags: cpuFlags)
    }

    /// The core type for a set of CPU flags: SkylakeX needs all of avx512f/bw/dq/vl (it crashes
    /// otherwise), Haswell needs avx2; anything older is left to OpenBLAS.
    public static func coreType(forCPUFlags flags: Set<String>) -> String? {
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
        if flags.contains("avx2") { return "Haswell" }
        return nil
    }

    /// The flags of the first CPU in `/proc/cpuinfo` (empty where that file does not exist).
    public static var cpuFlags: Set<String> {
        guard let text = readSmallFile("/proc/cpuinfo") else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// The CPU model name from `/proc/cpuinfo`, or `unknown`.
    public static var cpuModel: String {
        guard let text = readSmallFile("/proc/cpuinfo") else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingSpaces()
            }
        }
        return "unknown"
    }

    /// True when the running process started with the recommended core type (or none is needed).
    public static var startedWithRecommendedKernels: Bool {
        guard let wanted = recommendedCoreType else { return true }
        return environment("OPENBLAS_CORETYPE") == wanted
    }

    /// Re-executes the current process once with `OPENBLAS_CORETYPE` set, if it is missing.
    ///
    /// Does nothing when the variable is already set (to anything: an explicit user choice wins),
    /// when no core type is recommended, or when the re-exec fails (the process then continues
    /// with whatever kernels OpenBLAS picked, and `lab doctor` shows them).
    public static func reexecIfNeeded() {
        guard environment("OPENBLAS_CORETYPE") == nil, let wanted = recommendedCoreType else { return }
        setenv("OPENBLAS_CORETYPE", wanted, 1)
        var args = CommandLine.arguments.map { strdup($0) }
        args.append(nil)
        execv("/proc/self/exe", &args)
        // execv only returns on failure: carry on in this process.
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    static func readSmallFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
