import ArgumentParser
import Foundation
import StoreClient

/// `store-tui simulate-devices`: a fleet of devices sending snapd-shaped refresh requests to a local store.
struct SimulateDevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-devices",
        abstract: "Play a fleet of devices refreshing their snaps against a store on this machine.",
        discussion: """
            Each device installs --snaps-per-device snaps from the store's list (popular ones more often), then \
            refreshes them as snapd does (POST /v2/snaps/refresh with its own Snap-Device-Id), so progressive \
            releases place it and the store's metrics count it. Stops after --duration seconds or --max-requests \
            requests; only loopback stores are accepted.
            """)

    @Option(name: .long, help: "The store's URL (127.0.0.1, ::1 or localhost only).")
    var store: String

    @Option(name: .long, help: "How many devices (1–100000).")
    var devices: Int = 100

    @Option(name: .customLong("snaps-per-device"), help: "Snaps each device has installed (1–50).")
    var snapsPerDevice: Int = 5

    @Option(name: .long, help: "Seconds to run (at most 3600).")
    var duration: Double = 10

    @Option(name: .long, help: "Requests in flight at once (1–256).")
    var concurrency: Int = 8

    @Option(name: .customLong("max-requests"), help: "The most requests sent in all.")
    var maxRequests: Int = DeviceFleet.Plan.maximumRequests

    @Option(name: .long, help: "The devices' architecture.")
    var architecture = "amd64"

    var plan: DeviceFleet.Plan {
        DeviceFleet.Plan(
            storeURL: store, devices: devices, snapsPerDevice: snapsPerDevice, duration: duration, concurrency: concurrency,
            maximumRequests: maxRequests, architecture: architecture)
    }

    func validate() throws {
        if let problem = plan.problem { throw ValidationError(problem + ".") }
    }

    func run() async throws {
        do {
            let report = try await DeviceFleet(plan: plan).run { line in print(line) }
            print(report)
        } catch let error as FleetError {
            throw CommandFailure(error.description)
        }
    }
}
