import LabCore

/// Settings of the myopic genetic algorithm (docs/vehicular.md §3).
public struct GeneticSettings: Sendable, Hashable {
    /// Individuals per generation.
    public var population = 30
    /// Generations bred after the initial population.
    public var generations = 30
    /// Contestants per tournament (drawn with replacement).
    public var tournament = 3
    /// Probability that two parents are recombined (uniform crossover) rather than copied.
    public var crossover = 0.9
    /// Per-gene mutation probability; nil means `1/M`.
    public var mutation: Double?
    /// Best individuals copied unchanged into the next generation.
    public var elites = 2
    /// Allocation used to score individuals (Algorithm C-1 with 10 iterations in C.7).
    public var allocation = VehicularSlot.Allocation.majorisation(iterations: 10)

    /// The settings of docs/vehicular.md §3.
    public init() {}
}

extension VehicularSlot {
    /// The myopic genetic algorithm (C.7): minimises `J(t)` over the joint option vector.
    ///
    /// Genes are option indices (``options(_:)``). The initial population is the all-local
    /// individual plus random ones; each generation keeps the elites and fills the rest with
    /// children of two tournament winners (uniform crossover with probability `crossover`, else a
    /// copy of the first), each gene then redrawn uniformly with the mutation probability.
    /// Fitness is `−J(t)` under `settings.allocation`. Returns the best individual seen and its
    /// objective under that allocation.
    public func genetic(_ settings: GeneticSettings = GeneticSettings(), random: inout RandomSource) -> (decision: Decision, objective: Double) {
        let opts = (0..<count).map(options)
        let size = max(settings.population, 1)
        let elites = min(max(settings.elites, 0), size)
        let mutation = settings.mutation ?? 1 / Double(max(count, 1))
        func score(_ genes: [Int]) -> Double {
            evaluate(decision(optionIndices: genes, options: opts), allocation: settings.allocation).objective
        }
        let allLocal = (0..<count).map { opts[$0].firstIndex(of: Option(partition: entries[$0].model.allLocalIndex, v2v: false)) ?? 0 }
        var population = [allLocal]
        while population.count < size { population.append(opts.map { random.int(below: $0.count) }) }
        var scores = population.map(score)
        var best = (genes: population[0], objective: scores[0])
        for k in population.indices where scores[k] < best.objective { best = (population[k], scores[k]) }
        func tournamentWinner(_ random: inout RandomSource) -> Int {
            var winner = random.int(below: size)
            for _ in 1..<max(settings.tournament, 1) {
                let other = random.int(below: size)
                if scores[other] < scores[winner] { winner = other }
            }
            return winner
        }
        for _ in 0..<settings.generations {
            let order = population.indices.sorted { (scores[$0], $0) < (scores[$1], $1) }
            var next = order.prefix(elites).map { population[$0] }
            var nextScores = order.prefix(elites).map { scores[$0] }
            while next.count < size {
                let a = population[tournamentWinner(&random)], b = population[tournamentWinner(&random)]
                var child = a
                if random.bernoulli(settings.crossover) {
                    for g in child.indices where random.bernoulli(0.5) { child[g] = b[g] }
                }
                for g in child.indices where random.bernoulli(mutation) { child[g] = random.int(below: opts[g].count) }
                let j = score(child)
                if j < best.objective { best = (child, j) }
                next.append(child)
                nextScores.append(j)
            }
            population = next
            scores = nextScores
        }
        return (decision(optionIndices: best.genes, options: opts), best.objective)
    }
}
