import Foundation

/// The OpenAPI document served at `GET /openapi.yaml`: `Sources/StoreServer/Resources/openapi.yaml`,
/// shipped as the target's resource and read once.
enum OpenAPIDocument {
    /// The document's text (empty if the resource is missing, which the OpenAPI test catches).
    static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else { return "" }
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()
}
