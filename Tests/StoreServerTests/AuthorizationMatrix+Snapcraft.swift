import Foundation
import StoreAPI
import StoreModels
import StoreService
@testable import StoreServer

extension MatrixTable {
    // MARK: snapcraft (the dashboard API; `Bearer`, both `Macaroon` forms and a login session)

    /// A caller who may not upload to the snap they name is refused before anything is read.
    static let snapcraft: [MatrixRow] = [
        MatrixRow("POST", "/dev/api/acl/", everyone) { _, _ in MatrixRequest(.POST, "/dev/api/acl/", json: #"{"permissions": ["package_access"]}"#) },
        // The password is the caller's own token: an expired or revoked one cannot log in.
        MatrixRow("POST", "/api/v2/tokens/discharge",
                  "401  2xx   2xx   2xx    2xx   2xx  2xx    2xx    2xx    401  401") { world, caller in
            let acl = try await world.send(MatrixRequest(.POST, "/dev/api/acl/", json: "{}"), authorization: nil)
            let root = try Macaroon(serialized: try JSONShape.object(acl)["macaroon"] as? String ?? "")
            let caveat = String(decoding: root.caveats.first(where: \.isThirdParty)?.id ?? Data(), as: UTF8.self)
            let body = try JSONSerialization.data(withJSONObject: [
                "email": caller.username ?? "nobody", "password": world.credentials[caller] ?? "stui_none", "caveat_id": caveat,
            ])
            return MatrixRequest(.POST, "/api/v2/tokens/discharge", json: String(decoding: body, as: UTF8.self))
        },
        MatrixRow("POST", "/dev/api/acl/verify/",
                  "401  2xx   2xx   2xx    2xx   2xx  2xx    2xx    2xx    401  401") { world, caller in
            let header = world.sessions[caller] ?? "Macaroon none"
            let body = try JSONSerialization.data(withJSONObject: ["auth_data": ["authorization": header]])
            return MatrixRequest(.POST, "/dev/api/acl/verify/", json: String(decoding: body, as: UTF8.self))
        },
        MatrixRow("GET", "/api/v2/tokens/whoami", anyAccount) { _, _ in MatrixRequest(.GET, "/api/v2/tokens/whoami") },
        MatrixRow("GET", "/dev/api/account", anyAccount) { _, _ in MatrixRequest(.GET, "/dev/api/account") },
        MatrixRow("POST", "/dev/api/register-name/", publisherRole) { world, _ in
            MatrixRequest(.POST, "/dev/api/register-name/", json: #"{"snap_name": "\#(world.freshName("matrix-snap"))", "is_private": false, "series": "16"}"#)
        },
        MatrixRow("POST", "/dev/api/snap-push/", variant: "dry run", involvedPublisher) { _, caller in
            MatrixRequest(.POST, "/dev/api/snap-push/", json: #"{"name": "\#(caller.snap)", "dry_run": true}"#)
        },
        MatrixRow("POST", "/dev/api/snap-push/", variant: "dry run, private package", involvedPublisherHidden) { _, caller in
            MatrixRequest(.POST, "/dev/api/snap-push/", json: #"{"name": "\#(caller.privateSnap)", "dry_run": true}"#)
        },
        // Open: the upload id is the capability, and an unknown one is still a document snapcraft can read.
        MatrixRow("GET", "/dev/api/snap-status/{id}", everyone) { world, _ in
            MatrixRequest(.GET, "/dev/api/snap-status/\(try await world.pushedUpload(to: "alice-charm", in: .charm, as: "alice"))")
        },
        MatrixRow("POST", "/dev/api/snap-release/", involvedPublisher) { _, caller in
            MatrixRequest(.POST, "/dev/api/snap-release/", json: #"{"name": "\#(caller.snap)", "revision": "1", "channels": ["edge"]}"#)
        },
        MatrixRow("POST", "/dev/api/snap-release/", variant: "private package", involvedPublisherHidden) { _, caller in
            MatrixRequest(.POST, "/dev/api/snap-release/", json: #"{"name": "\#(caller.privateSnap)", "revision": "1", "channels": ["edge"]}"#)
        },
        // Snaps are named by id, found among the caller's own (as snapcraft finds the id in /dev/api/account).
        MatrixRow("POST", "/dev/api/snaps/{id}/close",
                  "401  404   2xx   2xx    404   403  404    2xx    404    401  401") { world, caller in
            let id = try await world.server.direct(as: "admin").package(named: PackageName(trusted: caller.snap)).package.id
            return MatrixRequest(.POST, "/dev/api/snaps/\(id)/close", json: #"{"channels": ["candidate"]}"#)
        },
        MatrixRow("PUT", "/dev/api/snaps/{id}/metadata",
                  "401  404   2xx   2xx    404   403  404    2xx    404    401  401") { world, caller in
            let id = try await world.server.direct(as: "admin").package(named: PackageName(trusted: caller.snap)).package.id
            return MatrixRequest(.PUT, "/dev/api/snaps/\(id)/metadata", json: #"{"default_track": "latest"}"#)
        },
        MatrixRow("POST", "/dev/api/snaps/metrics", involvedPublisher) { world, caller in
            let id = try await world.server.direct(as: "admin").package(named: PackageName(trusted: caller.snap)).package.id
            return MatrixRequest(.POST, "/dev/api/snaps/metrics", json: """
                {"filters": [{"metric_name": "weekly_installed_base_by_channel", "snap_id": "\(id)", "start": "2026-01-01", "end": "2026-01-07"}]}
                """)
        },
        MatrixRow("GET", "/api/v2/snaps/{name}/channel-map", seesRevisions) { _, caller in
            MatrixRequest(.GET, "/api/v2/snaps/\(caller.snap)/channel-map")
        },
        MatrixRow("GET", "/api/v2/snaps/{name}/releases", seesRevisions) { _, caller in
            MatrixRequest(.GET, "/api/v2/snaps/\(caller.snap)/releases")
        },
    ]
}
