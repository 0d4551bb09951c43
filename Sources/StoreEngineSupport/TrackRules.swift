import Foundation
import StoreModels
import StoreService

/// Opening tracks and choosing the default one, apart from the SQL: `charmcraft create-track`,
/// craft-store `create_tracks`, `snapcraft set-default-track`.
///
/// Tracks are opened by admins (a publisher asks one; this store has no track guardrails), and the
/// default track is chosen by those who may release the package. `latest` is always open.
package enum TrackRules {
    /// What an update changes.
    package struct Change: Sendable {
        /// Every track after the update, in the order opened.
        package var tracks: [String]
        package var defaultTrack: String
        /// The tracks opened now.
        package var opened: [String]

        /// `package` with the change applied.
        package func applied(to package: Package) -> Package {
            var updated = package
            updated.tracks = tracks
            updated.defaultTrack = defaultTrack
            return updated
        }
    }

    /// The change `caller` asks for on `package`.
    /// - Throws: `.invalidInput` for a bad or unknown track name, `.conflict` for a track already
    ///   open, `.forbidden` for a caller who may not open tracks or choose the default.
    package static func decide(
        opening names: [String], defaultTrack: String?, on package: PackageContext, by caller: Identity
    ) throws(StoreError) -> Change {
        let name = package.package.name
        guard !names.isEmpty || defaultTrack != nil else {
            throw .invalidInput("name tracks to open or a default track")
        }
        guard names.count <= 20 else { throw .invalidInput("at most 20 tracks in one request") }
        var tracks = package.package.tracks
        var opened: [String] = []
        for track in names {
            do { try Channel.validateTrack(track) } catch { throw .invalidInput(error.description) }
            if track == Channel.latestTrack { throw .invalidInput("the 'latest' track is always open") }
            if tracks.contains(track) || opened.contains(track) { throw .conflict("Track '\(track)' already exists on '\(name)'.") }
            opened.append(track)
        }
        if !opened.isEmpty {
            try package.require(.release, by: caller)
            guard Permissions.may(caller, .moderatePublisher).isAllowed else {
                throw .forbidden("tracks are opened by admins; ask one to open '\(opened[0])' on '\(name)'")
            }
        }
        tracks += opened
        var chosen = package.package.defaultTrack
        if let defaultTrack {
            try package.require(.release, by: caller)
            guard tracks.contains(defaultTrack) || defaultTrack == Channel.latestTrack else {
                throw .invalidInput("'\(VisibleText.replacingControls(String(defaultTrack.prefix(40))))' is not a track of '\(name)' (open: \(tracks.joined(separator: ", ")))")
            }
            chosen = defaultTrack
        }
        return Change(tracks: tracks, defaultTrack: chosen, opened: opened)
    }

    /// The audit event of `change` on `package`.
    package static func event(_ change: Change, on package: PackageContext, by context: some AuditingContext) throws -> AuditEvent {
        let name = package.package.name.rawValue
        return context.event(
            "package.tracks", kind: .package, object: name, package: name, publisher: package.owner.username,
            before: try JSONColumn.encode(TracksRecord(tracks: package.package.tracks, defaultTrack: package.package.defaultTrack)),
            after: try JSONColumn.encode(TracksRecord(tracks: change.tracks, defaultTrack: change.defaultTrack)))
    }
}

/// What the audit log records about a package's tracks.
private struct TracksRecord: Codable {
    var tracks: [String]
    var defaultTrack: String
}
