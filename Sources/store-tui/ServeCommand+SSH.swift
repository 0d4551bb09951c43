import ArgumentParser
import Foundation
import Logging
import StoreServer
import StoreService
import StoreSQLite
import StoreSSH

/// `serve`'s options for the console over SSH.
struct SSHServeOptions: ParsableArguments {
    @Option(name: .customLong("ssh-port"), help: ArgumentHelp(
        "Also serve the console over SSH on this port (0: any free port): `ssh -p PORT host`.", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("ssh-host"), help: ArgumentHelp("Address the SSH server listens on (default: --host).", valueName: "address"))
    var host: String?

    @Option(name: .customLong("ssh-host-key"), help: ArgumentHelp(
        "The SSH host key file (ed25519, made on first start, mode 0600); default: ssh_host_ed25519_key beside the SQLite database.",
        valueName: "path"))
    var hostKey: String?

    @Flag(name: .customLong("ssh-anonymous"), help: "Let unknown SSH keys in, browsing read-only as an anonymous viewer.")
    var anonymous = false

    @Option(name: .customLong("ssh-max-sessions"), help: ArgumentHelp("Most SSH console sessions open at once.", valueName: "n"))
    var maxSessions = 32

    @Option(name: .customLong("ssh-max-sessions-per-account"), help: ArgumentHelp("Most SSH sessions one account may have open.", valueName: "n"))
    var maxSessionsPerAccount = 4

    @Option(name: .customLong("ssh-idle-timeout"), help: ArgumentHelp("Seconds without a key before an SSH session is closed.", valueName: "seconds"))
    var idleTimeout: Double = 900

    @Option(name: .customLong("ssh-access-check"), help: ArgumentHelp(
        "Seconds between an SSH session's checks that its key is still registered and its account not suspended "
            + "(how soon a change made through any instance ends the session).", valueName: "seconds"))
    var accessCheck: Double = 2

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--ssh-port must be between 0 and 65535.") }
        guard maxSessions >= 1, maxSessionsPerAccount >= 1 else {
            throw ValidationError("--ssh-max-sessions and --ssh-max-sessions-per-account must be at least 1.")
        }
        guard idleTimeout.isFinite, (1...86_400).contains(idleTimeout) else {
            throw ValidationError("--ssh-idle-timeout must be between 1 and 86400 seconds.")
        }
        guard accessCheck.isFinite, (0.1...3_600).contains(accessCheck) else {
            throw ValidationError("--ssh-access-check must be between 0.1 and 3600 seconds.")
        }
    }

    /// The host key file: `--ssh-host-key`, else beside the SQLite database (the default one for PostgreSQL).
    func hostKeyPath(database: String?) -> String {
        if let hostKey { return hostKey }
        let location = database ?? SQLiteBackend.defaultPath()
        let isFile = !(location.hasPrefix("postgres://") || location.hasPrefix("postgresql://"))
        let directory = ((isFile ? location : SQLiteBackend.defaultPath()) as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "." : directory) + "/ssh_host_ed25519_key"
    }

    /// Starts the SSH console server beside the HTTP server listening on `httpHost`:`httpPort`, and says so.
    func start(
        backend: any StoreBackend, database: String?, httpHost: String, httpPort: Int, configuration: ServerConfiguration
    ) async throws -> SSHConsoleServer? {
        guard let port else { return nil }
        guard let authority = backend as? any SSHKeyAuthenticating else {
            throw ValidationError("--ssh-port needs a SQLite or PostgreSQL database.")
        }
        let hostKey = try SSHHostKey.loadOrCreate(at: hostKeyPath(database: database))
        let loopback = ["0.0.0.0", "127.0.0.1", "localhost", ""].contains(httpHost) ? "127.0.0.1"
            : (httpHost == "::" || httpHost == "::1" ? "[::1]" : (httpHost.contains(":") ? "[\(httpHost)]" : httpHost))
        var ssh = SSHConsoleConfiguration(
            host: host ?? httpHost, port: port, hostKey: hostKey, consoleExecutable: Self.executablePath(),
            storeURL: "http://\(loopback):\(httpPort)")
        ssh.allowAnonymous = anonymous
        ssh.maxSessions = maxSessions
        ssh.maxSessionsPerAccount = maxSessionsPerAccount
        ssh.idleTimeout = idleTimeout
        ssh.accessCheckInterval = accessCheck
        var logger = Logger(label: "store-tui.ssh")
        logger.logLevel = configuration.logLevel
        let server = try await SSHConsoleServer.start(
            configuration: ssh, authority: authority, system: backend.service(for: SQLiteBackend.systemIdentity),
            limiter: AuthFailureLimiter.serving(backend, configuration: configuration), logger: logger)
        let mode = anonymous ? "unknown keys browse anonymously" : "registered keys only"
        let line = "store-tui serve: ssh console on port \(server.port) (\(mode)); host key \(hostKey.fingerprint)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        return server
    }

    /// This binary, which each session runs as `console --store URL`.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
