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
        "Seconds anonymous public reads (/v2 find, info, categories) are answered from memory (0: off). Changes made through this instance show at once; other instances' after at most this long.",
        valueName: "seconds"))
    var publicCacheTTL: Double = 1

    @Flag(name: .long, help: "Seed the demo catalogue when the database is empty.")
    var seedIfEmpty = false

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
    }

    func run() async throws {
        let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: seedIfEmpty)
        var configuration = ServerConfiguration(
            host: host, port: port, logLevel: Logger.Level(rawValue: logLevel) ?? .info, maxBodySize: maxBodySize,
            uploadDirectory: uploadDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
            maxUploadSize: maxUploadSize)
        configuration.publicCacheTTL = publicCacheTTL
        let displayHost = host.contains(":") ? "[\(host)]" : host
        let location = opened.backend.location
        let app = buildApplication(backend: opened.backend, configuration: configuration) { boundPort in
            // Written unbuffered so scripts waiting for this line see it at once.
            let line = "store-tui serve: listening on http://\(displayHost):\(boundPort) (database: \(location))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        try await app.runService()
    }
}
