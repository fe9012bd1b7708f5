import Testing
@testable import LabCore

/// FIPS 180-4 / NIST CAVP published vectors.
@Suite struct SHA256Tests {
    @Test func emptyString() {
        #expect(SHA256.hash("").hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abc() {
        #expect(SHA256.hash("abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockMessage() {
        let msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hash(msg).hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func millionAs() {
        var h = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { chunk.withUnsafeBytes { h.update($0) } }
        #expect(h.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func streamingMatchesOneShotAtEverySplit() {
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let whole = SHA256.hash(bytes)
        for cut in [0, 1, 55, 56, 63, 64, 65, 128, 199] {
            var h = SHA256()
            h.update(bytes[..<cut])
            bytes[cut...].withUnsafeBytes { h.update($0) }
            #expect(h.finalize() == whole, "split at \(cut)")
        }
    }

    @Test func hexRoundTrip() {
        let d = SHA256.hash("abc")
        #expect(SHA256.Digest(hex: d.hex) == d)
        #expect(SHA256.Digest(hex: "zz") == nil)
    }

    @Test func acceleratedAndPortablePathsAgreeOnEveryLengthAndSplit() {
        // Only meaningful where the CPU has the SHA extensions; elsewhere both paths are portable.
        var rng = RandomSource(seed: 12)
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 4096 + 17] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var fast = SHA256(accelerated: true), slow = SHA256(accelerated: false)
            let cut = length / 3
            bytes[..<cut].withUnsafeBytes { fast.update($0); slow.update($0) }
            bytes[cut...].withUnsafeBytes { fast.update($0); slow.update($0) }
            #expect(fast.finalize() == slow.finalize(), "length \(length)")
        }
    }

    @Test func portablePathMatchesThePublishedVectors() {
        var h = SHA256(accelerated: false)
        h.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        #expect(h.finalize().hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
