import Foundation
import StoreClient
import StoreModels
import StoreServer
import StoreService
import Testing

/// Adoption figures recorded by the refresh path and read over HTTP: `/api/v1/packages/{name}/metrics`
/// and the Snap Store's `POST /dev/api/snaps/metrics`.
@Suite("Device metrics over HTTP")
struct DeviceMetricsTests {
    static func configuration(flushEvery seconds: Double) -> StoreServer.ServerConfiguration {
        var configuration = TestServer.configuration()
        configuration.metricsFlushInterval = seconds
        return configuration
    }

    /// Today and yesterday, UTC (a test running across midnight still sees its figures).
    static var twoDays: MetricsRange { MetricsRange(lastDay: MetricsDays.day(of: Date().addingTimeInterval(60)), days: 2) }

    /// `devices` devices install `hello` from edge (amd64), and the first ten of them ask again the same day.
    static func installs(_ server: TestServer, devices: Int) async throws {
        for index in 0..<devices + min(devices, 10) {
            _ = try await DeviceRoutesTests.refresh(server, """
                {"context": [], "actions": [{"action": "install", "instance-key": "i", "name": "hello", "channel": "edge", "epoch": null}]}
                """, headers: [("Snap-Device-Id", "device-\(index % devices)"), ("Snap-Device-Architecture", "amd64")])
        }
    }

    /// The metrics of `hello` as alice reads them over HTTP, once their requests reach `requests` (or 30 s pass).
    static func metrics(_ server: TestServer, breakdown: MetricsBreakdown = .channel, reaching requests: Int) async throws -> PackageMetrics {
        // Patient: the whole suite runs beside it on two cores.
        let client = try await HTTPStoreClient.connect(
            baseURL: server.baseURL, token: server.tokens["alice"],
            configuration: HTTPStoreClient.Configuration(connectTimeout: .seconds(30), requestTimeout: .seconds(30)))
        let deadline = Date().addingTimeInterval(30)
        while true {
            let metrics = try await client.packageMetrics(name: "hello", range: twoDays, breakdown: breakdown)
            let total = metrics.series.flatMap(\.requests).reduce(0, +)
            if total >= requests || Date() > deadline { return metrics }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func installsAreCountedPerChannelWithTheirDistinctDevicesOnceFlushed() async throws {
        try await TestServer.with(Self.configuration(flushEvery: 0.05)) { server in
            try await Self.installs(server, devices: 30)
            let metrics = try await Self.metrics(server, reaching: 40)
            #expect(metrics.series.map(\.label) == ["latest/edge"])
            let edge = try #require(metrics.series.first)
            #expect(edge.requests.reduce(0, +) == 40 && edge.downloads.reduce(0, +) == 40)
            #expect((29...31).contains(edge.activeDevices.reduce(0, +)), "\(edge.activeDevices)")
            #expect((29...31).contains(metrics.totalActiveDevices.reduce(0, +)))
            let versions = try await Self.metrics(server, breakdown: .version, reaching: 40)
            #expect(versions.series.map(\.label) == ["1.1 (r2)"])
        }
    }

    @Test func aGracefulStopWritesWhatWasRecordedSinceTheLastFlush() async throws {
        // An hour between flushes: only the final flush at shutdown can write these figures.
        let server = try await TestServer.start(Self.configuration(flushEvery: 3600))
        try await Self.installs(server, devices: 5)
        let before = try await server.direct(as: "alice").packageMetrics(name: "hello", range: Self.twoDays, breakdown: .channel)
        #expect(before.series.flatMap(\.requests).reduce(0, +) == 0)
        await server.beginShutdown()
        await server.waitUntilStopped()
        let after = try await server.direct(as: "alice").packageMetrics(name: "hello", range: Self.twoDays, breakdown: .channel)
        #expect(after.series.flatMap(\.requests).reduce(0, +) == 10)
        #expect(after.series.flatMap(\.downloads).reduce(0, +) == 10)
        await server.stop()
    }

    @Test func aRefreshToWhatIsCurrentCountsAsARequestNotADownload() async throws {
        try await TestServer.with(Self.configuration(flushEvery: 0.05)) { server in
            let hello = try await DeviceRoutesTests.id("hello", server)
            _ = try await DeviceRoutesTests.refresh(server, """
                {"context": [\(DeviceRoutesTests.context(hello, revision: 1))],
                 "actions": [{"action": "refresh", "instance-key": "\(hello)", "snap-id": "\(hello)"}]}
                """, headers: [("Snap-Device-Id", "device-a")])
            let metrics = try await Self.metrics(server, reaching: 1)
            let stable = try #require(metrics.series.first { $0.label == "latest/stable" })
            #expect(stable.requests.reduce(0, +) == 1 && stable.downloads.reduce(0, +) == 0)
        }
    }

    @Test func withRecordingOffNothingIsCounted() async throws {
        try await TestServer.with(Self.configuration(flushEvery: 0)) { server in
            try await Self.installs(server, devices: 5)
            try await Task.sleep(for: .milliseconds(300))
            let metrics = try await server.client(as: "alice").packageMetrics(name: "hello", range: Self.twoDays, breakdown: .channel)
            #expect(metrics.series.isEmpty && metrics.totalActiveDevices == [0, 0])
        }
    }

    @Test func badQueriesAreRefusedSayingWhatToSend() async throws {
        try await TestServer.with { server in
            for (query, words) in [
                ("days=0", "'days'"), ("breakdown=country", "channel, version, architecture"), ("last-day=2026-02-30", "YYYY-MM-DD"),
                ("since=2026-01-01", "since"),
            ] {
                let response = try await server.request(.GET, "/api/v1/packages/hello/metrics?\(query)", as: "alice")
                #expect(response.status == 400, "\(query): \(response.text)")
                #expect(response.text.contains(words), "\(query): \(response.text)")
            }
            let eve = try await server.request(.GET, "/api/v1/packages/hello/metrics", as: "eve")
            #expect(eve.status == 403, "\(eve.text)")
        }
    }

    @Test func theSnapStoreMetricsEndpointAnswersEachFilterInTheDashboardsShape() async throws {
        try await TestServer.with(Self.configuration(flushEvery: 0.05)) { server in
            try await Self.installs(server, devices: 12)
            _ = try await Self.metrics(server, reaching: 22)
            let hello = try await DeviceRoutesTests.id("hello", server)
            let (start, end) = (Self.twoDays.lastDay, Self.twoDays.lastDay)
            let response = try await server.request(.POST, "/dev/api/snaps/metrics", as: "bob", body: """
                {"filters": [
                  {"metric_name": "installed_base_by_channel", "snap_id": "\(hello)", "start": "\(start)", "end": "\(end)"},
                  {"metric_name": "weekly_installed_base_by_version", "snap_id": "\(hello)", "start": "\(start)", "end": "\(end)"},
                  {"metric_name": "daily_device_change", "snap_id": "\(hello)", "start": "\(start)", "end": "\(end)"},
                  {"metric_name": "installed_base_by_country", "snap_id": "\(hello)", "start": "\(start)", "end": "\(end)"}]}
                """)
            #expect(response.status == 200, "\(response.text)")
            let json = try response.object()
            let metrics = try #require(json["metrics"] as? [[String: Any]])
            #expect(metrics.map { $0["metric_name"] as? String } == [
                "installed_base_by_channel", "weekly_installed_base_by_version", "daily_device_change", "installed_base_by_country"])
            #expect(metrics.allSatisfy { $0["snap_id"] as? String == hello })
            #expect(metrics.map { $0["status"] as? String } == ["OK", "OK", "OK", "NO DATA"])
            #expect(metrics[0]["buckets"] as? [String] == [end])
            let channels = try #require(metrics[0]["series"] as? [[String: Any]])
            #expect(channels.first?["name"] as? String == "latest/edge")
            #expect(channels.first?["values"] as? [Int] == [12])
            #expect(channels.first?["currently_released"] as? Bool == true)
            let versions = try #require(metrics[1]["series"] as? [[String: Any]])
            // The week's average: 12 devices today, none on the six days before.
            #expect(versions.first?["name"] as? String == "1.1" && versions.first?["values"] as? [Int] == [2])
            let change = try #require(metrics[2]["series"] as? [[String: Any]])
            #expect(change.map { $0["name"] as? String } == ["continued", "lost", "new"])
            #expect(change.last?["values"] as? [Int] == [12])

            let unknown = try await server.request(.POST, "/dev/api/snaps/metrics", as: "alice", body: """
                {"filters": [{"metric_name": "installed_base_by_mood", "snap_id": "\(hello)", "start": "\(start)", "end": "\(end)"}]}
                """)
            #expect(unknown.status == 400 && unknown.text.contains("daily_device_change"), "\(unknown.text)")
            let backwards = try await server.request(.POST, "/dev/api/snaps/metrics", as: "alice", body: """
                {"filters": [{"metric_name": "installed_base_by_channel", "snap_id": "\(hello)", "start": "2026-03-02", "end": "2026-03-01"}]}
                """)
            #expect(backwards.status == 400 && backwards.text.contains("on or after start"), "\(backwards.text)")
        }
    }
}
