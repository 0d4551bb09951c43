import Hummingbird
import StoreAPI
import StoreModels
import StoreService

extension StoreAPI {
    /// SSH keys: an account manages its own, an admin anyone's (the engine decides, 403 otherwise).
    func addSSHKeyRoutes(to routes: RouteTable) {
        routes.add(.get, "/api/v1/ssh-keys") { request, context in
            let query = try QueryParameters(request.uri)
            try query.rejectUnknown(allowing: ["username"])
            let identity = try context.account(toDo: "list SSH keys")
            let keys = try await service(for: identity).sshKeys(username: try query.string("username", maxLength: 64))
            return try APIResponse.json(APIList(items: keys))
        }
        routes.add(.post, "/api/v1/ssh-keys") { request, context in
            let identity = try context.account(toDo: "add SSH keys")
            var request = request
            let body = try await JSONBody.decode(APISSHKeyRequest.self, from: &request, limit: configuration.maxBodySize)
            let key = try await service(for: identity).addSSHKey(body.publicKey, for: body.username)
            return try APIResponse.json(key, status: .created)
        }
        routes.add(.delete, "/api/v1/ssh-keys/{id}") { request, context in
            let id = try pathParameter(context, "id", maxLength: 128)
            let identity = try context.account(toDo: "remove SSH keys")
            try await service(for: identity).removeSSHKey(id: id)
            return try APIResponse.json(APIRemovedSSHKey(id: id, removed: true))
        }
    }
}
