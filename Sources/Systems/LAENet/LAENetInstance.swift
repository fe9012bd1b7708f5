/// One LAENet problem instance: constants, servers, users and candidate links (docs/laenet.md §1, §7).
///
/// Only primary data is stored; everything else (gains, rates, J, λ, μ) is derived by
/// ``LAENetModel``. Server 0 is the HAP, servers 1...S are ground stations.
public struct LAENetInstance: Sendable, Hashable {
    /// A server: the HAP or a ground station.
    public struct Server: Sendable, Hashable {
        /// Whether the server is the high-altitude platform or a ground station.
        public enum Kind: String, Sendable, Hashable { case hap, gs }
        /// HAP or GS.
        public var kind: Kind
        /// Position [x, y, z] in metres.
        public var position: [Double]
        /// CPU frequency F (Hz).
        public var cpuHz: Double
        /// Active power P_act (W).
        public var activePowerW: Double

        /// Creates a server.
        public init(kind: Kind, position: [Double], cpuHz: Double, activePowerW: Double) {
            self.kind = kind
            self.position = position
            self.cpuHz = cpuHz
            self.activePowerW = activePowerW
        }
    }

    /// A user: an aerial (AU) or ground (GU) user with one task.
    public struct User: Sendable, Hashable {
        /// Aerial or ground user.
        public enum Kind: String, Sendable, Hashable { case au, gu }
        /// AU or GU.
        public var kind: Kind
        /// Position [x, y, z] in metres.
        public var position: [Double]
        /// Task workload W (cycles).
        public var workloadCycles: Double
        /// Local CPU frequency f (Hz).
        public var cpuHz: Double
        /// Delay weight w in [0, 1]; the energy weight is 1 - w.
        public var delayWeight: Double
        /// Transmit power P (W).
        public var txPowerW: Double

        /// Creates a user.
        public init(kind: Kind, position: [Double], workloadCycles: Double, cpuHz: Double, delayWeight: Double, txPowerW: Double) {
            self.kind = kind
            self.position = position
            self.workloadCycles = workloadCycles
            self.cpuHz = cpuHz
            self.delayWeight = delayWeight
            self.txPowerW = txPowerW
        }
    }

    /// A candidate offloading link user → server.
    public struct Link: Sendable, Hashable {
        /// User index.
        public var user: Int
        /// Server index.
        public var server: Int

        /// Creates a link.
        public init(user: Int, server: Int) {
            self.user = user
            self.server = server
        }
    }

    /// Profile the constants came from (informational; the constants below are authoritative).
    public var profile: LAENetProfile?
    /// Scale name the instance was generated at (informational).
    public var scale: LAENetScale?
    /// Generator seed (informational).
    public var seed: UInt64?
    /// Index of the instance within a generated batch (informational).
    public var index: Int?
    /// The constants actually used.
    public var constants: LAENetConstants
    /// Servers; index 0 is the HAP.
    public var servers: [Server]
    /// Users.
    public var users: [User]
    /// Candidate links, sorted by user then server.
    public var links: [Link]

    /// Creates an instance from its parts (links are sorted by user, then server).
    public init(constants: LAENetConstants, servers: [Server], users: [User], links: [Link],
                profile: LAENetProfile? = nil, scale: LAENetScale? = nil, seed: UInt64? = nil, index: Int? = nil) {
        self.constants = constants
        self.servers = servers
        self.users = users
        self.links = links.sorted { ($0.user, $0.server) < ($1.user, $1.server) }
        self.profile = profile
        self.scale = scale
        self.seed = seed
        self.index = index
    }
}
