import Foundation
import StoreClient
import Testing

@Suite("Credentials file")
struct CredentialsFileTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func savedFileIsPrivateAndLoadsBack() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = CredentialsFile.defaultURL(environment: ["XDG_CONFIG_HOME": root.path])
        #expect(url.path == root.path + "/store-tui/credentials.json")
        let credentials = Credentials(store: "http://127.0.0.1:8080", token: "stui_secret")
        try CredentialsFile.save(credentials, to: url)
        #expect(try mode(url) == 0o600)
        #expect(try mode(url.deletingLastPathComponent()) == 0o700)
        #expect(try CredentialsFile.load(from: url) == credentials)
        try CredentialsFile.save(Credentials(store: "http://other", token: "stui_two"), to: url)
        #expect(try CredentialsFile.load(from: url)?.token == "stui_two")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["credentials.json"])
    }

    @Test func fileReadableByOthersIsRefused() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("store-tui/credentials.json")
        try CredentialsFile.save(Credentials(store: "http://s", token: "t"), to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        #expect(throws: CredentialsError.self) { try CredentialsFile.load(from: url) }
    }

    @Test func missingFileIsNoCredentials() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CredentialsFile.load(from: root.appendingPathComponent("nope.json")) == nil)
    }

    @Test func environmentTokenOverridesTheFile() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let environment = ["XDG_CONFIG_HOME": root.path, "STORE_TUI_TOKEN": "stui_env"]
        try CredentialsFile.save(Credentials(store: "http://saved", token: "stui_file"), to: CredentialsFile.defaultURL(environment: environment))
        #expect(try CredentialsFile.resolve(store: nil, environment: environment) == Credentials(store: "http://saved", token: "stui_env"))
        var fileOnly = environment
        fileOnly["STORE_TUI_TOKEN"] = nil
        #expect(try CredentialsFile.resolve(store: "http://saved/", environment: fileOnly)?.token == "stui_file")
        #expect(try CredentialsFile.resolve(store: "http://elsewhere", environment: fileOnly) == nil)
    }
}
