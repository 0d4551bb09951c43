import Foundation
import StoreClient
import StoreModels
import Testing

/// `store-tui simulate-devices`' fleet against a real server: bounded, loopback only, and counted by the
/// store's metrics as the devices it plays.
@Suite("Simulated device fleet")
struct DeviceFleetTests {
    @Test func onlyStoresOnThisMachineAndBoundedPlansAreAccepted() {
        let good = DeviceFleet.Plan(storeURL: "http://127.0.0.1:8080", devices: 10, snapsPerDevice: 2, duration: 1)
        #expect(good.problem == nil)
        for url in ["http://example.com", "http://10.0.0.1:8080", "http://127.0.0.1.example.com", "ftp://127.0.0.1", "nonsense"] {
            var plan = good
            plan.storeURL = url
            #expect(plan.problem != nil, "\(url)")
        }
        #expect(DeviceFleet.Plan(storeURL: "http://[::1]:8080", devices: 1, snapsPerDevice: 1, duration: 1).problem == nil)
        #expect(DeviceFleet.Plan(storeURL: "http://localhost:1", devices: 100_001, snapsPerDevice: 1, duration: 1).problem != nil)
        #expect(DeviceFleet.Plan(storeURL: "http://localhost:1", devices: 1, snapsPerDevice: 51, duration: 1).problem != nil)
        #expect(DeviceFleet.Plan(storeURL: "http://localhost:1", devices: 1, snapsPerDevice: 1, duration: 3601).problem != nil)
    }

    @Test func theFleetStopsAtItsRequestBudgetAndEveryServedActionIsCounted() async throws {
        var configuration = TestServer.configuration()
        configuration.metricsFlushInterval = 0.05
        try await TestServer.with(configuration) { server in
            let plan = DeviceFleet.Plan(
                storeURL: server.baseURL, devices: 6, snapsPerDevice: 3, duration: 30, concurrency: 2, maximumRequests: 24)
            let report = try await DeviceFleet(plan: plan).run()
            #expect(report.requests == 24, "\(report)")
            #expect(report.updates > 0 && report.actions >= 24, "\(report)")
            let range = MetricsRange(lastDay: MetricsDays.day(of: Date().addingTimeInterval(60)), days: 2)
            let admin = try await server.client(as: "admin")
            var counted = 0
            var devices = 0
            for _ in 0..<100 {
                counted = 0
                devices = 0
                for name in Fixture.publicSnaps {
                    let metrics = try await admin.packageMetrics(name: name, range: range, breakdown: .channel)
                    counted += metrics.series.flatMap(\.requests).reduce(0, +)
                    devices = max(devices, metrics.totalActiveDevices.max() ?? 0)
                }
                if counted >= report.actions - report.errors { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(counted == report.actions - report.errors, "\(report)")
            #expect((1...6).contains(devices), "no snap has more devices than the fleet: \(devices)")
        }
    }
}
