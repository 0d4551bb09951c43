import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Tokens")
struct TokenTests {
    @Test(arguments: StoreEngine.allCases)
    func issuedTokenAuthenticatesAsItsAccount(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let issued = try await admin.issueToken(username: "carol", role: .publisher, expiresAt: nil, description: "laptop")
            #expect(issued.secret.hasPrefix("stui_"))
            #expect(issued.info.username == "carol" && issued.info.role == .publisher && issued.info.revokedAt == nil)
            let identity = try await store.backend.authenticate(token: issued.secret)
            #expect(identity.username == "carol" && identity.role == .publisher)
            let carol = store.backend.service(for: identity)
            _ = try await carol.registerName(.fixture("carols-app"), type: .snap, isPrivate: false)
            let listed = try await store.tokens(admin, username: "carol")
            #expect(listed == [issued.info])
            let event = try #require(try await store.auditEvents().first { $0.action == "token.issue" })
            #expect(event.objectID == issued.info.id && event.after?.contains(issued.secret) == false)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func onlyAdminsIssueTokens(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            for username in [Fixture.alice, Fixture.reviewer] {
                let service = try await store.service(as: username)
                let error = await storeError { _ = try await service.issueToken(username: username, role: .admin, expiresAt: nil, description: "") }
                #expect(error?.code == "permission-denied")
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func unknownExpiredAndRevokedTokensAreRefused(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let unknown = await storeError { _ = try await store.backend.authenticate(token: Secrets.generateToken()) }
            #expect(unknown == .unauthenticated("unknown token"))
            let garbage = await storeError { _ = try await store.backend.authenticate(token: "' OR 1=1 --") }
            #expect(garbage == .unauthenticated("unknown token"))

            let shortLived = try await admin.issueToken(
                username: Fixture.bob, role: .publisher, expiresAt: store.clock.now.addingTimeInterval(60), description: "ci")
            _ = try await store.backend.authenticate(token: shortLived.secret)
            store.clock.advance(by: 61)
            let expired = await storeError { _ = try await store.backend.authenticate(token: shortLived.secret) }
            #expect(expired == .unauthenticated("the token has expired"))

            let revocable = try await admin.issueToken(username: Fixture.bob, role: .publisher, expiresAt: nil, description: "ci")
            try await admin.revokeToken(id: revocable.info.id)
            try await admin.revokeToken(id: revocable.info.id)
            let revoked = await storeError { _ = try await store.backend.authenticate(token: revocable.secret) }
            #expect(revoked == .unauthenticated("the token was revoked"))
            #expect(try await store.auditEvents(AuditQuery(action: "token.revoke")).count == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func tokenRoleNeverExceedsTheAccountsCurrentRole(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let viewerToken = try await admin.issueToken(username: Fixture.alice, role: .viewer, expiresAt: nil, description: "read-only")
            let identity = try await store.backend.authenticate(token: viewerToken.secret)
            #expect(identity.role == .viewer)
            let error = await storeError { _ = try await store.backend.service(for: identity).registerName(.fixture("nope-app"), type: .snap, isPrivate: false) }
            #expect(error?.code == "permission-denied")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func suspendedAccountsAuthenticateButCannotAct(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let issued = try await admin.issueToken(username: Fixture.mallory, role: .publisher, expiresAt: nil, description: "")
            let identity = try await store.backend.authenticate(token: issued.secret)
            #expect(identity.account?.isSuspended == true)
            // Suspended, mallory may still give up access: revoking her own token works.
            let mallory = try await store.service(as: Fixture.mallory)
            let own = try await admin.issueToken(username: Fixture.mallory, role: .publisher, expiresAt: nil, description: "leaked")
            try await mallory.revokeToken(id: own.info.id)
            let unauthenticated = await storeError { _ = try await store.backend.authenticate(token: own.secret) }
            #expect(unauthenticated?.code == "macaroon-permission-required")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func usersListAndRevokeOnlyTheirOwnTokens(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let bobs = try await admin.issueToken(username: Fixture.bob, role: .publisher, expiresAt: nil, description: "bob")
            let eves = try await admin.issueToken(username: Fixture.eve, role: .publisher, expiresAt: nil, description: "eve")
            let bob = try await store.service(as: Fixture.bob)
            #expect(try await store.tokens(bob, username: nil).map(\.id) == [bobs.info.id])
            let others = await storeError { _ = try await bob.tokens(username: Fixture.eve) }
            #expect(others?.code == "permission-denied")
            let revokeOthers = await storeError { try await bob.revokeToken(id: eves.info.id) }
            #expect(revokeOthers == .notFound(kind: "token", name: eves.info.id))
            try await bob.revokeToken(id: bobs.info.id)
            #expect(try await store.tokens(admin, username: nil).count == 2)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func systemIdentityBootstrapsAnEmptyStore(engine: StoreEngine) async throws {
        try await withOpenedStore(engine) { opened in
            #expect(try await opened.backend.isEmpty())
            let system = opened.backend.service(for: engine.systemIdentity)
            let issued = try await system.issueToken(username: "root", role: .admin, expiresAt: nil, description: "bootstrap")
            let identity = try await opened.backend.authenticate(token: issued.secret)
            #expect(identity.username == "root" && identity.role == .admin)
            let reserved = await storeError { _ = try await system.issueToken(username: "system", role: .admin, expiresAt: nil, description: "") }
            #expect(reserved?.code == "bad-argument")
            let events = try await opened.backend.service(for: identity).auditLog(AuditQuery()).items
            #expect(events.map(\.actor) == ["system"])
        }
    }
}

@Suite("Account emails")
struct AccountEmailTests {
    @Test(arguments: StoreEngine.allCases)
    func aTokenGrantSetsTheAccountsEmailWhichIsUniqueAndShownByWhoami(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let issued = try await admin.issueToken(username: "carol", role: .publisher, expiresAt: nil, description: "e", email: " Carol@Example.COM ")
            let identity = try await store.backend.authenticate(token: issued.secret)
            #expect(identity.account?.email == "carol@example.com", "\(engine)")
            // A later grant without an email keeps it; another account cannot have it.
            let again = try await admin.issueToken(username: "carol", role: .publisher, expiresAt: nil, description: "e2")
            #expect(try await store.backend.authenticate(token: again.secret).account?.email == "carol@example.com")
            let taken = await storeError {
                _ = try await admin.issueToken(username: "dave", role: .viewer, expiresAt: nil, description: "e", email: "carol@example.com")
            }
            #expect(taken?.code == "conflict", "\(engine)")
            let invalid = await storeError {
                _ = try await admin.issueToken(username: "dave", role: .viewer, expiresAt: nil, description: "e", email: "not an email")
            }
            #expect(invalid?.code == "bad-argument", "\(engine)")
        }
    }
}
