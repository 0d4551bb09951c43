import Hummingbird
import StoreAPI
import StoreModels
import StoreService

extension StoreAPI {
    /// Review, moderation, audit and tokens. Every endpoint but the publisher reads needs a login (401
    /// otherwise); what each role may do is decided by the engine through `Permissions.may` (403).
    func addAdminRoutes(to routes: RouteTable) {
        routes.add(.get, "/api/v1/reviews") { request, context in
            let paging = try QueryParameters(request.uri).decode(PageParameters.self)
            let identity = try context.account(toDo: "see the review queue")
            let page = try await service(for: identity).reviewQueue(cursor: paging.cursor, limit: paging.limit)
            return try APIResponse.json(APIPage(page, APIReviewItem.init))
        }
        routes.add(.post, "/api/v1/packages/{name}/revisions/{revision}/review") { request, context in
            let name = try packageName(context)
            guard let number = Int(try pathParameter(context, "revision", maxLength: 12)), number > 0 else {
                throw StoreError.invalidInput("the revision in the path must be a positive whole number")
            }
            let identity = try context.account(toDo: "review")
            var request = request
            let body = try await JSONBody.decode(APIReviewDecision.self, from: &request, limit: configuration.maxBodySize)
            return try APIResponse.json(try await service(for: identity).review(name, revision: number, decision: body.domain))
        }
        addPublisherRoutes(to: routes)
        routes.add(.get, "/api/v1/audit") { request, context in
            let audit = try QueryParameters(request.uri).decode(AuditQuery.self)
            let identity = try context.account(toDo: "read the audit log")
            return try APIResponse.json(APIPage(try await service(for: identity).auditLog(audit)))
        }
        addTokenRoutes(to: routes)
        addSSHKeyRoutes(to: routes)
    }

    private func addPublisherRoutes(to routes: RouteTable) {
        routes.add(.get, "/api/v1/publishers") { request, context in
            let search = try QueryParameters(request.uri).decode(PublisherSearchParameters.self)
            let identity = context.identity
            let page = try await service(for: identity).publishers(matching: search.text, cursor: search.page.cursor, limit: search.page.limit)
            return try APIResponse.json(APIPage(page))
        }
        routes.add(.get, "/api/v1/publishers/{username}") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            let username = try pathParameter(context, "username", maxLength: 64)
            let identity = context.identity
            return try APIResponse.json(try await service(for: identity).publisher(username: username))
        }
        routes.add(.get, "/api/v1/publishers/{username}/packages") { request, context in
            _ = try QueryParameters(request.uri).decode(NoParameters.self)
            let username = try pathParameter(context, "username", maxLength: 64)
            let identity = try context.account(toDo: "list a publisher's packages")
            let packages = try await service(for: identity).packages(ofPublisher: username)
            return try APIResponse.json(APIList(items: packages.map(APIPackageSummary.init)))
        }
        routes.add(.post, "/api/v1/publishers/{username}/validation") { request, context in
            let username = try pathParameter(context, "username", maxLength: 64)
            let identity = try context.account(toDo: "set a publisher's validation")
            var request = request
            let body = try await JSONBody.decode(APIValidationRequest.self, from: &request, limit: configuration.maxBodySize)
            return try APIResponse.json(
                try await service(for: identity).setValidation(body.validation, of: username, reason: body.reason))
        }
        routes.add(.post, "/api/v1/publishers/{username}/suspend") { request, context in
            let username = try pathParameter(context, "username", maxLength: 64)
            let identity = try context.account(toDo: "suspend a publisher")
            var request = request
            let body = try await JSONBody.decode(APIReasonRequest.self, from: &request, limit: configuration.maxBodySize)
            return try APIResponse.json(try await service(for: identity).suspend(username, reason: body.reason))
        }
        routes.add(.post, "/api/v1/publishers/{username}/unsuspend") { request, context in
            let username = try pathParameter(context, "username", maxLength: 64)
            let identity = try context.account(toDo: "lift a suspension")
            var request = request
            let body = try await JSONBody.decode(APIReasonRequest.self, from: &request, limit: configuration.maxBodySize)
            return try APIResponse.json(try await service(for: identity).unsuspend(username, reason: body.reason))
        }
    }

    private func addTokenRoutes(to routes: RouteTable) {
        routes.add(.get, "/api/v1/tokens") { request, context in
            let query = try QueryParameters(request.uri)
            try query.rejectUnknown(allowing: ["username"])
            let identity = try context.account(toDo: "list tokens")
            let tokens = try await service(for: identity).tokens(username: try query.string("username", maxLength: 64))
            return try APIResponse.json(APIList(items: tokens))
        }
        routes.add(.post, "/api/v1/tokens") { request, context in
            let identity = try context.account(toDo: "issue tokens")
            var request = request
            let body = try await JSONBody.decode(APITokenRequest.self, from: &request, limit: configuration.maxBodySize)
            let issued = try await service(for: identity).issueToken(
                username: body.username, role: body.role, expiresAt: body.expiresAt, description: body.description ?? "",
                email: body.email)
            var reply = try APIResponse.json(APIIssuedToken(issued), status: .created, headers: [.cacheControl: "no-store"])
            // A retry with the same Idempotency-Key must not get the secret again (it is shown once and
            // kept nowhere): it is told which token the first request issued.
            reply.replayForm = APIResponse.ReplayForm(HTTPFailure.secretNotReplayed(tokenID: issued.info.id).apiResponse)
            return reply
        }
        routes.add(.delete, "/api/v1/tokens/{id}") { request, context in
            let id = try pathParameter(context, "id", maxLength: 128)
            let identity = try context.account(toDo: "revoke tokens")
            try await service(for: identity).revokeToken(id: id)
            return try APIResponse.json(APIRevokedToken(id: id, revoked: true))
        }
    }
}
