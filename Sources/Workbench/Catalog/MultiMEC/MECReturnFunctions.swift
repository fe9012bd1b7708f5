import Foundation
import LabCore
import MultiMEC
import Notebook

/// `multimec.returns`
struct MECReturnsBinding: Binding {
    static let description = BindingDescription("multimec.returns", returns: .table,
        doc: "Every episode of the dataset with its return, raw and normalised per environment.\nOne row per episode in dataset order: environment, environment_index, episode (its index in its run), return, normalized_return, length, completed (1 when all 20 steps were played), cost. normalized_return is min–max per environment: (R − min R) / (max R − min R) over that environment's episodes, so 0 is its worst episode and 1 its best (0 for all when they are equal).")
    @Parameter(doc: "a multimec.dataset") var dataset: MECDatasetValue

    func call(_ context: any CallContext) throws -> Value { .table(try MECReturnRows(dataset.dataset).table()) }
}

/// `multimec.return_histogram`
struct MECReturnHistogramBinding: Binding {
    static let description = BindingDescription("multimec.return_histogram", returns: .table,
        doc: "Histogram of the normalised episode returns of each environment (multimec.returns), for plot.bars.\nOne row per (environment, bin): environment, bin (0-based), bin_low, bin_high, bin_label (bin_low with 2 decimals), count and fraction of the environment's episodes. Bins split [0, 1] evenly; the last one includes 1.")
    @Parameter(doc: "a multimec.dataset") var dataset: MECDatasetValue
    @Parameter(default: 10, .integers(1...1_000), doc: "bins over [0, 1]") var bins: Int

    func call(_ context: any CallContext) throws -> Value {
        let rows = MECReturnRows(dataset.dataset)
        var env: [String] = [], bin: [Double] = [], low: [Double] = [], high: [Double] = [], label: [String] = [], count: [Double] = [], fraction: [Double] = []
        for (e, environment) in dataset.dataset.environments.enumerated() {
            let values = rows.indices(of: e).map { rows.normalized[$0] }
            var counts = Array(repeating: 0, count: bins)
            for v in values { counts[min(bins - 1, max(0, Int(v * Double(bins))))] += 1 }
            for b in 0..<bins {
                env.append(environment.description)
                bin.append(Double(b))
                low.append(Double(b) / Double(bins))
                high.append(Double(b + 1) / Double(bins))
                label.append(String(format: "%.2f", Double(b) / Double(bins)))
                count.append(Double(counts[b]))
                fraction.append(values.isEmpty ? 0 : Double(counts[b]) / Double(values.count))
            }
        }
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("environment", .strings(env)), .init("bin", .numbers(bin)), .init("bin_low", .numbers(low)),
                       .init("bin_high", .numbers(high)), .init("bin_label", .strings(label)), .init("count", .numbers(count)),
                       .init("fraction", .numbers(fraction))])
        })
    }
}

/// `multimec.curves`
struct MECCurvesBinding: Binding {
    static let description = BindingDescription("multimec.curves", returns: .table,
        doc: "The SAC learning curves held in a dataset: each environment's episodes in run order, with trailing moving averages.\nOne row per episode: environment, episode, return, return_smoothed, cost, cost_smoothed, completed (1 when all 20 steps were played), completed_smoothed (the fraction of completed episodes). A smoothed value is the mean over the last `window` episodes of that environment, fewer at the start.")
    @Parameter(doc: "a multimec.dataset") var dataset: MECDatasetValue
    @Parameter(default: 50, .integers(1...1_000_000), doc: "episodes per moving average") var window: Int

    func call(_ context: any CallContext) throws -> Value {
        let d = dataset.dataset
        var env: [String] = [], episode: [Double] = [], ret: [Double] = [], cost: [Double] = [], done: [Double] = []
        var retS: [Double] = [], costS: [Double] = [], doneS: [Double] = []
        for (e, environment) in d.environments.enumerated() {
            let own = d.episodeIndices(of: e).map { d.episodes[$0] }
            let r = own.map(\.episodeReturn), c = own.map(\.meanCost), f = own.map { $0.completed ? 1.0 : 0.0 }
            env += Array(repeating: environment.description, count: own.count)
            episode += own.map { Double($0.runIndex) }
            ret += r; cost += c; done += f
            retS += Self.trailingMean(r, window: window); costS += Self.trailingMean(c, window: window); doneS += Self.trailingMean(f, window: window)
        }
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("environment", .strings(env)), .init("episode", .numbers(episode)), .init("return", .numbers(ret)),
                       .init("return_smoothed", .numbers(retS)), .init("cost", .numbers(cost)), .init("cost_smoothed", .numbers(costS)),
                       .init("completed", .numbers(done)), .init("completed_smoothed", .numbers(doneS))])
        })
    }

    /// The mean of each value and up to `window − 1` before it.
    static func trailingMean(_ values: [Double], window: Int) -> [Double] {
        var sum = 0.0
        return values.indices.map { i in
            sum += values[i]
            if i >= window { sum -= values[i - window] }
            return sum / Double(min(i + 1, window))
        }
    }
}

/// The per-episode numbers of `multimec.returns`, with the normalisation.
struct MECReturnRows {
    let dataset: MECOfflineDataset
    /// Each episode's return and its min–max normalisation within its environment.
    let returns: [Double], normalized: [Double]

    init(_ dataset: MECOfflineDataset) {
        self.dataset = dataset
        returns = dataset.episodes.map(\.episodeReturn)
        var low: [Int: Double] = [:], high: [Int: Double] = [:]
        for (ep, r) in zip(dataset.episodes, returns) {
            low[ep.environment] = min(low[ep.environment] ?? r, r)
            high[ep.environment] = max(high[ep.environment] ?? r, r)
        }
        normalized = zip(dataset.episodes, returns).map { ep, r in
            let lo = low[ep.environment] ?? r, span = (high[ep.environment] ?? r) - lo
            return span > 0 ? (r - lo) / span : 0
        }
    }

    /// Indices of environment `e`'s episodes.
    func indices(of e: Int) -> [Int] { dataset.episodes.indices.filter { dataset.episodes[$0].environment == e } }

    func table() throws -> Table {
        let eps = dataset.episodes
        return try tableOperation { () throws(TableError) in
            try Table([.init("environment", .strings(eps.map { dataset.environments[$0.environment].description })),
                       .init("environment_index", .numbers(eps.map { Double($0.environment) })),
                       .init("episode", .numbers(eps.map { Double($0.runIndex) })), .init("return", .numbers(returns)),
                       .init("normalized_return", .numbers(normalized)), .init("length", .numbers(eps.map { Double($0.length) })),
                       .init("completed", .numbers(eps.map { $0.completed ? 1 : 0 })), .init("cost", .numbers(eps.map(\.meanCost)))])
        }
    }
}
