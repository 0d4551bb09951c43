import Foundation
import StoreModels
@testable import StoreServer
import StoreService
import Testing

/// Files are sent a part at a time (``StoreAPI/downloadChunk``, a quarter of a stored chunk), read
/// straight from where they are kept: every byte arrives, whole and in ranges across the parts' and the
/// stored chunks' boundaries, from database chunks and from `--upload-dir` alike.
@Suite("Downloads sent in parts")
struct DownloadPartsTests {
    /// Bytes that differ at every offset, so a part sent twice or out of place shows.
    static func bytes(_ count: Int) -> Data {
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15
        return Data((0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        })
    }

    @Test(arguments: [false, true])
    func aFileOfSeveralStoredChunksArrivesWholeAndInRangesAcrossEveryBoundary(inUploadDirectory: Bool) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("download-parts-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = TestServer.configuration()
        if inUploadDirectory { configuration.uploadDirectory = directory }
        try await TestServer.with(configuration) { server in
            let alice = try await CharmcraftResourceTests.charmDeclaringResources(server)
            let chunk = ServerUpload.chunkSize
            let size = 2 * chunk + 3 * StoreAPI.downloadChunk + 12_345
            let file = Self.bytes(size)
            let (pushed, _) = try await CharmcraftResourceTests.pushResource(file, "data", as: alice)
            #expect(pushed.status == 200, "\(pushed.text)")
            let released = try await alice.request(
                .POST, "/v1/charm/alice-charm/releases",
                json: #"[{"revision": 1, "channel": "stable", "resources": [{"name": "data", "revision": 1}]}]"#)
            #expect(released.status == 200, "\(released.text)")
            let id = try await server.direct(as: "alice").package(named: PackageName(trusted: "alice-charm")).package.id
            let path = "/api/v1/resources/download/charm_\(id).data_1"

            let whole = try await server.request(.GET, path, contentType: nil)
            #expect(whole.status == 200 && whole.header("Content-Length") == String(size))
            #expect(whole.body.count == size && whole.body == file, "every byte, in order")
            let part = StoreAPI.downloadChunk
            let ranges: [Range<Int>] = [
                (part - 10)..<(part + 10),  // across a part
                (chunk - 3)..<(chunk + 2 * part),  // across a stored chunk and two parts
                (2 * chunk - 1)..<(2 * chunk + 1),
                (chunk + 17)..<size,  // from inside a part to the end
                (size - 1)..<size,
            ]
            for range in ranges {
                let reply = try await server.request(
                    .GET, path, headers: [("Range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")], contentType: nil)
                #expect(reply.status == 206 && reply.header("Content-Range") == "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)")
                #expect(reply.body == file.subdata(in: range), "\(range) from \(inUploadDirectory ? "--upload-dir" : "the database")")
            }
        }
    }
}
