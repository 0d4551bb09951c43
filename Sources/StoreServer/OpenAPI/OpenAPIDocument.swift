/// The OpenAPI document served at `GET /openapi.yaml`: a copy of `docs/openapi.yaml`.
enum OpenAPIDocument {
    static let yaml = ""
}
