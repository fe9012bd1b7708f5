import Foundation

/// One flat result row: a method on one drop at one sweep point (for notebooks and CSV).
public struct AIGCRecord: Sendable, Hashable, Codable {
    /// Name of the swept quantity (e.g. `edgeCapacity`), or `base`.
    public var sweep: String
    /// Value of the swept quantity (for weight sweeps: the index of the weight set).
    public var value: Double
    /// Human label of the point (e.g. `c=(1,10,1) w=(0.1,0.1)`).
    public var label: String
    /// Drop seed.
    public var seed: UInt64
    /// Number of users.
    public var users: Int
    /// Method name (``AIGCMethod/rawValue``).
    public var method: String
    /// True when the reported costs come from feasible points.
    public var feasible: Bool
    /// Reported objective (mean over draws for randomised baselines).
    public var objective: Double
    /// Mean completion time per user, seconds.
    public var meanTime: Double
    /// Mean generation error per user.
    public var meanError: Double
    /// Total device energy, joules.
    public var energy: Double
    /// Total weighted step utility.
    public var utility: Double
    /// Number of offloaded users (mean over draws for randomised baselines).
    public var offloaded: Double
    /// SCA iterations run (0 for other methods).
    public var iterations: Int
    /// Final edge-step price μ (nil when the method has none).
    public var edgePrice: Double?

    /// Column names of ``csvRow``.
    public static let csvHeader = "sweep,value,label,seed,users,method,feasible,objective,meanTime,meanError,energy,utility,offloaded,iterations,edgePrice"

    /// The record as one CSV line (labels are quoted).
    public var csvRow: String {
        let quoted = "\"" + label.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return "\(sweep),\(value),\(quoted),\(seed),\(users),\(method),\(feasible),\(objective),\(meanTime),\(meanError),\(energy),\(utility),\(offloaded),\(iterations),\(edgePrice.map { String($0) } ?? "")"
    }

    /// The record of `solution` at a sweep point.
    public init(_ solution: AIGCSolution, point: AIGCSweepPoint, seed: UInt64) {
        let r = solution.reported
        self.sweep = point.sweep
        self.value = point.value
        self.label = point.label
        self.seed = seed
        self.users = r.users
        self.method = solution.method.rawValue
        self.feasible = solution.reportedFeasible
        self.objective = r.objective
        self.meanTime = r.meanTime
        self.meanError = r.meanError
        self.energy = r.energy
        self.utility = r.utility
        self.offloaded = r.offloaded
        self.iterations = max(solution.history.count - 1, 0)
        self.edgePrice = solution.edgePrice
    }
}

/// One point of a parameter sweep: a label, a numeric value and the parameters to use.
public struct AIGCSweepPoint: Sendable, Hashable, Codable {
    /// Name of the swept quantity.
    public var sweep: String
    /// Its value at this point.
    public var value: Double
    /// Human label.
    public var label: String
    /// The full parameter set at this point.
    public var parameters: AIGCParameters

    /// Creates a sweep point.
    public init(sweep: String, value: Double, label: String, parameters: AIGCParameters) {
        self.sweep = sweep
        self.value = value
        self.label = label
        self.parameters = parameters
    }
}

/// Parameter sweeps over seeded drops (docs/aigc.md §B.8 figures 3–5), returning flat records.
public enum AIGCSweep {
    /// Points sweeping `S_tot` (figure 3: 40, 60, 80, 100, 150, 200, 300).
    public static func edgeCapacity(_ values: [Double] = [40, 60, 80, 100, 150, 200, 300],
                                    base: AIGCParameters = .default) -> [AIGCSweepPoint] {
        values.map { v in
            var p = base
            p.edgeCapacity = v
            return AIGCSweepPoint(sweep: "edgeCapacity", value: v, label: "S_tot=\(Int(v))", parameters: p)
        }
    }

    /// Points sweeping `S_L` (figure 4: 10…50 at `S_tot` = 100).
    public static func localStepLimit(_ values: [Double] = [10, 20, 30, 40, 50],
                                      base: AIGCParameters = .default) -> [AIGCSweepPoint] {
        values.map { v in
            var p = base
            p.localStepLimit = v
            return AIGCSweepPoint(sweep: "localStepLimit", value: v, label: "S_L=\(Int(v))", parameters: p)
        }
    }

    /// Points over weight sets (figure 5): every (c1, c2, c3) with every (w1, w2).
    public static func weights(costs: [(Double, Double, Double)] = [(1, 10, 1), (5, 10, 1), (1, 50, 1), (1, 10, 5)],
                               utilities: [(Double, Double)] = [(0.1, 0.1), (0, 0.5), (0.5, 0)],
                               base: AIGCParameters = .default) -> [AIGCSweepPoint] {
        var points: [AIGCSweepPoint] = []
        for c in costs {
            for w in utilities {
                var p = base
                (p.timeWeight, p.errorWeight, p.energyWeight) = c
                (p.localUtilityWeight, p.edgeUtilityWeight) = w
                let label = "c=(\(fmt(c.0)),\(fmt(c.1)),\(fmt(c.2))) w=(\(fmt(w.0)),\(fmt(w.1)))"
                points.append(AIGCSweepPoint(sweep: "weights", value: Double(points.count), label: label, parameters: p))
            }
        }
        return points
    }

    /// Solves every method on every seeded drop at every point.
    ///
    /// The drop for a seed has the same users at every point (``AIGCDrop/generate(seed:users:parameters:ranges:)``),
    /// and randomised methods use the drop seed, so all comparisons are paired. Records come out
    /// point-major, then seed, then method in the given order.
    public static func run(points: [AIGCSweepPoint], seeds: [UInt64], users: Int = 8,
                           methods: [AIGCMethod] = AIGCMethod.allCases, ranges: AIGCUserRanges = .default,
                           options: AIGCSCAOptions = .init()) throws -> [AIGCRecord] {
        var records: [AIGCRecord] = []
        for point in points {
            for seed in seeds {
                let drop = AIGCDrop.generate(seed: seed, users: users, parameters: point.parameters, ranges: ranges)
                for method in methods {
                    let solution = try drop.solve(method: method, seed: seed, options: options)
                    records.append(AIGCRecord(solution, point: point, seed: seed))
                }
            }
        }
        return records
    }

    /// Records as CSV text with a header line.
    public static func csv(_ records: [AIGCRecord]) -> String {
        ([AIGCRecord.csvHeader] + records.map(\.csvRow)).joined(separator: "\n") + "\n"
    }

    private static func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

/// Optimality gap of one method against a reference (docs/aigc.md §B.8 table 6).
public struct AIGCGapSummary: Sendable, Hashable, Codable {
    /// Relative gaps `(objective − reference)/|reference|`, one per drop, in seed order.
    public var gaps: [Double]
    /// Mean of ``gaps``.
    public var mean: Double
    /// Largest gap.
    public var max: Double
    /// Fraction of drops with gap ≤ 1%.
    public var withinOnePercent: Double
    /// Fraction of drops solved optimally (gap ≤ 1e-9).
    public var optimal: Double

    /// Compares `method` with `reference` (default: exhaustive) on drops of the given seeds.
    public static func compare(seeds: [UInt64], users: Int = 8, parameters: AIGCParameters = .default,
                               method: AIGCMethod = .proposed, reference: AIGCMethod = .exhaustive) throws -> AIGCGapSummary {
        var gaps: [Double] = []
        for seed in seeds {
            let drop = AIGCDrop.generate(seed: seed, users: users, parameters: parameters)
            let a = try drop.solve(method: method, seed: seed).reported.objective
            let b = try drop.solve(method: reference, seed: seed).reported.objective
            gaps.append((a - b) / Swift.max(abs(b), 1e-12))
        }
        return AIGCGapSummary(gaps: gaps)
    }

    /// Summarises a list of relative gaps.
    public init(gaps: [Double]) {
        self.gaps = gaps
        let k = Double(Swift.max(gaps.count, 1))
        self.mean = gaps.reduce(0, +) / k
        self.max = gaps.max() ?? 0
        self.withinOnePercent = Double(gaps.filter { $0 <= 0.01 }.count) / k
        self.optimal = Double(gaps.filter { $0 <= 1e-9 }.count) / k
    }
}
