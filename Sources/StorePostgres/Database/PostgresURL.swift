import Foundation
import PostgresNIO
import StoreService

/// A parsed `postgres://user:password@host:port/database?…` (or `postgresql://`) URL.
///
/// Understood query parameters: `sslmode` (as libpq: `disable`, `prefer` (the default) and
/// `require` encrypt without checking the certificate, `verify-ca` checks it against the system's
/// trusted roots, `verify-full` also checks the host name),
/// `options` (startup options such as `-c search_path=x`, as libpq passes them),
/// `application_name` and `connect_timeout` (seconds). Others are refused, so a typo is not ignored.
struct PostgresURL: Sendable, Hashable {
    enum TLSMode: String, Sendable, Hashable { case disable, prefer, require, verifyCA, verifyFull }

    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String
    var tlsMode: TLSMode = .prefer
    var options: String?
    var applicationName = "store-tui"
    var connectTimeout: Int = 10

    /// Parses `text`.
    /// - Throws: `.invalidInput` naming what is wrong (never echoing the password).
    init(_ text: String) throws(StoreError) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"),
              let components = URLComponents(string: text)
        else { throw .invalidInput("a PostgreSQL URL looks like postgres://user:password@host:5432/database") }
        guard let host = components.host, !host.isEmpty else { throw .invalidInput("the PostgreSQL URL names no host") }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw .invalidInput("the PostgreSQL URL's port is out of range") }
        username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        if username.isEmpty { username = "postgres" }
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let path = components.percentEncodedPath.removingPercentEncoding ?? ""
        database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if database.isEmpty { database = username }
        guard !database.contains("/") else { throw .invalidInput("the PostgreSQL URL's path must be one database name") }
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                switch value {
                case "disable", "allow": tlsMode = .disable
                case "prefer": tlsMode = .prefer
                case "require": tlsMode = .require
                case "verify-ca": tlsMode = .verifyCA
                case "verify-full": tlsMode = .verifyFull
                default: throw .invalidInput("unknown sslmode '\(value)' (use disable, prefer, require, verify-ca or verify-full)")
                }
            case "options": options = value
            case "application_name": applicationName = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else { throw .invalidInput("connect_timeout must be a positive number of seconds") }
                connectTimeout = seconds
            default:
                throw .invalidInput("unknown PostgreSQL URL parameter '\(item.name)'")
            }
        }
    }

    /// `host:port`, for messages.
    var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The URL without its password, for ``PostgresBackend/location``.
    var redacted: String {
        let user = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
        let name = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database
        return "postgres://\(user)\(password == nil ? "" : ":***")@\(endpoint)/\(name)"
    }

    /// Startup parameters sent with every connection.
    var startupParameters: [(String, String)] {
        var parameters = [("application_name", applicationName)]
        if let options { parameters.append(("options", options)) }
        return parameters
    }

    /// The TLS settings of `tlsMode`, verifying certificates only as far as libpq would.
    var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = switch tlsMode {
        case .disable, .prefer, .require: .none
        case .verifyCA: .noHostnameVerification
        case .verifyFull: .fullVerification
        }
        return configuration
    }

    /// The pool's configuration.
    func clientConfiguration(maximumConnections: Int) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch tlsMode {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration)
        case .require, .verifyCA, .verifyFull: .require(tlsConfiguration)
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        return configuration
    }

    /// The configuration of a single connection (the reachability probe).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch tlsMode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration))
        case .require, .verifyCA, .verifyFull: .require(try NIOSSLContext(configuration: tlsConfiguration))
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }
}
