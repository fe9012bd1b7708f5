import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Opt-in timing of every kernel, by source site: set `OFFLOADLAB_PROFILE=1`.
///
/// Every tensor-producing kernel runs inside ``Tensor/init(shape:site:line:filling:)``, which
/// records wall time against the file and line that asked for it. Disabled (the default), the
/// cost is one load of a constant per kernel.
public enum KernelProfiler {
    /// True when `OFFLOADLAB_PROFILE` was set at start-up.
    public static let isEnabled: Bool = getenv("OFFLOADLAB_PROFILE") != nil

    struct Entry: Sendable { var calls = 0; var seconds = 0.0 }
    private static let table = Mutex<[String: Entry]>([:])

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func record(_ site: String, _ seconds: Double) {
        table.withLock { t in
            t[site, default: Entry()].calls += 1
            t[site, default: Entry()].seconds += seconds
        }
    }

    /// Clears the recorded timings.
    public static func reset() { table.withLock { $0 = [:] } }

    /// Recorded sites, slowest first: (site, calls, seconds).
    public static func report() -> [(site: String, calls: Int, seconds: Double)] {
        table.withLock { t in t.map { ($0.key, $0.value.calls, $0.value.seconds) } }.sorted { $0.seconds > $1.seconds }
    }
}
