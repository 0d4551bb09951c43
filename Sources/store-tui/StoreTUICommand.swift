import ArgumentParser
import StoreTUI

@main
struct StoreTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-tui",
        abstract: "A terminal console for an app store's catalogue and operations.",
        version: StoreTUIVersion.current
    )

    func run() async throws {}
}
