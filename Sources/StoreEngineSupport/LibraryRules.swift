import Foundation
import StoreModels
import StoreService

/// Charm libraries (`charmcraft publish-lib`, `fetch-lib`, `list-lib`), apart from the SQL.
///
/// A library is registered on a charm by those who may upload to it, then published version by
/// version: within an API version each patch is the previous one plus one (the first patch of a new
/// API may be any), and the store recomputes ``LibraryHash`` and refuses a hash that is not the
/// content's. Anyone who may see the charm may read its libraries.
package enum LibraryRules {
    /// The largest library source the store keeps (Charmhub's libraries are a few dozen KiB; the
    /// server's 1 MiB body limit must leave room for the JSON around it).
    package static let maximumContentBytes = 1 << 19
    /// The most queries one bulk request may carry.
    package static let maximumQueries = 100

    /// A new library id: 32 lower-case hex digits, as Charmhub's.
    package static func newID() -> String {
        UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// Whether `id` could be a library id (anything else is not looked up).
    package static func isPlausibleID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }

    /// Checks a library name: a lower-case Python identifier of at most 64 characters.
    /// - Throws: `.invalidInput` saying why.
    package static func validate(name: String) throws(StoreError) {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first), scalars.count <= 64,
              scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw .invalidInput(
                "'\(VisibleText.replacingControls(String(name.prefix(64))))' is not a library name: use a lower-case Python identifier (a-z, 0-9, _), at most 64 characters")
        }
    }

    /// Refuses registering a library on `package` unless it is a charm `caller` may upload to.
    package static func checkRegistering(named name: String, on package: PackageContext, by caller: Identity) throws(StoreError) {
        try validate(name: name)
        try checkHoldsLibraries(package)
        try package.require(.uploadRevision, by: caller)
    }

    /// The refusal for a name the charm already has.
    package static func nameTaken(_ name: String, on charm: PackageName) -> StoreError {
        .conflict("'\(charm)' already has a library named '\(name)'; publish to it, or choose another name.")
    }

    /// The refusal for an id the charm does not have.
    package static func notFound(_ id: String, on charm: PackageName) -> StoreError {
        .notFound(kind: "library of '\(charm)'", name: VisibleText.replacingControls(String(id.prefix(64))))
    }

    /// The refusal to unregister a charm that has libraries (other charms fetch them).
    package static func unregisterBlocked(_ charm: PackageName) -> StoreError {
        .conflict("'\(charm)' has charm libraries, which other charms fetch; it cannot be unregistered.")
    }

    /// The version `publication` makes of library `id` named `name`, given the tip of its API version.
    /// - Throws: `.forbidden` for a caller who may not upload to the charm, `.invalidInput` for a bad
    ///   version or a hash that is not the content's, `.conflict` for a patch that is not the next one.
    package static func decide(
        _ publication: LibraryPublication, name: String, tip: Library?, on package: PackageContext, by caller: Identity
    ) throws(StoreError) -> Library {
        try checkHoldsLibraries(package)
        try package.require(.uploadRevision, by: caller)
        let (api, patch) = (publication.api, publication.patch)
        guard api >= 0, patch >= 0, api <= 1_000_000, patch <= 1_000_000_000 else {
            throw .invalidInput("LIBAPI and LIBPATCH must be whole numbers of zero or more (got \(api).\(patch))")
        }
        guard api > 0 || patch > 0 else { throw .invalidInput("LIBAPI and LIBPATCH cannot both be zero") }
        guard publication.content.utf8.count <= maximumContentBytes else {
            throw .invalidInput("the library source has \(publication.content.utf8.count) bytes; at most \(maximumContentBytes) are kept")
        }
        guard !publication.content.utf8.contains(0) else { throw .invalidInput("the library source contains a NUL byte") }
        try checkVersionFields(of: publication)
        let hash = LibraryHash.of(publication.content)
        guard publication.hash.lowercased() == hash else {
            throw .invalidInput(
                "the hash sent (\(VisibleText.replacingControls(String(publication.hash.prefix(70))))) is not the content's (\(hash)); publish with charmcraft, which computes it")
        }
        if let tip {
            guard patch == tip.patch + 1 else {
                throw .conflict(
                    "\(tip.fullName) is at version \(tip.api).\(tip.patch) in the store; the next publication must be \(tip.api).\(tip.patch + 1) (got \(api).\(patch))")
            }
        }
        return Library(
            id: publication.libraryID, charm: package.package.name, name: name, api: api, patch: patch, hash: hash,
            content: publication.content)
    }

    /// Refuses a source whose `LIBID`, `LIBAPI` or `LIBPATCH` assignment says otherwise than the
    /// publication (charmcraft would refuse the file once fetched). A source without them passes.
    private static func checkVersionFields(of publication: LibraryPublication) throws(StoreError) {
        let expected = ["LIBID": "\"\(publication.libraryID)\"", "LIBAPI": String(publication.api), "LIBPATCH": String(publication.patch)]
        for line in publication.content.split(separator: "\n", omittingEmptySubsequences: true) {
            for (field, value) in expected where line.hasPrefix(field) {
                let rest = line.dropFirst(field.count).drop { $0 == " " || $0 == "\t" }
                guard rest.first == "=" else { continue }
                var assigned = rest.dropFirst().trimmingCharacters(in: .whitespaces)
                if let comment = assigned.firstIndex(of: "#") { assigned = String(assigned[..<comment]).trimmingCharacters(in: .whitespaces) }
                if field == "LIBID" { assigned = assigned.replacingOccurrences(of: "'", with: "\"") }
                guard assigned == value else {
                    throw .invalidInput(
                        "the source says \(field) = \(VisibleText.replacingControls(String(assigned.prefix(70)))) but the request says \(value); publish with charmcraft, which sends the file's own values")
                }
            }
        }
    }

    /// Of the versions of one library, those `query` asks for: exactly `patch`, or the tip of each API
    /// version (only `api` when given).
    package static func select(_ versions: [Library], for query: LibraryQuery) -> [Library] {
        let asked = versions.filter { query.api == nil || $0.api == query.api }
        if let patch = query.patch { return asked.filter { $0.patch == patch } }
        var tips: [String: Library] = [:]
        for version in asked {
            let key = "\(version.id)/\(version.api)"
            if let tip = tips[key], tip.patch >= version.patch { continue }
            tips[key] = version
        }
        return tips.values.sorted { ($0.name, $0.api) < ($1.name, $1.api) }
    }

    /// What a bulk request answers, before visibility: for each query in order, the versions it asks
    /// for (see ``select(_:for:)``), each version once.
    /// - Parameter versions: for each query, the versions of the libraries it names.
    package static func selected(_ versions: [(query: LibraryQuery, versions: [Library])]) -> [Library] {
        var seen: Set<Library> = []
        return versions.flatMap { select($0.versions, for: $0.query) }.filter { seen.insert($0).inserted }
    }

    /// The charms of `libraries`, each once, in order: those whose visibility the engine checks.
    package static func charms(of libraries: [Library]) -> [PackageName] {
        var seen: Set<PackageName> = []
        return libraries.map(\.charm).filter { seen.insert($0).inserted }
    }

    /// The refusal of a version that is published already (a concurrent publication won).
    package static func publishedAlready(_ library: Library) -> StoreError {
        .conflict("\(library.fullName) \(library.api).\(library.patch) is published already")
    }

    /// Checks a bulk request's size.
    package static func checkQueries(_ queries: [LibraryQuery]) throws(StoreError) {
        guard queries.count <= maximumQueries else {
            throw .invalidInput("at most \(maximumQueries) libraries in one request (got \(queries.count))")
        }
    }

    /// The audit event of registering library `name` (`id`) on `package`.
    package static func event(registering name: String, id: String, on package: PackageContext, by context: some AuditingContext) throws -> AuditEvent {
        let charm = package.package.name.rawValue
        return context.event(
            "library.register", kind: .package, object: charm, package: charm, publisher: package.owner.username,
            after: try JSONColumn.encode(LibraryRecord(id: id, name: name, api: nil, patch: nil, hash: nil)))
    }

    /// The audit event of publishing `library`.
    package static func event(publishing library: Library, on package: PackageContext, by context: some AuditingContext) throws -> AuditEvent {
        let charm = package.package.name.rawValue
        return context.event(
            "library.publish", kind: .package, object: charm, package: charm, publisher: package.owner.username,
            after: try JSONColumn.encode(LibraryRecord(
                id: library.id, name: library.name, api: library.api, patch: library.patch, hash: library.hash)))
    }

    private static func checkHoldsLibraries(_ package: PackageContext) throws(StoreError) {
        guard package.package.type == .charm else {
            throw .invalidInput("libraries belong to charms; '\(package.package.name)' is a \(package.package.type.rawValue)")
        }
    }
}

/// What the audit log records about a library.
private struct LibraryRecord: Codable {
    var id: String
    var name: String
    var api: Int?
    var patch: Int?
    var hash: String?
}

extension Library {
    /// A library version from a row of `library_versions` joined with `libraries` and `packages`
    /// (`id`, `charm`, `name`, `api`, `patch`, `hash`, and `content` when selected).
    package init(columns row: some ColumnReading, withContent: Bool) throws {
        self.init(
            id: try row.string("id"), charm: PackageName(trusted: try row.string("charm")), name: try row.string("name"), api: try row.int("api"),
            patch: try row.int("patch"), hash: try row.string("hash"), content: withContent ? try row.string("content") : nil)
    }
}
