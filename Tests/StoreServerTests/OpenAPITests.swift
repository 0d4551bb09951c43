import Foundation
import StoreModels
import StoreService
import Testing
@testable import StoreServer

@Suite("OpenAPI document")
struct OpenAPITests {
    /// `(method, path)` of every operation under `paths:`, read line by line (two-space path keys,
    /// four-space method keys).
    static func operations(in yaml: String) -> Set<Endpoint> {
        var result = Set<Endpoint>()
        var inPaths = false
        var path: String?
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            guard inPaths else { continue }
            if let first = line.first, first != " " { inPaths = false; continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"), let path {
                let key = String(line.dropFirst(4).dropLast())
                if methods.contains(key) { result.insert(Endpoint(method: key.uppercased(), path: path)) }
            }
        }
        return result
    }

    static var routes: [Endpoint] {
        StoreAPI.buildRouter(backend: NoBackend(), configuration: ServerConfiguration()).endpoints
    }

    @Test func everyRouteIsDocumented() {
        let documented = Self.operations(in: OpenAPIDocument.yaml)
        let missing = Set(Self.routes).subtracting(documented).sorted()
        #expect(missing.isEmpty, "routes missing from Sources/StoreServer/Resources/openapi.yaml: \(missing)")
    }

    @Test func everyDocumentedOperationIsRouted() {
        let documented = Self.operations(in: OpenAPIDocument.yaml)
        let extra = documented.subtracting(Self.routes).sorted()
        #expect(extra.isEmpty, "documented but not routed: \(extra)")
        #expect(documented.count >= 29)
    }

    @Test func servedDocumentIsTheOneInTheRepository() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("Sources/StoreServer/Resources/openapi.yaml"), encoding: .utf8)
        #expect(!OpenAPIDocument.yaml.isEmpty, "the openapi.yaml resource is missing from the StoreServer bundle")
        #expect(file == OpenAPIDocument.yaml)
    }

    @Test func serverServesTheDocument() async throws {
        try await TestServer.with { server async throws in
            let response = try await server.request(.GET, "/openapi.yaml")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/yaml")
            #expect(response.text.hasPrefix("openapi: 3.0"))
        }
    }
}

/// A backend for building the router without a database.
private struct NoBackend: StoreBackend {
    var location: String { "none" }
    func service(for identity: Identity) -> any StoreService { fatalError("not used") }
    func authenticate(token: String) async throws(StoreError) -> Identity { .anonymous }
    func identity(username: String) async throws(StoreError) -> Identity { .anonymous }
}
