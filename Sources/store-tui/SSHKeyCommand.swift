import ArgumentParser
import Foundation
import StoreModels
import StoreService
import StoreSQLite

/// Adds, lists and removes the SSH keys that log in to `serve --ssh-port`, directly in a database
/// (SQLite or PostgreSQL; no server needed). Every change is audited.
struct SSHKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh-key",
        abstract: "Add, list and remove the SSH keys that log in to the SSH console.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    /// `store-tui ssh-key add --user NAME FILE.pub` (or `-` for standard input).
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a public key (a .pub file, or - for stdin) for an account.")

        @OptionGroup var databaseOptions: DatabaseOptions

        @Option(name: .long, help: "The account the key logs in as (it must exist: see `store-tui token create`).")
        var user: String

        @Argument(help: "The public key file (id_ed25519.pub), or - to read it from standard input.")
        var file: String

        func run() async throws {
            let line: String
            if file == "-" {
                line = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure("cannot read \(file); pass the path of a .pub file, or - for stdin")
                }
                line = String(decoding: data, as: UTF8.self)
            }
            let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: false)
            let key: SSHKeyInfo
            do { key = try await opened.backend.service(for: SQLiteBackend.systemIdentity).addSSHKey(line, for: user) } catch {
                throw CommandFailure(error.description)
            }
            print("Added SSH key \(key.id) for \(key.username): \(key.algorithm) \(key.fingerprint) \(VisibleText.replacingControls(key.comment))")
        }
    }

    /// `store-tui ssh-key list [--user NAME]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List SSH keys: id, account, fingerprint, comment.")

        @OptionGroup var databaseOptions: DatabaseOptions

        @Option(name: .long, help: "Only this account's keys.")
        var user: String?

        func run() async throws {
            let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: false)
            let keys: [SSHKeyInfo]
            do { keys = try await opened.backend.service(for: SQLiteBackend.systemIdentity).sshKeys(username: user) } catch {
                throw CommandFailure(error.description)
            }
            let formatter = ISO8601DateFormatter()
            for key in keys {
                let comment = VisibleText.replacingControls(key.comment)
                print("\(key.id)\t\(key.username)\t\(key.algorithm)\t\(key.fingerprint)\t\(formatter.string(from: key.createdAt))\t\(comment)")
            }
            if keys.isEmpty { print("No SSH keys.") }
        }
    }

    /// `store-tui ssh-key remove ID`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an SSH key by id; it stops logging in at once.")

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: "The key id (from `store-tui ssh-key list`).")
        var id: String

        func run() async throws {
            let opened = try await StoreOpener.open(databaseOptions.database, seedIfEmpty: false)
            do { try await opened.backend.service(for: SQLiteBackend.systemIdentity).removeSSHKey(id: id) } catch {
                throw CommandFailure(error.description)
            }
            print("Removed SSH key \(id).")
        }
    }
}
