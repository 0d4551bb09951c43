import Crypto
import Foundation
import StoreService

/// Mints, discharges and verifies the macaroons snapcraft logs in with; the server is both the
/// store and the SSO its third-party caveat points at.
///
/// - A root (`POST /dev/api/acl/`) has a random identifier and one third-party caveat whose location
///   is the SSO (this server) and whose id is random; its key and the caveat's key derive from the
///   store's signing key, so any instance over the same database verifies what another minted.
/// - A discharge (`POST /api/v2/tokens/discharge`) is made once the caller proved a token secret:
///   its one first-party caveat holds that secret sealed (AES-GCM) under the signing key.
/// - Verifying a request checks both signatures (the discharge bound to the root, as pymacaroons
///   binds it) and returns the sealed token secret, which is then authenticated like any token: a
///   revoked or expired token, or a suspended account, ends the session.
struct MacaroonAuthority: Sendable {
    /// The root key every macaroon derives from (32 random bytes kept in the database).
    private let key: SymmetricKey

    /// The location written in roots (informational).
    static let storeLocation = "store-tui"
    /// The prefix of root identifiers and third-party caveat ids.
    static let rootPrefix = "store-tui-root-"
    static let caveatPrefix = "store-tui-sso-"
    /// The predicate prefix of the discharge's sealed token.
    static let tokenPredicate = "store-tui|token|"
    /// The name of the signing key in ``ServerStateStore/signingKey(named:candidate:)``.
    static let keyName = "macaroon-root-v1"

    init(key: Data) {
        self.key = SymmetricKey(data: key)
    }

    /// A new random key to offer the database.
    static func randomKey() -> Data {
        Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    private func derive(_ purpose: String, _ data: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(purpose.utf8) + [0] + data, using: key))
    }

    /// A root macaroon whose third-party caveat is discharged at `ssoLocation`.
    func mintRoot(ssoLocation: String) -> Macaroon {
        let identifier = Data((Self.rootPrefix + Secrets.randomIdentifier(length: 24)).utf8)
        var root = Macaroon(location: Self.storeLocation, identifier: identifier, key: derive("root", identifier))
        let caveatID = Data((Self.caveatPrefix + Secrets.randomIdentifier(length: 24)).utf8)
        root.addThirdPartyCaveat(id: caveatID, verificationID: derive("vid", caveatID), location: ssoLocation)
        return root
    }

    /// Why a macaroon was not accepted (never echoes it).
    enum Refusal: Error, Equatable {
        /// Not a macaroon of this store: the caller may mean a plain token.
        case notOurs
        /// Ours, but not valid: a forged, altered or unbound macaroon.
        case invalid(String)
    }

    /// Whether `caveatID` is one this store mints (so discharging it makes sense).
    func isOurCaveat(_ caveatID: String) -> Bool {
        caveatID.hasPrefix(Self.caveatPrefix) && caveatID.utf8.count < 128
    }

    /// The discharge of the caveat `caveatID`, proving the caller holds `tokenSecret` (already
    /// authenticated by the caller of this function).
    func discharge(caveatID: String, ssoLocation: String, tokenSecret: String) throws -> Macaroon {
        let id = Data(caveatID.utf8)
        var discharge = Macaroon(location: ssoLocation, identifier: id, key: derive("caveat", id))
        let sealed = try AES.GCM.seal(Data(tokenSecret.utf8), using: SymmetricKey(data: derive("seal", id))).combined ?? Data()
        discharge.addFirstPartyCaveat(Self.tokenPredicate + Macaroon.base64url(sealed))
        return discharge
    }

    /// The token secret behind a root and its bound discharge.
    func tokenSecret(root rootText: String, discharge dischargeText: String) throws(Refusal) -> String {
        guard let root = try? Macaroon(serialized: rootText), root.identifier.starts(with: Data(Self.rootPrefix.utf8)) else {
            throw .notOurs
        }
        guard Secrets.constantTimeEquals(Array(root.expectedSignature(key: derive("root", root.identifier))), Array(root.signature)) else {
            throw .invalid("the root macaroon's signature does not check out")
        }
        let thirdParty = root.caveats.filter(\.isThirdParty)
        guard thirdParty.count == 1, let caveat = thirdParty.first, root.caveats.count == 1 else {
            throw .invalid("the root macaroon has caveats this store did not add")
        }
        guard let bound = try? Macaroon(serialized: dischargeText), bound.identifier == caveat.id else {
            throw .invalid("the discharge macaroon does not discharge this root")
        }
        let signed = bound.expectedSignature(key: derive("caveat", caveat.id))
        let expected = Macaroon.bindingSignature(root: root.signature, discharge: signed)
        guard Secrets.constantTimeEquals(Array(expected), Array(bound.signature)) else {
            throw .invalid("the discharge macaroon's signature does not check out (is it bound to the root?)")
        }
        guard bound.caveats.count == 1, let predicate = bound.caveats.first.flatMap({ String(data: $0.id, encoding: .utf8) }),
              predicate.hasPrefix(Self.tokenPredicate), let sealed = Macaroon.data(base64url: String(predicate.dropFirst(Self.tokenPredicate.count))),
              let box = try? AES.GCM.SealedBox(combined: sealed),
              let opened = try? AES.GCM.open(box, using: SymmetricKey(data: derive("seal", caveat.id))),
              let secret = String(data: opened, encoding: .utf8) else {
            throw .invalid("the discharge macaroon names no token")
        }
        return secret
    }
}
