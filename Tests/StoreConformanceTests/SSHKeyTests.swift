import Crypto
import Foundation
import StoreModels
import StoreService
import Testing

@Suite("SSH keys")
struct SSHKeyTests {
    @Test(arguments: StoreEngine.allCases)
    func anAccountAddsListsAndRemovesItsOwnKeyAndEachChangeIsAudited(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let line = freshKeyLine(comment: "alice@laptop")
            let key = try await alice.addSSHKey(line, for: nil)
            #expect(key.username == Fixture.alice && key.algorithm == "ssh-ed25519" && key.comment == "alice@laptop")
            #expect(key.fingerprint == (try SSHPublicKey(line: line)).fingerprint && key.fingerprint.hasPrefix("SHA256:"))
            #expect(try await alice.sshKeys(username: nil) == [key])
            let identity = try await sshAuthority(store).identity(sshKeyFingerprint: key.fingerprint)
            #expect(identity.username == Fixture.alice && identity.role == .publisher)

            try await alice.removeSSHKey(id: key.id)
            #expect(try await alice.sshKeys(username: nil).isEmpty)
            let gone = await storeError { _ = try await sshAuthority(store).identity(sshKeyFingerprint: key.fingerprint) }
            #expect(gone == .unauthenticated("unknown key"))
            let events = try await store.auditEvents().filter { $0.objectKind == .sshKey }
            #expect(events.map(\.action) == ["ssh-key.remove", "ssh-key.add"])
            #expect(events.allSatisfy { $0.actor == Fixture.alice && $0.objectID == key.id && $0.publisher == Fixture.alice })
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func adminsManageAnyAccountsKeysOthersOnlyTheirOwn(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let admin = try await store.service(as: Fixture.admin)
            let bob = try await store.service(as: Fixture.bob)
            let eves = try await admin.addSSHKey(freshKeyLine(), for: Fixture.eve)
            #expect(eves.username == Fixture.eve)
            let addForOthers = await storeError { _ = try await bob.addSSHKey(freshKeyLine(), for: Fixture.eve) }
            #expect(addForOthers?.code == "permission-denied")
            let listOthers = await storeError { _ = try await bob.sshKeys(username: Fixture.eve) }
            #expect(listOthers?.code == "permission-denied")
            let removeOthers = await storeError { try await bob.removeSSHKey(id: eves.id) }
            #expect(removeOthers == .notFound(kind: "SSH key", name: eves.id))
            let bobs = try await bob.addSSHKey(freshKeyLine(), for: Fixture.bob)
            #expect(try await bob.sshKeys(username: nil) == [bobs])
            #expect(Set(try await admin.sshKeys(username: nil)) == [eves, bobs])
            #expect(try await admin.sshKeys(username: Fixture.eve) == [eves])
            try await admin.removeSSHKey(id: bobs.id)
            #expect(try await bob.sshKeys(username: nil).isEmpty)
            let unknownAccount = await storeError { _ = try await admin.addSSHKey(freshKeyLine(), for: "nobody-here") }
            #expect(unknownAccount == .notFound(kind: "account", name: "nobody-here"))
            let anonymous = await storeError { _ = try await store.anonymous.addSSHKey(freshKeyLine(), for: nil) }
            #expect(anonymous?.code == "macaroon-permission-required")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func unusableKeyLinesAreRefusedWithAReasonAndNothingIsStored(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let alice = try await store.service(as: Fixture.alice)
            let good = freshKeyLine()
            let base64 = good.split(separator: " ")[1]
            let refused: [(String, String)] = [
                ("", "empty"),
                ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ me@host", "not supported"),
                ("ssh-ed25519 not-base64!!", "not base64"),
                ("ecdsa-sha2-nistp256 \(base64)", "not an ecdsa-sha2-nistp256 key"),
                ("-----BEGIN OPENSSH PRIVATE KEY-----", "private key"),
                ("\(good)\n\(freshKeyLine())", "exactly one"),
            ]
            for (line, reason) in refused {
                let error = await storeError { _ = try await alice.addSSHKey(line, for: nil) }
                #expect(error?.code == "bad-argument", "\(line)")
                #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
            }
            _ = try await alice.addSSHKey(good, for: nil)
            let bob = try await store.service(as: Fixture.bob)
            let duplicate = await storeError { _ = try await bob.addSSHKey(good + " another comment", for: nil) }
            #expect(duplicate?.code == "conflict")
            #expect(duplicate?.description.contains(Fixture.alice) == false)
            #expect(try await store.service(as: Fixture.admin).sshKeys(username: nil).count == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func suspendedAccountsAddNoKeysButTheirKeysStillNameThemSuspended(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let mallory = try await store.service(as: Fixture.mallory)
            let refused = await storeError { _ = try await mallory.addSSHKey(freshKeyLine(), for: nil) }
            #expect(refused?.code == "permission-denied")
            let key = try await store.service(as: Fixture.admin).addSSHKey(freshKeyLine(), for: Fixture.mallory)
            let identity = try await sshAuthority(store).identity(sshKeyFingerprint: key.fingerprint)
            #expect(identity.username == Fixture.mallory && identity.account?.isSuspended == true)
            try await mallory.removeSSHKey(id: key.id)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func sshLoginsAndLogoutsAreAuditedAsTheAccount(engine: StoreEngine) async throws {
        try await withStore(engine) { store in
            let authority = sshAuthority(store)
            let alice = try await store.backend.identity(username: Fixture.alice)
            try await authority.recordSSHSession(.login, of: alice, session: "ssh-1", detail: "from 127.0.0.1, key SHA256:x")
            try await authority.recordSSHSession(.logout, of: alice, session: "ssh-1", detail: "exit status 0")
            let events = try await store.auditEvents().filter { $0.objectKind == .sshSession }
            #expect(events.map(\.action) == ["ssh.logout", "ssh.login"])
            #expect(events.allSatisfy { $0.actor == Fixture.alice && $0.objectID == "ssh-1" })
            #expect(events.last?.reason == "from 127.0.0.1, key SHA256:x")
            let anonymous = await storeError { try await authority.recordSSHSession(.login, of: .anonymous, session: "ssh-2", detail: "") }
            #expect(anonymous?.code == "macaroon-permission-required")
        }
    }
}

/// The backend's SSH side; over HTTP, the SQLite store behind the server (keys added over HTTP log in there).
func sshAuthority(_ store: TestStore) -> any SSHKeyAuthenticating {
    if let authority = store.backend as? any SSHKeyAuthenticating { return authority }
    return (store.backend as! HTTPEngineBackend).storage
}

/// A public key line no account has yet.
func freshKeyLine(comment: String = "") -> String {
    SSHPublicKey.ed25519Line(rawKey: Curve25519.Signing.PrivateKey().publicKey.rawRepresentation, comment: comment)
}
