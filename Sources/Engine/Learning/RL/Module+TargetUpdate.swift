import LabCore

extension Module {
    /// Moves this target network towards `source` by Polyak averaging: θ′ ← τ·θ + (1 − τ)·θ′ for
    /// every parameter.
    ///
    /// Both modules must have the same structure (the same parameter names and shapes).
    /// - Throws: `.invalidInput` when τ is not in [0, 1]; `.shape` naming the first parameter
    ///   that differs. Nothing is changed when it throws.
    public func softUpdate(toward source: any Module, tau: Float) throws {
        guard tau >= 0, tau <= 1 else { throw LabError(.invalidInput, "the soft-update rate τ must be in [0, 1], got \(tau)") }
        let pairs = try matchedParameters(source)
        for (target, from) in pairs {
            from.value.withUnsafeBufferPointer { s in
                target.update { t in
                    for i in 0..<t.count { t[i] = tau * s[i] + (1 - tau) * t[i] }
                }
            }
        }
    }

    /// Copies `source`'s parameters into this target network: θ′ ← θ.
    ///
    /// - Throws: `.shape` naming the first parameter that differs.
    public func hardUpdate(from source: any Module) throws {
        for (target, from) in try matchedParameters(source) { target.assign(from.value) }
    }

    /// This module's parameters paired with `source`'s by name.
    private func matchedParameters(_ source: any Module) throws -> [(Parameter, Parameter)] {
        let mine = namedParameters(), theirs = source.namedParameters()
        guard mine.count == theirs.count else {
            throw LabError(.shape, "target and source networks differ: \(mine.count) against \(theirs.count) parameters")
        }
        return try zip(mine, theirs).map { a, b in
            guard a.name == b.name, a.parameter.value.shape == b.parameter.value.shape else {
                throw LabError(.shape, "target parameter `\(a.name)` \(a.parameter.value.shape) does not match source `\(b.name)` \(b.parameter.value.shape)")
            }
            return (a.parameter, b.parameter)
        }
    }
}
