import ArgumentParser
import Foundation
import StoreModels
import StoreService
import StoreClient
import StoreTUI

/// Opens the full-screen console.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console (the default)."
    )

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Open a store server (https://host:port) instead of a database; the token comes from `store-tui login` or STORE_TUI_TOKEN.", valueName: "URL"))
    var store: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this account of the embedded store (a seeded publisher or reviewer).", valueName: "USER"))
    var actAs: String?

    @Flag(name: .long, help: "Disable colours (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(name: .long, help: "Do not capture the mouse (keeps terminal text selection).")
    var noMouse = false

    @Flag(name: .long, help: "Offer no action that changes the store.")
    var readonly = false

    @Option(name: .long, help: "Colour theme: dark or light.")
    var theme: String?

    func validate() throws {
        if let theme, ThemeName(rawValue: theme) == nil { throw ValidationError("--theme must be dark or light.") }
    }

    /// Reads `$XDG_CONFIG_HOME/store-tui/config` (default `~/.config/store-tui/config`) if present.
    static func loadConfig(environment: [String: String]) -> ConsoleConfig {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.config" } ?? ".config")
        guard let text = try? String(contentsOfFile: base + "/store-tui/config", encoding: .utf8) else { return ConsoleConfig() }
        return ConsoleConfig.parse(text)
    }

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError(TerminalError.notATerminal.description)
        }
        let environment = ProcessInfo.processInfo.environment
        let service: any StoreService
        let location: String
        var connectionNotice: StatusMessage?
        if let store {
            guard databaseOptions.database == nil, actAs == nil else {
                throw ValidationError("--store cannot be combined with --database or --as (the server decides who you are from your token).")
            }
            let credentials: Credentials?
            do { credentials = try CredentialsFile.resolve(store: store, environment: environment) } catch {
                throw ValidationError(error.description)
            }
            do {
                service = try await HTTPStoreClient.connect(baseURL: store, token: credentials?.token)
            } catch {
                guard case .unreachable = error else { throw ValidationError(error.description) }
                service = HTTPStoreClient(baseURL: store, token: credentials?.token)
                connectionNotice = StatusMessage(error.description, severity: .error)
            }
            location = store
        } else {
            let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: true)
            let identity: Identity
            if let actAs {
                do { identity = try await opened.backend.identity(username: actAs) } catch {
                    throw ValidationError("--as \(actAs): \(error.description)")
                }
            } else {
                identity = await opened.defaultIdentity()
            }
            service = opened.backend.service(for: identity)
            location = opened.backend.location
        }
        let identity = service.identity
        let config = Self.loadConfig(environment: environment)
        let useColor = !noColor && (environment["NO_COLOR"] ?? "").isEmpty && config.useColor != false
        let themeName = theme.flatMap(ThemeName.init(rawValue:)) ?? config.theme ?? .dark
        let settings = AppSettings(
            storeLocation: location, isRemote: store != nil, identity: identity,
            readOnly: readonly, useColor: useColor, theme: themeName)
        let notice = connectionNotice ?? config.warnings.first.map {
            StatusMessage("\(config.warnings.count) config problem(s): \($0)", severity: .error)
        }
        let enableMouse = !noMouse
        let failure = await withCheckedContinuation { (continuation: CheckedContinuation<TerminalError?, Never>) in
            let thread = Thread {
                do {
                    try Console.run(service: service, settings: settings, keyMap: config.keyMap, enableMouse: enableMouse, notice: notice)
                    continuation.resume(returning: nil)
                } catch let error as TerminalError {
                    continuation.resume(returning: error)
                } catch {
                    continuation.resume(returning: .notATerminal)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        if let failure { throw ValidationError(failure.description) }
    }
}
