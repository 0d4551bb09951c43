import Foundation
import Testing
@testable import StoreServer

/// The macaroon format and signatures against what pymacaroons 0.13 (snapcraft's library) wrote
/// for the same keys: a vector made once with `Macaroon(version=MACAROON_V1)`, `add_first_party_caveat`,
/// `add_third_party_caveat` and `prepare_for_request`.
@Suite("Macaroons")
struct MacaroonTests {
    static let root = "MDAxN2xvY2F0aW9uIHN0b3JlLXR1aQowMDE5aWRlbnRpZmllciByb290LWlkLTEKMDAxN2NpZCBzdG9yZS10dWl8dGVzdAowMDE0Y2lkIGNhdmVhdC1pZC0xCjAwNTF2aWQgeGTdXNC29b8QsX1jrd5qdwjjs-EMTMdcJh2z_9OEquarTXoUcp4z5FD-5MLsKD395FYYp74fJhiSQ-Grc62kesEo_s86MK3qCjAwMTdjbCAxMjcuMC4wLjE6MTg3NjUKMDAyZnNpZ25hdHVyZSCk_5GttZxdGghcl6X3mUUgZsG3DjSSj7Neeg_tn1ziXwo"
    static let discharge = "MDAxZGxvY2F0aW9uIDEyNy4wLjAuMToxODc2NQowMDFiaWRlbnRpZmllciBjYXZlYXQtaWQtMQowMDFmY2lkIHN0b3JlLXR1aXx0b2tlbnxzZWFsZWQKMDAyZnNpZ25hdHVyZSDUXF6MjkyUvPy-UHxgyObA4LuTP2jqsrhbFV3h-JwOzQo"
    static let bound = "MDAxZGxvY2F0aW9uIDEyNy4wLjAuMToxODc2NQowMDFiaWRlbnRpZmllciBjYXZlYXQtaWQtMQowMDFmY2lkIHN0b3JlLXR1aXx0b2tlbnxzZWFsZWQKMDAyZnNpZ25hdHVyZSCIoF8fRE1RO6uAwab_-j83pAw6Eo8-hT2cl05rLiOH_Ao"

    static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    @Test func pymacaroonsRootReadsAndItsSignatureIsRecomputed() throws {
        let root = try Macaroon(serialized: Self.root)
        #expect(root.location == "store-tui")
        #expect(String(decoding: root.identifier, as: UTF8.self) == "root-id-1")
        #expect(root.caveats.count == 2)
        #expect(root.caveats[1].isThirdParty && root.caveats[1].location == "127.0.0.1:18765")
        #expect(Self.hex(root.signature) == "a4ff91adb59c5d1a085c97a5f799452066c1b70e34928fb35e7a0fed9f5ce25f")
        #expect(root.expectedSignature(key: Data("root key for the vector".utf8)) == root.signature)
        #expect(root.expectedSignature(key: Data("another key".utf8)) != root.signature)
        #expect(root.serialized() == Self.root)
    }

    @Test func aDischargeIsSignedAndBoundAsPymacaroonsDoes() throws {
        var made = Macaroon(location: "127.0.0.1:18765", identifier: Data("caveat-id-1".utf8), key: Data("caveat key for the vector".utf8))
        made.addFirstPartyCaveat("store-tui|token|sealed")
        #expect(made.serialized() == Self.discharge)
        let root = try Macaroon(serialized: Self.root)
        #expect(made.bound(to: root).serialized() == Self.bound)
        #expect(Self.hex(try Macaroon(serialized: Self.bound).signature) == "88a05f1f444d513bab80c1a6fffa3f37a40c3a128f3e853d9c974e6b2e2387fc")
    }

    @Test func malformedMacaroonsAreRefusedNotCrashedOn() {
        let hostile = ["", "!!!", "MDAwMA", String(repeating: "A", count: 5000), "MDAxN2xvY2F0aW9uIHN0b3JlLXR1aQo",
                       Self.root.replacingOccurrences(of: "MDAyZnNpZ25hdHVyZS", with: "MDAyZnNpZ25hdHVyZT")]
        for text in hostile {
            #expect(throws: Macaroon.FormatError.self) { try Macaroon(serialized: text) }
        }
    }

    @Test func theAuthorityVerifiesItsOwnPairAndNothingElse() throws {
        let authority = MacaroonAuthority(key: MacaroonAuthority.randomKey())
        let root = authority.mintRoot(ssoLocation: "127.0.0.1:9")
        let caveat = try #require(root.caveats.first { $0.isThirdParty })
        let discharge = try authority.discharge(caveatID: String(decoding: caveat.id, as: UTF8.self), ssoLocation: "127.0.0.1:9", tokenSecret: "stui_secret")
        #expect(try authority.tokenSecret(root: root.serialized(), discharge: discharge.bound(to: root).serialized()) == "stui_secret")
        // Unbound, bound to another root, or from another store's key: refused.
        #expect(throws: MacaroonAuthority.Refusal.self) { try authority.tokenSecret(root: root.serialized(), discharge: discharge.serialized()) }
        let other = authority.mintRoot(ssoLocation: "127.0.0.1:9")
        #expect(throws: MacaroonAuthority.Refusal.self) {
            try authority.tokenSecret(root: other.serialized(), discharge: discharge.bound(to: other).serialized())
        }
        let stranger = MacaroonAuthority(key: MacaroonAuthority.randomKey())
        #expect(throws: MacaroonAuthority.Refusal.self) {
            try stranger.tokenSecret(root: root.serialized(), discharge: discharge.bound(to: root).serialized())
        }
        // A caveat added by the holder changes nothing they may do: the root must carry exactly the
        // one caveat this store put there.
        var widened = root
        widened.addFirstPartyCaveat("store-tui|admin")
        #expect(throws: MacaroonAuthority.Refusal.self) {
            try authority.tokenSecret(root: widened.serialized(), discharge: discharge.bound(to: widened).serialized())
        }
        // Not a macaroon of this store at all: the caller may mean a token.
        #expect(throws: MacaroonAuthority.Refusal.notOurs) { try authority.tokenSecret(root: "stui_token", discharge: "x") }
    }
}
