import ArgumentParser
import Foundation
import StoreModels
import StoreService
import StoreTUI

/// `store-tui`: the console by default, and the store's other faces as subcommands.
@main
struct StoreTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-tui",
        abstract: "A terminal console for an app store's catalogue and operations.",
        discussion: """
            With no subcommand, opens the console on the embedded demo store (seeded on first run), \
            on a database (--database PATH or postgres://…), or on a server (--store URL).
            """,
        version: StoreTUIVersion.current,
        subcommands: [ConsoleCommand.self, ServeCommand.self, SeedCommand.self, TokenCommand.self, SSHKeyCommand.self, LoginCommand.self,
                      SimulateDevicesCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )
}

/// Options shared by every subcommand that opens a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite file path or postgres:// URL. Default: the embedded store under $XDG_DATA_HOME/store-tui/.",
        valueName: "PATH|URL"))
    var database: String?
}
