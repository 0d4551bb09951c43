extension StoreAPI {
    /// The charmcraft-compatible publisher API (`/v1/tokens/whoami`, `/v1/charm…`): not implemented yet.
    ///
    /// Hook point for whoever implements it: add each route here with
    /// `routes.add(.get, "/v1/charm/{name}/releases") { request, context in … }`, returning an
    /// ``APIResponse`` (use ``APIResponse/wire(_:status:headers:)`` with the types in StoreModels/Wire).
    /// Routes added here get the same middleware as the rest (request id, error envelope, 404/405, size
    /// limits), idempotency replay, and authentication through ``authenticator`` (`Macaroon <token>` is
    /// already accepted). Also add every new path to `docs/openapi.yaml` and ``OpenAPIDocument``: the
    /// OpenAPI test fails on any route the document lacks.
    func addCharmcraftRoutes(to routes: RouteTable) {}
}
