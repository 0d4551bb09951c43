import Foundation
import StoreAPI
import StoreModels
import StoreService
@testable import StoreServer

/// One row of the matrix: an endpoint (optionally a variant of it, such as "private package"), the
/// outcome expected for every caller, and how to build the request for a caller.
struct MatrixRow: Sendable {
    var endpoint: Endpoint
    var variant: String?
    /// One outcome per ``MatrixCaller``, in order: `anon viewer owner collab other susp reviewer revOwner admin expired revoked`.
    var expected: String
    var request: @Sendable (MatrixWorld, MatrixCaller) async throws -> MatrixRequest

    init(_ method: String, _ path: String, variant: String? = nil, _ expected: String,
         request: @escaping @Sendable (MatrixWorld, MatrixCaller) async throws -> MatrixRequest) {
        endpoint = Endpoint(method: method, path: path)
        self.variant = variant
        self.expected = expected
        self.request = request
    }

    var title: String { variant.map { "\(endpoint) (\($0))" } ?? endpoint.description }
}

/// The expected outcome of every endpoint for every caller, written out by hand from the rules in
/// `Sources/StoreModels/Access/Permissions.swift` (not computed from them):
///
/// - reading the catalogue (search, a package, its channel map) is open to all; hidden packages (private,
///   quarantined, or of a suspended publisher) are 404 to anyone but their publisher, collaborators,
///   reviewers and admins;
/// - revisions are seen by the publisher, collaborators, reviewers and admins (403 to other accounts, 401 to
///   anonymous callers: the engine decides, asking anonymous callers to log in);
/// - registering names needs the publisher role; uploading, releasing and closing need an admin, or a
///   publisher-or-above who owns or collaborates on the package; collaborators are managed by the owner or an admin;
/// - reviewing needs the reviewer role, and a reviewer may not review a package they publish;
/// - the review queue and the audit log are for reviewers and admins; moderation and issuing tokens for admins;
/// - a suspended account may do nothing but read (so `mallory` can release nothing, not even her own);
/// - endpoints that need a login answer 401 to anonymous callers; an expired or revoked token is 401 wherever
///   credentials are looked at, and ignored (served anonymously) by the public device API.
enum MatrixTable {
    static let rows: [MatrixRow] = health + publicV2 + api + admin + charmcraft + gateway(.charm) + gateway(.snap) + snapcraft

    //                                        anon viewer owner collab other susp review revOwn admin  exp  rvk
    static let everyone = "                   2xx  2xx   2xx   2xx    2xx   2xx  2xx    2xx    2xx    2xx  2xx"
    static let anyValidCredential = "         2xx  2xx   2xx   2xx    2xx   2xx  2xx    2xx    2xx    401  401"
    static let anyAccount = "                 401  2xx   2xx   2xx    2xx   2xx  2xx    2xx    2xx    401  401"
    static let publisherRole = "              401  403   2xx   2xx    2xx   403  2xx    2xx    2xx    401  401"
    static let involvedPublisher = "          401  403   2xx   2xx    403   403  403    2xx    2xx    401  401"
    static let involvedPublisherHidden = "    401  404   2xx   2xx    404   403  403    2xx    2xx    401  401"
    static let seesRevisions = "              401  403   2xx   2xx    403   403  2xx    2xx    2xx    401  401"
    static let seesHidden = "                 404  404   2xx   2xx    404   2xx  2xx    2xx    2xx    401  401"
    static let reviewerRole = "               401  403   403   403    403   403  2xx    2xx    2xx    401  401"
    static let adminOnly = "                  401  403   403   403    403   403  403    403    2xx    401  401"

    // MARK: Health

    static let health: [MatrixRow] = [
        MatrixRow("GET", "/health", everyone) { _, _ in MatrixRequest(.GET, "/health") },
        MatrixRow("GET", "/health/live", everyone) { _, _ in MatrixRequest(.GET, "/health/live") },
        MatrixRow("GET", "/openapi.yaml", everyone) { _, _ in MatrixRequest(.GET, "/openapi.yaml") },
    ]

    // MARK: Public v2 (credentials that do not check out are ignored)

    static let publicV2: [MatrixRow] = [
        MatrixRow("GET", "/v2/snaps/find", everyone) { _, _ in MatrixRequest(.GET, "/v2/snaps/find?q=hello") },
        MatrixRow("GET", "/v2/snaps/info/{name}", everyone) { _, caller in MatrixRequest(.GET, "/v2/snaps/info/\(caller.snap)") },
        MatrixRow("GET", "/v2/snaps/info/{name}", variant: "private package",
                  "404  404   2xx   2xx    404   2xx  2xx    2xx    2xx    404  404") { _, caller in
            MatrixRequest(.GET, "/v2/snaps/info/\(caller.privateSnap)")
        },
        MatrixRow("GET", "/v2/snaps/categories", everyone) { _, _ in MatrixRequest(.GET, "/v2/snaps/categories") },
        // Devices: refresh, downloads (a released file of the caller's snap or charm), sections, names,
        // assertions (none signed: 404 to all) and device sessions.
        MatrixRow("POST", "/v2/snaps/refresh", everyone) { _, caller in
            MatrixRequest(.POST, "/v2/snaps/refresh", json: #"{"context": [], "actions": [{"action": "download", "instance-key": "download-1", "name": "\#(caller.snap)", "epoch": null}]}"#)
        },
        MatrixRow("GET", "/api/v1/snaps/download/{file}", everyone) { world, caller in
            MatrixRequest(.GET, "/api/v1/snaps/download/\(try await world.releasedFile(of: caller.snap, type: .snap).file)")
        },
        MatrixRow("GET", "/api/v1/snaps/download/{file}", variant: "private package",
                  "404  404   2xx   2xx    404   2xx  2xx    2xx    2xx    404  404") { world, caller in
            MatrixRequest(.GET, "/api/v1/snaps/download/\(try await world.releasedFile(of: caller.privateSnap, type: .snap).file)")
        },
        MatrixRow("GET", "/api/v1/charms/download/{file}", everyone) { world, caller in
            MatrixRequest(.GET, "/api/v1/charms/download/\(try await world.releasedFile(of: caller.charm, type: .charm).file)")
        },
        MatrixRow("POST", "/v2/charms/refresh", everyone) { _, caller in
            MatrixRequest(.POST, "/v2/charms/refresh", json: #"{"context": [], "actions": [{"action": "install", "instance-key": "i-1", "name": "\#(caller.charm)", "channel": "stable", "base": null}]}"#)
        },
        MatrixRow("GET", "/api/v1/resources/download/{file}", everyone) { world, caller in
            let uploader = caller == .suspended ? "admin" : caller.subjectOwner
            return MatrixRequest(.GET, "/api/v1/resources/download/\(try await world.releasedResourceFile(of: caller.charm, as: uploader))")
        },
        MatrixRow("GET", "/api/v1/snaps/sections", everyone) { _, _ in MatrixRequest(.GET, "/api/v1/snaps/sections") },
        MatrixRow("GET", "/api/v1/snaps/names", everyone) { _, _ in MatrixRequest(.GET, "/api/v1/snaps/names?confinement=strict,classic") },
        MatrixRow("GET", "/v2/assertions/{type}/{key}", "404  404   404   404    404   404  404    404    404    404  404") { _, _ in
            MatrixRequest(.GET, "/v2/assertions/account/canonical")
        },
        MatrixRow("GET", "/v2/assertions/{type}/{key}/{more}", "404  404   404   404    404   404  404    404    404    404  404") { _, _ in
            MatrixRequest(.GET, "/v2/assertions/snap-declaration/16/some-id")
        },
        MatrixRow("GET", "/v2/assertions/{type}/{key}/{more}/{rest}", "404  404   404   404    404   404  404    404    404    404  404") { _, _ in
            MatrixRequest(.GET, "/v2/assertions/validation-set/16/account/set")
        },
        MatrixRow("POST", "/api/v1/snaps/auth/nonces", everyone) { _, _ in MatrixRequest(.POST, "/api/v1/snaps/auth/nonces", json: "{}") },
        MatrixRow("POST", "/api/v1/snaps/auth/sessions", everyone) { _, _ in
            MatrixRequest(.POST, "/api/v1/snaps/auth/sessions",
                          json: #"{"serial-assertion": "type: serial\nbrand-id: generic\nmodel: generic-classic\nserial: 1234\n"}"#)
        },
        MatrixRow("GET", "/v2/charms/find", everyone) { _, _ in MatrixRequest(.GET, "/v2/charms/find?q=charm") },
        MatrixRow("GET", "/v2/charms/info/{name}", everyone) { _, caller in MatrixRequest(.GET, "/v2/charms/info/\(caller.charm)") },
        MatrixRow("GET", "/v2/charms/info/{name}", variant: "private package",
                  "404  404   2xx   2xx    404   2xx  2xx    2xx    2xx    404  404") { _, caller in
            MatrixRequest(.GET, "/v2/charms/info/\(caller.privateCharm)")
        },
    ]

    // MARK: /api/v1 (the console's client)

    static let api: [MatrixRow] = [
        MatrixRow("GET", "/api/v1/whoami", anyValidCredential) { _, _ in MatrixRequest(.GET, "/api/v1/whoami") },
        MatrixRow("GET", "/api/v1/packages", anyValidCredential) { _, _ in MatrixRequest(.GET, "/api/v1/packages?q=hello") },
        MatrixRow("POST", "/api/v1/packages/lookup", anyValidCredential) { _, _ in
            MatrixRequest(.POST, "/api/v1/packages/lookup", json: #"{"ids": ["some-id"]}"#)
        },
        MatrixRow("GET", "/api/v1/packages/{name}/revisions/{revision}/download", anyValidCredential) { world, caller in
            let revision = try await world.releasedFile(of: caller.snap, type: .snap).revision
            return MatrixRequest(.GET, "/api/v1/packages/\(caller.snap)/revisions/\(revision)/download")
        },
        MatrixRow("POST", "/api/v1/packages", publisherRole) { world, _ in
            MatrixRequest(.POST, "/api/v1/packages",
                          json: json(APIRegisterNameRequest(name: world.freshName("matrix-name"), type: .snap, isPrivate: false)))
        },
        MatrixRow("GET", "/api/v1/packages/{name}", anyValidCredential) { _, caller in
            MatrixRequest(.GET, "/api/v1/packages/\(caller.snap)")
        },
        MatrixRow("GET", "/api/v1/packages/{name}", variant: "private package", seesHidden) { _, caller in
            MatrixRequest(.GET, "/api/v1/packages/\(caller.privateSnap)")
        },
        // Each caller drops a fresh name of the package owner's (alice's for mallory, who may register nothing).
        MatrixRow("DELETE", "/api/v1/packages/{name}",
                  "401  403   2xx   403    403   403  403    2xx    2xx    401  401") { world, caller in
            let owner = caller == .suspended ? "alice" : caller.subjectOwner
            return MatrixRequest(.DELETE, "/api/v1/packages/\(try await world.freshPackage(of: owner))")
        },
        MatrixRow("POST", "/api/v1/packages/{name}/tracks", variant: "default track", involvedPublisher) { _, caller in
            MatrixRequest(.POST, "/api/v1/packages/\(caller.snap)/tracks", json: #"{"defaultTrack": "latest"}"#)
        },
        MatrixRow("POST", "/api/v1/packages/{name}/tracks", variant: "open a track",
                  "401  403   403   403    403   403  403    403    2xx    401  401") { world, caller in
            MatrixRequest(.POST, "/api/v1/packages/\(caller.snap)/tracks", json: #"{"open": ["\#(world.freshName("t"))"]}"#)
        },
        MatrixRow("GET", "/api/v1/packages/{name}/revisions", seesRevisions) { _, caller in
            MatrixRequest(.GET, "/api/v1/packages/\(caller.snap)/revisions")
        },
        MatrixRow("GET", "/api/v1/packages/{name}/revisions", variant: "private package",
                  "404  404   2xx   2xx    404   403  2xx    2xx    2xx    401  401") { _, caller in
            MatrixRequest(.GET, "/api/v1/packages/\(caller.privateSnap)/revisions")
        },
        MatrixRow("POST", "/api/v1/packages/{name}/revisions", involvedPublisher) { world, caller in
            MatrixRequest(.POST, "/api/v1/packages/\(caller.snap)/revisions",
                          json: json(APIRevisionUpload(Fixture.cleanUpload(version: world.freshName("v")))))
        },
        MatrixRow("GET", "/api/v1/packages/{name}/channel-map", anyValidCredential) { _, caller in
            MatrixRequest(.GET, "/api/v1/packages/\(caller.snap)/channel-map")
        },
        MatrixRow("GET", "/api/v1/packages/{name}/channel-map", variant: "private package", seesHidden) { _, caller in
            MatrixRequest(.GET, "/api/v1/packages/\(caller.privateSnap)/channel-map")
        },
        // Metrics: the publisher, collaborators and admins (viewMetrics), a login first.
        MatrixRow("GET", "/api/v1/packages/{name}/metrics", involvedPublisher) { _, caller in
            MatrixRequest(.GET, "/api/v1/packages/\(caller.snap)/metrics?days=7&breakdown=version")
        },
        MatrixRow("GET", "/api/v1/packages/{name}/metrics", variant: "private package", involvedPublisherHidden) { _, caller in
            MatrixRequest(.GET, "/api/v1/packages/\(caller.privateSnap)/metrics")
        },
        MatrixRow("POST", "/api/v1/packages/{name}/releases", involvedPublisher) { _, caller in
            MatrixRequest(.POST, "/api/v1/packages/\(caller.snap)/releases",
                          json: json(ReleasePlan([.release(revision: 1, channels: [Channel(risk: .candidate)])])))
        },
        MatrixRow("POST", "/api/v1/packages/{name}/releases", variant: "close a channel", involvedPublisher) { _, caller in
            MatrixRequest(.POST, "/api/v1/packages/\(caller.snap)/releases", json: json(ReleasePlan([.close(channels: [Channel(risk: .candidate)])])))
        },
        MatrixRow("POST", "/api/v1/packages/{name}/releases", variant: "private package", involvedPublisherHidden) { _, caller in
            MatrixRequest(.POST, "/api/v1/packages/\(caller.privateSnap)/releases",
                          json: json(ReleasePlan([.release(revision: 1, channels: [Channel(risk: .candidate)])])))
        },
        MatrixRow("POST", "/api/v1/packages/{name}/collaborators",
                  "401  403   2xx   403    403   403  403    2xx    2xx    401  401") { world, caller in
            MatrixRequest(.POST, "/api/v1/packages/\(caller.snap)/collaborators",
                          json: json(APICollaborator(username: try await world.freshAccount())))
        },
        MatrixRow("GET", "/api/v1/categories", anyValidCredential) { _, _ in MatrixRequest(.GET, "/api/v1/categories") },
        MatrixRow("GET", "/api/v1/me/packages", anyAccount) { _, _ in MatrixRequest(.GET, "/api/v1/me/packages") },
    ]

    // MARK: Admin (review, moderation, audit, tokens)

    static let admin: [MatrixRow] = [
        MatrixRow("GET", "/api/v1/reviews", reviewerRole) { _, _ in MatrixRequest(.GET, "/api/v1/reviews") },
        MatrixRow("POST", "/api/v1/packages/{name}/revisions/{revision}/review",
                  "401  403   403   403    403   403  2xx    403    2xx    401  401") { world, caller in
            let number = try await world.pendingRevision(of: caller.snap)
            return MatrixRequest(.POST, "/api/v1/packages/\(caller.snap)/revisions/\(number)/review",
                                 json: json(APIReviewDecision(.approve(notes: "matrix"))))
        },
        MatrixRow("GET", "/api/v1/publishers", anyValidCredential) { _, _ in MatrixRequest(.GET, "/api/v1/publishers") },
        MatrixRow("GET", "/api/v1/publishers/{username}", anyValidCredential) { _, caller in
            MatrixRequest(.GET, "/api/v1/publishers/\(caller.subjectOwner)")
        },
        MatrixRow("GET", "/api/v1/publishers/{username}/packages", adminOnly) { _, caller in
            MatrixRequest(.GET, "/api/v1/publishers/\(caller.subjectOwner)/packages")
        },
        MatrixRow("POST", "/api/v1/publishers/{username}/validation", adminOnly) { world, _ in
            MatrixRequest(.POST, "/api/v1/publishers/\(try await world.freshAccount())/validation",
                          json: json(APIValidationRequest(validation: .verified, reason: "matrix")))
        },
        MatrixRow("POST", "/api/v1/publishers/{username}/suspend", adminOnly) { world, _ in
            MatrixRequest(.POST, "/api/v1/publishers/\(try await world.freshAccount())/suspend",
                          json: json(APIReasonRequest(reason: "matrix")))
        },
        MatrixRow("POST", "/api/v1/publishers/{username}/unsuspend", adminOnly) { world, _ in
            MatrixRequest(.POST, "/api/v1/publishers/\(try await world.freshAccount(suspended: true))/unsuspend",
                          json: json(APIReasonRequest(reason: "matrix")))
        },
        MatrixRow("GET", "/api/v1/audit", reviewerRole) { _, _ in MatrixRequest(.GET, "/api/v1/audit") },
        MatrixRow("GET", "/api/v1/tokens", anyAccount) { _, _ in MatrixRequest(.GET, "/api/v1/tokens") },
        MatrixRow("POST", "/api/v1/tokens", adminOnly) { world, _ in
            MatrixRequest(.POST, "/api/v1/tokens",
                          json: json(APITokenRequest(username: world.freshName("issued"), role: .viewer, expiresAt: nil, description: "matrix")))
        },
        // The token belongs to the owner of the caller's packages: their own for the owners, someone else's (hidden)
        // for the rest. A suspended account may still revoke its own (giving up access is always allowed).
        MatrixRow("DELETE", "/api/v1/tokens/{id}",
                  "401  404   2xx   404    404   2xx  404    2xx    2xx    401  401") { world, caller in
            MatrixRequest(.DELETE, "/api/v1/tokens/\(try await world.freshTokenID(of: caller.subjectOwner))")
        },
        MatrixRow("GET", "/api/v1/ssh-keys", anyAccount) { _, _ in MatrixRequest(.GET, "/api/v1/ssh-keys") },
        // Any account adds its own key but a suspended one.
        MatrixRow("POST", "/api/v1/ssh-keys",
                  "401  2xx   2xx   2xx    2xx   403  2xx    2xx    2xx    401  401") { _, _ in
            MatrixRequest(.POST, "/api/v1/ssh-keys", json: json(APISSHKeyRequest(publicKey: MatrixWorld.freshSSHKeyLine(), username: nil)))
        },
        MatrixRow("POST", "/api/v1/ssh-keys", variant: "another account's", adminOnly) { _, caller in
            MatrixRequest(.POST, "/api/v1/ssh-keys",
                          json: json(APISSHKeyRequest(publicKey: MatrixWorld.freshSSHKeyLine(), username: caller.username == "eve" ? "bob" : "eve")))
        },
        // As tokens: the key belongs to the owner of the caller's packages.
        MatrixRow("DELETE", "/api/v1/ssh-keys/{id}",
                  "401  404   2xx   404    404   2xx  404    2xx    2xx    401  401") { world, caller in
            MatrixRequest(.DELETE, "/api/v1/ssh-keys/\(try await world.freshSSHKeyID(of: caller.subjectOwner))")
        },
    ]

    // MARK: charmcraft (`Macaroon` and `Bearer`)

    static let charmcraft: [MatrixRow] = [
        MatrixRow("GET", "/v1/tokens/whoami", anyAccount) { _, _ in MatrixRequest(.GET, "/v1/tokens/whoami") },
        MatrixRow("POST", "/v1/charm/libraries/bulk", everyone) { _, _ in MatrixRequest(.POST, "/v1/charm/libraries/bulk", json: "[]") },
        // Libraries are registered and published by those who may upload to the charm.
        MatrixRow("POST", "/v1/charm/libraries/{name}", involvedPublisher) { world, caller in
            let library = world.freshName("lib").replacingOccurrences(of: "-", with: "_")
            return MatrixRequest(.POST, "/v1/charm/libraries/\(caller.charm)", json: #"{"library-name": "\#(library)"}"#)
        },
        MatrixRow("POST", "/v1/charm/libraries/{name}/{id}", involvedPublisher) { world, caller in
            let id = try await world.publishedLibrary(on: caller.charm)
            let body = CharmLibraryPublication(
                api: 0, patch: 2, content: MatrixWorld.librarySource(patch: 2), hash: LibraryHash.of(MatrixWorld.librarySource(patch: 2)))
            return MatrixRequest(.POST, "/v1/charm/libraries/\(caller.charm)/\(id)", json: String(decoding: try WireCoding.encode(body), as: UTF8.self))
        },
        MatrixRow("GET", "/v1/charm/libraries/{name}/{id}", everyone) { world, caller in
            MatrixRequest(.GET, "/v1/charm/libraries/\(caller.charm)/\(try await world.publishedLibrary(on: caller.charm))?api=0")
        },
        // Resources are seen by those who see the charm's revisions, revised by those who may upload to it.
        MatrixRow("GET", "/v1/charm/{name}/resources", seesRevisions) { world, caller in
            _ = try await world.declaredResource(on: caller.charm)
            return MatrixRequest(.GET, "/v1/charm/\(caller.charm)/resources")
        },
        MatrixRow("GET", "/v1/charm/{name}/resources/{resource}/revisions", seesRevisions) { world, caller in
            _ = try await world.resourceRevision(on: caller.charm)
            return MatrixRequest(.GET, "/v1/charm/\(caller.charm)/resources/data/revisions")
        },
        // As for charm revisions: callers who cannot upload are given the admin's file (hidden from them).
        MatrixRow("POST", "/v1/charm/{name}/resources/{resource}/revisions",
                  "401  404   2xx   2xx    403   404  403    2xx    2xx    401  401") { world, caller in
            _ = try await world.declaredResource(on: caller.charm)
            let uploader = caller.uploadsFiles ? caller.username ?? "admin" : "admin"
            let id = try await world.uploadedFile(for: caller.charm, as: uploader)
            return MatrixRequest(.POST, "/v1/charm/\(caller.charm)/resources/data/revisions", json: #"{"upload-id": "\#(id)", "type": "file"}"#)
        },
        MatrixRow("PATCH", "/v1/charm/{name}/resources/{resource}/revisions", involvedPublisher) { world, caller in
            let revision = try await world.resourceRevision(on: caller.charm)
            return MatrixRequest(.PATCH, "/v1/charm/\(caller.charm)/resources/data/revisions",
                                 json: #"{"resource-revision-updates": [{"revision": \#(revision), "bases": [{"architectures": ["amd64"]}]}]}"#)
        },
        MatrixRow("GET", "/v1/charm/{name}/resources/{resource}/revisions/review", seesRevisions) { world, caller in
            let uploader = caller == .suspended ? "admin" : caller.subjectOwner
            let id = try await world.pushedResource(on: caller.charm, as: uploader)
            return MatrixRequest(.GET, "/v1/charm/\(caller.charm)/resources/data/revisions/review?upload-id=\(id)")
        },
        // No OCI registry: every account that sees the charm is told so.
        MatrixRow("GET", "/v1/charm/{name}/resources/{resource}/oci-image/upload-credentials",
                  "401  400   400   400    400   400  400    400    400    401  401") { _, caller in
            MatrixRequest(.GET, "/v1/charm/\(caller.charm)/resources/image/oci-image/upload-credentials")
        },
        // A private charm's libraries are read as the charm is; stale credentials are served anonymously.
        MatrixRow("GET", "/v1/charm/libraries/{name}/{id}", variant: "private package",
                  "404  404   2xx   2xx    404   2xx  2xx    2xx    2xx    404  404") { world, caller in
            MatrixRequest(.GET, "/v1/charm/libraries/\(caller.privateCharm)/\(try await world.publishedLibrary(on: caller.privateCharm))")
        },
        // snapcraft uploads without credentials; an account needs the publisher role and no suspension.
        MatrixRow("POST", "/unscanned-upload/",
                  "2xx  403   2xx   2xx    2xx   403  2xx    2xx    2xx    401  401") { _, caller in
            MatrixRequest.upload(try CharmArchive.make(name: caller.charm))
        },
    ]

    /// The Charmhub-style publisher API of one namespace (`/v1/charm…`, `/v1/snap…`): the same rules
    /// for both, each caller acting on their own charm or snap.
    static func gateway(_ namespace: PublisherNamespace) -> [MatrixRow] {
        let base = namespace.path
        let type = namespace == .charm ? "charm" : "snap"
        let mine: @Sendable (MatrixCaller) -> String = { namespace == .charm ? $0.charm : $0.snap }
        let hidden: @Sendable (MatrixCaller) -> String = { namespace == .charm ? $0.privateCharm : $0.privateSnap }
        return [
            MatrixRow("GET", base, anyAccount) { _, _ in MatrixRequest(.GET, "\(base)?include-collaborations=true") },
            MatrixRow("POST", base, publisherRole) { world, _ in
                MatrixRequest(.POST, base, json: #"{"name": "\#(world.freshName("matrix-\(type)"))", "type": "\#(type)"}"#)
            },
            MatrixRow("GET", "\(base)/{name}", anyAccount) { _, caller in MatrixRequest(.GET, "\(base)/\(mine(caller))") },
            MatrixRow("GET", "\(base)/{name}", variant: "private package",
                      "401  404   2xx   2xx    404   2xx  2xx    2xx    2xx    401  401") { _, caller in
                MatrixRequest(.GET, "\(base)/\(hidden(caller))")
            },
            // Names are never unregistered: the owner and admins get past the permission check to the 409 (it has revisions).
            MatrixRow("DELETE", "\(base)/{name}",
                      "401  403   409   403    403   403  403    409    409    401  401") { _, caller in
                MatrixRequest(.DELETE, "\(base)/\(mine(caller))")
            },
            // Tracks are opened by admins: others who may publish get past the permission check to the 400.
            MatrixRow("POST", "\(base)/{name}/tracks",
                      "401  403   400   400    403   403  403    400    2xx    401  401") { world, caller in
                MatrixRequest(.POST, "\(base)/\(mine(caller))/tracks", json: #"[{"name": "\#(world.freshName("t"))"}]"#)
            },
            MatrixRow("GET", "\(base)/{name}/revisions", seesRevisions) { _, caller in
                MatrixRequest(.GET, "\(base)/\(mine(caller))/revisions")
            },
            // Each caller pushes a file they uploaded themselves; callers who cannot upload are given the admin's (hidden from them).
            MatrixRow("POST", "\(base)/{name}/revisions",
                      "401  404   2xx   2xx    403   404  403    2xx    2xx    401  401") { world, caller in
                let uploader = caller.uploadsFiles ? caller.username ?? "admin" : "admin"
                let id = try await world.uploadedFile(for: mine(caller), as: uploader)
                return MatrixRequest(.POST, "\(base)/\(mine(caller))/revisions", json: #"{"upload-id": "\#(id)"}"#)
            },
            MatrixRow("GET", "\(base)/{name}/revisions/review", seesRevisions) { world, caller in
                let uploader = caller == .suspended ? "admin" : caller.subjectOwner
                let id = try await world.pushedUpload(to: mine(caller), in: namespace, as: uploader)
                return MatrixRequest(.GET, "\(base)/\(mine(caller))/revisions/review?upload-id=\(id)")
            },
            MatrixRow("GET", "\(base)/{name}/releases", seesRevisions) { _, caller in
                MatrixRequest(.GET, "\(base)/\(mine(caller))/releases")
            },
            MatrixRow("POST", "\(base)/{name}/releases", involvedPublisher) { _, caller in
                MatrixRequest(.POST, "\(base)/\(mine(caller))/releases", json: #"[{"revision": 1, "channel": "edge", "resources": []}]"#)
            },
            MatrixRow("POST", "\(base)/{name}/releases", variant: "close a channel", involvedPublisher) { _, caller in
                MatrixRequest(.POST, "\(base)/\(mine(caller))/releases", json: #"[{"revision": null, "channel": "candidate", "resources": []}]"#)
            },
            MatrixRow("POST", "\(base)/{name}/releases", variant: "private package", involvedPublisherHidden) { _, caller in
                MatrixRequest(.POST, "\(base)/\(hidden(caller))/releases", json: #"[{"revision": 1, "channel": "edge", "resources": []}]"#)
            },
        ]
    }

    /// `value` as the `/api/v1` coders write it.
    static func json(_ value: some Encodable) -> String {
        (try? APICoding.makeEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
