import Foundation
import StoreModels
import StoreService
@testable import StoreTUI

/// SSH keys for the keys screen: two of Canonical's (one comment hostile, as a store could send it)
/// and one of Alice's.
extension TestCatalogue {
    /// A well-formed ed25519 key line (32 bytes of 0x11), with `comment`.
    static func ed25519Line(_ byte: UInt8 = 0x11, comment: String = "laptop") -> String {
        SSHPublicKey.ed25519Line(rawKey: Data(repeating: byte, count: 32), comment: comment)
    }

    static let sshKeys: [SSHKeyInfo] = [
        SSHKeyInfo(id: "key-aaaaaaaaaaaaaaaa", username: "canonical", algorithm: "ssh-ed25519",
                   fingerprint: "SHA256:" + String(repeating: "A", count: 43), comment: "canonical@laptop",
                   createdAt: now.addingTimeInterval(-3_600)),
        SSHKeyInfo(id: "key-bbbbbbbbbbbbbbbb", username: "canonical", algorithm: "ecdsa-sha2-nistp256",
                   fingerprint: "SHA256:" + String(repeating: "B", count: 43), comment: "ci\u{1B}]0;pwned\u{07}\u{202E}evil\u{1B}[2J",
                   createdAt: now.addingTimeInterval(-9 * 86_400)),
        SSHKeyInfo(id: "key-cccccccccccccccc", username: "alice", algorithm: "ssh-ed25519",
                   fingerprint: "SHA256:" + String(repeating: "C", count: 43), comment: "",
                   createdAt: now.addingTimeInterval(-40 * 86_400)),
    ]

    /// The keys screen open for `identity`, showing the keys it may see.
    static func sshKeysState(as identity: Identity = owner, width: Int = 80, height: Int = 24, useColor: Bool = true) -> AppState {
        var state = state(as: identity, width: width, height: height, useColor: useColor)
        state.screens = [.search(state.search), .sshKeys(SSHKeysState())]
        let admin = identity.role == .admin
        state.sshKeys.list.items = sshKeys.filter { admin || $0.username == identity.account?.username }
        state.sshKeys.list.hasLoaded = true
        return state
    }
}
