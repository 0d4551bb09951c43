import Foundation
import StoreModels
import StoreService
import Testing

/// The device API over HTTP as snapd speaks it: refresh, downloads, sections, names, assertions, sessions.
@Suite("Devices over HTTP")
struct DeviceRoutesTests {
    /// The store id of `name`.
    static func id(_ name: String, _ server: TestServer) async throws -> String {
        try await server.direct(as: "admin").package(named: PackageName(trusted: name)).package.id
    }

    /// `POST /v2/snaps/refresh` with `body`; the decoded reply.
    static func refresh(_ server: TestServer, _ body: String, headers: [(String, String)] = []) async throws -> SnapRefreshResponse {
        let response = try await server.request(.POST, "/v2/snaps/refresh", headers: headers, body: body)
        #expect(response.status == 200, "\(response.text)")
        return try WireCoding.decode(SnapRefreshResponse.self, from: response.body)
    }

    static func context(_ id: String, revision: Int, tracking: String = "latest/stable") -> String {
        #"{"snap-id": "\#(id)", "instance-key": "\#(id)", "revision": \#(revision), "tracking-channel": "\#(tracking)", "epoch": {"read": [0], "write": [0]}}"#
    }

    /// A new revision of `name` with a generated file of `size` bytes, released to `channel`; its number.
    static func releasedFile(_ name: String, size: Int, channel: Channel, _ server: TestServer, progressive: Int? = nil) async throws -> Int {
        let admin = try await server.direct(as: "admin")
        let upload = RevisionUpload(
            version: "7.0", architectures: [.amd64], size: Int64(size), sha3_384: GeneratedFile.sha3_384(size: size),
            file: .generated(size: size))
        let revision = try await admin.upload(upload, to: PackageName(trusted: name))
        _ = try await admin.apply(
            ReleasePlan([.release(revision: revision.number, channels: [channel], progressive: progressive)]),
            to: PackageName(trusted: name), expecting: nil)
        return revision.number
    }

    @Test func everyActionGetsItsOwnResultAndABadOneIsAnErrorResultNotAFailedRequest() async throws {
        try await TestServer.with { server in
            let hello = try await Self.id("hello", server)
            let reply = try await Self.refresh(server, """
                {"context": [\(Self.context(hello, revision: 1))],
                 "actions": [{"action": "refresh", "instance-key": "\(hello)", "snap-id": "\(hello)"},
                             {"action": "install", "instance-key": "install-1", "name": "hello-world", "epoch": null},
                             {"action": "download", "instance-key": "download-1", "name": "hello", "channel": "edge", "epoch": null},
                             {"action": "install", "instance-key": "install-2", "name": "nope", "epoch": null},
                             {"action": "install", "instance-key": "install-3", "name": "secret-tool", "epoch": null},
                             {"action": "remove", "instance-key": "x-1", "name": "hello"}],
                 "fields": ["download", "revision", "version", "epoch", "name", "snap-id"]}
                """, headers: [("Snap-Device-Architecture", "amd64")])
            let byKey = Dictionary(uniqueKeysWithValues: reply.results.map { ($0.instanceKey, $0) })
            #expect(byKey[hello]?.result == "refresh" && byKey[hello]?.snap?.revision.revision == 1, "a single refresh says what is current")
            #expect(byKey["install-1"]?.result == "install" && byKey["install-1"]?.snap?.details.name == "hello-world")
            let download = try #require(byKey["download-1"])
            #expect(download.result == "download" && download.snap?.revision.revision == 2 && download.effectiveChannel == "latest/edge")
            let url = try #require(download.snap?.revision.download?.url)
            #expect(url.hasPrefix(server.baseURL + "/api/v1/snaps/download/\(hello)_2.snap"), "\(url)")
            #expect(byKey["install-2"]?.error?.code == "name-not-found" && byKey["install-2"]?.name == "nope")
            #expect(byKey["install-3"]?.error?.code == "name-not-found", "a private snap is not found by strangers")
            #expect(byKey["x-1"]?.error?.code == "invalid-action")
            let asAlice = try await server.request(.POST, "/v2/snaps/refresh", as: "alice", body: """
                {"context": [], "actions": [{"action": "install", "instance-key": "install-1", "name": "secret-tool", "epoch": null}]}
                """)
            #expect(try WireCoding.decode(SnapRefreshResponse.self, from: asAlice.body).results.first?.result == "install")
        }
    }

    @Test func aBulkRefreshLeavesOutWhatIsCurrentAndSaysWhereAMissingChannelIs() async throws {
        try await TestServer.with { server in
            let hello = try await Self.id("hello", server)
            let clock = try await Self.id("world-clock", server)
            let bulk = try await Self.refresh(server, """
                {"context": [\(Self.context(hello, revision: 1, tracking: "latest/edge")), \(Self.context(clock, revision: 1))],
                 "actions": [{"action": "refresh", "instance-key": "\(hello)", "snap-id": "\(hello)"},
                             {"action": "refresh", "instance-key": "\(clock)", "snap-id": "\(clock)"}]}
                """)
            #expect(bulk.results.map(\.instanceKey) == [hello], "world-clock is current and left out")
            #expect(bulk.results.first?.snap?.revision.revision == 2)
            let riscv = try await Self.refresh(server, """
                {"context": [], "actions": [{"action": "install", "instance-key": "install-1", "name": "hello", "epoch": null}]}
                """, headers: [("Snap-Device-Architecture", "riscv64")])
            let error = try #require(riscv.results.first?.error)
            #expect(error.code == "revision-not-found")
            let arm = try await Self.refresh(server, """
                {"context": [], "actions": [{"action": "install", "instance-key": "install-1", "name": "hello", "channel": "stable", "epoch": null}]}
                """, headers: [("Snap-Device-Architecture", "arm64")])
            let armError = try #require(arm.results.first?.error)
            #expect(armError.code == "revision-not-found")
            #expect(armError.extra == .object(["releases": .array([.object(["architecture": .string("arm64"), "channel": .string("latest/edge")])])]),
                    "\(String(describing: armError.extra))")
            let tooMany = (0..<501).map { #"{"action": "install", "instance-key": "install-\#($0)", "name": "hello", "epoch": null}"# }
            let refused = try await server.request(.POST, "/v2/snaps/refresh", body: #"{"context": [], "actions": [\#(tooMany.joined(separator: ","))]}"#)
            #expect(refused.status == 400 && refused.text.contains("at most 500"))
        }
    }

    @Test func aProgressiveReleaseReachesItsShareOfDevicesByTheirKey() async throws {
        try await TestServer.with { server in
            let hello = try await Self.id("hello", server)
            let progressive = try await Self.releasedFile("hello", size: 1024, channel: Channel(risk: .stable), server, progressive: 40)
            var got = 0
            for device in 0..<100 {
                let body = """
                    {"context": [\(Self.context(hello, revision: 1))], "actions": [{"action": "refresh", "instance-key": "\(hello)", "snap-id": "\(hello)"}]}
                    """
                let reply = try await Self.refresh(server, body, headers: [("Snap-Device-Id", "device-\(device)")])
                let revision = reply.results.first?.snap?.revision.revision
                if revision == progressive { got += 1 }
                if device < 5 {
                    let again = try await Self.refresh(server, body, headers: [("Snap-Device-Id", "device-\(device)")])
                    #expect(again.results.first?.snap?.revision.revision == revision, "the same device gets the same answer")
                }
            }
            #expect((20...60).contains(got), "\(got) of 100 devices got the 40 % release")
            let keyless = try await Self.refresh(server, """
                {"context": [], "actions": [{"action": "install", "instance-key": "install-1", "name": "hello", "epoch": null}]}
                """)
            #expect(keyless.results.first?.snap?.revision.revision == 1, "a device without a key stays on the plain release")
        }
    }

    @Test func aFileIsServedWholeInRangesAndOnlyToThoseWhoMayHaveIt() async throws {
        try await TestServer.with { server in
            let hello = try await Self.id("hello", server)
            let size = 3000
            let number = try await Self.releasedFile("hello", size: size, channel: Channel(risk: .beta), server)
            let path = "/api/v1/snaps/download/\(hello)_\(number).snap"
            let whole = try await server.request(.GET, path, contentType: nil)
            #expect(whole.status == 200 && whole.body == Data(GeneratedFile.bytes(size: size, range: 0..<size)))
            #expect(whole.header("ETag") == "\"\(GeneratedFile.sha3_384(size: size))\"" && whole.header("Accept-Ranges") == "bytes")
            #expect(whole.header("Content-Disposition")?.contains("hello_\(number).snap") == true)
            let tail = try await server.request(.GET, path, headers: [("Range", "bytes=2990-")], contentType: nil)
            #expect(tail.status == 206 && tail.body == Data(GeneratedFile.bytes(size: size, range: 2990..<size)))
            #expect(tail.header("Content-Range") == "bytes 2990-2999/3000")
            let head = try await server.request(.HEAD, path, contentType: nil)
            #expect(head.status == 200 && head.header("Content-Length") == "3000" && head.body.isEmpty, "\(head.headers)")
            let same = try await server.request(.GET, path, headers: [("If-None-Match", whole.header("ETag") ?? "")], contentType: nil)
            #expect(same.status == 304)
            let beyond = try await server.request(.GET, path, headers: [("Range", "bytes=5000-")], contentType: nil)
            #expect(beyond.status == 416 && beyond.header("Content-Range") == "bytes */3000")
            // Pending revision 3: not for devices; its publisher passes the rules but it has no file here.
            let pending = try await server.request(.GET, "/api/v1/snaps/download/\(hello)_3.snap", contentType: nil)
            #expect(pending.status == 404 && pending.text.contains("No revision named '3 of hello'"), "\(pending.text)")
            let own = try await server.request(.GET, "/api/v1/snaps/download/\(hello)_3.snap", as: "alice", contentType: nil)
            #expect(own.status == 404 && own.text.contains("metadata only"), "\(own.text)")
            let secret = try await Self.id("secret-tool", server)
            let hidden = try await server.request(.GET, "/api/v1/snaps/download/\(secret)_1.snap", contentType: nil)
            #expect(hidden.status == 404)
            let wrongKind = try await server.request(.GET, "/api/v1/charms/download/\(hello)_\(number).charm", contentType: nil)
            #expect(wrongKind.status == 404, "a snap is not served as a charm")
            let garbage = try await server.request(.GET, "/api/v1/snaps/download/..%2F..%2Fetc_1.snap", contentType: nil)
            #expect(garbage.status == 404)
        }
    }

    @Test func sectionsNamesAssertionsAndSessionsAnswerAsSnapdReadsThem() async throws {
        try await TestServer.with { server in
            let sections = try await server.request(.GET, "/api/v1/snaps/sections", contentType: nil)
            #expect(sections.status == 200 && sections.header("Content-Type") == "application/hal+json")
            let document = try WireCoding.decode(SnapSectionsResponse.self, from: sections.body)
            #expect(document.embedded.sections.map(\.name).contains("utilities"))
            let names = try await server.request(.GET, "/api/v1/snaps/names?confinement=strict,classic", contentType: nil)
            #expect(names.text.hasPrefix(#"{"_embedded":{"clickindex:package":["#), "snapd reads it as a stream")
            #expect(names.text.contains(#""package_name":"hello""#) && !names.text.contains("secret-tool"))
            let assertion = try await server.request(.GET, "/v2/assertions/snap-revision/abc?max-format=0", contentType: nil)
            #expect(assertion.status == 404 && assertion.header("Content-Type") == "application/json" && assertion.text.contains(#""not-found""#))
            let nonce = try await server.request(.POST, "/api/v1/snaps/auth/nonces", body: "{}")
            #expect(nonce.status == 200 && nonce.text.contains("nonce"))
            let serial = "type: serial\\nbrand-id: generic\\nmodel: generic-classic\\nserial: 42\\n"
            let session = try await server.request(.POST, "/api/v1/snaps/auth/sessions", body: #"{"serial-assertion": "\#(serial)"}"#)
            let macaroon = try #require(try JSONShape.object(session)["macaroon"] as? String)
            let again = try await server.request(.POST, "/api/v1/snaps/auth/sessions", body: #"{"serial-assertion": "\#(serial)"}"#)
            let second = try JSONShape.object(again)["macaroon"] as? String
            #expect(macaroon.hasPrefix("device.") && second == macaroon, "one device, one key")
            let bad = try await server.request(.POST, "/api/v1/snaps/auth/sessions", body: #"{"serial-assertion": "nothing"}"#)
            #expect(bad.status == 400)
        }
    }
}
