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
        // Arrays, slices and other contiguous collections take the block path, not byte by byte.
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) != nil { return }
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
    /// The round constants (the C table `csha256_round_constants`, shared with the SHA-NI path)
    /// and the message schedule are reached through raw pointers hoisted out of the loop.
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
        withUnsafePointer(to: csha256_round_constants) { tuple in
            let k = UnsafeRawPointer(tuple).assumingMemoryBound(to: UInt32.self)
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
