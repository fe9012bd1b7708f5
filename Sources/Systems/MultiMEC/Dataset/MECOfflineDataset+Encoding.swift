import LabCore

extension MECOfflineDataset {
    /// The codec name of encoded datasets.
    public static let codec = "mec-dataset/1"

    /// The `mec-dataset/1` encoding, little-endian: `"OLMD"` · UInt16 version (1) · UInt32
    /// environment count · per environment B, F, S̄ (Float64) and UInt32 U · UInt32 episode
    /// count · per episode UInt32 environment, run index and length T, Float64 mean cost, then
    /// T·O observation, T·A action and T reward Float32s and T terminal bytes · per environment
    /// UInt32 prompt count and UInt32 episode indices. The normalisers are recomputed on decoding.
    public func encoded() -> [UInt8] {
        var out = Array("OLMD".utf8)
        out.appendLE(UInt16(1))
        out.appendLE(UInt32(environments.count))
        for e in environments {
            out.appendLE(e.bandwidthMHz)
            out.appendLE(e.edgeGHz)
            out.appendLE(e.meanTaskKb)
            out.appendLE(UInt32(e.users))
        }
        out.appendLE(UInt32(episodes.count))
        for ep in episodes {
            out.appendLE(UInt32(ep.environment))
            out.appendLE(UInt32(ep.runIndex))
            out.appendLE(UInt32(ep.length))
            out.appendLE(ep.meanCost)
            out.appendFloats(ep.observations)
            out.appendFloats(ep.actions)
            out.appendFloats(ep.rewards)
            out += ep.terminals.map { $0 ? 1 : 0 }
        }
        for pool in promptPools {
            out.appendLE(UInt32(pool.count))
            for i in pool { out.appendLE(UInt32(i)) }
        }
        return out
    }

    /// Decodes a `mec-dataset/1` blob.
    ///
    /// - Throws: `.corrupt` naming the byte where the blob stops making sense.
    public static func decode(_ bytes: [UInt8]) throws -> MECOfflineDataset {
        var r = MECByteReader(bytes, what: "MEC dataset")
        guard try Array(r.take(4)) == Array("OLMD".utf8) else { throw r.fail("bad magic (expected `OLMD`)") }
        let version = try r.read(UInt16.self)
        guard version == 1 else { throw r.fail("unsupported version \(version) (this OffloadLab reads 1)") }
        var environments: [MECEnvironment] = []
        for _ in 0..<(try r.count(r.remaining / 28, "environment count")) {
            let (b, f, s) = (try r.double(), try r.double(), try r.double())
            let users = Int(try r.read(UInt32.self))
            do { environments.append(try MECEnvironment(bandwidthMHz: b, edgeGHz: f, meanTaskKb: s, users: users)) } catch { throw r.fail("invalid environment (\(error))") }
        }
        guard let first = environments.first else { throw r.fail("no environment") }
        let (o, a) = (first.observationSize, first.actionSize)
        var episodes: [MECDatasetEpisode] = []
        for _ in 0..<(try r.count(r.remaining / 20, "episode count")) {
            let e = Int(try r.read(UInt32.self)), run = Int(try r.read(UInt32.self)), t = Int(try r.read(UInt32.self))
            guard (1...MECConstants.stepsPerEpisode).contains(t) else { throw r.fail("episode length \(t) outside 1…20") }
            let cost = try r.double()
            let obs = try r.floats(t * o), act = try r.floats(t * a), rew = try r.floats(t)
            let term = try r.take(t).map { $0 != 0 }
            episodes.append(MECDatasetEpisode(environment: e, runIndex: run, length: t, observations: obs, actions: act, rewards: rew, terminals: term, meanCost: cost))
        }
        var pools: [[Int]] = []
        for _ in environments {
            pools.append(try (0..<(try r.count(r.remaining / 4, "prompt count"))).map { _ in Int(try r.read(UInt32.self)) })
        }
        guard r.remaining == 0 else { throw r.fail("\(r.remaining) trailing bytes") }
        do { return try MECOfflineDataset(environments: environments, episodes: episodes, promptPools: pools) } catch { throw r.fail("inconsistent contents (\(error))") }
    }
}
