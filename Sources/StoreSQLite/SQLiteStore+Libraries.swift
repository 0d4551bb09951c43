import GRDB
import StoreEngineSupport
import StoreModels
import StoreService

/// Charm libraries; the rules are ``LibraryRules``.
extension SQLiteStore {
    /// The columns ``Library/init(columns:withContent:)`` reads, from `library_versions v` joined with
    /// `libraries l` and `packages p`.
    private static let librarySelection = "SELECT l.id, p.name AS charm, l.name, v.api, v.patch, v.hash"
    private static let libraryJoins = """
        FROM library_versions v JOIN libraries l ON l.id = v.library_id JOIN packages p ON p.pk = l.package_pk
        """

    func registerLibrary(named library: String, in charm: PackageName) async throws(StoreError) -> String {
        try await write { db, context in
            let package = try PackageContext.visible(charm, to: context.caller, db)
            try LibraryRules.checkRegistering(named: library, on: package, by: context.caller)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM libraries WHERE package_pk = ? AND name = ?)",
                                 arguments: [package.pk, library]).orFalse {
                throw LibraryRules.nameTaken(library, on: charm)
            }
            let id = LibraryRules.newID()
            try db.execute(
                sql: "INSERT INTO libraries (id, package_pk, name, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, package.pk, library, context.now.databaseValue, context.caller.username])
            try context.audit(LibraryRules.event(registering: library, id: id, on: package, by: context), db)
            return id
        }
    }

    func publishLibrary(_ publication: LibraryPublication, in charm: PackageName) async throws(StoreError) -> Library {
        try await write { db, context in
            let package = try PackageContext.visible(charm, to: context.caller, db)
            guard LibraryRules.isPlausibleID(publication.libraryID),
                  let name = try String.fetchOne(db, sql: "SELECT name FROM libraries WHERE id = ? AND package_pk = ?",
                                                 arguments: [publication.libraryID, package.pk]) else {
                throw LibraryRules.notFound(publication.libraryID, on: charm)
            }
            let tip = try Row.fetchOne(db, sql: """
                \(Self.librarySelection) \(Self.libraryJoins) WHERE v.library_id = ? AND v.api = ? ORDER BY v.patch DESC LIMIT 1
                """, arguments: [publication.libraryID, publication.api]).map { try Library(columns: $0, withContent: false) }
            let library = try LibraryRules.decide(publication, name: name, tip: tip, on: package, by: context.caller)
            do {
                try db.execute(sql: """
                    INSERT INTO library_versions (library_id, api, patch, hash, content, published_at, published_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [library.id, library.api, library.patch, library.hash, publication.content,
                                     context.now.databaseValue, context.caller.username])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw LibraryRules.publishedAlready(library)
            }
            try context.audit(LibraryRules.event(publishing: library, on: package, by: context), db)
            return library
        }
    }

    func libraries(_ queries: [LibraryQuery]) async throws(StoreError) -> [Library] {
        try LibraryRules.checkQueries(queries)
        return try await read { db, caller in
            var versions: [(query: LibraryQuery, versions: [Library])] = []
            for query in queries {
                var sql = "\(Self.librarySelection) \(Self.libraryJoins) WHERE "
                var arguments: StatementArguments
                switch query.subject {
                case .id(let id):
                    guard LibraryRules.isPlausibleID(id) else { continue }
                    sql += "l.id = ?"
                    arguments = [id]
                case .charm(let charm, let library):
                    sql += "p.name = ?"
                    arguments = [charm.rawValue]
                    if let library {
                        sql += " AND l.name = ?"
                        arguments += [library]
                    }
                }
                versions.append((query, try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Library(columns: $0, withContent: false) }))
            }
            let found = LibraryRules.selected(versions)
            let visible = Set(LibraryRules.charms(of: found).filter { (try? PackageContext.visible($0, to: caller, db)) != nil })
            return found.filter { visible.contains($0.charm) }
        }
    }

    func library(id: String, in charm: PackageName, api: Int?, patch: Int?) async throws(StoreError) -> Library {
        try await read { db, caller in
            let package = try PackageContext.visible(charm, to: caller, db)
            guard LibraryRules.isPlausibleID(id) else { throw LibraryRules.notFound(id, on: charm) }
            var sql = "\(Self.librarySelection), v.content \(Self.libraryJoins) WHERE l.id = ? AND l.package_pk = ?"
            var arguments: StatementArguments = [id, package.pk]
            if let api {
                sql += " AND v.api = ?"
                arguments += [api]
            }
            if let patch {
                sql += " AND v.patch = ?"
                arguments += [patch]
            }
            sql += " ORDER BY v.api DESC, v.patch DESC LIMIT 1"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments) else { throw LibraryRules.notFound(id, on: charm) }
            return try Library(columns: row, withContent: true)
        }
    }
}
