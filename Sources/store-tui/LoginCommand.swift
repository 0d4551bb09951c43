import ArgumentParser
import Foundation
import StoreClient
import StoreService

/// Saves a token for a store server after checking it.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Check a token against a store server and save it for the console.",
        discussion: """
            Reads the token from standard input unless --token is given (stdin keeps it out of the shell history). \
            Saves {store, token} to $XDG_CONFIG_HOME/store-tui/credentials.json (mode 0600). \
            STORE_TUI_TOKEN, when set, overrides the saved token.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The server, e.g. http://127.0.0.1:8080.", valueName: "URL"))
    var store: String

    @Option(name: .long, help: "The token (default: read from standard input).")
    var token: String?

    func validate() throws {
        guard store.hasPrefix("http://") || store.hasPrefix("https://") else {
            throw ValidationError("--store must be an http:// or https:// URL.")
        }
    }

    func run() async throws {
        let secret: String
        if let token {
            secret = token
        } else {
            if isatty(STDIN_FILENO) != 0 { print("Paste the token and press Enter:") }
            secret = (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !secret.isEmpty else { throw ValidationError("No token given; pass --token or pipe it on standard input.") }
        let client: HTTPStoreClient
        do { client = try await HTTPStoreClient.connect(baseURL: store, token: secret) } catch {
            if case .unauthenticated(let reason) = error { throw CommandFailure("The store refused the token: \(reason).") }
            throw CommandFailure("Login failed: \(error.description)")
        }
        let identity = client.identity
        await client.shutdown()
        guard let account = identity.account else {
            throw CommandFailure("The server answered, but as anonymous: the token names no account.")
        }
        let url = CredentialsFile.defaultURL()
        do { try CredentialsFile.save(Credentials(store: client.baseURL, token: secret), to: url) } catch {
            throw CommandFailure(error.description)
        }
        print("Logged in to \(client.baseURL) as \(account.username) (\(account.role.rawValue)); credentials saved to \(url.path).")
    }
}
