import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

@Suite("Blobs") struct BlobTests {
    @Test func putThenGetReturnsTheSameBytesUnderTheirSHA256() throws {
        let dir = try TemporaryDirectory()
        let clock = ManualClock()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock))
        let payload = BlobPayload(codec: "tensor/1", bytes: bytes(5000, seed: 1))
        let info = try db.putBlob(payload)
        #expect(info.digest == SHA256.hash(payload.bytes).hex)
        #expect(info.size == 5000)
        #expect(info.createdAt == clock.now)
        let blob = try #require(try db.blob(info.digest))
        #expect(blob.bytes == payload.bytes)
        #expect(blob.info == info)
        #expect(try db.blob(String(repeating: "0", count: 64)) == nil)
    }

    @Test func identicalBytesAreStoredOnce() throws {
        let dir = try TemporaryDirectory()
        let clock = ManualClock()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock))
        let first = try db.putBlob(BlobPayload(codec: "json/1", bytes: Array("[1,2]".utf8)))
        clock.advance(10)
        let second = try db.putBlob(BlobPayload(codec: "json/1", bytes: Array("[1,2]".utf8)))
        #expect(first == second)
        #expect(try db.stats().blobs == 1)
    }

    @Test func emptyAndLargeBlobsRoundTrip() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        let empty = try db.putBlob(BlobPayload(codec: "text/1", bytes: []))
        #expect(try db.blob(empty.digest)?.bytes == [])
        let large = bytes(1 << 20, seed: 2)  // above the parallel-hash threshold
        let info = try db.putBlob(BlobPayload(codec: "tensor/1", bytes: large))
        #expect(try db.blob(info.digest)?.bytes == large)
    }

    @Test func codecNamesNeedAVersion() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        for bad in ["tensor", "tensor/", "/1", "tensor/0", "ten sor/1", "tensor/1/2"] {
            let error = labError { try db.putBlob(BlobPayload(codec: bad, bytes: [1])) }
            #expect(error?.code == .invalidInput, "\(bad)")
            #expect(error?.message.contains("name/version") == true)
        }
        #expect(try db.stats().blobs == 0)
    }

    @Test func everyReadDetectsBytesThatNoLongerMatchTheirDigest() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        let info = try db.putBlob(BlobPayload(codec: "text/1", bytes: Array("hello".utf8)))
        try db.connection.execute("UPDATE blob_data SET data = X'68656C6C70'", doing: "tamper")
        // Same size, different bytes: only the digest shows it, and no read returns them.
        let error = labError { _ = try db.blob(info.digest) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("lab cache verify") == true)
        let report = try db.verify()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.contains(info.digest) == true)
    }

    @Test func digestPrefixesFindBlobs() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        let info = try db.putBlob(BlobPayload(codec: "text/1", bytes: [7]))
        _ = try db.putBlob(BlobPayload(codec: "text/1", bytes: [8]))
        #expect(try db.blobDigests(prefix: String(info.digest.prefix(10))) == [info.digest])
        #expect(try db.blobDigests(prefix: "").count == 2)
        #expect(try db.blobDigests(prefix: "zz").isEmpty)
    }
}

@Suite("Blob digests") struct BlobDigestTests {
    @Test func aSuppliedDigestIsUsedAndDeduplicatesLikeAComputedOne() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        let data = bytes(300_000, seed: 5)  // above the parallel-hash threshold
        let digest = SHA256.hash(data)
        let supplied = try db.putBlob(BlobPayload(codec: "tensor/1", bytes: data, knownDigest: digest))
        #expect(supplied.digest == digest.hex)
        let computed = try db.putBlob(BlobPayload(codec: "tensor/1", bytes: data))
        #expect(computed == supplied)
        #expect(try db.stats().blobs == 1)
        #expect(try db.blob(digest.hex)?.bytes == data)
        // A duplicate found only after writing (large blob, hashed in parallel) leaves no stray bytes.
        #expect(try db.connection.scalarInt("SELECT count(*) FROM blob_data", doing: "t") == 1)
    }
}
