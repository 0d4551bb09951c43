import Foundation
import GRDB
import StoreModels
import StoreService
import StoreEngineSupport

/// One catalogue entry as the import writes it: the package as stored (tracks of the channel map
/// added, published once released) with its JSON columns encoded, ready to bind.
struct ImportedPackage {
    var package: Package
    var collaboratorIDs: [String]
    var revisions: [ImportedRevision]
    /// Revisions' files, by number.
    var files: [Int: RevisionFile]
    var releases: [ChannelRelease]
    var channelMapVersion: Int
    var isListed: Bool
    var latestStableVersion: String?
    var updatedMicros: Int64
    var versionKey: String
    var categories: String
    var links: String
    var tracks: String

    init(_ entry: CatalogueEntry, suspendedAccounts: Set<String>) throws {
        let stored = StoredEntry(entry, ownerSuspended: suspendedAccounts.contains(entry.package.publisherID))
        let package = stored.package
        self.package = package
        collaboratorIDs = stored.collaboratorIDs
        revisions = try stored.revisionsInOrder.map(ImportedRevision.init)
        files = stored.files
        releases = stored.map.releases
        channelMapVersion = stored.map.version
        isListed = stored.isListed
        latestStableVersion = stored.latestStableVersion
        updatedMicros = stored.updatedMicros
        versionKey = stored.versionKey
        categories = Self.encoded(package.categories)
        links = package.links.isEmpty ? "[]" : try JSONColumn.encode(package.links)
        tracks = Self.encoded(package.tracks)
    }

    /// The highest revision number, 0 without revisions.
    var lastRevision: Int { revisions.last?.revision.number ?? 0 }

    /// What ``JSONColumn/encode(strings:)`` writes, without its scalar-by-scalar loop when no
    /// character needs escaping (nearly always).
    static func encoded(_ strings: [String]) -> String {
        guard !strings.isEmpty else { return "[]" }
        let isPlain = strings.allSatisfy { $0.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") } }
        return isPlain ? "[\"" + strings.joined(separator: "\",\"") + "\"]" : JSONColumn.encode(strings: strings)
    }

    /// The columns of `packages`, in the order ``insert(_:firstPK:_:)`` binds them.
    private static let packageColumns = """
        pk, id, name, type, title, summary, description, publisher_id, categories, license, links, status, private,
        listed, default_track, tracks, created_at, channel_map_version, last_revision, latest_stable_version,
        updated_us, version_key
        """

    /// Inserts `packages` with one multi-row statement (see ``SQLiteBackend/importPackagesPerStatement``),
    /// keyed from `firstPK` up.
    static func insert(_ packages: ArraySlice<ImportedPackage>, firstPK: Int64, _ db: Database) throws {
        let row = "(" + Array(repeating: "?", count: 22).joined(separator: ", ") + ")"
        var writer = try RowWriter(db, sql: "INSERT INTO packages (\(packageColumns)) VALUES "
                                   + Array(repeating: row, count: packages.count).joined(separator: ", "))
        for (offset, imported) in packages.enumerated() {
            let package = imported.package
            writer.bind(firstPK + Int64(offset))
            writer.bind(package.id)
            writer.bind(package.name.rawValue)
            writer.bind(package.type.rawValue)
            writer.bind(package.title)
            writer.bind(package.summary)
            writer.bind(package.description)
            writer.bind(package.publisherID)
            writer.bind(imported.categories)
            writer.bind(package.license)
            writer.bind(imported.links)
            writer.bind(package.status.rawValue)
            writer.bind(package.isPrivate)
            writer.bind(imported.isListed)
            writer.bind(package.defaultTrack)
            writer.bind(imported.tracks)
            writer.bind(package.createdAt.databaseValue)
            writer.bind(Int64(imported.channelMapVersion))
            writer.bind(Int64(imported.lastRevision))
            writer.bind(imported.latestStableVersion)
            writer.bind(imported.updatedMicros)
            writer.bind(imported.versionKey)
        }
        try writer.step()
    }

    /// Inserts the packages' categories (and the category names) and collaborators.
    static func insertCategoriesAndCollaborators(_ packages: [ImportedPackage], firstPK: Int64, _ db: Database) throws {
        var category = try RowWriter(db, sql: "INSERT OR IGNORE INTO categories (name) VALUES (?)")
        for name in Set(packages.flatMap(\.package.categories)).sorted() {
            category.bind(name)
            try category.step()
        }
        var link = try RowWriter(db, sql: "INSERT OR IGNORE INTO package_categories (category, package_name, package_pk) VALUES (?, ?, ?)")
        var collaborator = try RowWriter(db, sql: "INSERT OR IGNORE INTO collaborators (package_pk, account_id, added_at) VALUES (?, ?, ?)")
        for (offset, imported) in packages.enumerated() {
            let package = imported.package
            for name in package.categories {
                link.bind(name)
                link.bind(package.name.rawValue)
                link.bind(firstPK + Int64(offset))
                try link.step()
            }
            for id in imported.collaboratorIDs {
                collaborator.bind(firstPK + Int64(offset))
                collaborator.bind(id)
                collaborator.bind(package.createdAt.databaseValue)
                try collaborator.step()
            }
        }
    }

    /// Inserts every package's revisions, in number order.
    static func insertRevisions(_ packages: [ImportedPackage], firstPK: Int64, _ db: Database) throws {
        var writer = try RowWriter(db, sql: """
            INSERT INTO revisions (package_pk, number, version, architectures, base, size, sha3_384, created_at,
                uploader, confinement, grade, permissions, review_status, review_note, checks, epoch, file, sha256,
                metadata_yaml, config_yaml)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (offset, imported) in packages.enumerated() {
            for encoded in imported.revisions {
                let revision = encoded.revision
                writer.bind(firstPK + Int64(offset))
                writer.bind(Int64(revision.number))
                writer.bind(revision.version)
                writer.bind(encoded.architectures)
                writer.bind(revision.base)
                writer.bind(revision.size)
                writer.bind(revision.sha3_384)
                writer.bind(revision.createdAt.databaseValue)
                writer.bind(revision.uploader)
                writer.bind(revision.confinement?.rawValue)
                writer.bind(revision.grade?.rawValue)
                writer.bind(encoded.permissions)
                writer.bind(revision.review.word)
                writer.bind(revision.review.note)
                writer.bind(encoded.checks)
                writer.bind(encoded.epoch)
                writer.bind(imported.files[revision.number]?.column)
                writer.bind(revision.charmFile?.sha256)
                writer.bind(revision.charmFile?.metadataYAML)
                writer.bind(revision.charmFile?.configYAML)
                try writer.step()
            }
        }
    }

    /// Inserts every package's channel map entries.
    static func insertReleases(_ packages: [ImportedPackage], firstPK: Int64, _ db: Database) throws {
        var writer = try RowWriter(db, sql: """
            INSERT INTO releases (package_pk, track, risk, branch, architecture, base, revision, released_at,
                expires_at, progressive)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (offset, imported) in packages.enumerated() {
            for release in imported.releases {
                writer.bind(firstPK + Int64(offset))
                writer.bind(release.channel.track)
                writer.bind(release.channel.risk.description)
                writer.bind(release.channel.branch ?? "")
                writer.bind(release.platform.architecture.rawValue)
                writer.bind(release.platform.base ?? "")
                writer.bind(Int64(release.revision))
                writer.bind(release.releasedAt.databaseValue)
                writer.bind(release.expiresAt?.databaseValue)
                writer.bind(release.progressivePercentage.map(Int64.init))
                try writer.step()
            }
        }
    }
}

/// A revision as the import writes it, its JSON columns encoded.
struct ImportedRevision {
    var revision: Revision
    var architectures: String
    var permissions: String
    var checks: String
    var epoch: String?

    init(_ revision: Revision) throws {
        epoch = try revision.epochColumn
        self.revision = revision
        architectures = ImportedPackage.encoded(revision.architectures.map(\.rawValue))
        permissions = ImportedPackage.encoded(revision.permissions)
        checks = revision.checks.isEmpty ? "[]" : try JSONColumn.encode(revision.checks)
    }
}
