import Foundation
@_spi(Testing) import StorePostgres
import StoreModels
import StoreService
import Testing

/// Imports the large synthetic catalogue into PostgreSQL and measures import time, search latency,
/// package lookups, release-plan throughput and the database's size.
///
/// Off by default. Run in a release build (a throwaway cluster is started as for the conformance suite;
/// `STORE_TUI_BENCHMARK_URL` names an empty database to fill and keep instead):
/// ```
/// STORE_TUI_BENCHMARK=100000 swift test -c release --scratch-path .build-release -Xswiftc -enable-testing \
///   --filter PostgresScaleBenchmark
/// ```
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STORE_TUI_BENCHMARK"] != nil), .serialized)
struct PostgresScaleBenchmark {
    static var packageCount: Int { Int(ProcessInfo.processInfo.environment["STORE_TUI_BENCHMARK"] ?? "") ?? 100_000 }

    @Test func importAndSearchAtScale() async throws {
        let kept = ProcessInfo.processInfo.environment["STORE_TUI_BENCHMARK_URL"]
        let schema = if let kept { (url: kept, drop: { @Sendable () async in }) } else { try await PostgresTestCluster.freshSchema() }
        let backend = try await PostgresBackend(url: schema.url)
        let catalogue = ScaleCatalogue(packageCount: Self.packageCount)
        let clock = ContinuousClock()
        var imported = 0
        let importTime = try await clock.measure {
            imported = try await backend.importCatalogue(accounts: catalogue.accounts, entries: catalogue)
        }
        let revisions = try await backend.rawQuery("SELECT count(*) AS n FROM revisions").first?["n"] ?? nil
        #expect(imported == Self.packageCount)
        var report = [
            "# PostgreSQL engine: import and search at scale", "",
            "Imported \(imported) packages and \(revisions ?? "?") revisions in \(SQLiteScaleBenchmark.format(importTime)) "
                + "(\(ProcessInfo.processInfo.activeProcessorCount) cores).", "",
        ]
        let search = backend.service(for: .anonymous)
        for word in ScaleCatalogue.words.prefix(20) { _ = try await search.search(SearchQuery(text: word)) }  // warm up
        var latencies: [String: [Duration]] = [:]
        for (kind, query) in SQLiteScaleBenchmark.workload(ScaleCatalogue.words) {
            var page = Page<PackageSummary>(items: [])
            latencies[kind, default: []].append(try await clock.measure { page = try await search.search(query) })
            if let cursor = page.nextCursor {
                var next = query
                next.cursor = cursor
                latencies[kind + ", next page", default: []].append(try await clock.measure { _ = try await search.search(next) })
            }
        }
        report += ["| queries | count | p50 | p99 | max |", "|---|---:|---:|---:|---:|"]
        for (kind, values) in latencies.sorted(by: { $0.key < $1.key }) {
            let sorted = values.sorted()
            report.append("| \(kind) | \(sorted.count) | \(SQLiteScaleBenchmark.format(SQLiteScaleBenchmark.percentile(sorted, 0.5))) | "
                          + "\(SQLiteScaleBenchmark.format(SQLiteScaleBenchmark.percentile(sorted, 0.99))) | "
                          + "\(SQLiteScaleBenchmark.format(sorted.last ?? .zero)) |")
        }
        report += [""] + (try await Self.lookupsAndPlans(backend))
        print(report.joined(separator: "\n"))
        await backend.shutdown()
        await schema.drop()
    }

    /// Package + channel map lookups and release plans through the service as the admin, then the schema's size.
    static func lookupsAndPlans(_ backend: PostgresBackend) async throws -> [String] {
        let names = try await backend.rawQuery("SELECT name FROM packages ORDER BY pk").compactMap { $0["name"] ?? nil }
        let releasable = try await backend.rawQuery("""
            SELECT p.name FROM packages p JOIN accounts a ON a.id = p.publisher_id
            WHERE a.status = 'active' AND p.status = 'published' ORDER BY p.pk
            """).compactMap { $0["name"] ?? nil }
        let admin = backend.service(for: PostgresBackend.systemIdentity)
        let lookups = try await ScaleMeasurements.lookups(
            admin, names: ScaleMeasurements.sample(names, count: ScaleMeasurements.lookupCount, seed: 31))
        let plans = try await ScaleMeasurements.releasePlans(
            admin, names: ScaleMeasurements.sample(releasable, count: ScaleMeasurements.planCount, seed: 37))
        // Tables with their indexes and TOAST, in this benchmark's schema.
        let size = try await backend.rawQuery("""
            SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')
            """).first?["bytes"] ?? nil
        return ScaleMeasurements.report(lookups: lookups, plans: plans, databaseBytes: Int64(size ?? "") ?? 0)
    }
}
