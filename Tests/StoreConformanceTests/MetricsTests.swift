import Foundation
import StoreModels
import StoreService
import Testing

/// Adoption figures (``MetricsStore`` writes, ``StoreService/packageMetrics(name:range:breakdown:)`` reads)
/// on every engine: the series per breakdown, who may read them, bad ranges, retention and roll-up, and
/// two instances flushing into one database at once.
@Suite("Package metrics")
struct MetricsTests {
    /// The writer of `store`'s database (over HTTP, the SQLite file behind the server).
    static func writer(_ store: TestStore) throws -> any MetricsStore {
        if let http = store.backend as? HTTPEngineBackend { return http.storage }
        return try #require(store.backend as? any MetricsStore)
    }

    /// The figures of `devices` distinct devices named `prefix-0`, `prefix-1`, … making `requests` requests.
    static func figures(_ prefix: String, devices: Int, requests: Int? = nil, downloads: Int = 0) -> MetricsFigures {
        var sketch = DistinctSketch()
        for index in 0..<devices { sketch.add("\(prefix)-\(index)") }
        return MetricsFigures(requests: requests ?? devices, downloads: downloads, devices: sketch)
    }

    static func slice(_ day: String, _ channel: String, revision: Int, _ architecture: String = "amd64") -> MetricsSlice {
        MetricsSlice(day: day, packageID: "pkg-hello", channel: channel, revision: revision, architecture: architecture)
    }

    /// Two days of `hello`: stable r1 on amd64 and edge r2 on amd64 and arm64, 200 devices refreshing
    /// on both days (the same ones), 100 only on the second.
    static func recordTwoDays(_ store: TestStore) async throws {
        let writer = try writer(store)
        try await writer.recordMetrics([
            slice("2026-03-01", "latest/stable", revision: 1): figures("a", devices: 200, downloads: 3),
            slice("2026-03-02", "latest/stable", revision: 1): figures("a", devices: 200, requests: 400),
            slice("2026-03-02", "latest/edge", revision: 2): figures("b", devices: 60, downloads: 60),
            slice("2026-03-02", "latest/edge", revision: 2, "arm64"): figures("c", devices: 40, downloads: 40),
        ], retention: MetricsRetention(), today: "2026-03-02")
    }

    static func isForbidden(_ error: StoreError) -> Bool { if case .forbidden = error { true } else { false } }
    static func isUnauthenticated(_ error: StoreError) -> Bool { if case .unauthenticated = error { true } else { false } }
    static func isInvalidInput(_ error: StoreError) -> Bool { if case .invalidInput = error { true } else { false } }

    static func near(_ value: Int, _ expected: Int, within: Double = 0.05) -> Bool {
        abs(Double(value - expected)) <= max(2, Double(expected) * within)
    }

    @Test(arguments: StoreEngine.allCases)
    func figuresReadBackAsOneSeriesPerChannelVersionAndArchitecture(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            try await Self.recordTwoDays(store)
            let owner = try await store.service(as: Fixture.alice)
            let range = MetricsRange(lastDay: "2026-03-02", days: 3)
            let channels = try await owner.packageMetrics(name: "hello", range: range, breakdown: .channel)
            #expect(channels.package == "hello" && channels.range == range && channels.breakdown == .channel)
            #expect(channels.series.map(\.label) == ["latest/stable", "latest/edge"])
            let stable = try #require(channels.series.first)
            #expect(stable.requests == [0, 200, 400])
            #expect(stable.downloads == [0, 3, 0])
            #expect(stable.activeDevices[0] == 0 && Self.near(stable.activeDevices[1], 200) && Self.near(stable.activeDevices[2], 200))
            #expect(channels.series[1].downloads == [0, 0, 100])
            #expect(channels.totalActiveDevices[0] == 0 && Self.near(channels.totalActiveDevices[2], 300))
            // The 200 devices of 03-01 continued into 03-02; none were recorded on 02-28 or the day before it.
            #expect(channels.continuedDevices.count == 3 && Self.near(channels.continuedDevices[2], 200, within: 0.1))
            #expect(channels.continuedDevices[0] == 0 && channels.continuedDevices[1] == 0)

            let versions = try await owner.packageMetrics(name: "hello", range: range, breakdown: .version)
            #expect(Set(versions.series.map(\.label)) == ["1.0 (r1)", "1.1 (r2)"])
            let architectures = try await owner.packageMetrics(name: "hello", range: range, breakdown: .architecture)
            #expect(architectures.series.map(\.label) == ["amd64", "arm64"])
            #expect(architectures.series[0].requests == [0, 200, 460])
            // By release: what the console's channel map reads per cell (channel, architecture, revision).
            let releases = try await owner.packageMetrics(name: "hello", range: range, breakdown: .release)
            #expect(Set(releases.series.map(\.label)) == ["latest/stable amd64 r1", "latest/edge amd64 r2", "latest/edge arm64 r2"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func onlyThePublisherCollaboratorsAndAdminsReadAPackagesMetrics(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            try await Self.recordTwoDays(store)
            let range = MetricsRange(lastDay: "2026-03-02", days: 2)
            for allowed in [Fixture.alice, Fixture.bob, Fixture.admin] {
                let metrics = try await store.service(as: allowed).packageMetrics(name: "hello", range: range, breakdown: .channel)
                #expect(metrics.series.count == 2, "\(allowed)")
            }
            for refused in [Fixture.eve, Fixture.reviewer] {
                let service = try await store.service(as: refused)
                let error = await storeError { _ = try await service.packageMetrics(name: "hello", range: range, breakdown: .channel) }
                #expect(error.map(Self.isForbidden) == true, "\(refused): \(String(describing: error))")
            }
            let anonymous = await storeError { _ = try await store.anonymous.packageMetrics(name: "hello", range: range, breakdown: .channel) }
            #expect(anonymous.map(Self.isUnauthenticated) == true, "\(String(describing: anonymous))")
            // A private package's metrics are as hidden as the package.
            let eve = try await store.service(as: Fixture.eve)
            let hidden = await storeError { _ = try await eve.packageMetrics(name: "secret-tool", range: range, breakdown: .channel) }
            #expect(hidden == .notFound(kind: "package", name: "secret-tool"))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func rangesAndNamesThatCannotBeAnsweredAreRefusedSayingWhatToSend(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let owner = try await store.service(as: Fixture.alice)
            for (range, words) in [
                (MetricsRange(lastDay: "2026-03-02", days: 0), "400"),
                (MetricsRange(lastDay: "2026-03-02", days: 401), "400"),
                (MetricsRange(lastDay: "2026-02-30", days: 7), "YYYY-MM-DD"),
                (MetricsRange(lastDay: "yesterday", days: 7), "YYYY-MM-DD"),
            ] {
                let error = await storeError { _ = try await owner.packageMetrics(name: "hello", range: range, breakdown: .channel) }
                guard case .invalidInput(let message)? = error else {
                    Issue.record("\(range): \(String(describing: error))")
                    continue
                }
                #expect(message.contains(words), "\(message)")
            }
            let badName = await storeError {
                _ = try await owner.packageMetrics(name: "Not A Name", range: MetricsRange(lastDay: "2026-03-02", days: 1), breakdown: .channel)
            }
            #expect(badName.map(Self.isInvalidInput) == true, "\(String(describing: badName))")
            let empty = try await owner.packageMetrics(name: "world-clock", range: MetricsRange(lastDay: "2026-03-02", days: 7), breakdown: .version)
            #expect(empty.series.isEmpty && empty.totalActiveDevices == [0, 0, 0, 0, 0, 0, 0])
        }
    }

    @Test(arguments: StoreEngine.allCases.filter { $0 != .http })
    func twoInstancesFlushingAtOnceAddCountsAndMergeSketches(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            try await withSecondInstance(engine, databasePath: store.databasePath, postgresURL: store.postgresURL, clock: store.clock) { other in
                let first = try Self.writer(store)
                let second = try #require(other as? any MetricsStore)
                // 16 flushes, 8 per instance, at once: devices 0..<1500 and 1000..<2500 (500 in both).
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for round in 0..<16 {
                        let writer = round.isMultiple(of: 2) ? first : second
                        var sketch = DistinctSketch()
                        let start = round.isMultiple(of: 2) ? 0 : 1000
                        for index in stride(from: start + round / 2, to: start + 1500, by: 8) { sketch.add("device-\(index)") }
                        let figures = MetricsFigures(requests: 10, downloads: 1, devices: sketch)
                        group.addTask {
                            try await writer.recordMetrics(
                                [Self.slice("2026-03-02", "latest/stable", revision: 1): figures,
                                 Self.slice("2026-03-02", "latest/edge", revision: 2): figures],
                                retention: MetricsRetention(), today: "2026-03-02")
                        }
                    }
                    try await group.waitForAll()
                }
                let metrics = try await store.service(as: Fixture.alice)
                    .packageMetrics(name: "hello", range: MetricsRange(lastDay: "2026-03-02", days: 1), breakdown: .channel)
                for series in metrics.series {
                    #expect(series.requests == [160] && series.downloads == [16])
                    #expect(Self.near(series.activeDevices[0], 2500), "\(series.label): \(series.activeDevices)")
                }
                #expect(Self.near(metrics.totalActiveDevices[0], 2500))
            }
        }
    }

    @Test(arguments: StoreEngine.allCases.filter { $0 != .http })
    func flushesDeleteDaysPastRetentionAndRollUpOldDays(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let writer = try Self.writer(store)
            try await writer.recordMetrics([
                Self.slice("2026-01-01", "latest/stable", revision: 1): Self.figures("old", devices: 50),
                Self.slice("2026-02-01", "latest/stable", revision: 1): Self.figures("mid", devices: 3000),
                Self.slice("2026-03-01", "latest/stable", revision: 1): Self.figures("new", devices: 3000),
            ], retention: MetricsRetention(), today: "2026-03-01")
            try await writer.recordMetrics([:], retention: MetricsRetention(keepDays: 45, rollUpAfterDays: 20), today: "2026-03-01")
            let metrics = try await store.service(as: Fixture.admin)
                .packageMetrics(name: "hello", range: MetricsRange(lastDay: "2026-03-01", days: 60), breakdown: .channel)
            let devices = try #require(metrics.series.first).activeDevices
            #expect(devices[0] == 0, "2026-01-01 is past the 45 days kept")
            #expect(Self.near(devices[31], 3000, within: 0.2), "2026-02-01, rolled up: \(devices[31])")
            #expect(Self.near(devices[59], 3000), "2026-03-01")
        }
    }
}
