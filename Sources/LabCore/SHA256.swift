import CSHA

/// A streaming SHA-256 hasher (FIPS 180-4).
///
/// Used for content addresses of stored blobs, tensor and parameter digests, and cache keys.
/// It is a value type: copying a hasher forks the running state. On CPUs with the x86 SHA
/// extensions the compression function runs in the `CSHA` C target (measured 1366 MB/s against
/// 250 MB/s for the portable Swift, Benchmarks/README.md §2); elsewhere, and in the tests that
/// compare both paths, in portable Swift.
///
/// ```swift
/// var h = SHA256()
/// h.update("abc")
/// let hex = h.finalize().hex   // ba7816bf…
/// ```
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0
    private let accelerated: Bool

    /// Whether this CPU has the SHA extensions the accelerated path needs.
    public static let hardwareAccelerated: Bool = csha256_available() != 0

    /// Creates a hasher with the standard initial state.
    public init() { self.init(accelerated: SHA256.hardwareAccelerated) }

    /// Creates a hasher that uses the SHA extensions only when `accelerated` (and the CPU has them).
    init(accelerated: Bool) {
        self.accelerated = accelerated && SHA256.hardwareAccelerated
        buffer.reserveCapacity(64)
    }

    /// Feeds bytes into the hash.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            buffer.append(byte)
            if buffer.count == 64 {
                compressBuffer()
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Feeds a contiguous buffer into the hash (fast path for large blobs).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes[...]
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, rest.count)
            buffer.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            if buffer.count == 64 {
                compressBuffer()
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let whole = rest.count / 64
        if whole > 0 {
            compress(blocks: UnsafeRawBufferPointer(rebasing: rest).baseAddress!, count: whole)
            length &+= UInt64(64 * whole)
            rest = rest.dropFirst(64 * whole)
        }
        buffer.append(contentsOf: rest)
    }

    /// Feeds the UTF-8 bytes of a string.
    public mutating func update(_ string: String) {
        var copy = string
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Finishes the hash and returns the 32-byte digest.
    public func finalize() -> Digest {
        var copy = self
        let bitLength = (copy.length &+ UInt64(copy.buffer.count)) &* 8
        var tail = copy.buffer
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        copy.buffer = []
        tail.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                copy.compress(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 64]))
                offset += 64
            }
        }
        let s = copy.state
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [s.0, s.1, s.2, s.3, s.4, s.5, s.6, s.7] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return Digest(bytes: out)
    }

    /// One-shot digest of a byte sequence.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> Digest where Bytes.Element == UInt8 {
        var h = SHA256()
        if let done = bytes.withContiguousStorageIfAvailable({ h.update(UnsafeRawBufferPointer($0)) }) {
            _ = done
        } else {
            h.update(bytes)
        }
        return h.finalize()
    }

    /// One-shot digest of a string's UTF-8 bytes.
    public static func hash(_ string: String) -> Digest {
        var h = SHA256()
        h.update(string)
        return h.finalize()
    }

    private mutating func compressBuffer() {
        buffer.withUnsafeBytes { compress($0) }
        length &+= 64
    }

    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        compress(blocks: block.baseAddress!, count: 1)
    }

    /// Runs the compression function over `count` consecutive 64-byte blocks.
    ///
    /// The round constants and the message schedule are reached through raw pointers hoisted out
    /// of the loop (a static array read per round costs a lazy-global check each time).
    private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
        if accelerated {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { s in
                (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]) = state
                csha256_blocks(s.baseAddress!, blocks.assumingMemoryBound(to: UInt8.self), count)
                state = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
            }
            return
        }
        var (h0, h1, h2, h3, h4, h5, h6, h7) = state
        SHA256.k.withUnsafeBufferPointer { kb in
            let k = kb.baseAddress!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { wb in
                let w = wb.baseAddress!
                for b in 0..<count {
                    let block = blocks + 64 * b
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let x = w[i - 15], y = w[i - 2]
                        let s0 = SHA256.rotr(x, 7) ^ SHA256.rotr(x, 18) ^ (x >> 3)
                        let s1 = SHA256.rotr(y, 17) ^ SHA256.rotr(y, 19) ^ (y >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
                    for i in 0..<64 {
                        let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                        let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        h = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ s0 &+ maj
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
            }
        }
        state = (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }


    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

extension SHA256 {
    /// A finished 32-byte SHA-256 digest.
    public struct Digest: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The 32 digest bytes, most significant first.
        public let bytes: [UInt8]

        /// Wraps 32 digest bytes.
        public init(bytes: [UInt8]) {
            precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes")
            self.bytes = bytes
        }

        /// Parses 64 lowercase or uppercase hex digits; nil for anything else.
        public init?(hex: String) {
            let chars = Array(hex.utf8)
            guard chars.count == 64 else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(32)
            for i in stride(from: 0, to: 64, by: 2) {
                guard let hi = Digest.nibble(chars[i]), let lo = Digest.nibble(chars[i + 1]) else { return nil }
                out.append(hi << 4 | lo)
            }
            self.bytes = out
        }

        /// Lowercase hex, 64 characters.
        public var hex: String {
            let digits = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(64)
            for b in bytes {
                out.append(digits[Int(b >> 4)])
                out.append(digits[Int(b & 15)])
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// The first 64 bits, big-endian: a convenient seed or short id.
        public var prefix64: UInt64 { bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }

        public var description: String { hex }

        public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

        private static func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
    }
}
