import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import StoreModels
@testable import StoreServer
import StoreService
import StoreSQLite
import Testing

/// The server the matrix runs against: ``Fixture`` plus the matrix's own accounts and packages, a
/// token per ``MatrixCaller``, and the setup steps some cases need (a fresh pending revision, a token
/// to revoke, an uploaded file).
final class MatrixWorld: Sendable {
    let server: TestServer
    /// The bearer token of each caller (none for anonymous).
    let credentials: [MatrixCaller: String]
    /// Each caller's snapcraft session (`Macaroon root=…, discharge=…`), logged in with its token
    /// before that token expired or was revoked.
    let sessions: [MatrixCaller: String]
    private let counter = Counter()

    private init(server: TestServer, credentials: [MatrixCaller: String], sessions: [MatrixCaller: String]) {
        self.server = server
        self.credentials = credentials
        self.sessions = sessions
    }

    /// Adds the matrix's accounts and packages to `server` and gets every caller a token.
    ///
    /// Besides the fixture: `vera` (viewer) and `rhea` (reviewer); `alice-charm` and the private
    /// `alice-private` and `alice-private-charm` (alice, bob collaborating), rhea's twins `rhea-snap`,
    /// `rhea-charm`, `rhea-private`, `rhea-private-charm`, and `mallory-charm`.
    static func prepare(_ server: TestServer) async throws -> MatrixWorld {
        let accounts = [Fixture.account("vera", role: .viewer), Fixture.account("rhea", role: .reviewer)]
        let snapRevisions = [Fixture.revision(1, "1.0", [.amd64]), Fixture.revision(2, "1.1", [.amd64])]
        let charmRevisions = [Fixture.revision(1, "1.0", [.amd64], base: "ubuntu@22.04")]
        let charmMap = ChannelMap(releases: [Fixture.release("latest/stable", .amd64, 1, base: "ubuntu@22.04")], version: 1)
        func snap(_ name: String, owner: String, isPrivate: Bool = false, collaborators: [String] = []) -> CatalogueEntry {
            Fixture.entry(name, owner: owner, title: name, summary: "A matrix snap", categories: ["utilities"], isPrivate: isPrivate,
                          collaborators: collaborators.map(Fixture.id), revisions: snapRevisions, map: Fixture.stable(1))
        }
        func charm(_ name: String, owner: String, isPrivate: Bool = false, collaborators: [String] = []) -> CatalogueEntry {
            Fixture.entry(name, type: .charm, owner: owner, title: name, summary: "A matrix charm", categories: ["databases"],
                          isPrivate: isPrivate, collaborators: collaborators.map(Fixture.id), revisions: charmRevisions, map: charmMap)
        }
        _ = try await server.backend.importCatalogue(accounts: accounts, entries: [
            charm("alice-charm", owner: "alice", collaborators: ["bob"]),
            snap("alice-private", owner: "alice", isPrivate: true, collaborators: ["bob"]),
            snap("rhea-snap", owner: "rhea"), charm("rhea-charm", owner: "rhea"), snap("rhea-private", owner: "rhea", isPrivate: true),
            charm("mallory-charm", owner: "mallory"),
            charm("alice-private-charm", owner: "alice", isPrivate: true, collaborators: ["bob"]),
            charm("rhea-private-charm", owner: "rhea", isPrivate: true),
        ])
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        var credentials: [MatrixCaller: String] = [:]
        var sessions: [MatrixCaller: String] = [:]
        for caller in MatrixCaller.allCases {
            guard let username = caller.username else { continue }
            let role = try await server.backend.identity(username: username).role
            let expiry: Date? = caller == .expired ? server.clock.now.addingTimeInterval(60) : nil
            let issued = try await system.issueToken(username: username, role: role, expiresAt: expiry, description: "matrix \(caller)")
            sessions[caller] = try await SnapcraftSession.login(baseURL: server.baseURL, username: username, secret: issued.secret)
            if caller == .revoked { try await system.revokeToken(id: issued.info.id) }
            credentials[caller] = issued.secret
        }
        server.clock.advance(by: 120)
        return MatrixWorld(server: server, credentials: credentials, sessions: sessions)
    }

    // MARK: Setup steps for single cases

    /// A name nobody has registered.
    func freshName(_ prefix: String) -> String { "\(prefix)-\(counter.next())" }

    /// A library registered on `charm` and published at 0.1 (by the system identity); its id.
    func publishedLibrary(on charm: String) async throws -> String {
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        let name = PackageName(trusted: charm)
        let id = try await system.registerLibrary(named: freshName("lib").replacingOccurrences(of: "-", with: "_"), in: name)
        let content = Self.librarySource(patch: 1)
        _ = try await system.publishLibrary(
            LibraryPublication(libraryID: id, api: 0, patch: 1, content: content, hash: LibraryHash.of(content)), in: name)
        return id
    }

    /// Declares resource `data` (a file) on `charm` with a new charm revision (by the system identity); its name.
    func declaredResource(on charm: String) async throws -> String {
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        let upload = RevisionUpload(
            version: "1.0", architectures: [.amd64], size: 1024, sha3_384: String(repeating: "cd", count: 48),
            resources: [ResourceDeclaration(name: "data", type: "file", filename: "data.tar")])
        _ = try await system.upload(upload, to: PackageName(trusted: charm))
        return "data"
    }

    /// A revision of resource `data` of `charm` (declared first), recorded by the system identity; its number.
    func resourceRevision(on charm: String) async throws -> Int {
        let name = try await declaredResource(on: charm)
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        let digest = String(repeating: "ef", count: 32)
        let upload = ResourceUpload(
            uploadID: freshName("upl"), type: "file", bases: [ResourceBase()], size: 3, sha256: digest, sha384: digest,
            sha512: digest, sha3_384: digest)
        return try await system.uploadResource(upload, named: name, to: PackageName(trusted: charm)).revision
    }

    /// An upload of `username`'s pushed as a revision of resource `data` of `charm`; its id.
    func pushedResource(on charm: String, as username: String) async throws -> String {
        let resource = try await declaredResource(on: charm)
        let id = try await uploadedFile(for: charm, as: username)
        let push = MatrixRequest(.POST, "/v1/charm/\(charm)/resources/\(resource)/revisions", json: #"{"upload-id": "\#(id)", "type": "file"}"#)
        let response = try await send(push, authorization: try authorization(of: username, scheme: .macaroon))
        guard response.status == 200 else { throw TestServerError("setup resource push as \(username) failed: \(response.text)") }
        return id
    }

    /// A new revision of `package` with a generated file, released to latest/beta by the system
    /// identity; the download file name (`<id>_<revision>.snap` or `.charm`) and the revision.
    func releasedFile(of package: String, type: PackageType) async throws -> (file: String, revision: Int) {
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        let name = PackageName(trusted: package)
        let size = 512
        let upload = RevisionUpload(
            version: "9.0", architectures: [.amd64], base: type == .charm ? "ubuntu@22.04" : nil, size: Int64(size),
            sha3_384: GeneratedFile.sha3_384(size: size), file: .generated(size: size))
        let revision = try await system.upload(upload, to: name)
        _ = try await system.apply(ReleasePlan([.release(revision: revision.number, channels: [Channel(risk: .beta)])]), to: name, expecting: nil)
        let id = try await system.package(named: name).package.id
        return ("\(id)_\(revision.number).\(type == .snap ? "snap" : "charm")", revision.number)
    }

    /// A revision of resource `data` of `charm` with real bytes, released with a charm revision that
    /// declares it (to latest/beta); its download file name `charm_<id>.data_<revision>`.
    func releasedResourceFile(of charm: String, as uploader: String) async throws -> String {
        _ = try await pushedResource(on: charm, as: uploader)
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        let name = PackageName(trusted: charm)
        let declaring = try #require(try await system.revisions(of: name, query: RevisionQuery()).items.first).number
        let resource = try #require(try await system.resourceRevisions(of: name, named: "data").first).revision
        _ = try await system.apply(ReleasePlan([.release(
            revision: declaring, channels: [Channel(risk: .beta)], resources: [ResourceAttachment(name: "data", revision: resource)])]),
            to: name, expecting: nil)
        let id = try await system.package(named: name).package.id
        return "charm_\(id).data_\(resource)"
    }

    /// A library source at 0.`patch`.
    static func librarySource(patch: Int) -> String { "LIBAPI = 0\nLIBPATCH = \(patch)\n\ndef f():\n    return \(patch)\n" }

    /// A new active publisher account (made by issuing it a token), for moderation and collaborator cases.
    func freshAccount(suspended: Bool = false) async throws -> String {
        let username = freshName("acct")
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        _ = try await system.issueToken(username: username, role: .publisher, expiresAt: nil, description: "matrix target")
        if suspended { _ = try await system.suspend(username, reason: "matrix") }
        return username
    }

    /// A fresh name registered by `username`, with no revisions.
    func freshPackage(of username: String) async throws -> String {
        let name = freshName("short")
        _ = try await server.direct(as: username).registerName(PackageName(trusted: name), type: .snap, isPrivate: false)
        return name
    }

    /// The id of a fresh token of `username` (viewer role, so the account's role is not raised).
    func freshTokenID(of username: String) async throws -> String {
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        return try await system.issueToken(username: username, role: .viewer, expiresAt: nil, description: "to revoke").info.id
    }

    /// The id of a fresh SSH key of `username`'s, added by the system.
    func freshSSHKeyID(of username: String) async throws -> String {
        let system = server.backend.service(for: SQLiteBackend.systemIdentity)
        return try await system.addSSHKey(Self.freshSSHKeyLine(), for: username).id
    }

    /// A public key line no account has yet.
    static func freshSSHKeyLine() -> String {
        SSHPublicKey.ed25519Line(rawKey: Curve25519.Signing.PrivateKey().publicKey.rawRepresentation, comment: "matrix")
    }

    /// A revision of `package` waiting for review, uploaded by the admin: its confinement loosens from the
    /// latest revision's (strict → classic → devmode → classic …), which always needs a reviewer.
    func pendingRevision(of package: String) async throws -> Int {
        let admin = try await server.direct(as: "admin")
        let name = PackageName(trusted: package)
        let latest = try await admin.revisions(of: name, query: RevisionQuery(limit: 1)).items.first
        var upload = Fixture.cleanUpload(version: freshName("v"))
        upload.confinement = latest?.confinement == .classic ? .devmode : .classic
        upload.grade = .devel
        let revision = try await admin.upload(upload, to: name)
        guard revision.review == .pending else { throw TestServerError("the upload was not queued: \(revision.review)") }
        return revision.number
    }

    /// Uploads a `.charm` for `charm` as `username` (`POST /unscanned-upload/`) and returns the upload id.
    func uploadedFile(for charm: String, as username: String) async throws -> String {
        let request = MatrixRequest.upload(try CharmArchive.make(name: charm))
        let response = try await send(request, authorization: try authorization(of: username, scheme: .macaroon))
        guard response.status == 200 else { throw TestServerError("setup upload as \(username) failed: \(response.text)") }
        return try WireCoding.decode(UnscannedUploadResponse.self, from: response.body).uploadID
    }

    /// An upload already pushed as a revision of `package` (in `namespace`) by `username`; returns the upload id.
    func pushedUpload(to package: String, in namespace: PublisherNamespace, as username: String) async throws -> String {
        let id = try await uploadedFile(for: package, as: username)
        let push = MatrixRequest(.POST, "\(namespace.path)/\(package)/revisions", json: #"{"upload-id": "\#(id)"}"#)
        let response = try await send(push, authorization: try authorization(of: username, scheme: .macaroon))
        guard response.status == 200 else { throw TestServerError("setup push as \(username) failed: \(response.text)") }
        return id
    }

    // MARK: Requests

    /// The `Authorization` value for `caller` in `scheme`; `nil` for anonymous.
    func authorization(for caller: MatrixCaller, scheme: MatrixScheme) -> String? {
        if scheme == .snapcraftSession { return sessions[caller] }
        return credentials[caller].map(scheme.authorization)
    }

    private func authorization(of username: String, scheme: MatrixScheme) throws -> String {
        guard let caller = MatrixCaller.allCases.first(where: { $0.username == username && $0 != .expired && $0 != .revoked }),
              let value = authorization(for: caller, scheme: scheme)
        else { throw TestServerError("no matrix token for \(username)") }
        return value
    }

    /// Sends one request and reads the whole answer.
    func send(_ request: MatrixRequest, authorization: String?) async throws -> RawResponse {
        var outgoing = HTTPClientRequest(url: server.baseURL + request.target)
        outgoing.method = request.method
        if let authorization { outgoing.headers.add(name: "Authorization", value: authorization) }
        if let contentType = request.contentType { outgoing.headers.add(name: "Content-Type", value: contentType) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return RawResponse(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }
}

/// How a caller's token is sent.
enum MatrixScheme: String, Sendable, CaseIterable {
    /// `Bearer <token>`: the console's client.
    case bearer = "Bearer"
    /// `Macaroon <token>`: charmcraft with `CHARMCRAFT_AUTH`.
    case macaroon = "Macaroon"
    /// `Macaroon root="<token>", discharge="…"`: snapd with a token for its root.
    case macaroonRoot = "Macaroon root"
    /// `Macaroon root=<root>, discharge=<bound discharge>`: snapcraft after `login` (see ``MatrixWorld/sessions``).
    case snapcraftSession = "snapcraft session"

    /// The `Authorization` value carrying `token` (a session is the world's, not made from a token).
    func authorization(_ token: String) -> String {
        switch self {
        case .bearer: "Bearer \(token)"
        case .macaroon: "Macaroon \(token)"
        case .macaroonRoot: #"Macaroon root="\#(token)", discharge="matrix""#
        case .snapcraftSession: "Macaroon \(token)"
        }
    }
}

/// One request of a matrix case.
struct MatrixRequest: Sendable {
    var method: HTTPMethod
    var target: String
    var body: Data?
    var contentType: String?

    init(_ method: HTTPMethod, _ target: String, json: String? = nil) {
        self.method = method
        self.target = target
        self.body = json.map { Data($0.utf8) }
        self.contentType = json == nil ? nil : "application/json"
    }

    /// `POST /unscanned-upload/` with `file` as the multipart `binary` field, as charmcraft sends it.
    static func upload(_ file: Data) -> MatrixRequest {
        let boundary = "5f0c3e7a9b2d4c6e8f1a3b5c7d9e0f21"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"matrix.charm\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var request = MatrixRequest(.POST, "/unscanned-upload/")
        request.body = body
        request.contentType = "multipart/form-data; boundary=\(boundary)"
        return request
    }
}

/// A thread-safe counter for fresh names.
private final class Counter: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0

    func next() -> Int { lock.withLock { value += 1; return value } }
}
