import LabCore
import Notebook
import Vehicular

/// One decision rule's episodes as the record `vehicular.simulate` returns and the rows
/// `vehicular.sweep` concatenates: a one-row `summary`, a `per_episode` and a `per_slot` table.
///
/// The rule is only a label here, so a learned policy's replays (the second part of
/// docs/vehicular.md) become the same tables as the non-learning methods'.
struct VehicularRunTables {
    /// The decision rule's name, the `method` column.
    var method: String
    /// One replay per episode, in episode order.
    var episodes: [VehicularReplay]
    /// How many final slots the `tail_*` columns average over (at most the episode length).
    var tail: Int
    /// Leading constant columns of every table (a sweep's `setting` and `value`).
    var labels: [Value.Field] = []

    /// The `tail_*` columns: means over vehicles and the last `tail` slots.
    private func tailMeans(_ replay: VehicularReplay) -> (completion: Double, queue: Double) {
        let last = replay.slots.suffix(tail)
        return (Self.mean(last.flatMap(\.completion)), Self.mean(last.flatMap(\.queueAfter)))
    }

    static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

    /// Sample standard deviation (n − 1), 0 for fewer than two values, as `table.mean_std`.
    static func std(_ xs: [Double]) -> Double {
        guard xs.count > 1 else { return 0 }
        let m = mean(xs)
        return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
    }

    /// Per episode: mean completion and queue over vehicles and slots, the tail means, the
    /// queue after the last slot.
    var perEpisodeRecords: [Value] {
        episodes.enumerated().map { e, replay in
            let t = tailMeans(replay)
            return .record(labels + [
                .init("method", .string(method)), .init("episode", .int(e)),
                .init("mean_completion", .number(replay.meanCompletion)), .init("mean_queue", .number(replay.meanQueue)),
                .init("tail_completion", .number(t.completion)), .init("tail_queue", .number(t.queue)),
                .init("final_queue", .number(replay.meanQueueSeries.last ?? 0)),
            ])
        }
    }

    /// Per (episode, slot): the mean queue after the slot and the mean completion time over
    /// vehicles, and `J(t)`.
    var perSlotRecords: [Value] {
        episodes.enumerated().flatMap { e, replay in
            replay.slots.enumerated().map { t, r in
                .record(labels + [
                    .init("method", .string(method)), .init("episode", .int(e)), .init("slot", .int(t)),
                    .init("mean_queue", .number(Self.mean(r.queueAfter))), .init("mean_completion", .number(Self.mean(r.completion))),
                    .init("objective", .number(r.objective)),
                ])
            }
        }
    }

    /// Means over episodes and their sample standard deviations.
    var summaryRecord: Value {
        let completion = episodes.map(\.meanCompletion), queue = episodes.map(\.meanQueue)
        let tails = episodes.map(tailMeans)
        return .record(labels + [
            .init("method", .string(method)), .init("episodes", .int(episodes.count)),
            .init("mean_completion", .number(Self.mean(completion))), .init("completion_std", .number(Self.std(completion))),
            .init("mean_queue", .number(Self.mean(queue))), .init("queue_std", .number(Self.std(queue))),
            .init("tail_completion", .number(Self.mean(tails.map(\.completion)))), .init("tail_completion_std", .number(Self.std(tails.map(\.completion)))),
            .init("tail_queue", .number(Self.mean(tails.map(\.queue)))), .init("tail_queue_std", .number(Self.std(tails.map(\.queue)))),
        ])
    }

    /// The record of `vehicular.simulate`: the summary's numbers as fields, then the three tables.
    func record() throws -> Value {
        let summary = summaryRecord
        guard case .record(let fields) = summary else { return summary }
        return .record(fields + (try Self.tables(summary: [summary], perEpisode: perEpisodeRecords, perSlot: perSlotRecords)))
    }

    /// The three tables as record fields `summary`, `per_episode`, `per_slot`.
    static func tables(summary: [Value], perEpisode: [Value], perSlot: [Value]) throws -> [Value.Field] {
        [.init("summary", .table(try Table.fromRecords(summary))), .init("per_episode", .table(try Table.fromRecords(perEpisode))),
         .init("per_slot", .table(try Table.fromRecords(perSlot)))]
    }
}
