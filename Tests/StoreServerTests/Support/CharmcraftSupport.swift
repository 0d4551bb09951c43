import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import StoreModels
import StoreServer
import Testing
import ZIPFoundation

/// Talks to a ``TestServer`` the way charmcraft does: `Authorization: Macaroon <token>`, JSON bodies,
/// multipart uploads; and builds `.charm` files.
struct Charmcraft {
    let server: TestServer
    /// The fixture user whose token is sent; `nil` for anonymous.
    var user: String?
    /// A token to send instead of the fixture user's.
    var token: String?
    /// Another instance's port to send to instead of ``server``'s.
    var port: Int?
    /// How long a request may take before the client gives up, as charmcraft's HTTP client does.
    var timeout: TimeAmount = .seconds(60)

    /// A server whose uploads go to a fresh temporary directory, removed afterwards.
    static func withServer<T>(
        maxUploadSize: Int = ServerConfiguration.defaultMaxUploadSize, metricsFlushInterval: Double? = nil,
        _ body: (TestServer, URL) async throws -> T
    ) async throws -> T {
        let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("charm-uploads-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: uploads) }
        var configuration = TestServer.configuration()
        configuration.uploadDirectory = uploads
        configuration.maxUploadSize = maxUploadSize
        if let metricsFlushInterval { configuration.metricsFlushInterval = metricsFlushInterval }
        return try await TestServer.with(configuration) { server in try await body(server, uploads) }
    }

    /// One request; `json` is sent as `application/json`.
    func request(_ method: HTTPMethod, _ target: String, json: String? = nil) async throws -> RawResponse {
        try await send(method, target, body: json.map { Data($0.utf8) }, contentType: json == nil ? nil : "application/json")
    }

    /// A request with raw bytes.
    func send(_ method: HTTPMethod, _ target: String, body: Data?, contentType: String?) async throws -> RawResponse {
        var request = HTTPClientRequest(url: (port.map { "http://127.0.0.1:\($0)" } ?? server.baseURL) + target)
        request.method = method
        if let token = token ?? user.flatMap({ server.tokens[$0] }) {
            request.headers.add(name: "Authorization", value: "Macaroon \(token)")
        }
        request.headers.add(name: "Accept", value: "application/json")
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return RawResponse(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }

    /// `POST /unscanned-upload/` with `file` as the `binary` field, as charmcraft's MultipartEncoder writes it.
    func uploadFile(_ file: Data, filename: String = "test.charm") async throws -> RawResponse {
        let boundary = "c2a8b0f7e2d94f8b9c5e7d1a3b6f4e20"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"\(filename)\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return try await send(.POST, "/unscanned-upload/", body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Uploads `file`, pushes it to `name` and returns the status URL and upload id.
    func push(_ file: Data, to name: String) async throws -> (statusURL: String, uploadID: String) {
        let uploaded = try await uploadFile(file)
        #expect(uploaded.status == 200, "\(uploaded.text)")
        let id = try WireCoding.decode(UnscannedUploadResponse.self, from: uploaded.body).uploadID
        let pushed = try await request(.POST, "/v1/charm/\(name)/revisions", json: #"{"upload-id": "\#(id)"}"#)
        #expect(pushed.status == 200, "\(pushed.text)")
        let statusURL = try WireCoding.decode(CharmPushRevisionResponse.self, from: pushed.body).statusURL
        return (statusURL, id)
    }

    /// The single item the review poll returns.
    func poll(_ statusURL: String) async throws -> CharmUploadReview {
        let response = try await request(.GET, statusURL)
        #expect(response.status == 200, "\(response.text)")
        let document = try WireCoding.decode(CharmUploadReviewResponse.self, from: response.body)
        #expect(document.revisions.count == 1)
        guard let item = document.revisions.first else { throw TestServerError("the poll returned no item") }
        return item
    }
}

/// JSON helpers for checking exact key sets.
enum JSONShape {
    /// The parsed body.
    static func object(_ response: RawResponse) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw TestServerError("not a JSON object: \(response.text)")
        }
        return object
    }

    /// The keys of a JSON object value.
    static func keys(_ value: Any?) -> Set<String> { Set((value as? [String: Any])?.keys.map { $0 } ?? []) }

    /// The objects of a JSON array value.
    static func items(_ value: Any?) -> [[String: Any]] { (value as? [Any])?.compactMap { $0 as? [String: Any] } ?? [] }

    /// The first `error-list` item's code and message.
    static func firstError(_ response: RawResponse) throws -> (code: String, message: String) {
        let envelope = try WireCoding.decode(ErrorList.self, from: response.body)
        guard let first = envelope.errors.first else { throw TestServerError("empty error-list: \(response.text)") }
        return (first.code, first.message)
    }
}

/// Builds `.charm` files (zips) for upload tests.
enum CharmArchive {
    /// A minimal valid charm: metadata.yaml, manifest.yaml, dispatch and (optionally) a version file and padding.
    static func make(
        name: String, base: (name: String, channel: String) = ("ubuntu", "22.04"), architectures: [String] = ["amd64"],
        version: String? = "1.0", padding: Int = 0, omit: Set<String> = [], extra: [String: String] = [:]
    ) throws -> Data {
        var files: [String: Data] = [
            "metadata.yaml": Data("name: \(name)\nsummary: A test charm\ndescription: |\n  Made by a test.\nrequires:\n  db:\n    interface: postgresql_client\n".utf8),
            "manifest.yaml": Data("""
                charmcraft-version: 4.5.0
                charmcraft-started-at: '2025-01-01T00:00:00Z'
                bases:
                - name: \(base.name)
                  channel: '\(base.channel)'
                  architectures: [\(architectures.joined(separator: ", "))]

                """.utf8),
            "dispatch": Data("#!/bin/sh\nexec true\n".utf8),
        ]
        if let version { files["version"] = Data("\(version)\n".utf8) }
        if padding > 0 { files["src/padding.bin"] = Data((0..<padding).map { _ in UInt8.random(in: 0...255) }) }
        for path in omit { files[path] = nil }
        for (path, text) in extra { files[path] = Data(text.utf8) }
        return try zip(files)
    }

    /// A zip of `files` (stored, no compression).
    static func zip(_ files: [String: Data]) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("charm-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return try Data(contentsOf: url)
    }
}

/// A second server instance over the same backend and upload directory as a ``TestServer``, to show that
/// uploads need no state beyond the shared directory.
enum SecondInstance {
    /// Runs `body` with the port of another instance, then stops it.
    static func with<T>(
        sharing server: TestServer, uploads: URL, _ body: (_ port: Int) async throws -> T
    ) async throws -> T {
        var configuration = TestServer.configuration()
        configuration.uploadDirectory = uploads
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = buildApplication(backend: server.backend, configuration: configuration) { port in continuation.yield(port) }
        var logger = Logger(label: "second-instance")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestServerError("the second instance did not start") }
        do {
            let result = try await body(port)
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }
}
