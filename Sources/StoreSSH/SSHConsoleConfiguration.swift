import Foundation

/// How `serve --ssh-port` runs the console over SSH.
public struct SSHConsoleConfiguration: Sendable {
    /// Address and port to listen on (port 0: any free port).
    public var host: String
    public var port: Int
    public var hostKey: SSHHostKey
    /// Unknown keys browse read-only as an anonymous viewer instead of being refused.
    public var allowAnonymous = false
    /// The `store-tui` binary each session runs (`console --store URL`).
    public var consoleExecutable: String
    /// The HTTP server's own address over loopback, such as `http://127.0.0.1:8080`.
    public var storeURL: String
    /// Most sessions open at once, and per account (anonymous sessions count per client address).
    public var maxSessions = 32
    public var maxSessionsPerAccount = 4
    /// Seconds without a key from the client before a session is closed.
    public var idleTimeout: TimeInterval = 900
    /// Seconds between a session's checks that its key is still registered and its account not
    /// suspended: how soon a removal or suspension, made through any instance, ends the session.
    public var accessCheckInterval: TimeInterval = 2
    /// How long a session's credential lives at most (it is revoked when the session ends anyway).
    public var sessionLifetime: TimeInterval = 12 * 3600

    /// Creates a configuration.
    public init(host: String, port: Int, hostKey: SSHHostKey, consoleExecutable: String, storeURL: String) {
        self.host = host
        self.port = port
        self.hostKey = hostKey
        self.consoleExecutable = consoleExecutable
        self.storeURL = storeURL
    }

    /// The environment variables a client may set (`ssh -o SendEnv`); others are ignored.
    static let honouredEnvironment: Set<String> = ["LANG", "NO_COLOR", "COLORTERM"]
}
