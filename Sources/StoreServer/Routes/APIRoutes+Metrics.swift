import Foundation
import Hummingbird
import StoreModels
import StoreService

/// `GET /api/v1/packages/{name}/metrics?days=&breakdown=&last-day=`: ``StoreService/packageMetrics(name:range:breakdown:)``.
struct MetricsQuery: QueryDecodable {
    static let parameterNames: Set<String> = ["days", "breakdown", "last-day"]
    var range: MetricsRange
    var breakdown: MetricsBreakdown

    /// `days` 1...400 (30 by default), `breakdown` channel, version, architecture or release (channel by default),
    /// `last-day` a UTC `YYYY-MM-DD` day (today by default).
    init(decoding query: QueryParameters) throws(StoreError) {
        let days = try query.int("days", in: 1...MetricsDays.maximumDays) ?? 30
        let text = try query.string("breakdown", maxLength: 32) ?? MetricsBreakdown.channel.rawValue
        guard let breakdown = MetricsBreakdown(rawValue: text) else {
            throw StoreError.invalidInput(
                "'breakdown' must be one of \(MetricsBreakdown.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(QueryParameters.printable(text))')")
        }
        let lastDay = try query.string("last-day", maxLength: 10) ?? MetricsDays.day(of: Date())
        guard MetricsDays.date(of: lastDay) != nil else {
            throw StoreError.invalidInput("'last-day' must be a UTC day written YYYY-MM-DD (got '\(QueryParameters.printable(lastDay))')")
        }
        self.range = MetricsRange(lastDay: lastDay, days: days)
        self.breakdown = breakdown
    }
}

extension StoreAPI {
    /// `GET /api/v1/packages/{name}/metrics`: the package's daily figures (publisher, collaborators, admins).
    func packageMetrics(_ request: Request, _ context: StoreRequestContext) async throws -> APIResponse {
        let query = try QueryParameters(request.uri).decode(MetricsQuery.self)
        let name = try packageName(context)
        let identity = try context.account(toDo: "read a package's metrics")
        let metrics = try await service(for: identity).packageMetrics(name: name.rawValue, range: query.range, breakdown: query.breakdown)
        return try APIResponse.json(metrics, headers: [.cacheControl: "no-store"])
    }
}
