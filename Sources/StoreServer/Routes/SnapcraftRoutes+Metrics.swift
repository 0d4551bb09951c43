import Foundation
import Hummingbird
import StoreModels
import StoreService

/// `POST /dev/api/snaps/metrics`, the Snap Store's dashboard metrics (newer snapcraft's `snapcraft metrics`).
extension StoreAPI {
    /// The most filters one request may carry.
    static let maximumMetricFilters = 20

    func addSnapMetricsRoute(to routes: RouteTable) {
        routes.add(.post, "/dev/api/snaps/metrics", errors: .dashboard) { request, context in try await snapMetrics(request, context) }
    }

    /// One metric per filter, each read with ``StoreService/packageMetrics(name:range:breakdown:)`` (so the
    /// snap's publisher, collaborators and admins only); a metric this store does not record is `NO DATA`.
    func snapMetrics(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        _ = try QueryParameters(request.uri).decode(NoParameters.self)
        let identity = try context.account(toDo: "read snap metrics")
        var request = request
        let body = try await JSONBody.decode(SnapMetricsRequest.self, from: &request, limit: configuration.maxBodySize)
        guard (1...Self.maximumMetricFilters).contains(body.filters.count) else {
            throw StoreError.invalidInput("send 1 to \(Self.maximumMetricFilters) filters of {metric_name, snap_id, start, end}")
        }
        let service = service(for: identity)
        let ids = Array(Set(body.filters.map(\.snapID))).filter { $0.utf8.count <= 64 }
        let names = try await service.packageNames(ids: ids)
        var metrics: [SnapMetric] = []
        for filter in body.filters {
            guard let metric = SnapMetricName(rawValue: filter.metricName) else {
                throw StoreError.invalidInput(
                    "'\(QueryParameters.printable(String(filter.metricName.prefix(64))))' is not a metric; use one of "
                        + SnapMetricName.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let name = names[filter.snapID] else {
                throw StoreError.notFound(kind: "snap", name: QueryParameters.printable(String(filter.snapID.prefix(64))))
            }
            let buckets = try Self.metricDays(start: filter.start, end: filter.end)
            guard let breakdown = metric.breakdown else {
                // Still refused to those who may not read the snap's figures.
                _ = try await service.packageMetrics(name: name.rawValue, range: MetricsRange(lastDay: filter.end, days: 1), breakdown: .channel)
                metrics.append(SnapMetric(metricName: metric.rawValue, snapID: filter.snapID, status: "NO DATA", buckets: [], series: []))
                continue
            }
            let range = MetricsRange(lastDay: filter.end, days: buckets.count + (metric.isWeekly ? 6 : 0))
            let figures = try await service.packageMetrics(name: name.rawValue, range: range, breakdown: breakdown)
            let released = breakdown == .channel
                ? Set(try await service.channelMap(of: name).releases.map { $0.channel.fullName }) : []
            metrics.append(metric.metric(snapID: filter.snapID, buckets: buckets, from: figures, released: released))
        }
        return try APIResponse.json(SnapMetricsResponse(metrics: metrics))
    }

    /// The days `start`...`end`, at most a year.
    static func metricDays(start: String, end: String) throws(StoreError) -> [String] {
        guard let first = MetricsDays.date(of: start), let last = MetricsDays.date(of: end) else {
            throw .invalidInput("start and end must be days written YYYY-MM-DD")
        }
        let count = Int((last.timeIntervalSince(first) / 86_400).rounded()) + 1
        guard (1...366).contains(count) else { throw .invalidInput("end must be on or after start, at most 366 days later") }
        do { return try MetricsDays.days(of: MetricsRange(lastDay: end, days: count)) } catch {
            throw .invalidInput(error.message)
        }
    }
}
