/// The edge server's FIFO queue of remaining processing times, in seconds.
///
/// Offloaded tasks are appended in upload-time order; a new task's completion time includes the
/// sum of everything queued (itself included). Each step the queue drains
/// ``MECConstants/drainPerStep`` seconds of work front to back, exactly as the repository's
/// `update_task_sum_process_time`: a task whose remainder fits in the budget is finished and the
/// rest of the budget passes on; the first task that does not fit keeps the difference. The
/// repository also queues local tasks (with zero time) and keeps finished tasks until a later
/// partial drain; zero entries change no sum, so this queue stores only positive remainders.
///
/// The repository re-adds the whole queue front to back for every offloaded task. Appending `x`
/// to a list whose front-to-back sum is `s` gives the front-to-back sum `s + x` exactly, so the
/// sum is kept up to date on appends and recomputed front to back only after a drain: the same
/// bits in O(U + queue length) per step instead of O(U · queue length).
struct MECEdgeQueue: Sendable, Hashable {
    /// Remaining processing times, front first (all positive).
    private(set) var remaining: [Double] = []
    /// Front-to-back sum of ``remaining``.
    private(set) var backlog = 0.0

    /// Creates an empty queue with room for `capacity` tasks.
    init(capacity: Int) { remaining.reserveCapacity(capacity) }

    /// Appends a task's processing time (zero times are not stored).
    mutating func append(_ seconds: Double) {
        if seconds != 0 {
            remaining.append(seconds)
            backlog += seconds
        }
    }

    /// Removes every task.
    mutating func removeAll() {
        remaining.removeAll(keepingCapacity: true)
        backlog = 0
    }

    /// Processes `budget` seconds of work in FIFO order.
    mutating func drain(_ budget: Double) {
        var left = budget
        var finished = 0
        for i in remaining.indices {
            let rest = remaining[i] - left
            if rest <= 0 {
                finished += 1
                left = abs(rest)
            } else {
                remaining[i] = rest
                break
            }
        }
        if finished > 0 { remaining.removeFirst(finished) }
        var s = 0.0
        for x in remaining { s += x }
        backlog = s
    }
}
