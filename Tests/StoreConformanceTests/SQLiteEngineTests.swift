@_spi(Testing) import StoreEngineSupport
import Foundation
import GRDB
@_spi(Testing) @testable import StoreSQLite
import StoreModels
import StoreService
import Testing

/// What only the SQLite engine can show: the file's contents, triggers, injected faults.
@Suite("SQLite engine")
struct SQLiteEngineTests {
    static let hello = PackageName.fixture("hello")

    /// Opens the store's file directly, bypassing the engine.
    static func rawDatabase(_ store: TestStore) throws -> DatabaseQueue {
        try DatabaseQueue(path: try #require(store.databasePath))
    }

    /// Counts rows of the tables a change writes to.
    static func footprint(_ store: TestStore) throws -> [String: Int] {
        try rawDatabase(store).read { db in
            var counts: [String: Int] = [:]
            for table in ["audit_events", "release_history", "releases", "revisions", "accounts", "tokens", "collaborators"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1
            }
            counts["versions"] = try Int.fetchOne(db, sql: "SELECT sum(channel_map_version + last_revision) FROM packages") ?? -1
            return counts
        }
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        try await withStore(.sqlite) { store in
            let admin = try await store.service(as: Fixture.admin)
            let issued = try await admin.issueToken(username: "carol", role: .publisher, expiresAt: nil, description: "laptop")
            let path = try #require(store.databasePath)
            for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                #expect(bytes.range(of: Data(issued.secret.utf8)) == nil, "the secret is in \(file)")
            }
            let stored = try await Self.rawDatabase(store).read { db in
                try String.fetchOne(db, sql: "SELECT token_hash FROM tokens WHERE id = ?", arguments: [issued.info.id])
            }
            #expect(stored == Secrets.hash(ofToken: issued.secret))
        }
    }

    @Test func auditRowsCannotBeUpdatedOrDeleted() async throws {
        try await withStore(.sqlite) { store in
            let alice = try await store.service(as: Fixture.alice)
            _ = try await alice.upload(Fixture.cleanUpload(), to: Self.hello)
            _ = try await alice.apply(ReleasePlan([.close(channels: [Channel(risk: .edge)])]), to: Self.hello, expecting: nil)
            let database = try Self.rawDatabase(store)
            for sql in ["UPDATE audit_events SET actor = 'nobody'", "DELETE FROM audit_events", "UPDATE release_history SET actor = 'x'"] {
                #expect(throws: DatabaseError.self) { try database.write { db in try db.execute(sql: sql) } }
            }
            let events = try await store.auditEvents()
            #expect(events.map(\.actor) == [Fixture.alice, Fixture.alice])
            #expect(events.map(\.action) == ["close", "upload"])
        }
    }

    @Test(arguments: [FaultInjection.Point.afterWritingReleases, .beforeAuditEvent, .afterAuditEvent])
    func failedApplyWritesNothing(point: FaultInjection.Point) async throws {
        try await withStore(.sqlite) { store in
            let alice = try await store.service(as: Fixture.alice)
            let before = try Self.footprint(store)
            let mapBefore = try await store.channelMap(of: "hello")
            let plan = ReleasePlan([.release(revision: 2, channels: [Channel(risk: .stable), Channel(risk: .candidate)])])
            let error = await storeError {
                try await FaultInjection.$armed.withValue(point) { _ = try await alice.apply(plan, to: Self.hello, expecting: 3) }
            }
            #expect(error?.code == "store-unavailable")
            #expect(try Self.footprint(store) == before)
            #expect(try await store.channelMap(of: "hello") == mapBefore)
            // The same plan goes through once the fault is gone.
            _ = try await alice.apply(plan, to: Self.hello, expecting: 3)
        }
    }

    @Test(arguments: [FaultInjection.Point.beforeAuditEvent, .afterAuditEvent])
    func failedChangesOfEveryKindWriteNothing(point: FaultInjection.Point) async throws {
        try await withStore(.sqlite) { store in
            let alice = try await store.service(as: Fixture.alice)
            let admin = try await store.service(as: Fixture.admin)
            let reviewer = try await store.service(as: Fixture.reviewer)
            let before = try Self.footprint(store)
            let changes: [@Sendable () async throws -> Void] = [
                { _ = try await alice.upload(Fixture.cleanUpload(), to: Self.hello) },
                { _ = try await alice.registerName(.fixture("never-registered"), type: .snap, isPrivate: false) },
                { try await alice.addCollaborator(Fixture.eve, to: Self.hello) },
                { _ = try await reviewer.review(Self.hello, revision: 3, decision: .reject(reason: "no")) },
                { _ = try await admin.suspend(Fixture.eve, reason: "test") },
                { _ = try await admin.setValidation(.verified, of: Fixture.eve, reason: nil) },
                { _ = try await admin.issueToken(username: "dave", role: .publisher, expiresAt: nil, description: "") },
            ]
            for change in changes {
                let error = await storeError { try await FaultInjection.$armed.withValue(point) { try await change() } }
                #expect(error?.code == "store-unavailable")
            }
            #expect(try Self.footprint(store) == before)
            #expect(try await store.anonymous.publisher(username: Fixture.eve).status == .active)
            let missing = await storeError { _ = try await store.anonymous.package(named: .fixture("never-registered")) }
            #expect(missing?.code == "resource-not-found")
        }
    }

    @Test func databaseIsWALWithForeignKeysAndSurvivesReopening() async throws {
        try await withOpenedStore(.sqlite) { opened in
            let path = try #require(opened.databasePath)
            _ = try await opened.backend.importCatalogue(accounts: Fixture.accounts, entries: Fixture.entries)
            let reopened = try SQLiteBackend(path: path)
            #expect(try await reopened.isEmpty() == false)
            let (mode, keys) = try await DatabaseQueue(path: path).read { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
            }
            #expect(mode == "wal")
            #expect(keys != nil)
            let enforced = try await reopened.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") }
            #expect(enforced == true)
        }
    }

    @Test func unopenableFilesAreReportedAsUnavailable() throws {
        #expect(throws: StoreError.self) { _ = try SQLiteBackend(path: "/nonexistent-\(UUID().uuidString)/store.sqlite") }
        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(UUID().uuidString).sqlite")
        try Data(repeating: 0x42, count: 8192).write(to: garbage)
        defer { try? FileManager.default.removeItem(at: garbage) }
        do throws(StoreError) {
            _ = try SQLiteBackend(path: garbage.path)
            Issue.record("a file of garbage opened as a store")
        } catch {
            #expect(error.code == "store-unavailable")
        }
    }

    @Test func databaseErrorsMapToStoreErrors() {
        func mapped(_ code: ResultCode) -> StoreError {
            SQLiteErrorMapping.storeError(from: DatabaseError(resultCode: code, message: "m"))
        }
        #expect(mapped(.SQLITE_BUSY) == .unavailable("database is locked by another writer; try again in a moment"))
        #expect(mapped(.SQLITE_LOCKED).code == "store-unavailable")
        #expect(mapped(.SQLITE_FULL) == .unavailable("disk full"))
        #expect(mapped(.SQLITE_READONLY).code == "store-unavailable")
        #expect(mapped(.SQLITE_CORRUPT).code == "store-unavailable")
        #expect(mapped(.SQLITE_CONSTRAINT_UNIQUE).code == "conflict")
        #expect(mapped(.SQLITE_CONSTRAINT_TRIGGER) == .conflict("m"))
        #expect(SQLiteErrorMapping.storeError(from: StoreError.forbidden("x")) == .forbidden("x"))
        #expect(SQLiteErrorMapping.storeError(from: CancellationError()).code == "store-unavailable")
    }

    @Test func defaultPathFollowsXDGDataHome() {
        let path = SQLiteBackend.defaultPath()
        #expect(path.hasSuffix("/store-tui/store.sqlite"))
    }
}
