import ArgumentParser
import Foundation
import StoreDemo
import StoreService

/// Seeds a deterministic demo catalogue.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill a database with a deterministic, realistic demo catalogue."
    )

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(name: .long, help: "How many packages to generate.")
    var packages: Int = DemoCatalogue.demoPackageCount

    @Option(name: .long, help: "Seed of the generator; the same seed gives the same catalogue.")
    var seed: UInt64 = 2026

    func validate() throws {
        guard packages > 0, packages <= 2_000_000 else { throw ValidationError("--packages must be between 1 and 2000000.") }
    }

    func run() async throws {
        let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: false)
        guard try await opened.importer.isEmpty() else {
            throw ValidationError("\(opened.backend.location) already holds packages; seed an empty database (pass a new --database path).")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let catalogue = DemoCatalogue(packageCount: packages, seed: seed, now: Date())
        let count = try await opened.importer.importCatalogue(accounts: catalogue.accounts, entries: catalogue.entries())
        try await StoreOpener.seedHistory(of: catalogue, into: opened.backend)
        let elapsed = clock.now - start
        print("Seeded \(count) packages and \(catalogue.accounts.count) accounts into \(opened.backend.location) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .abbreviated))).")
    }
}
