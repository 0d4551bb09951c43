import Foundation
import HTTPTypes
import Hummingbird
import StoreModels
import StoreService

/// What devices ask besides search and info: `POST /v2/snaps/refresh` (snapd's install, download and
/// refresh), file downloads, sections, names, assertions and device sessions. No login needed.
///
/// The refresh rules are ``RefreshResolver``'s (pure, in StoreModels); this file turns snapd's request
/// into asks, with one read for all the snaps it names (``StoreService/refreshCatalogue(_:)``), and the
/// outcomes into snapd's results: one per action, an error result (with the snap's name, so snapd can
/// say which) for an action that cannot be served, never a failed request for one bad action.
extension StoreAPI {
    /// The most actions one refresh request may carry (snapd sends one per installed snap).
    static let maximumRefreshActions = 500

    func addDeviceRoutes(to routes: RouteTable) {
        routes.add(.post, "/v2/snaps/refresh", access: .catalogue, replaysIdempotently: false) { request, context in
            // CPU-bound and asked the most: first come, first served (see ComputeExecutor).
            try await ComputeExecutor.shared.run { try await snapRefresh(request, context) }
        }
        addDownloadRoutes(to: routes)
        addDeviceCatalogueRoutes(to: routes)
        addCharmDeviceRoutes(to: routes)
    }

    /// The key that places a device in progressive releases: the `Snap-Device-Id` header (a fleet's own
    /// id for its devices, and what tests use), else snapd's device session (`Snap-Device-Authorization`,
    /// the session this store issued at `/api/v1/snaps/auth/sessions`); `nil` (outside every rollout) without either.
    static func deviceKey(_ request: Request) -> String? {
        for name in ["Snap-Device-Id", "Snap-Device-Authorization", "X-Device-Authorization"] {
            if let field = HTTPField.Name(name), let value = request.headers[field], !value.isEmpty, value.utf8.count <= 4096 {
                return value
            }
        }
        return nil
    }

    /// The packages `lookup` names as `identity` sees them: ``StoreService/refreshCatalogue(_:)``, through
    /// ``refreshEntries`` for anonymous devices.
    func refreshCatalogue(_ lookup: RefreshLookup, for identity: Identity) async throws(StoreError) -> RefreshCatalogue {
        let service = service(for: identity)
        return try await refreshEntries.catalogue(for: lookup, identity: identity) { lookup throws(StoreError) in
            try await service.refreshCatalogue(lookup)
        }
    }

    /// `POST /v2/snaps/refresh`.
    func snapRefresh(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        var request = request
        let body = try await JSONBody.decode(
            SnapRefreshRequest.self, from: &request, limit: configuration.maxBodySize, fastPath: SnapRefreshRequest.init(scanned:))
        guard body.actions.count <= Self.maximumRefreshActions, body.context.count <= Self.maximumRefreshActions else {
            throw StoreError.invalidInput("at most \(Self.maximumRefreshActions) actions and installed snaps in one refresh request")
        }
        let architecture = request.headers[HTTPField.Name("Snap-Device-Architecture")!].flatMap { text -> Architecture? in
            text.utf8.count <= 32 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } ? Architecture(rawValue: text) : nil
        } ?? .amd64
        // Fields this store does not know are left out, not refused: the device's request still counts.
        // snapd needs these of every revision whatever it asked; each document reads only its own level's fields.
        let fields = (body.fields.map(SnapFields.Selection.init) ?? SnapFields.Selection(SnapFields.refreshDefault)).union([.revision, .version, .epoch, .type])
        let contexts = Dictionary(body.context.map { ($0.instanceKey, $0) }, uniquingKeysWith: { first, _ in first })
        func installedSnap(for action: SnapRefreshAction) -> SnapRefreshContext? {
            action.action == "refresh" ? contexts[action.instanceKey] ?? body.context.first { $0.snapID == action.snapID } : nil
        }
        // Every package the actions name, read at once.
        var lookup = RefreshLookup()
        for action in body.actions where RefreshResolver.Ask.Kind(rawValue: action.action) != nil {
            if let reference = Self.reference(action, installed: installedSnap(for: action)) { lookup.add(reference, revision: action.revision) }
        }
        let catalogue = try await refreshCatalogue(lookup, for: context.identity)
        let deviceKey = Self.deviceKey(request)
        let refreshes = body.actions.filter { $0.action == "refresh" }.count
        var results: [SnapRefreshResult] = []
        for action in body.actions {
            try Task.checkCancellation()
            let installed = installedSnap(for: action)
            func failure(_ code: String, _ message: String, name: String?, extra: WireJSON? = nil) -> SnapRefreshResult {
                SnapRefreshResult(
                    result: "error", instanceKey: action.instanceKey, snapID: action.snapID ?? installed?.snapID,
                    name: name ?? action.name, error: WireError(code: code, message: message, extra: extra))
            }
            guard let kind = RefreshResolver.Ask.Kind(rawValue: action.action) else {
                results.append(failure("invalid-action", "'\(QueryParameters.printable(String(action.action.prefix(32))))' is not an action this store runs (install, download, refresh)", name: nil))
                continue
            }
            let name: PackageName
            switch Self.reference(action, installed: installed) {
            case .id(let id)?:
                guard let found = catalogue.names[id] else {
                    results.append(failure("id-not-found", "No snap with id '\(QueryParameters.printable(String(id.prefix(64))))' found.", name: nil))
                    continue
                }
                name = found
            case .name(let named)?:
                name = named
            case nil:
                results.append(kind == .refresh || action.name == nil
                    ? failure("invalid-request", "a \(kind.rawValue) action needs a snap-id or a name", name: nil)
                    : failure("name-not-found", "No snap named '\(QueryParameters.printable(String((action.name ?? "").prefix(64))))' found.", name: nil))
                continue
            }
            if kind == .refresh, installed == nil {
                results.append(failure("invalid-request", "a refresh action's instance-key must name an installed snap of the context", name: name.rawValue))
                continue
            }
            guard let entry = catalogue.packages[name], entry.detail.package.type == .snap else {
                results.append(kind == .refresh
                    ? failure("id-not-found", "No snap with id '\(action.snapID ?? installed?.snapID ?? "")' found.", name: nil)
                    : failure("name-not-found", "No snap named '\(name)' found.", name: name.rawValue))
                continue
            }
            let package = PublicPackage(entry)
            let epoch: Epoch?
            do { epoch = try (kind == .refresh ? installed?.epoch : action.epoch)?.domain } catch {
                results.append(failure("invalid-request", "the epoch is not valid: \(error)", name: name.rawValue))
                continue
            }
            let ask = RefreshResolver.Ask(
                kind: kind, channel: action.channel, revision: action.revision, architecture: architecture,
                installedRevision: installed?.revision, trackingChannel: installed?.trackingChannel, epoch: epoch,
                bucket: deviceKey.map { ProgressiveBucket.of(deviceKey: $0, packageID: package.package.id) } ?? 99)
            let input = RefreshResolver.Package(
                id: package.package.id, name: name, type: .snap, defaultTrack: package.package.defaultTrack, map: package.map,
                revisions: entry.revisions)
            let redirect = action.revision == nil
                ? Self.redirectChannel(action.channel ?? (kind == .refresh ? installed?.trackingChannel : nil), defaultTrack: package.package.defaultTrack)
                : nil
            switch RefreshResolver.resolve(ask, package: input) {
            case .serve(let revision, let channel):
                metrics?.record(
                    packageID: package.package.id, channel: channel?.fullName ?? "", revision: revision.number,
                    architecture: architecture.rawValue, deviceKey: deviceKey, downloads: revision.number != installed?.revision)
                var served = result(kind, action, installed, package, revision, channel, fields: fields, request: request)
                served.redirectChannel = redirect
                results.append(served)
            case .current(let revision, let channel):
                metrics?.record(
                    packageID: package.package.id, channel: channel?.fullName ?? "", revision: revision.number,
                    architecture: architecture.rawValue, deviceKey: deviceKey, downloads: false)
                // snapd reads an empty reply to a single refresh as a failure; in a bulk refresh, nothing new is left out.
                if refreshes == 1 {
                    var served = result(kind, action, installed, package, revision, channel, fields: fields, request: request)
                    served.redirectChannel = redirect
                    results.append(served)
                }
            case .failure(let code, let message, let releases):
                let listed: [WireJSON] = releases.map { release in
                    WireJSON.object([
                        "architecture": WireJSON.string(release.platform.architecture.rawValue),
                        "channel": WireJSON.string(release.channel.fullName),
                    ])
                }
                let extra: WireJSON? = releases.isEmpty ? nil : .object(["releases": .array(listed)])
                results.append(failure(code, message, name: name.rawValue, extra: extra))
            }
        }
        return try APIResponse.wire(SnapRefreshResponse(results: results))
    }

    /// The channel a device should track from now on when it named none, or a risk without a track,
    /// and the package's default track is not `latest` (snapd replaces what it tracks with it).
    static func redirectChannel(_ text: String?, defaultTrack: String) -> String? {
        guard defaultTrack != Channel.latestTrack else { return nil }
        let first = text.flatMap { $0.split(separator: "/", maxSplits: 1).first.map(String.init) }
        guard first == nil || first.flatMap(Risk.init(word:)) != nil,
              let channel = try? RefreshResolver.channel(text, defaultTrack: defaultTrack) else { return nil }
        return channel.fullName
    }

    /// A served result.
    private func result(
        _ kind: RefreshResolver.Ask.Kind, _ action: SnapRefreshAction, _ installed: SnapRefreshContext?, _ package: PublicPackage,
        _ revision: Revision, _ channel: Channel?, fields: SnapFields.Selection, request: Request
    ) -> SnapRefreshResult {
        var details = SnapFields.details(package, fields: fields)
        // snapd needs the name and snap-id in `snap` whatever was asked.
        details.name = package.package.name.rawValue
        details.snapID = package.package.id
        let fieldsOfRevision = SnapFields.revisionFields(
            revision, fields: fields, downloadURL: downloadURL(packageID: package.package.id, revision: revision.number, type: .snap, request: request))
        return SnapRefreshResult(
            result: kind.rawValue, instanceKey: action.instanceKey, snapID: package.package.id, name: package.package.name.rawValue,
            effectiveChannel: channel?.fullName, snap: SnapRefreshSnap(details: details, revision: fieldsOfRevision))
    }

    /// The package `action` names: a refresh by its installed snap-id, an install or download by name, else by
    /// snap-id; `nil` when it names none (no id) or a name that cannot be a snap's.
    static func reference(_ action: SnapRefreshAction, installed: SnapRefreshContext?) -> RefreshLookup.Reference? {
        guard action.action != "refresh", let text = action.name else { return (action.snapID ?? installed?.snapID).map { .id($0) } }
        return (try? PackageName(text, type: .snap)).map { .name($0) }
    }

    /// The absolute URL devices download a revision's file from.
    func downloadURL(packageID: String, revision: Int, type: PackageType, request: Request) -> String {
        let scheme = configuration.publicURL.flatMap { URL(string: $0)?.scheme } ?? "http"
        let kind = type == .snap ? "snaps" : "charms"
        let suffix = type == .snap ? "snap" : "charm"
        return "\(scheme)://\(publicAuthority(of: request))/api/v1/\(kind)/download/\(packageID)_\(revision).\(suffix)"
    }
}
