import Tensors

/// The agents' inputs of the Dec-POMDP (docs/vehicular.md, "Learners"): 14 features per vehicle,
/// the global state (their concatenation) and the per-model action masks.
extension VehicularObservation {
    /// Features per agent.
    public static let featureWidth = 14
    /// Width of the action space: the most partition candidates of any model (VGG16's 8).
    public static let actionWidth = DNNModel.allCases.map { $0.candidates.count }.max() ?? 1

    /// Vehicle `i`'s local observation `o_i`, in order: `x/road`, `v/25`, `d/500`, `r/40 Mbit/s`,
    /// `f^loc/25`, `Q/10`, `A(t−1)/3`, the model one-hot (AlexNet, ResNet18, VGG16), the mean
    /// queue `/10`, the previous slot's offloading fraction, `F/400`, `V/50`.
    public func features(_ i: Int) -> [Float] {
        let p = slot.parameters, v = vehicles[i], e = slot.entries[i]
        let meanQueue = vehicles.isEmpty ? 0 : vehicles.map(\.queue).reduce(0, +) / Double(vehicles.count)
        var f: [Double] = [v.x / p.roadMeters, v.speed / 25, p.distanceToRSU(x: v.x) / 500, e.rate / 40e6,
                           e.localGFLOPS / 25, e.queue / 10, Double(previousArrivals[i]) / 3]
        f += DNNModel.allCases.map { $0 == e.model ? 1 : 0 }
        f += [meanQueue / 10, previousOffloadFraction, p.rsuGFLOPS / 400, p.lyapunovV / 50]
        return f.map { Float($0) }
    }

    /// The global state `s`: every vehicle's features, vehicle 0 first (`M·14` values).
    public var state: [Float] { (0..<vehicles.count).flatMap(features) }
}

/// Turns stored states into the networks' inputs: agent rows with the agent id appended, and
/// the action masks read back from the model one-hot.
public enum AgentInputs {
    /// Agent rows `[B·M, 14 + M]` of states `[B][M·14]`: `o_i` followed by the one-hot of `i`.
    public static func rows(states: [[Float]], agents m: Int) -> Tensor {
        let w = VehicularObservation.featureWidth, width = w + m
        return Tensor(shape: [states.count * m, width]) { o in
            for i in 0..<o.count { o[i] = 0 }
            for (b, s) in states.enumerated() {
                for a in 0..<m {
                    let row = (b * m + a) * width
                    for j in 0..<w { o[row + j] = s[a * w + j] }
                    o[row + w + a] = 1
                }
            }
        }
    }

    /// Action masks `[B·M, 8]` of states `[B][M·14]`: 1 for each candidate of the agent's model.
    public static func masks(states: [[Float]], agents m: Int) -> Tensor {
        let w = VehicularObservation.featureWidth, a = VehicularObservation.actionWidth
        return Tensor(shape: [states.count * m, a]) { o in
            for (b, s) in states.enumerated() {
                for agent in 0..<m {
                    let count = model(features: s[(agent * w)..<((agent + 1) * w)]).candidates.count
                    for j in 0..<a { o[(b * m + agent) * a + j] = j < count ? 1 : 0 }
                }
            }
        }
    }

    /// The model whose one-hot the features (`o_i`, 14 values) carry.
    public static func model(features: ArraySlice<Float>) -> DNNModel {
        let start = features.startIndex + 7
        let k = (0..<DNNModel.allCases.count).max { features[start + $0] < features[start + $1] } ?? 0
        return DNNModel.allCases[k]
    }
}
