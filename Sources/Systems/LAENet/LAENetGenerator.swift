import Foundation
import LabCore

/// Deterministic instance generator: (scale, profile, seed, index) → instance (docs/laenet.md §6).
///
/// Each instance draws from its own stream `RandomSource(seed:stream:"laenet/<scale>/<profile>/<index>")`,
/// so instance `i` of a batch is the same whether the batch is generated serially, in parallel
/// or one instance at a time. Drawing order per instance: GS positions (x, y) in server order; then
/// per user (ground users first, then aerial users): x, y, W, f, w, redrawn as a whole while the
/// user has no feasible option on its own.
public enum LAENetGenerator {
    /// Workload W ~ normal(4.5e9, 2.5e9) truncated to [1.2e9, 7e9] by redrawing (cycles).
    public static let workload = (mean: 4.5e9, std: 2.5e9, low: 1.2e9, high: 7e9)
    /// Local CPU f ~ normal(3e9, 1.1e9) truncated to [2e9, 6.5e9] (Hz).
    public static let localCPU = (mean: 3e9, std: 1.1e9, low: 2e9, high: 6.5e9)
    /// Delay weight w ~ uniform(0.3, 0.7).
    public static let delayWeight = (low: 0.3, high: 0.7)
    /// Redraws of one user before giving up (never reached with the constants of docs/laenet.md §2).
    public static let maxRedraws = 10_000

    /// Side of the square area: `1000 · sqrt(max(1, S/2))` m for S ground stations.
    public static func areaSide(groundStations: Int) -> Double {
        1000 * max(1, Double(groundStations) / 2).squareRoot()
    }

    /// The random stream of one instance.
    public static func stream(scale: LAENetScale, profile: LAENetProfile, seed: UInt64, index: Int) -> RandomSource {
        RandomSource(seed: seed, stream: "laenet/\(scale)/\(profile.rawValue)/\(index)")
    }

    /// Generates instance `index` of (scale, profile, seed).
    ///
    /// docs/laenet.md §6 only redraws a user with no feasible option of its own, so an instance can
    /// still be jointly infeasible: deadline-forced users whose minimum shares cannot fit on their
    /// servers together (about 10-35% of instances at the largest paper scales). With
    /// `jointlyFeasible: true` a deadline-forced user is also redrawn while the forced users so
    /// far cannot be placed together; this is an extension of docs/laenet.md §6 (§8.1 there), off by default, and
    /// gives the same instance whenever no such redraw happens.
    ///
    /// `constants` replaces the profile's constants (see ``LAENetConstants/overriding(_:)``); the
    /// random stream stays that of (scale, profile, seed, index), so positions and tasks are drawn
    /// the same and differ only where the new constants change which users are redrawn.
    public static func generate(scale: LAENetScale, profile: LAENetProfile, seed: UInt64, index: Int = 0,
                                jointlyFeasible: Bool = false, constants: LAENetConstants? = nil) -> LAENetInstance {
        var rng = stream(scale: scale, profile: profile, seed: seed, index: index)
        let k = constants ?? LAENetConstants(profile: profile)
        let side = areaSide(groundStations: scale.groundStations)
        var servers = [LAENetInstance.Server(kind: .hap, position: [side / 2, side / 2, k.hapAltitudeM],
                                             cpuHz: k.hapCPUHz, activePowerW: k.hapActivePowerW)]
        for _ in 0..<scale.groundStations {
            let x = rng.uniform(0, side), y = rng.uniform(0, side)
            servers.append(.init(kind: .gs, position: [x, y, k.gsAltitudeM], cpuHz: k.gsCPUHz, activePowerW: k.gsActivePowerW))
        }
        var users: [LAENetInstance.User] = []
        var links: [LAENetInstance.Link] = []
        for u in 0..<scale.userCount {
            let aerial = u >= scale.groundUsers
            var attempt = 0
            while true {
                attempt += 1
                let x = rng.uniform(0, side), y = rng.uniform(0, side)
                let w = rng.truncatedNormal(mean: workload.mean, std: workload.std, low: workload.low, high: workload.high)
                let f = rng.truncatedNormal(mean: localCPU.mean, std: localCPU.std, low: localCPU.low, high: localCPU.high)
                let weight = rng.uniform(delayWeight.low, delayWeight.high)
                let user = LAENetInstance.User(kind: aerial ? .au : .gu, position: [x, y, aerial ? k.auAltitudeM : k.guAltitudeM],
                                               workloadCycles: w, cpuHz: f, delayWeight: weight,
                                               txPowerW: aerial ? k.auTxPowerW : k.guTxPowerW)
                var own = [LAENetInstance.Link(user: 0, server: 0)]
                for s in 1..<servers.count where LAENetChannel.distance(user.position, servers[s].position) <= k.gsLinkRadiusM {
                    own.append(.init(user: 0, server: s))
                }
                let probe = LAENetModel(LAENetInstance(constants: k, servers: servers, users: [user], links: own))
                var acceptable = probe.everyUserHasAnOption
                if acceptable && jointlyFeasible && !probe.users[0].localAllowed {
                    let partial = LAENetModel(LAENetInstance(constants: k, servers: servers, users: users + [user],
                                                             links: links + own.map { .init(user: u, server: $0.server) }))
                    acceptable = partial.problem.placeForced(preferring: partial.problem.allLocal) != nil
                }
                if acceptable || attempt >= maxRedraws {
                    users.append(user)
                    links += own.map { .init(user: u, server: $0.server) }
                    break
                }
            }
        }
        // A ground station that no user reaches gets a link from its nearest user (ties: lower index).
        for s in 1..<servers.count where !links.contains(where: { $0.server == s }) && !users.isEmpty {
            var best = 0
            var bestDistance = Double.infinity
            for (u, user) in users.enumerated() {
                let d = LAENetChannel.distance(user.position, servers[s].position)
                if d < bestDistance { (best, bestDistance) = (u, d) }
            }
            links.append(.init(user: best, server: s))
        }
        return LAENetInstance(constants: k, servers: servers, users: users, links: links,
                              profile: profile, scale: scale, seed: seed, index: index)
    }

    /// Generates instances `0..<count` on all cores; equal to generating them one by one.
    public static func generate(scale: LAENetScale, profile: LAENetProfile, seed: UInt64, count: Int,
                                jointlyFeasible: Bool = false, constants: LAENetConstants? = nil) -> [LAENetInstance] {
        ParallelMap.map(count) { generate(scale: scale, profile: profile, seed: seed, index: $0, jointlyFeasible: jointlyFeasible, constants: constants) }
    }
}
