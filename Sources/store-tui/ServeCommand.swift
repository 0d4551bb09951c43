import ArgumentParser
import Foundation
import Logging
import StoreServer

/// Runs the store API server over a database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the store API (public v2, /api/v1 for the console, admin) over a database.",
        discussion: """
            Stops gracefully on SIGTERM or SIGINT: requests in flight finish, new connections are refused. \
            The API is described at /openapi.yaml. Create an admin token first with `store-tui token create`.
            """
    )

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: any free port).")
    var port = 8080

    @Option(name: .long, help: "Lowest log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(name: .long, help: "Largest request body accepted, in bytes.")
    var maxBodySize = 1 << 20

    @Option(name: .customLong("upload-dir"), help: ArgumentHelp(
        "Keep charmcraft uploads (files and their JSON sidecars) in this directory, created with mode 0700, instead of the database; instances serving one database must then share it.",
        valueName: "path"))
    var uploadDirectory: String?

    @Option(name: .long, help: "Largest charmcraft upload accepted, in bytes.")
    var maxUploadSize = ServerConfiguration.defaultMaxUploadSize

    @Option(name: .customLong("public-cache-ttl"), help: ArgumentHelp(
        "Seconds anonymous public reads (/v2 find, info, categories, and each snap of a device refresh) are answered from memory (0: off). Changes made through this instance show at once; other instances' after at most this long.",
        valueName: "seconds"))
    var publicCacheTTL: Double = 1

    @Option(name: .customLong("header-timeout"), help: ArgumentHelp(
        "Seconds a request's headers may take to arrive (from its first byte, or the connection's opening); slower clients are disconnected.",
        valueName: "seconds"))
    var headerTimeout: Double = 10

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(
        "Seconds a keep-alive connection may sit idle, or a request body stall, before the connection is closed.", valueName: "seconds"))
    var idleTimeout: Double = 60

    @Option(name: .customLong("max-connections"), help: ArgumentHelp(
        "Most connections open at once (lowered to the descriptor limit minus 64); more get 503 and are closed.", valueName: "n"))
    var maxConnections = 1024

    @Option(name: .customLong("max-connections-per-client"), help: ArgumentHelp(
        "Most connections one client address may have open at once (trusted proxies are exempt).", valueName: "n"))
    var maxConnectionsPerClient = 64

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp(
        "A reverse proxy (address or CIDR, repeatable) whose X-Forwarded-For names the client; other peers' X-Forwarded-For is ignored.",
        valueName: "cidr"))
    var trustedProxies: [String] = []

    @Option(name: .customLong("max-pending-uploads"), help: ArgumentHelp(
        "Most uploads a publisher may keep that were not yet pushed to a package.", valueName: "n"))
    var maxPendingUploads = 20

    @Option(name: .customLong("max-pending-upload-bytes"), help: ArgumentHelp(
        "Most bytes of uploads a publisher may keep that were not yet pushed to a package.", valueName: "bytes"))
    var maxPendingUploadBytes: Int64 = 1 << 30

    @Option(name: .customLong("max-anonymous-upload-bytes"), help: ArgumentHelp(
        "Most bytes of anonymous uploads (snapcraft sends its file without credentials) not yet pushed, from all clients together.",
        valueName: "bytes"))
    var maxAnonymousUploadBytes: Int64 = 4 << 30

    @Option(name: .customLong("max-charm-entries"), help: ArgumentHelp(
        "Most entries (files) an uploaded charm may have.", valueName: "n"))
    var maxCharmEntries = 50_000

    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "The URL clients reach this server at, when a proxy in front changes the Host header (written in snapcraft's status URLs and login macaroons).",
        valueName: "url"))
    var publicURL: String?

    @Option(name: .customLong("unsquashfs"), help: ArgumentHelp(
        "The unsquashfs program that reads meta/snap.yaml out of uploaded snaps (Debian's squashfs-tools).", valueName: "path"))
    var unsquashfs = "unsquashfs"

    @OptionGroup(title: "Metrics") var metricsOptions: MetricsOptions

    @Flag(name: .long, help: "Seed the demo catalogue when the database is empty.")
    var seedIfEmpty = false

    @OptionGroup(title: "SSH console") var ssh: SSHServeOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard maxBodySize >= 1024 else { throw ValidationError("--max-body-size must be at least 1024 bytes.") }
        guard maxUploadSize >= 1024 else { throw ValidationError("--max-upload-size must be at least 1024 bytes.") }
        if let uploadDirectory, uploadDirectory.isEmpty { throw ValidationError("--upload-dir cannot be empty.") }
        guard publicCacheTTL.isFinite, (0...3600).contains(publicCacheTTL) else {
            throw ValidationError("--public-cache-ttl must be between 0 and 3600 seconds.")
        }
        for (flag, seconds) in [("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout)] {
            guard seconds.isFinite, (0.1...3600).contains(seconds) else { throw ValidationError("\(flag) must be between 0.1 and 3600 seconds.") }
        }
        guard maxConnections >= 1, maxConnectionsPerClient >= 1 else {
            throw ValidationError("--max-connections and --max-connections-per-client must be at least 1.")
        }
        for proxy in trustedProxies where AddressRange(cidr: proxy) == nil {
            throw ValidationError("--trusted-proxy '\(proxy)' is not an address or a CIDR range such as 10.0.0.0/8 or ::1/128.")
        }
        guard maxPendingUploads >= 1, maxPendingUploadBytes >= 1024 else {
            throw ValidationError("--max-pending-uploads must be at least 1 and --max-pending-upload-bytes at least 1024.")
        }
        guard maxAnonymousUploadBytes >= 1024 else { throw ValidationError("--max-anonymous-upload-bytes must be at least 1024.") }
        guard maxCharmEntries >= 3 else { throw ValidationError("--max-charm-entries must be at least 3.") }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--public-url must be an http or https URL such as https://store.example.com.")
            }
        }
    }

    func run() async throws {
        AllocatorTuning.apply(environment: ProcessInfo.processInfo.environment)
        let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: seedIfEmpty)
        var configuration = ServerConfiguration(
            host: host, port: port, logLevel: Logger.Level(rawValue: logLevel) ?? .info, maxBodySize: maxBodySize,
            uploadDirectory: uploadDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
            maxUploadSize: maxUploadSize)
        configuration.publicCacheTTL = publicCacheTTL
        configuration.headerTimeout = headerTimeout
        configuration.idleTimeout = idleTimeout
        configuration.maxConnections = maxConnections
        configuration.maxConnectionsPerClient = maxConnectionsPerClient
        configuration.trustedProxies = trustedProxies.compactMap(AddressRange.init(cidr:))
        configuration.maxPendingUploads = maxPendingUploads
        configuration.maxPendingUploadBytes = maxPendingUploadBytes
        configuration.maxArchiveEntries = maxCharmEntries
        configuration.maxAnonymousPendingUploadBytes = maxAnonymousUploadBytes
        configuration.publicURL = publicURL
        configuration.unsquashfs = unsquashfs
        metricsOptions.apply(to: &configuration)
        let displayHost = host.contains(":") ? "[\(host)]" : host
        let location = opened.backend.location
        let (ssh, database, backend, host, serving) = (ssh, databaseOptions.database, opened.backend, host, configuration)
        let app = buildApplication(backend: opened.backend, configuration: configuration) { boundPort in
            // Written unbuffered so scripts waiting for this line see it at once.
            let line = "store-tui serve: listening on http://\(displayHost):\(boundPort) (database: \(location))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            do {
                _ = try await ssh.start(backend: backend, database: database, httpHost: host, httpPort: boundPort, configuration: serving)
            } catch {
                FileHandle.standardError.write(Data("store-tui serve: \(error)\n".utf8))
                Foundation.exit(1)
            }
        }
        try await app.runService()
    }
}
