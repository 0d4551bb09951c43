import Foundation
import NIOCore
import NIOSSH
import StoreModels
import StoreServer
import StoreService

/// Who one SSH connection authenticated as: set by its ``SSHKeyAuthenticator``, read by its sessions.
final class ConnectionLogin: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    struct Login: Sendable {
        /// The key's account, or anonymous (`--ssh-anonymous`, unknown key).
        var identity: Identity
        var fingerprint: String
    }

    let peer: String
    private let lock = NSLock()
    private var value: Login?

    init(peer: String) { self.peer = peer }

    var login: Login? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// Public-key authentication against the stored keys (swift-nio-ssh has checked the signature by the
/// time it asks). Unknown keys are refused, and each refusal spends one attempt of the client address in
/// the same ``AuthFailureLimiter`` the HTTP API uses; an address out of attempts is refused at once.
final class SSHKeyAuthenticator: NIOSSHServerUserAuthenticationDelegate, @unchecked Sendable {
    // @unchecked: immutable but for `login`, which is itself locked.
    private let authority: any SSHKeyAuthenticating
    private let limiter: AuthFailureLimiter
    private let allowAnonymous: Bool
    private let login: ConnectionLogin

    init(authority: any SSHKeyAuthenticating, limiter: AuthFailureLimiter, allowAnonymous: Bool, login: ConnectionLogin) {
        self.authority = authority
        self.limiter = limiter
        self.allowAnonymous = allowAnonymous
        self.login = login
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

    func requestReceived(
        request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>
    ) {
        guard case .publicKey(let offered) = request.request,
              let key = try? SSHPublicKey(line: String(openSSHPublicKey: offered.publicKey))
        else {
            responsePromise.succeed(.failure)
            return
        }
        let (authority, limiter, allowAnonymous, login) = (authority, limiter, allowAnonymous, login)
        responsePromise.completeWithTask {
            if await limiter.retryAfter(for: login.peer) != nil { return .failure }
            do throws(StoreError) {
                let identity = try await authority.identity(sshKeyFingerprint: key.fingerprint)
                login.login = .init(identity: identity, fingerprint: key.fingerprint)
                return .success
            } catch {
                guard case .unauthenticated = error else { return .failure }
                if allowAnonymous {
                    login.login = .init(identity: .anonymous, fingerprint: key.fingerprint)
                    return .success
                }
                await limiter.recordFailure(for: login.peer)
                return .failure
            }
        }
    }
}
