import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import StoreAPI
import StoreModels
import StoreService

/// A simulated fleet of devices playing snapd against a store on this machine: each device installs
/// its snaps (`install` actions), then refreshes them (`refresh` actions with its installed snaps as
/// context), with snapd's headers and its own `Snap-Device-Id`, so progressive releases place it and the
/// store's metrics count it. `store-tui simulate-devices` runs it.
///
/// Bounded: at most ``Plan/maximumDevices`` devices, ``Plan/maximumDuration`` seconds and
/// ``Plan/maximumRequests`` requests; only loopback stores (127.0.0.0/8, ::1, localhost).
public struct DeviceFleet: Sendable {
    /// What to play.
    public struct Plan: Sendable {
        public static let maximumDevices = 100_000
        public static let maximumSnapsPerDevice = 50
        public static let maximumDuration: Double = 3600
        public static let maximumRequests = 10_000_000

        public var storeURL: String
        public var devices: Int
        public var snapsPerDevice: Int
        public var duration: Double
        /// Requests in flight at once.
        public var concurrency: Int
        /// The most requests sent in all.
        public var maximumRequests: Int
        /// Devices' architecture (`Snap-Device-Architecture`).
        public var architecture: String

        public init(storeURL: String, devices: Int, snapsPerDevice: Int, duration: Double, concurrency: Int = 8,
                    maximumRequests: Int = Plan.maximumRequests, architecture: String = "amd64") {
            self.storeURL = storeURL
            self.devices = devices
            self.snapsPerDevice = snapsPerDevice
            self.duration = duration
            self.concurrency = concurrency
            self.maximumRequests = maximumRequests
            self.architecture = architecture
        }

        /// Why the plan cannot run, or `nil`.
        public var problem: String? {
            guard let url = URL(string: storeURL), ["http", "https"].contains(url.scheme ?? ""), let host = url.host else {
                return "--store must be an http URL such as http://127.0.0.1:8080"
            }
            guard Self.isLoopback(host) else {
                return "--store must be on this machine (127.0.0.1, ::1 or localhost), not \(host): the simulator only loads local stores"
            }
            if !(1...Self.maximumDevices).contains(devices) { return "--devices must be 1 to \(Self.maximumDevices)" }
            if !(1...Self.maximumSnapsPerDevice).contains(snapsPerDevice) { return "--snaps-per-device must be 1 to \(Self.maximumSnapsPerDevice)" }
            if !(duration.isFinite && duration > 0 && duration <= Self.maximumDuration) { return "--duration must be more than 0 and at most 3600 seconds" }
            if !(1...256).contains(concurrency) { return "--concurrency must be 1 to 256" }
            if !(1...Self.maximumRequests).contains(maximumRequests) { return "--max-requests must be 1 to \(Self.maximumRequests)" }
            return nil
        }

        /// Whether `host` names this machine.
        public static func isLoopback(_ host: String) -> Bool {
            let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
            if bare == "localhost" || bare == "::1" { return true }
            let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
        }
    }

    /// What the run did.
    public struct Report: Sendable, CustomStringConvertible {
        public var requests = 0
        public var actions = 0
        /// Actions answered with a revision different from the one installed (installs and updates).
        public var updates = 0
        /// Error results and failed requests.
        public var errors = 0
        public var seconds = 0.0
        public var latencies: [Double] = []
        /// Error results by their code (`no-release`, `id-not-found`, …; `http-<status>` for failed requests).
        public var errorCodes: [String: Int] = [:]

        public var description: String {
            let sorted = latencies.sorted()
            func quantile(_ q: Double) -> String {
                sorted.isEmpty ? "-" : String(format: "%.1f ms", 1000 * sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))])
            }
            let rate = seconds > 0 ? Double(requests) / seconds : 0
            return "\(requests) refresh requests (\(actions) actions, \(updates) installs or updates, \(errors) errors) in "
                + String(format: "%.1f s: %.0f requests/s", seconds, rate) + ", p50 \(quantile(0.5)), p99 \(quantile(0.99))"
                + (errorCodes.isEmpty ? "" : "; errors: " + errorCodes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }

    /// One device: its key and, per snap id, the revision installed (0: not yet; -1: it could not be installed).
    struct Device {
        var key: String
        var snaps: [(id: String, name: String, revision: Int)]
    }

    let plan: Plan

    public init(plan: Plan) { self.plan = plan }

    /// Plays the fleet until the duration passes or the request budget is spent.
    /// - Throws: `FleetError` when the store cannot be reached or lists no snap.
    public func run(progress: (@Sendable (String) -> Void)? = nil) async throws -> Report {
        if let problem = plan.problem { throw FleetError(problem) }
        let base = plan.storeURL.hasSuffix("/") ? String(plan.storeURL.dropLast()) : plan.storeURL
        let catalogue = try await Self.snaps(base)
        guard !catalogue.isEmpty else { throw FleetError("the store at \(base) lists no snap to install") }
        progress?("\(plan.devices) devices, \(plan.snapsPerDevice) of \(catalogue.count) snaps each, for \(plan.duration) s")
        let fleet = FleetState(devices: (0..<plan.devices).map { Self.device($0, catalogue: catalogue, count: plan.snapsPerDevice) })
        let deadline = ContinuousClock.now + .milliseconds(Int64(plan.duration * 1000))
        let start = ContinuousClock.now
        var report = Report()
        try await withThrowingTaskGroup(of: Report.self) { group in
            for worker in 0..<plan.concurrency {
                group.addTask {
                    var mine = Report()
                    var index = worker
                    while ContinuousClock.now < deadline, await fleet.takeRequest(budget: plan.maximumRequests) {
                        try Task.checkCancellation()
                        await self.play(device: index % plan.devices, fleet: fleet, base: base, report: &mine)
                        index += plan.concurrency
                    }
                    return mine
                }
            }
            for try await part in group {
                report.requests += part.requests
                report.actions += part.actions
                report.updates += part.updates
                report.errors += part.errors
                report.latencies += part.latencies
                report.errorCodes.merge(part.errorCodes, uniquingKeysWith: +)
            }
        }
        report.seconds = Self.seconds(ContinuousClock.now - start)
        return report
    }

    /// One refresh request of device `index`: installs for snaps not installed yet, refreshes for the rest.
    private func play(device index: Int, fleet: FleetState, base: String, report: inout Report) async {
        let device = await fleet.device(index)
        let installed = device.snaps.filter { $0.revision > 0 }
        let request = SnapRefreshRequest(
            context: installed.map { SnapRefreshContext(snapID: $0.id, instanceKey: $0.id, revision: $0.revision, trackingChannel: "latest/stable") },
            actions: device.snaps.filter { $0.revision >= 0 }.map { snap in
                snap.revision > 0
                    ? SnapRefreshAction(action: "refresh", instanceKey: snap.id, snapID: snap.id)
                    : SnapRefreshAction(action: "install", instanceKey: snap.id, name: snap.name, channel: "stable")
            },
            fields: ["revision", "version", "download"])
        var http = HTTPClientRequest(url: base + "/v2/snaps/refresh")
        http.method = .POST
        for (name, value) in [
            ("Content-Type", "application/json"), ("Snap-Device-Id", device.key), ("Snap-Device-Architecture", plan.architecture),
            ("Snap-Device-Series", "16"), ("Snap-Classic", "true"), ("User-Agent", "store-tui-simulate-devices (snapd-shaped)"),
        ] { http.headers.add(name: name, value: value) }
        let began = ContinuousClock.now
        do {
            http.body = .bytes(ByteBuffer(bytes: Array(try WireCoding.encode(request))))
            let response = try await HTTPClient.shared.execute(http, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            report.requests += 1
            report.actions += request.actions.count
            report.latencies.append(Self.seconds(ContinuousClock.now - began))
            guard response.status == .ok else {
                report.errors += 1
                report.errorCodes["http-\(response.status.code)", default: 0] += 1
                return
            }
            let reply = try WireCoding.decode(SnapRefreshResponse.self, from: Data(body.readableBytesView))
            var revisions: [String: Int] = [:]
            let installing = Set(device.snaps.filter { $0.revision == 0 }.map(\.id))
            for result in reply.results {
                if let error = result.error {
                    report.errors += 1
                    report.errorCodes[error.code, default: 0] += 1
                    // A snap it cannot install (nothing on stable for its architecture): snapd gives up, so does the device.
                    if installing.contains(result.instanceKey) { revisions[result.instanceKey] = -1 }
                    continue
                }
                guard let snap = result.snap, let id = result.snapID else { continue }
                revisions[id] = snap.revision.revision
            }
            report.updates += await fleet.update(index, revisions: revisions)
        } catch {
            report.errors += 1
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Device `index`'s snaps: `count` of the catalogue, the first (popular) ones more often.
    static func device(_ index: Int, catalogue: [(id: String, name: String)], count: Int) -> Device {
        var rng = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 ^ 0xD1B5_4A32_D192_ED03
        var picked: [(id: String, name: String, revision: Int)] = []
        var seen = Set<String>()
        var attempts = 0
        while picked.count < min(count, catalogue.count), attempts < count * 20 {
            attempts += 1
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(rng >> 11) / Double(1 << 53)
            let choice = catalogue[min(catalogue.count - 1, Int(unit * unit * Double(catalogue.count)))]
            if seen.insert(choice.id).inserted { picked.append((choice.id, choice.name, 0)) }
        }
        return Device(key: "sim-device-\(index)", snaps: picked)
    }

    /// The public snaps the store lists (its first page), most relevant first.
    static func snaps(_ base: String) async throws -> [(id: String, name: String)] {
        var request = HTTPClientRequest(url: base + "/api/v1/packages?type=snap&limit=\(SearchQuery.maximumLimit)")
        request.method = .GET
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            guard response.status == .ok else { throw FleetError("the store at \(base) answered \(response.status.code) to its package list") }
            let page = try APICoding.makeDecoder().decode(APIPage<APIPackageSummary>.self, from: Data(body.readableBytesView))
            return page.items.map { ($0.id, $0.name.rawValue) }
        } catch let error as FleetError {
            throw error
        } catch {
            throw FleetError("cannot reach the store at \(base): \(error)")
        }
    }
}

/// The fleet's devices and the request budget, shared by the workers.
actor FleetState {
    private var devices: [DeviceFleet.Device]
    private var sent = 0

    init(devices: [DeviceFleet.Device]) { self.devices = devices }

    func takeRequest(budget: Int) -> Bool {
        guard sent < budget else { return false }
        sent += 1
        return true
    }

    func device(_ index: Int) -> DeviceFleet.Device { devices[index] }

    /// Records the revisions served; returns how many changed.
    func update(_ index: Int, revisions: [String: Int]) -> Int {
        var changed = 0
        for position in devices[index].snaps.indices {
            if let revision = revisions[devices[index].snaps[position].id], revision != devices[index].snaps[position].revision {
                devices[index].snaps[position].revision = revision
                changed += 1
            }
        }
        return changed
    }
}

/// Why the fleet could not play, said so a person knows what to do.
public struct FleetError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
