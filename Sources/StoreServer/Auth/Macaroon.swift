import Crypto
import Foundation

/// A macaroon in the libmacaroons format 1 that pymacaroons writes by default: what snapcraft
/// stores after `login` and sends back as `Authorization: Macaroon root=…, discharge=…`.
///
/// The client only deserializes and binds (``bound(to:)``); minting and verifying are the server's
/// (``MacaroonAuthority``). Signatures follow libmacaroons: the initial one is
/// `HMAC(HMAC("macaroons-key-generator", key), identifier)`, a first-party caveat chains
/// `HMAC(sig, predicate)`, a third-party caveat `HMAC(sig, HMAC(sig, vid) ‖ HMAC(sig, cid))`.
struct Macaroon: Sendable, Equatable {
    /// One caveat: first-party when it has no ``verificationID``.
    struct Caveat: Sendable, Equatable {
        var id: Data
        var verificationID: Data?
        var location: String?

        var isThirdParty: Bool { verificationID != nil }
    }

    var location: String
    var identifier: Data
    var caveats: [Caveat] = []
    /// 32 bytes.
    var signature: Data

    /// A new macaroon signed with `key`.
    init(location: String, identifier: Data, key: Data) {
        self.location = location
        self.identifier = identifier
        self.signature = Self.hmac(Self.derivedKey(key), identifier)
    }

    /// Adds a first-party caveat (a predicate the server checks) and extends the signature.
    mutating func addFirstPartyCaveat(_ predicate: String) {
        let id = Data(predicate.utf8)
        caveats.append(Caveat(id: id))
        signature = Self.hmac(signature, id)
    }

    /// Adds a third-party caveat discharged at `location` and extends the signature.
    mutating func addThirdPartyCaveat(id: Data, verificationID: Data, location: String) {
        caveats.append(Caveat(id: id, verificationID: verificationID, location: location))
        signature = Self.concat(signature, verificationID, id)
    }

    /// The signature `key` gives this macaroon's identifier and caveats (compare it with ``signature``).
    func expectedSignature(key: Data) -> Data {
        var signature = Self.hmac(Self.derivedKey(key), identifier)
        for caveat in caveats {
            if let verificationID = caveat.verificationID {
                signature = Self.concat(signature, verificationID, caveat.id)
            } else {
                signature = Self.hmac(signature, caveat.id)
            }
        }
        return signature
    }

    /// This discharge macaroon bound to `root`, as pymacaroons' `prepare_for_request` binds it: the
    /// signature becomes `HMAC(0³², HMAC(0³², root.sig) ‖ HMAC(0³², sig))`.
    func bound(to root: Macaroon) -> Macaroon {
        var copy = self
        copy.signature = Self.bindingSignature(root: root.signature, discharge: signature)
        return copy
    }

    /// The bound signature of a discharge signed `discharge` for a root signed `root`.
    static func bindingSignature(root: Data, discharge: Data) -> Data {
        concat(Data(count: 32), root, discharge)
    }

    // MARK: Format 1

    /// Base64url without padding, as pymacaroons' `serialize()`.
    func serialized() -> String {
        var raw = Data()
        Self.appendPacket("location", Data(location.utf8), to: &raw)
        Self.appendPacket("identifier", identifier, to: &raw)
        for caveat in caveats {
            Self.appendPacket("cid", caveat.id, to: &raw)
            if let verificationID = caveat.verificationID, let location = caveat.location {
                Self.appendPacket("vid", verificationID, to: &raw)
                Self.appendPacket("cl", Data(location.utf8), to: &raw)
            }
        }
        Self.appendPacket("signature", signature, to: &raw)
        return Self.base64url(raw)
    }

    /// Base64url without padding, as pymacaroons writes it.
    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of base64 or base64url text, padding optional.
    static func data(base64url text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    /// Why a serialized macaroon could not be read.
    struct FormatError: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// The most caveats a macaroon read from a request may carry.
    static let maximumCaveats = 32

    /// Reads a format-1 macaroon (base64 or base64url, padding optional).
    init(serialized text: String) throws(FormatError) {
        guard let raw = Self.data(base64url: text.trimmingCharacters(in: .whitespaces)), !raw.isEmpty else {
            throw FormatError(description: "not base64")
        }
        var location: String?
        var identifier: Data?
        var caveats: [Caveat] = []
        var signature: Data?
        var index = raw.startIndex
        while index < raw.endIndex {
            guard raw.endIndex - index >= 4, let lengthText = String(data: raw[index..<index + 4], encoding: .ascii),
                  let length = Int(lengthText, radix: 16), length > 6, raw.endIndex - index >= length else {
                throw FormatError(description: "a packet has a bad length")
            }
            let packet = raw[(index + 4)..<(index + length)]
            index += length
            guard packet.last == UInt8(ascii: "\n"), let space = packet.firstIndex(of: UInt8(ascii: " ")) else {
                throw FormatError(description: "a packet is not 'key value\\n'")
            }
            let key = String(decoding: packet[packet.startIndex..<space], as: UTF8.self)
            let value = Data(packet[(space + 1)..<(packet.endIndex - 1)])
            guard signature == nil else { throw FormatError(description: "a packet follows the signature") }
            switch key {
            case "location" where location == nil && identifier == nil:
                location = String(decoding: value, as: UTF8.self)
            case "identifier" where location != nil && identifier == nil:
                identifier = value
            case "cid" where identifier != nil:
                guard caveats.count < Self.maximumCaveats else { throw FormatError(description: "too many caveats") }
                caveats.append(Caveat(id: value))
            case "vid" where caveats.last.map { $0.verificationID == nil } == true:
                caveats[caveats.count - 1].verificationID = value
            case "cl" where caveats.last.map { $0.verificationID != nil && $0.location == nil } == true:
                caveats[caveats.count - 1].location = String(decoding: value, as: UTF8.self)
            case "signature" where identifier != nil && value.count == 32:
                signature = value
            default:
                throw FormatError(description: "unexpected '\(key.prefix(16))' packet")
            }
        }
        guard let location, let identifier, let signature else { throw FormatError(description: "incomplete macaroon") }
        if caveats.contains(where: { $0.isThirdParty && $0.location == nil }) {
            throw FormatError(description: "a third-party caveat has no location")
        }
        self.location = location
        self.identifier = identifier
        self.caveats = caveats
        self.signature = signature
    }

    private static func appendPacket(_ key: String, _ value: Data, to data: inout Data) {
        let length = 4 + key.utf8.count + 1 + value.count + 1
        let prefix = String(length, radix: 16)
        data.append(contentsOf: Array(String(repeating: "0", count: max(0, 4 - prefix.count)).utf8) + Array(prefix.utf8))
        data.append(contentsOf: Array(key.utf8))
        data.append(UInt8(ascii: " "))
        data.append(value)
        data.append(UInt8(ascii: "\n"))
    }

    // MARK: Signatures

    static func hmac(_ key: Data, _ message: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    static func derivedKey(_ key: Data) -> Data {
        hmac(Data("macaroons-key-generator".utf8), key)
    }

    /// libmacaroons' `hmac_concat`: `HMAC(key, HMAC(key, first) ‖ HMAC(key, second))`.
    static func concat(_ key: Data, _ first: Data, _ second: Data) -> Data {
        hmac(key, hmac(key, first) + hmac(key, second))
    }
}
