import PostgresNIO
import StoreEngineSupport
import StoreModels
import StoreService

/// Charm libraries; the rules are ``LibraryRules``.
extension PostgresStore {
    /// The columns ``Library/init(columns:withContent:)`` reads, from `library_versions v` joined with
    /// `libraries l` and `packages p`.
    private static let libraryColumns = """
        SELECT l.id, p.name AS charm, l.name, v.api, v.patch, v.hash, v.content
        FROM library_versions v JOIN libraries l ON l.id = v.library_id JOIN packages p ON p.pk = l.package_pk
        """

    func registerLibrary(named library: String, in charm: PackageName) async throws(StoreError) -> String {
        try await write { db, context in
            let package = try await PackageContext.visible(charm, to: context.caller, lock: true, db)
            try LibraryRules.checkRegistering(named: library, on: package, by: context.caller)
            if try await db.row("SELECT 1 AS found FROM libraries WHERE package_pk = \(package.pk) AND name = \(library)") != nil {
                throw LibraryRules.nameTaken(library, on: charm)
            }
            let id = LibraryRules.newID()
            try await db.execute("""
                INSERT INTO libraries (id, package_pk, name, created_at, created_by)
                VALUES (\(id), \(package.pk), \(library), \(context.now.timestamp), \(context.caller.username))
                """)
            try await context.audit(LibraryRules.event(registering: library, id: id, on: package, by: context), db)
            return id
        }
    }

    func publishLibrary(_ publication: LibraryPublication, in charm: PackageName) async throws(StoreError) -> Library {
        try await write { db, context in
            // The package row's lock orders publications of the charm's libraries.
            let package = try await PackageContext.visible(charm, to: context.caller, lock: true, db)
            let id = publication.libraryID
            guard LibraryRules.isPlausibleID(id),
                  let name = try await db.scalar("SELECT name FROM libraries WHERE id = \(id) AND package_pk = \(package.pk)", as: String.self) else {
                throw LibraryRules.notFound(id, on: charm)
            }
            var statement = Statement(Self.libraryColumns)
            statement.append(" WHERE v.library_id = \(statement.bind(id)) AND v.api = \(statement.bind(publication.api)) ORDER BY v.patch DESC LIMIT 1")
            let tip = try await db.rows(statement).first.map { try Library(columns: $0, withContent: false) }
            let library = try LibraryRules.decide(publication, name: name, tip: tip, on: package, by: context.caller)
            do {
                try await db.execute("""
                    INSERT INTO library_versions (library_id, api, patch, hash, content, published_at, published_by)
                    VALUES (\(library.id), \(library.api), \(library.patch), \(library.hash), \(publication.content),
                            \(context.now.timestamp), \(context.caller.username))
                    """)
            } catch where PostgresErrorMapping.sqlState(of: error) == PostgresErrorMapping.SQLState.uniqueViolation {
                throw LibraryRules.publishedAlready(library)
            }
            try await context.audit(LibraryRules.event(publishing: library, on: package, by: context), db)
            return library
        }
    }

    func libraries(_ queries: [LibraryQuery]) async throws(StoreError) -> [Library] {
        try LibraryRules.checkQueries(queries)
        return try await read { db, caller in
            var versions: [(query: LibraryQuery, versions: [Library])] = []
            for query in queries {
                var statement = Statement(Self.libraryColumns)
                switch query.subject {
                case .id(let id):
                    guard LibraryRules.isPlausibleID(id) else { continue }
                    statement.append(" WHERE l.id = \(statement.bind(id))")
                case .charm(let charm, let library):
                    statement.append(" WHERE p.name = \(statement.bind(charm.rawValue))")
                    if let library { statement.append(" AND l.name = \(statement.bind(library))") }
                }
                versions.append((query, try await db.rows(statement).map { try Library(columns: $0, withContent: false) }))
            }
            let found = LibraryRules.selected(versions)
            var visible: Set<PackageName> = []
            for charm in LibraryRules.charms(of: found) where (try? await PackageContext.visible(charm, to: caller, db)) != nil {
                visible.insert(charm)
            }
            return found.filter { visible.contains($0.charm) }
        }
    }

    func library(id: String, in charm: PackageName, api: Int?, patch: Int?) async throws(StoreError) -> Library {
        try await read { db, caller in
            let package = try await PackageContext.visible(charm, to: caller, db)
            guard LibraryRules.isPlausibleID(id) else { throw LibraryRules.notFound(id, on: charm) }
            var statement = Statement(Self.libraryColumns)
            statement.append(" WHERE l.id = \(statement.bind(id)) AND l.package_pk = \(statement.bind(package.pk))")
            if let api { statement.append(" AND v.api = \(statement.bind(api))") }
            if let patch { statement.append(" AND v.patch = \(statement.bind(patch))") }
            statement.append(" ORDER BY v.api DESC, v.patch DESC LIMIT 1")
            guard let row = try await db.rows(statement).first else { throw LibraryRules.notFound(id, on: charm) }
            return try Library(columns: row, withContent: true)
        }
    }
}
