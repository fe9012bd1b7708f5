/// The return-to-go the planner is conditioned on at each step of an episode.
public enum PlannerReturnTarget: Sendable, Hashable {
    /// The same value at every step (the repository evaluates with 6).
    case constant(Float)
    /// A target `R₀` at step 0, carried to step t as a terminal reward received at step 20:
    /// `R_t = R₀·20·γ^{−t}/(20 − t)`, i.e. `G·γ^{19−t}/(20 − t)` with `G = 20·R₀/γ¹⁹`.
    case initial(Float, discount: Float)

    /// The repository's evaluation target, the constant 6.
    public static let repository = PlannerReturnTarget.constant(6)

    /// R_t at step `t` (0…19).
    public func value(atStep t: Int) -> Float {
        switch self {
        case .constant(let v):
            return v
        case .initial(let r0, let gamma):
            var discount: Float = 1
            for _ in 0..<max(t, 0) { discount *= gamma }
            let remaining = Float(MECConstants.stepsPerEpisode - min(max(t, 0), MECConstants.stepsPerEpisode - 1))
            return r0 * Float(MECConstants.stepsPerEpisode) / discount / remaining
        }
    }
}
