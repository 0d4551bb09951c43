import ArgumentParser
import Foundation
import StoreModels
import StoreService
import StoreSQLite

/// Creates, lists and revokes API tokens directly in a database (no server needed).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens in a database.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    /// `store-tui token create --user NAME --role ROLE [--expires 30d] [--description TEXT]`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token (creating the account when missing) and print its secret once.")

        @OptionGroup var databaseOptions: DatabaseOptions

        @Option(name: .long, help: "Account the token acts as; created when it does not exist.")
        var user: String

        @Option(name: .long, help: "Role: viewer, publisher, reviewer or admin.")
        var role: String

        @Option(name: .long, help: "Lifetime: 30d, 12h, 90m, or never.")
        var expires = "30d"

        @Option(name: .long, help: "What the token is for (shown in token lists).")
        var description = ""

        @Option(name: .long, help: "The account's email from now on (snapcraft logs in with it, or with the username).")
        var email: String?

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            _ = try TokenCommand.lifetime(expires)
        }

        func run() async throws {
            let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: false)
            let service = opened.backend.service(for: SQLiteBackend.systemIdentity)
            let expiresAt = try TokenCommand.lifetime(expires).map { Date().addingTimeInterval($0) }
            let issued: IssuedToken
            do {
                issued = try await service.issueToken(
                    username: user, role: Role(rawValue: role) ?? .viewer, expiresAt: expiresAt, description: description, email: email)
            } catch {
                throw CommandFailure(error.description)
            }
            let expiry = issued.info.expiresAt.map { ISO8601DateFormatter().string(from: $0) } ?? "never"
            print("Token \(issued.info.id) for \(issued.info.username) (\(issued.info.role.rawValue)), expires \(expiry).")
            print("Secret (shown once; store it safely):")
            print(issued.secret)
            print("For snapcraft login: email \(email ?? user), password the secret above.")
            print("For charmcraft:")
            print("CHARMCRAFT_AUTH=\(Data(issued.secret.utf8).base64EncodedString())")
        }
    }

    /// `store-tui token list [--user NAME]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var databaseOptions: DatabaseOptions

        @Option(name: .long, help: "Only this account's tokens.")
        var user: String?

        func run() async throws {
            let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: false)
            let tokens: [TokenInfo]
            do { tokens = try await opened.backend.service(for: SQLiteBackend.systemIdentity).tokens(username: user) } catch {
                throw CommandFailure(error.description)
            }
            let formatter = ISO8601DateFormatter()
            for token in tokens {
                let state = token.revokedAt.map { "revoked \(formatter.string(from: $0))" }
                    ?? token.expiresAt.map { "expires \(formatter.string(from: $0))" } ?? "never expires"
                print("\(token.id)\t\(token.username)\t\(token.role.rawValue)\t\(state)\t\(token.description)")
            }
            if tokens.isEmpty { print("No tokens.") }
        }
    }

    /// `store-tui token revoke ID`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id; it stops working at once.")

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: "The token id (from `store-tui token list`).")
        var id: String

        func run() async throws {
            let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: false)
            do { try await opened.backend.service(for: SQLiteBackend.systemIdentity).revokeToken(id: id) } catch {
                throw CommandFailure(error.description)
            }
            print("Revoked token \(id).")
        }
    }

    /// Seconds in a lifetime such as `30d`, `12h`, `90m`; `nil` for `never`.
    static func lifetime(_ text: String) throws -> TimeInterval? {
        if text == "never" { return nil }
        let units: [Character: TimeInterval] = ["d": 86_400, "h": 3_600, "m": 60]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()), count > 0, count <= 36_500 * 24 * 60
        else { throw ValidationError("--expires must look like 30d, 12h, 90m or never (got '\(text)').") }
        return TimeInterval(count) * unit
    }
}

/// A command that failed for a reason other than its arguments: printed as `Error: …` without the usage text.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
