extension VehicularSlot {
    /// Greedy (C.7): each vehicle independently picks the option minimising its own completion
    /// time, assuming the RSU gives it `F/M` (M = all vehicles) and a V2V neighbour its whole
    /// local compute. Ties go to the earlier option (lower partition index, RSU before V2V).
    public func greedy() -> Decision {
        let share = parameters.rsuGFLOPS / Double(count)
        return decision((0..<count).map { i in
            let opts = options(i)
            var best = opts[0], bestTime = Double.infinity
            for o in opts {
                let c = entries[i].model.candidates[o.partition]
                var t = fixedTime(i, partition: o.partition, v2v: o.v2v)
                if !c.isAllLocal {
                    let helper = o.v2v ? entries[entries[i].neighbour ?? i].localGFLOPS : share
                    t += c.edgeGFLOPs / helper
                }
                if t < bestTime { (best, bestTime) = (o, t) }
            }
            return best
        })
    }

    /// Per-slot drift-plus-penalty coordinate search (C.8): starting from all local, `sweeps`
    /// rounds of best response, vehicle by vehicle in index order, each trying every option and
    /// keeping one only if it lowers `J(t)` under `allocation` (exact by default).
    public func coordinateSearch(sweeps: Int = 2, allocation: Allocation = .exact) -> Decision {
        let opts = (0..<count).map(options)
        var chosen = (0..<count).map { opts[$0].firstIndex(of: Option(partition: entries[$0].model.allLocalIndex, v2v: false)) ?? 0 }
        var best = evaluate(decision(optionIndices: chosen, options: opts), allocation: allocation).objective
        for _ in 0..<sweeps {
            var changed = false
            for i in 0..<count {
                for k in opts[i].indices where k != chosen[i] {
                    var trial = chosen
                    trial[i] = k
                    let j = evaluate(decision(optionIndices: trial, options: opts), allocation: allocation).objective
                    if j < best {
                        (best, chosen) = (j, trial)
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
        return decision(optionIndices: chosen, options: opts)
    }

    /// Largest joint option space ``exhaustive(allocation:)`` enumerates.
    public static let exhaustiveLimit = 1 << 20

    /// The per-slot optimum of `J(t)` over every joint option vector (nil when there are more than
    /// ``exhaustiveLimit``), with its objective. Ties go to the first vector in lexicographic order.
    public func exhaustive(allocation: Allocation = .exact) -> (decision: Decision, objective: Double)? {
        let opts = (0..<count).map(options)
        var size = 1
        for o in opts {
            size *= o.count
            if size > Self.exhaustiveLimit { return nil }
        }
        var digits = Array(repeating: 0, count: count)
        var best: (Decision, Double)?
        for _ in 0..<size {
            let d = decision(optionIndices: digits, options: opts)
            let j = evaluate(d, allocation: allocation).objective
            if j < (best?.1 ?? .infinity) { best = (d, j) }
            for i in 0..<count {
                digits[i] += 1
                if digits[i] < opts[i].count { break }
                digits[i] = 0
            }
        }
        return best
    }
}
