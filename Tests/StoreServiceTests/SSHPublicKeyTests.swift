import Foundation
import StoreService
import Testing

@Suite("SSH public keys")
struct SSHPublicKeyTests {
    /// Runs a program and returns its standard output.
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: ["ed25519", "ecdsa"])
    func fingerprintsMatchWhatSSHKeygenPrints(type: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sshkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("id").path
        _ = try run(["ssh-keygen", "-q", "-t", type, "-N", "", "-C", "me@laptop", "-f", path])
        let line = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        let key = try SSHPublicKey(line: line)
        let listed = try run(["ssh-keygen", "-lf", path + ".pub"])
        #expect(listed.split(separator: " ")[1] == key.fingerprint)
        #expect(key.comment == "me@laptop")
        #expect(line.hasPrefix(key.openSSH))
    }

    @Test func anEd25519LineBuiltFromRawBytesParsesBackToTheSameKey() throws {
        let raw = Data((0..<32).map { UInt8($0) })
        let line = SSHPublicKey.ed25519Line(rawKey: raw, comment: "built")
        let key = try SSHPublicKey(line: line)
        #expect(key.algorithm == "ssh-ed25519" && key.comment == "built" && key.fingerprint.hasPrefix("SHA256:"))
        #expect(!key.fingerprint.hasSuffix("="))
    }

    @Test func controlCharactersInTheCommentAreMadeVisible() throws {
        let line = SSHPublicKey.ed25519Line(rawKey: Data(count: 32), comment: "evil\u{1B}[31m")
        #expect(try SSHPublicKey(line: line).comment.contains("\u{1B}") == false)
    }
}
