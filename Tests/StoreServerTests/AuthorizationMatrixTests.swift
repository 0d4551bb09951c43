import Foundation
import StoreModels
import StoreService
import Testing
@testable import StoreServer

/// Every endpoint the router serves × every caller (see ``MatrixCaller``) × object ownership, each
/// answer checked against the outcome written in ``MatrixTable``; charmcraft's endpoints and the device
/// API are checked with every credential form (``MatrixScheme``).
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    /// The endpoints of the real router.
    static var routedEndpoints: Set<Endpoint> { Set(OpenAPITests.routes) }

    @Test func everyRoutedEndpointHasARowInTheMatrix() {
        let covered = Set(MatrixTable.rows.map(\.endpoint))
        let missing = Self.routedEndpoints.subtracting(covered).sorted()
        #expect(missing.isEmpty, "endpoints with no row in AuthorizationMatrix+Table.swift: \(missing)")
    }

    @Test func everyMatrixRowNamesARoutedEndpoint() {
        let stale = Set(MatrixTable.rows.map(\.endpoint)).subtracting(Self.routedEndpoints).sorted()
        #expect(stale.isEmpty, "matrix rows for endpoints the router does not serve: \(stale)")
    }

    @Test func everyRowHasAnOutcomeForEveryCaller() throws {
        for row in MatrixTable.rows {
            #expect(try MatrixOutcome.row(row.expected).count == MatrixCaller.allCases.count, "\(row.title)")
        }
    }

    @Test func everyEndpointAnswersEveryCallerAsTheTableSays() async throws {
        var configuration = TestServer.configuration()
        // Expired and revoked tokens fail on purpose in every row; the limiter is tested on its own elsewhere.
        configuration.authFailureBurst = 1_000_000
        // Every scheme uploads files the cases never push; the quota is tested on its own elsewhere.
        configuration.maxPendingUploads = 10_000
        let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("matrix-uploads-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: uploads) }
        configuration.uploadDirectory = uploads
        let checked = try await TestServer.with(configuration) { server async throws in
            let world = try await MatrixWorld.prepare(server)
            var checked = 0
            for row in MatrixTable.rows {
                let expected = try MatrixOutcome.row(row.expected)
                for scheme in Self.schemes(for: row.endpoint) {
                    for caller in MatrixCaller.allCases {
                        let outcome = try #require(expected[caller])
                        let request = try await row.request(world, caller)
                        let authorization = world.authorization(for: caller, scheme: scheme)
                        var response = try await world.send(request, authorization: authorization)
                        // A 503 says "try again" (a busy machine), not who may call: retried as a client
                        // would, and printed so a run under load shows what was unavailable.
                        for _ in 0..<2 where response.status == 503 {
                            print("authorization matrix: \(row.title) as \(caller) answered 503 (retried): \(response.text.prefix(300))")
                            try await Task.sleep(for: .seconds(1))
                            response = try await world.send(request, authorization: authorization)
                        }
                        checked += 1
                        #expect(
                            outcome.matches(status: response.status),
                            """
                            \(row.title) as \(caller) (\(scheme.rawValue)): expected \(outcome.rawValue), got \(response.status) \
                            \(response.text.prefix(300))
                            """)
                    }
                }
            }
            return checked
        }
        print("authorization cases checked: \(checked)")
    }

    /// Everything is checked with `Bearer`; charmcraft's and snapcraft's paths and the device API also
    /// with both `Macaroon` forms and a snapcraft login session.
    static func schemes(for endpoint: Endpoint) -> [MatrixScheme] {
        let macaroonPaths = ["/v1/", "/v2/", StoreAPI.unscannedUploadPath, "/dev/api/", "/api/v2/"]
        return macaroonPaths.contains(where: endpoint.path.hasPrefix) ? MatrixScheme.allCases : [.bearer]
    }
}
