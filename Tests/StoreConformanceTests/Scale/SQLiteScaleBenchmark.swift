import Foundation
import GRDB
@_spi(Testing) @testable import StoreSQLite
import StoreModels
import StoreService
import Testing

/// Imports a large synthetic catalogue and measures import time, search latency and query plans.
///
/// Off by default. Run in a release build:
/// ```
/// STORE_TUI_BENCHMARK=100000 STORE_TUI_PLANS_OUT=docs/sqlite-query-plans.md \
///   swift test -c release -Xswiftc -enable-testing --filter SQLiteScaleBenchmark
/// ```
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STORE_TUI_BENCHMARK"] != nil), .serialized)
struct SQLiteScaleBenchmark {
    static var packageCount: Int { Int(ProcessInfo.processInfo.environment["STORE_TUI_BENCHMARK"] ?? "") ?? 100_000 }

    @Test func importSearchAndQueryPlansAtScale() async throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // STORE_TUI_BENCHMARK_DB keeps the database for inspection (it must not exist yet).
        let path = environment["STORE_TUI_BENCHMARK_DB"] ?? directory.appendingPathComponent("store.sqlite").path
        let backend = try SQLiteBackend(path: path)
        let catalogue = ScaleCatalogue(packageCount: Self.packageCount)
        let clock = ContinuousClock()

        var imported = 0
        let importTime = try await clock.measure {
            imported = try await backend.importCatalogue(accounts: catalogue.accounts, entries: catalogue)
        }
        let revisions = try await backend.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM revisions") ?? 0 }
        var report = ["# SQLite engine at scale", "",
                      "Imported \(imported) packages and \(revisions) revisions in \(Self.format(importTime)).", ""]
        #expect(imported == Self.packageCount)

        let search = backend.service(for: .anonymous)
        var latencies: [String: [Duration]] = [:]
        for word in ScaleCatalogue.words.prefix(20) { _ = try await search.search(SearchQuery(text: word)) }  // warm up
        for (kind, query) in Self.workload(ScaleCatalogue.words) {
            var page = Page<PackageSummary>(items: [])
            let elapsed = try await clock.measure { page = try await search.search(query) }
            latencies[kind, default: []].append(elapsed)
            if let cursor = page.nextCursor, kind == "browse" {
                var next = query
                next.cursor = cursor
                latencies["browse, next page", default: []].append(try await clock.measure { _ = try await search.search(next) })
            }
        }
        let all = latencies.values.flatMap { $0 }
        report += ["| queries | count | p50 | p99 | max |", "|---|---:|---:|---:|---:|"]
        for (kind, values) in latencies.sorted(by: { $0.key < $1.key }) + [("all", all)] {
            let sorted = values.sorted()
            report.append("| \(kind) | \(sorted.count) | \(Self.format(Self.percentile(sorted, 0.5))) | "
                          + "\(Self.format(Self.percentile(sorted, 0.99))) | \(Self.format(sorted.last ?? .zero)) |")
        }
        report += ["", try await Self.latencyByHits(backend, search), "", try await Self.queryPlans(backend)]
        let text = report.joined(separator: "\n") + "\n"
        print(text)
        if let out = ProcessInfo.processInfo.environment["STORE_TUI_PLANS_OUT"] {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    /// Search queries of each kind the console sends.
    static func workload(_ words: [String]) -> [(String, SearchQuery)] {
        var queries: [(String, SearchQuery)] = []
        var random = SplitMix(seed: 99)
        func anyWord() -> String { words[Int(random.next() % UInt64(words.count))] }
        for index in 0..<40 {
            queries.append(("common word", SearchQuery(text: words[index % 20])))
            queries.append(("rare word", SearchQuery(text: anyWord())))
            queries.append(("two words", SearchQuery(text: words[index % 30] + " " + anyWord())))
            queries.append(("prefix (typing)", SearchQuery(text: String(anyWord().prefix(3)))))
            queries.append(("common word + category", SearchQuery(text: words[index % 5], category: ScaleCatalogue.categories[index % 22])))
            queries.append(("browse", SearchQuery()))
            queries.append(("browse by type", SearchQuery(type: .charm, cursor: nil)))
            queries.append(("browse by category", SearchQuery(category: ScaleCatalogue.categories[index % 22])))
            queries.append(("browse by publisher", SearchQuery(publisher: "publisher-\(index * 7)")))
            queries.append(("browse verified", SearchQuery(verifiedOnly: true)))
        }
        return queries
    }

    /// Latency of one-word searches against the number of packages the word is in: the cost
    /// curve behind `SearchQueries.rankingLimit`.
    static func latencyByHits(_ backend: SQLiteBackend, _ search: any StoreService) async throws -> String {
        let targets = [100, 1000, 2500, 5000, 7500, 10_000, 20_000, 50_000]
        let vocabulary = try await backend.read { db in
            try Row.fetchAll(db, sql: "SELECT term, doc FROM package_search_vocab WHERE doc >= 50").map { row in
                (try row.value("term") as String, try row.value("doc") as Int)
            }
        }
        var lines = ["| packages with the word | mode | time (median of 5) |", "|---:|---|---:|"]
        let clock = ContinuousClock()
        for target in targets {
            guard let (word, hits) = vocabulary.min(by: { abs($0.1 - target) < abs($1.1 - target) }) else { continue }
            var times: [Duration] = []
            for _ in 0..<5 {
                times.append(try await clock.measure { _ = try await search.search(SearchQuery(text: word + " ")) })
            }
            let mode = hits > SearchQueries.rankingLimit ? "broad" : "ranked"
            lines.append("| \(hits) | \(mode) | \(format(times.sorted()[2])) |")
        }
        return lines.joined(separator: "\n")
    }

    /// `EXPLAIN QUERY PLAN` of the hot statements, as Markdown.
    static func queryPlans(_ backend: SQLiteBackend) async throws -> String {
        let statements: [(String, (String, StatementArguments))] = [
            ("Search without text, by name, after a cursor", SearchQueries.browseStatement(SearchQuery(), after: "m", limit: 50)),
            ("Search without text, one type", SearchQueries.browseStatement(SearchQuery(type: .charm), after: "m", limit: 50)),
            ("Search without text, one category", SearchQueries.browseStatement(SearchQuery(category: "games"), after: "m", limit: 50)),
            ("Search without text, one publisher", SearchQueries.browseStatement(SearchQuery(publisher: "publisher-7"), after: nil, limit: 50)),
            ("Search with text, ranked, after a cursor", SearchQueries.rankedStatement(
                SearchQuery(text: "x"), match: "\"word\"*", exactName: "word", after: SearchCursor(mode: .ranked, tier: 1, score: 1, name: "m"), limit: 50)),
            ("Search with text and a category", SearchQueries.rankedStatement(
                SearchQuery(text: "x", category: "games"), match: "\"word\"", exactName: "word", after: nil, limit: 50)),
            ("Search with too common words (broad mode), after a cursor", SearchQueries.browseStatement(
                SearchQuery(text: "x"), after: "m", matching: "\"word\"", excluding: "word", limit: 50)),
            ("Broad mode, one category", SearchQueries.browseStatement(
                SearchQuery(text: "x", category: "games"), after: "m", matching: "\"word\"", excluding: "word", limit: 50)),
            ("Broad mode, the exact name", SearchQueries.exactStatement(SearchQuery(text: "x"), exactName: "word", match: "\"word\"")),
            ("Revisions of a package, newest first, after a cursor", RevisionQueries.statement(
                RevisionQuery(), packagePK: 42, after: RevisionCursor(number: 10), limit: 100)),
            ("Channel map of a package", ("SELECT * FROM releases WHERE package_pk = ?", [42])),
            ("Audit log, newest first", AuditQueries.statement(AuditQuery(), after: AuditCursor(id: 1000), limit: 100)),
            ("Audit log filtered by actor", AuditQueries.statement(AuditQuery(actor: "alice"), after: AuditCursor(id: 1000), limit: 100)),
            ("Audit log filtered by package", AuditQueries.statement(AuditQuery(package: "hello"), after: nil, limit: 100)),
            ("Audit log filtered by action prefix", AuditQueries.statement(AuditQuery(action: "review."), after: nil, limit: 100)),
            ("Review queue, oldest first, after a cursor", ReviewQueries.queueStatement(
                after: QueueCursor(createdAt: 0, packagePK: 1, number: 1), limit: 50)),
        ]
        var sections: [String] = ["## Query plans", ""]
        for (title, (sql, arguments)) in statements {
            let lines = try await backend.read { db in
                var depth: [Int: Int] = [:]
                var lines: [String] = []
                for row in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments) {
                    let id: Int = try row.value("id")
                    let parent: Int = try row.value("parent")
                    let level = (depth[parent] ?? -1) + 1
                    depth[id] = level
                    lines.append(String(repeating: "  ", count: level) + (try row.value("detail") as String))
                }
                return lines
            }
            sections += ["### \(title)", "", "```sql", sql.trimmingCharacters(in: .whitespacesAndNewlines), "```", "", "```",
                         lines.joined(separator: "\n"), "```", ""]
        }
        return sections.joined(separator: "\n")
    }

    static func percentile(_ sorted: [Duration], _ p: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds >= 1 ? String(format: "%.1f s", seconds) : String(format: "%.2f ms", seconds * 1000)
    }
}
