@_spi(Testing) import StoreEngineSupport
import Foundation
@_spi(Testing) import StorePostgres
import StoreModels
import StoreService
import Testing

/// What only the PostgreSQL engine can show: the rows as `psql` sees them, triggers, injected
/// faults, concurrent migrations, and how server trouble is reported.
@Suite("PostgreSQL engine", .enabled(if: StoreEngine.allCases.contains(.postgres)))
struct PostgresEngineTests {
    static let hello = PackageName.fixture("hello")

    static func backend(_ store: TestStore) throws -> PostgresBackend {
        try #require(store.backend as? PostgresBackend)
    }

    /// The first value of the first row of `sql`.
    static func value(_ store: TestStore, _ sql: String) async throws -> String? {
        try await backend(store).rawQuery(sql).first?.values.first ?? nil
    }

    /// Counts rows of the tables a change writes to.
    static func footprint(_ store: TestStore) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["audit_events", "release_history", "releases", "revisions", "accounts", "tokens", "collaborators", "packages"] {
            counts[table] = Int(try await value(store, "SELECT count(*) FROM \(table)") ?? "") ?? -1
        }
        counts["versions"] = Int(try await value(store, "SELECT sum(channel_map_version + last_revision) FROM packages") ?? "") ?? -1
        return counts
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        try await withStore(.postgres) { store in
            let admin = try await store.service(as: Fixture.admin)
            let issued = try await admin.issueToken(username: "carol", role: .publisher, expiresAt: nil, description: "laptop")
            // Every column of every row, as a dump would show them.
            for table in ["tokens", "audit_events", "accounts"] {
                let rows = try await Self.backend(store).rawQuery("SELECT row_to_json(t)::text AS row FROM \(table) t")
                #expect(!rows.isEmpty)
                for row in rows {
                    #expect(row["row"]??.contains(issued.secret) == false, "the secret is in \(table)")
                }
            }
            let stored = try await Self.value(store, "SELECT token_hash FROM tokens WHERE id = '\(issued.info.id)'")
            #expect(stored == Secrets.hash(ofToken: issued.secret))
        }
    }

    @Test func appendOnlyTablesRefuseUpdatesDeletesAndTruncation() async throws {
        try await withStore(.postgres) { store in
            let alice = try await store.service(as: Fixture.alice)
            _ = try await alice.upload(Fixture.cleanUpload(), to: Self.hello)
            _ = try await alice.apply(ReleasePlan([.close(channels: [Channel(risk: .edge)])]), to: Self.hello, expecting: nil)
            let backend = try Self.backend(store)
            let refusals = [
                "UPDATE audit_events SET actor = 'nobody'": "the audit log is append-only",
                "DELETE FROM audit_events": "the audit log is append-only",
                "TRUNCATE audit_events": "the audit log is append-only",
                "UPDATE release_history SET actor = 'x'": "release history is append-only",
                "DELETE FROM release_history": "release history is append-only",
            ]
            for (sql, message) in refusals {
                let error = await storeError { _ = try await backend.rawQuery(sql) }
                #expect(error == .conflict(message), "\(sql)")
            }
            let events = try await store.auditEvents()
            #expect(events.map(\.actor) == [Fixture.alice, Fixture.alice])
            #expect(events.map(\.action) == ["close", "upload"])
        }
    }

    @Test(arguments: [FaultInjection.Point.afterWritingReleases, .beforeAuditEvent, .afterAuditEvent])
    func failedApplyWritesNothing(point: FaultInjection.Point) async throws {
        try await withStore(.postgres) { store in
            let alice = try await store.service(as: Fixture.alice)
            let before = try await Self.footprint(store)
            let mapBefore = try await store.channelMap(of: "hello")
            let plan = ReleasePlan([.release(revision: 2, channels: [Channel(risk: .stable), Channel(risk: .candidate)])])
            let error = await storeError {
                try await FaultInjection.$armed.withValue(point) { _ = try await alice.apply(plan, to: Self.hello, expecting: 3) }
            }
            #expect(error?.code == "store-unavailable")
            #expect(try await Self.footprint(store) == before)
            #expect(try await store.channelMap(of: "hello") == mapBefore)
            // The same plan goes through once the fault is gone.
            _ = try await alice.apply(plan, to: Self.hello, expecting: 3)
        }
    }

    @Test(arguments: [FaultInjection.Point.beforeAuditEvent, .afterAuditEvent])
    func failedChangesOfEveryKindWriteNothing(point: FaultInjection.Point) async throws {
        try await withStore(.postgres) { store in
            let alice = try await store.service(as: Fixture.alice)
            let admin = try await store.service(as: Fixture.admin)
            let reviewer = try await store.service(as: Fixture.reviewer)
            let before = try await Self.footprint(store)
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
            #expect(try await Self.footprint(store) == before)
            #expect(try await store.anonymous.publisher(username: Fixture.eve).status == .active)
            let missing = await storeError { _ = try await store.anonymous.package(named: .fixture("never-registered")) }
            #expect(missing?.code == "resource-not-found")
        }
    }

    @Test func migrationsRunOnceWhenServersStartTogether() async throws {
        let schema = try await PostgresTestCluster.freshSchema()
        let backends = try await withThrowingTaskGroup(of: PostgresBackend.self) { group in
            for _ in 0..<4 {
                group.addTask { try await PostgresBackend(url: schema.url, maximumConnections: 2) }
            }
            var backends: [PostgresBackend] = []
            for try await backend in group { backends.append(backend) }
            return backends
        }
        #expect(backends.count == 4)
        let versions = try await backends[0].rawQuery("SELECT version FROM schema_migrations ORDER BY version")
        #expect(versions.map { $0["version"] ?? nil } == ["v1-schema", "v2-server-state", "v3-signing-keys", "v4-release-on-approval", "v5-account-email", "v6-charm-libraries", "v7-charm-resources", "v8-revision-files", "v9-package-metrics"])
        for backend in backends { #expect(try await backend.isEmpty()) }
        // A server started later finds everything applied.
        let later = try await PostgresBackend(url: schema.url)
        let count = try await later.rawQuery("SELECT count(*) AS n FROM schema_migrations")
        #expect(count.map { $0["n"] ?? nil } == ["9"])
        for backend in backends + [later] { await backend.shutdown() }
        await schema.drop()
    }

    @Test func storesSurviveReconnecting() async throws {
        try await withStore(.postgres) { store in
            let url = try #require(store.postgresURL)
            let again = try await PostgresBackend(url: url)
            #expect(try await again.isEmpty() == false)
            #expect(try await again.service(for: .anonymous).package(named: Self.hello).package.title == "Hello")
            #expect(again.location.hasPrefix("postgres://postgres@"))
            await again.shutdown()
            let closed = await storeError { _ = try await again.isEmpty() }
            #expect(closed?.code == "store-unavailable")
        }
    }

    @Test func unreachableServersMissingDatabasesAndBadURLsAreReported() async throws {
        do throws(StoreError) {
            _ = try await PostgresBackend(url: "postgres://postgres@127.0.0.1:1/store")
            Issue.record("a closed port opened as a store")
        } catch {
            #expect(error.code == "store-unavailable")
            #expect(error.description.contains("PostgreSQL is unreachable at 127.0.0.1:1"), "\(error)")
        }
        let base = try await PostgresTestCluster.baseURL()
        if let components = URLComponents(string: base), let host = components.host, let port = components.port {
            let missing = await storeError { _ = try await PostgresBackend(url: "postgres://postgres@\(host):\(port)/no_such_database_here") }
            #expect(missing?.code == "store-unavailable")
        }
        for url in ["mysql://x@localhost/db", "postgres:///db", "postgres://u@h:5432/db?bogus=1", "postgres://u@h:99999/db"] {
            let error = await storeError { _ = try await PostgresBackend(url: url) }
            #expect(error?.code == "bad-argument", "\(url)")
        }
    }

    @Test func statementTimeoutsAreReportedAsUnavailable() async throws {
        try await withStore(.postgres) { store in
            let url = try #require(store.postgresURL) + "%20-c%20statement_timeout%3D100"
            let impatient = try await PostgresBackend(url: url)
            let error = await storeError { _ = try await impatient.rawQuery("SELECT pg_sleep(2)") }
            #expect(error == .unavailable("a statement took too long and was cancelled"))
            await impatient.shutdown()
        }
    }

    @Test func searchVectorWeighsNameTitleSummaryAndDescription() async throws {
        try await withStore(.postgres) { store in
            let vector = try await Self.value(store, "SELECT search_vector::text FROM packages WHERE name = 'greeter'") ?? ""
            #expect(vector.contains("'greeter':1A"))
            #expect(vector.range(of: #"'greets':\d+C"#, options: .regularExpression) != nil)
            // D is the default weight, which PostgreSQL does not print.
            #expect(vector.range(of: #"'languages':\d+( |$)"#, options: .regularExpression) != nil)
            let plan = try await Self.backend(store).rawQuery(
                "BEGIN", "SET LOCAL enable_seqscan = off",
                "EXPLAIN SELECT pk FROM packages WHERE search_vector @@ to_tsquery('simple', 'hello')", "COMMIT")
            #expect(plan.contains { ($0["QUERY PLAN"] ?? nil)?.contains("packages_search") == true })
        }
    }

    @Test func cancelledCallsNeverLeaveHalfDoneTransactions() async throws {
        try await withStore(.postgres) { store in
            let name = "cancel-\(UUID().uuidString.prefix(8))"
            let own = try await PostgresBackend(url: try #require(store.postgresURL) + "&application_name=\(name)")
            let alice = own.service(for: try await own.identity(username: Fixture.alice))
            let uploads = (0..<12).map { index in
                Task { _ = try await alice.upload(Fixture.cleanUpload(version: "9.\(index)"), to: Self.hello) }
            }
            try await Task.sleep(for: .milliseconds(20))
            for upload in uploads { upload.cancel() }
            for upload in uploads { _ = await upload.result }
            // Every upload either happened whole (revision and audit event) or not at all, and the
            // pool's connections are clean: the next changes go through.
            let revisions = Int(try await Self.value(store, "SELECT count(*) FROM revisions r JOIN packages p ON p.pk = r.package_pk WHERE p.name = 'hello'") ?? "") ?? -1
            let events = try await store.auditEvents(AuditQuery(action: "upload")).count
            #expect(revisions == 3 + events)
            for _ in 0..<10 { _ = try await alice.upload(Fixture.cleanUpload(version: "10.0"), to: Self.hello) }
            #expect(try await store.auditEvents(AuditQuery(action: "upload")).count == events + 10)
            let open = try await own.rawQuery(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = '\(name)' AND state LIKE 'idle in transaction%'")
            #expect(open.first?["n"] == "0")
            await own.shutdown()
        }
    }
}
