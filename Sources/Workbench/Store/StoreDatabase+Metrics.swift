import LabCore

extension StoreDatabase {
    /// Upserts `points` and refreshes the affected series summaries, in one transaction.
    ///
    /// A point whose `(key, name, step)` exists replaces it; within `points` the last write of
    /// a step wins. Either the whole batch is kept or none of it.
    public func appendMetrics(_ points: [MetricPoint]) throws {
        if points.isEmpty { return }
        // Last write wins inside the batch, so counting below stays exact.
        var latest: [SeriesStep: Int] = [:]
        for (index, point) in points.enumerated() { latest[SeriesStep(key: point.key, name: point.name, step: point.step)] = index }
        let batch = points.indices.filter { latest[SeriesStep(key: points[$0].key, name: points[$0].name, step: points[$0].step)] == $0 }.map { points[$0] }

        try writeTransaction("record \(batch.count) metric points") {
            var series: [SeriesID: (minStep: Int64, points: [MetricPoint])] = [:]
            for point in batch {
                // Mutate in place: copying the entry out and back would make this quadratic.
                let id = SeriesID(key: point.key, name: point.name)
                series[id, default: (point.step, [])].minStep = min(series[id]?.minStep ?? point.step, point.step)
                series[id]!.points.append(point)
            }
            let summaries = Dictionary(uniqueKeysWithValues: try series.keys.compactMap { id in try seriesSummary(key: id.key, name: id.name).map { (id, $0) } })
            let upsert = try connection.prepare(
                "INSERT INTO metric (cache_key, name, step, value, wall_time) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (cache_key, name, step) DO UPDATE SET value = excluded.value, wall_time = excluded.wall_time",
                doing: "record metric points")
            for point in batch {
                upsert.reset()
                upsert.bind(point.key, at: 1)
                upsert.bind(point.name, at: 2)
                upsert.bind(point.step, at: 3)
                upsert.bind(point.value, at: 4)
                upsert.bind(point.wallTime, at: 5)
                try upsert.step()
            }
            for (id, entry) in series {
                if let old = summaries[id], entry.minStep > old.lastStep {
                    try writeSummary(extend(old, with: entry.points))
                } else if summaries[id] == nil {
                    try writeSummary(extend(nil, with: entry.points, id: id))
                } else {
                    try recomputeSummary(key: id.key, name: id.name)
                }
            }
        }
    }

    /// The summary after appending points that all come after `old`'s last step.
    private func extend(_ old: SeriesSummary?, with points: [MetricPoint], id: SeriesID? = nil) -> SeriesSummary {
        var summary = old ?? SeriesSummary(key: id!.key, name: id!.name, count: 0, firstStep: .max, lastStep: .min, lastValue: .nan, minValue: .nan, maxValue: .nan)
        for point in points {
            summary.count += 1
            summary.firstStep = min(summary.firstStep, point.step)
            if point.step > summary.lastStep {
                summary.lastStep = point.step
                summary.lastValue = point.value
            }
            if !point.value.isNaN {
                summary.minValue = summary.minValue.isNaN ? point.value : min(summary.minValue, point.value)
                summary.maxValue = summary.maxValue.isNaN ? point.value : max(summary.maxValue, point.value)
            }
        }
        return summary
    }

    private func writeSummary(_ summary: SeriesSummary) throws {
        let write = try connection.prepare(
            "INSERT OR REPLACE INTO metric_summary (cache_key, name, count, first_step, last_step, last_value, min_value, max_value, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            doing: "update a metric summary")
        write.bind(summary.key, at: 1)
        write.bind(summary.name, at: 2)
        write.bind(summary.count, at: 3)
        write.bind(summary.firstStep, at: 4)
        write.bind(summary.lastStep, at: 5)
        write.bind(summary.lastValue, at: 6)
        write.bind(summary.minValue, at: 7)
        write.bind(summary.maxValue, at: 8)
        write.bind(now, at: 9)
        try write.step()
    }

    /// Rebuilds one series summary from its points (after a rewrite or a deletion).
    func recomputeSummary(key: String, name: String) throws {
        let aggregate = try connection.prepare(
            "SELECT count(*), min(step), max(step), min(value), max(value), (SELECT value FROM metric WHERE cache_key = ?1 AND name = ?2 ORDER BY step DESC LIMIT 1) FROM metric WHERE cache_key = ?1 AND name = ?2",
            doing: "summarise a metric series")
        aggregate.bind(key, at: 1)
        aggregate.bind(name, at: 2)
        try aggregate.step()
        let count = Int(aggregate.int(0))
        if count == 0 {
            let remove = try connection.prepare("DELETE FROM metric_summary WHERE cache_key = ?1 AND name = ?2", doing: "remove a metric summary")
            remove.bind(key, at: 1)
            remove.bind(name, at: 2)
            try remove.step()
            return
        }
        try writeSummary(SeriesSummary(
            key: key, name: name, count: count, firstStep: aggregate.int(1), lastStep: aggregate.int(2),
            lastValue: aggregate.double(5), minValue: aggregate.double(3), maxValue: aggregate.double(4)))
    }

    /// Deletes every point of `key` with a step greater than `step` (all series), for a clean resume.
    ///
    /// Call it when resuming from a checkpoint at `step`: points the killed run wrote after its
    /// last checkpoint disappear, and the resumed run writes them again.
    public func discardMetrics(key: String, after step: Int64) throws {
        try writeTransaction("discard metric points after step \(step)") {
            let names = try connection.prepare("SELECT DISTINCT name FROM metric WHERE cache_key = ?1 AND step > ?2", doing: "find metric series")
            names.bind(key, at: 1)
            names.bind(step, at: 2)
            var affected: [String] = []
            while try names.step() { affected.append(names.text(0)) }
            let remove = try connection.prepare("DELETE FROM metric WHERE cache_key = ?1 AND step > ?2", doing: "discard metric points")
            remove.bind(key, at: 1)
            remove.bind(step, at: 2)
            try remove.step()
            for name in affected { try recomputeSummary(key: key, name: name) }
        }
    }

    /// The points of one series in step order, optionally limited to `steps`.
    public func series(key: String, name: String, steps: ClosedRange<Int64>? = nil) throws -> [MetricPoint] {
        let query = try connection.prepare(
            "SELECT step, value, wall_time FROM metric WHERE cache_key = ?1 AND name = ?2 AND step BETWEEN ?3 AND ?4 ORDER BY step",
            doing: "read a metric series")
        query.bind(key, at: 1)
        query.bind(name, at: 2)
        query.bind(steps?.lowerBound ?? .min, at: 3)
        query.bind(steps?.upperBound ?? .max, at: 4)
        var out: [MetricPoint] = []
        while try query.step() {
            out.append(MetricPoint(key: key, name: name, step: query.int(0), value: query.double(1), wallTime: query.double(2)))
        }
        return out
    }

    /// The summary of one series, or `nil` if it has no points.
    public func seriesSummary(key: String, name: String) throws -> SeriesSummary? {
        try seriesSummaries(where: "cache_key = ?1 AND name = ?2", key: key, name: name).first
    }

    /// Summaries of every series of `key` (or of the whole store when `key` is `nil`).
    public func seriesSummaries(key: String? = nil) throws -> [SeriesSummary] {
        try seriesSummaries(where: key == nil ? "1" : "cache_key = ?1", key: key, name: nil)
    }

    private func seriesSummaries(where clause: String, key: String?, name: String?) throws -> [SeriesSummary] {
        let query = try connection.prepare(
            "SELECT cache_key, name, count, first_step, last_step, last_value, min_value, max_value FROM metric_summary WHERE \(clause) ORDER BY cache_key, name",
            doing: "read metric summaries")
        if let key { query.bind(key, at: 1) }
        if let name { query.bind(name, at: 2) }
        var out: [SeriesSummary] = []
        while try query.step() {
            out.append(SeriesSummary(
                key: query.text(0), name: query.text(1), count: Int(query.int(2)), firstStep: query.int(3), lastStep: query.int(4),
                lastValue: query.double(5), minValue: query.double(6), maxValue: query.double(7)))
        }
        return out
    }
}

/// A series identity.
struct SeriesID: Hashable {
    var key: String
    var name: String
}

/// One step of one series.
struct SeriesStep: Hashable {
    var key: String
    var name: String
    var step: Int64
}
