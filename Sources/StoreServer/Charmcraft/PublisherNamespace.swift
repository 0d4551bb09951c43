import StoreModels

/// A package namespace of the Charmhub-style publisher API: `/v1/charm` (charmcraft) and `/v1/snap`
/// (newer snapcraft with `SNAPCRAFT_STORE_AUTH=onprem`, craft-store's `PublisherGateway(base, "snap", auth)`).
///
/// One implementation serves both (``StoreAPI/addPublisherGatewayRoutes(to:)``); the namespace says
/// which package types it holds, how an uploaded file is read and how revisions are described.
enum PublisherNamespace: String, Sendable, CaseIterable {
    case charm
    case snap

    /// `/v1/charm` or `/v1/snap`.
    var path: String { "/v1/\(rawValue)" }

    /// Whether packages of `type` live in this namespace (bundles with charms).
    func holds(_ type: PackageType) -> Bool {
        switch self {
        case .charm: type == .charm || type.rawValue == "bundle"
        case .snap: type == .snap
        }
    }

    /// The `type` values a registration in this namespace may name.
    var registrableTypes: [String] {
        switch self {
        case .charm: ["charm", "bundle"]
        case .snap: ["snap"]
        }
    }

    /// How a file pushed to this namespace is read.
    var fileKind: StoreAPI.UploadedFileKind {
        switch self {
        case .charm: .charm
        case .snap: .snap(releaseOnApproval: [])
        }
    }

    /// The tool whose users this namespace serves, for messages.
    var tool: String {
        switch self {
        case .charm: "charmcraft"
        case .snap: "snapcraft"
        }
    }
}
