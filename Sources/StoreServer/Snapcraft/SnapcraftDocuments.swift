import Foundation
import StoreModels
import StoreService

// The Snap Store dashboard's documents, as snapcraft 4.8.1 sends and reads them
// (`../shared/docs/real-clients.md`). Keys are the dashboard's own: snake_case on `/dev/api`,
// kebab-case in the `/api/v2/snaps` documents.

/// `POST /dev/api/acl/` body: the permissions snapcraft asks for (recorded, not enforced: the
/// token the session is discharged with decides what it may do).
struct SnapcraftACLRequest: Codable {
    var permissions: [String]?
    var packages: [SnapcraftACLPackage]?
    var channels: [String]?
    var expires: String?
}

/// A package an ACL request names.
struct SnapcraftACLPackage: Codable {
    var name: String?
    var series: String?
}

/// `{"macaroon": ROOT}`.
struct SnapcraftACLResponse: Codable {
    var macaroon: String
}

/// `POST /api/v2/tokens/discharge` body.
struct SnapcraftDischargeRequest: Codable {
    var email: String
    var password: String
    var caveatID: String
    var otp: String?

    enum CodingKeys: String, CodingKey {
        case email, password, otp
        case caveatID = "caveat_id"
    }
}

/// `{"discharge_macaroon": D}`.
struct SnapcraftDischargeResponse: Codable {
    var dischargeMacaroon: String

    enum CodingKeys: String, CodingKey {
        case dischargeMacaroon = "discharge_macaroon"
    }
}

/// `POST /dev/api/acl/verify/` body: `{"auth_data": {"authorization": "Macaroon root=…, discharge=…"}}`.
struct SnapcraftVerifyRequest: Codable {
    struct AuthData: Codable {
        var authorization: String
    }

    var authData: AuthData

    enum CodingKeys: String, CodingKey {
        case authData = "auth_data"
    }
}

/// What a verified session may do; `null` restrictions print as "No restriction".
struct SnapcraftVerifyResponse: Codable {
    var allowed: Bool
    var account: SnapcraftAccount
    var permissions: [String]
    var snapIDs: [String]?
    var channels: [String]?
    var expires: String?

    enum CodingKeys: String, CodingKey {
        case allowed, account, permissions, channels, expires
        case snapIDs = "snap_ids"
    }

    /// Every key written, `null` for no restriction.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(allowed, forKey: .allowed)
        try container.encode(account, forKey: .account)
        try container.encode(permissions, forKey: .permissions)
        try container.encode(snapIDs, forKey: .snapIDs)
        try container.encode(channels, forKey: .channels)
        try container.encode(expires, forKey: .expires)
    }
}

/// The account in whoami and verify.
struct SnapcraftAccount: Codable {
    var email: String
    var id: String
    var name: String
    var username: String
}

/// `GET /api/v2/tokens/whoami`.
struct SnapcraftWhoamiResponse: Codable {
    var account: SnapcraftAccount
    var channels: [String]?
    var packages: [SnapcraftACLPackage]?
    var permissions: [String]

    enum CodingKeys: String, CodingKey {
        case account, channels, packages, permissions
    }

    /// Every key written, `null` for no restriction (snapcraft's schema requires all four).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(account, forKey: .account)
        try container.encode(channels, forKey: .channels)
        try container.encode(packages, forKey: .packages)
        try container.encode(permissions, forKey: .permissions)
    }
}

/// `GET /dev/api/account`: the account and its snaps by series.
struct SnapcraftAccountResponse: Codable {
    var accountID: String
    var username: String
    var email: String
    var displayname: String
    var snaps: [String: [String: SnapcraftAccountSnap]]

    enum CodingKeys: String, CodingKey {
        case username, email, displayname, snaps
        case accountID = "account_id"
    }
}

/// One snap in ``SnapcraftAccountResponse``.
struct SnapcraftAccountSnap: Codable {
    var snapID: String
    var status: String
    var isPrivate: Bool
    var since: String
    var price: String?

    enum CodingKeys: String, CodingKey {
        case status, since, price
        case snapID = "snap-id"
        case isPrivate = "private"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(snapID, forKey: .snapID)
        try container.encode(status, forKey: .status)
        try container.encode(isPrivate, forKey: .isPrivate)
        try container.encode(since, forKey: .since)
        try container.encode(price, forKey: .price)  // null, not absent
    }
}

/// `POST /dev/api/register-name/` body.
struct SnapcraftRegisterRequest: Codable {
    var snapName: String
    var isPrivate: Bool?
    var series: String?
    var store: String?

    enum CodingKeys: String, CodingKey {
        case series, store
        case snapName = "snap_name"
        case isPrivate = "is_private"
    }
}

/// `{"snap_id": ID}`.
struct SnapcraftRegisterResponse: Codable {
    var snapID: String

    enum CodingKeys: String, CodingKey {
        case snapID = "snap_id"
    }
}

/// `POST /dev/api/snap-push/` body: a dry run (`{name, dry_run: true}`) or a push.
struct SnapcraftPushRequest: Codable {
    var name: String
    var dryRun: Bool?
    var series: String?
    var updownID: String?
    var binaryFilesize: Int64?
    var sourceUploaded: Bool?
    var builtAt: String?
    var channels: [String]?
    var deltaFormat: String?

    enum CodingKeys: String, CodingKey {
        case name, series, channels
        case dryRun = "dry_run"
        case updownID = "updown_id"
        case binaryFilesize = "binary_filesize"
        case sourceUploaded = "source_uploaded"
        case builtAt = "built_at"
        case deltaFormat = "delta_format"
    }
}

/// The push's answer: where to poll.
struct SnapcraftPushResponse: Codable {
    var statusDetailsURL: String
    var uploadID: String

    enum CodingKeys: String, CodingKey {
        case statusDetailsURL = "status_details_url"
        case uploadID = "upload_id"
    }
}

/// What the status poll answers: snapcraft polls until `processed`.
struct SnapcraftUploadStatus: Codable {
    var processed: Bool
    /// `being_processed`, `ready_to_release`, `need_manual_review` or `processing_error`.
    var code: String
    var revision: Int?
    var canRelease: Bool
    var errors: [DashboardErrorText]
    var url: String?

    enum CodingKeys: String, CodingKey {
        case processed, code, revision, errors, url
        case canRelease = "can_release"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(processed, forKey: .processed)
        try container.encode(code, forKey: .code)
        try container.encode(revision, forKey: .revision)
        try container.encode(canRelease, forKey: .canRelease)
        try container.encode(errors, forKey: .errors)
        try container.encode(url, forKey: .url)
    }
}

/// `{"message": …}` in a status document.
struct DashboardErrorText: Codable, Equatable {
    var message: String
}

/// `POST /dev/api/snap-release/` body; `revision` is a string in snapcraft 4.8.1 (a number is accepted too).
struct SnapcraftReleaseRequest: Codable {
    struct Progressive: Codable {
        var percentage: Double?
        var paused: Bool?
    }

    var name: String
    var revision: FlexibleInt
    var channels: [String]
    var progressive: Progressive?
}

/// An integer sent as a JSON number or as a string of digits.
struct FlexibleInt: Codable, Equatable {
    var value: Int

    init(_ value: Int) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Int(text) {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a revision number")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// The release's answer: the channels that now serve something they did not.
struct SnapcraftReleaseResponse: Codable {
    var success: Bool
    var openedChannels: [String]
    var channelMapTree: SnapChannelMapTree

    enum CodingKeys: String, CodingKey {
        case success
        case openedChannels = "opened_channels"
        case channelMapTree = "channel_map_tree"
    }
}

/// `PUT /dev/api/snaps/{snap_id}/metadata` body (and reply): the one field this store keeps.
struct SnapcraftMetadataRequest: Codable {
    var defaultTrack: String?

    enum CodingKeys: String, CodingKey {
        case defaultTrack = "default_track"
    }
}

/// `POST /dev/api/snaps/{snap_id}/close` body.
struct SnapcraftCloseRequest: Codable {
    var channels: [String]
}

/// The close's answer.
struct SnapcraftCloseResponse: Codable {
    var closedChannels: [String]
    var channelMapTree: SnapChannelMapTree

    enum CodingKeys: String, CodingKey {
        case closedChannels = "closed_channels"
        case channelMapTree = "channel_map_tree"
    }
}
