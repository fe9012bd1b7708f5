import Foundation

/// The channel models of docs/laenet.md §3: G2G, G2H, A2G and A2H gains and the OMA rate.
public enum LAENetChannel {
    /// Which of the four channel models a user/server pair uses.
    public enum Model: String, Sendable, Hashable {
        /// Ground user → ground station: `g = g0 / l²`.
        case g2g
        /// Ground user → HAP: free space + LoS-probability-weighted excess loss.
        case g2h
        /// Aerial user → ground station: same value as G2H's form.
        case a2g
        /// Aerial user → HAP: `32.45 + 20·log10(f_c/1e6) + 20·log10(l/1000)` dB.
        case a2h
    }

    /// The model for a user kind and server kind.
    public static func model(user: LAENetInstance.User.Kind, server: LAENetInstance.Server.Kind) -> Model {
        switch (user, server) {
        case (.gu, .gs): return .g2g
        case (.gu, .hap): return .g2h
        case (.au, .gs): return .a2g
        case (.au, .hap): return .a2h
        }
    }

    /// 3-D Euclidean distance in metres, clamped below at 1 m.
    public static func distance(_ a: [Double], _ b: [Double]) -> Double {
        let dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2]
        return max(1, (dx * dx + dy * dy + dz * dz).squareRoot())
    }

    /// Power gain g (linear) of a link between two positions under `model`.
    public static func gain(_ model: Model, user: [Double], server: [Double], constants k: LAENetConstants) -> Double {
        let l = distance(user, server)
        switch model {
        case .g2g:
            return k.g2gReferenceGain / (l * l)
        case .g2h, .a2g:
            let phi = asin(min(1, abs(user[2] - server[2]) / l)) * 180 / Double.pi
            let rho = 1 / (1 + k.kappa1 * exp(-k.kappa2 * (phi - k.kappa1)))
            let fs = 20 * log10(4 * Double.pi * k.carrierHz * l / k.speedOfLight)
            let loss = model == .g2h
                ? fs + rho * k.etaLoSdB + (1 - rho) * k.etaNLoSdB
                : rho * (fs + k.etaLoSdB) + (1 - rho) * (fs + k.etaNLoSdB)
            return pow(10, -loss / 10)
        case .a2h:
            let loss = 32.45 + 20 * log10(k.carrierHz / 1e6) + 20 * log10(l / 1000)
            return pow(10, -loss / 10)
        }
    }

    /// Shannon rate `B · log2(1 + P·g / σ²)` in bit/s (no interference: OMA).
    public static func rate(gain: Double, txPowerW: Double, constants k: LAENetConstants) -> Double {
        k.bandwidthHz * log2(1 + txPowerW * gain / k.noisePowerW)
    }
}
