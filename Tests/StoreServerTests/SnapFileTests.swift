import Foundation
import StoreModels
import Testing
@testable import StoreServer

/// Reading `meta/snap.yaml` out of real squashfs images (built with `mksquashfs`).
@Suite("Snap files")
struct SnapFileTests {
    static func inspect(_ data: Data, limits: SnapFile.Limits = SnapFile.Limits()) throws -> SnapFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString).snap")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url)
        return SnapFile.inspect(fileAt: url, limits: limits)
    }

    @Test func plugsAndSlotsOfAppsHooksAndTheSnapAreItsInterfaces() throws {
        let yaml = """
            name: wide
            version: '3.0'
            summary: Wide
            architectures: [amd64, arm64]
            base: core24
            confinement: devmode
            grade: devel
            plugs:
              dot-config:
                interface: personal-files
            slots: [dbus-svc]
            apps:
              one:
                command: bin/hello
                plugs: [network, home]
              two:
                command: bin/hello
                plugs: [network, camera]
            hooks:
              install:
                plugs: [system-observe]

            """
        let snap = try Self.inspect(try SnapImage.make(yaml: yaml))
        #expect(snap.errors.isEmpty, "\(snap.errors)")
        #expect(snap.name == "wide" && snap.version == "3.0" && snap.base == "core24")
        #expect(snap.architectures == [.amd64, .arm64])
        #expect(snap.confinement == .devmode && snap.grade == .devel)
        #expect(Set(snap.interfaces) == ["personal-files", "dbus-svc", "network", "home", "camera", "system-observe"])
        #expect(Set(snap.apps) == ["one", "two"])
    }

    @Test func aSnapYAMLOverTheSizeBoundIsRefusedWithoutReadingItAll() throws {
        let yaml = SnapImage.yaml(name: "big") + "description: |\n" + String(repeating: "  padding line of the description\n", count: 2000)
        var limits = SnapFile.Limits()
        limits.maximumYAMLSize = 16 * 1024
        let snap = try Self.inspect(try SnapImage.make(yaml: yaml), limits: limits)
        #expect(snap.errors == ["meta/snap.yaml is larger than 0 MiB"] || snap.errors.first?.contains("larger than") == true)
    }

    @Test func aMissingToolAndAnUnknownConfinementSayWhatToDo() throws {
        var limits = SnapFile.Limits()
        limits.unsquashfs = "/nonexistent/unsquashfs"
        let file = try SnapImage.make(yaml: SnapImage.yaml(name: "any"))
        let missing = try Self.inspect(file, limits: limits)
        #expect(missing.errors.first?.contains("install squashfs-tools") == true, "\(missing.errors)")
        let odd = try Self.inspect(try SnapImage.make(yaml: SnapImage.yaml(name: "odd", confinement: "loose")))
        #expect(odd.errors.first?.contains("unknown confinement 'loose'") == true, "\(odd.errors)")
    }

    @Test func invalidPlugAndAppNamesAreErrorsAsSnapdWouldRefuseThem() throws {
        let yaml = "name: odd\nversion: '1'\napps:\n  \"hello\\u202Eolleh\":\n    plugs: [\"net\\u001b[0mwork\", network, Home, a--b]\n"
        let snap = try Self.inspect(try SnapImage.make(yaml: yaml))
        #expect(snap.interfaces == ["network"])
        #expect(snap.apps.isEmpty)
        #expect(snap.errors.contains { $0.contains("invalid app 'hello\u{FFFD}olleh'") }, "\(snap.errors)")
        #expect(snap.errors.filter { $0.contains("invalid plug") }.count == 3, "\(snap.errors)")
        #expect(SnapFile.isValidInterfaceName("personal-files") && !SnapFile.isValidInterfaceName("-x") && !SnapFile.isValidInterfaceName("x-"))
    }

    @Test func aRejectedSnapStillHasTheDefaultsTheDashboardDocumentsNeed() throws {
        let snap = try Self.inspect(try SnapImage.make(yaml: SnapImage.yaml(name: "odd", grade: "beta")))
        #expect(snap.errors.contains { $0.contains("unknown grade 'beta'") })
        let upload = snap.revisionUpload(for: PackageName(trusted: "odd"), size: 1, sha3_384: String(repeating: "a", count: 96))
        #expect(upload.grade == .stable && upload.confinement == .strict && !upload.architectures.isEmpty)
        let notSquashfs = try Self.inspect(Data("PK not a snap".utf8))
            .revisionUpload(for: PackageName(trusted: "odd"), size: 1, sha3_384: String(repeating: "a", count: 96))
        #expect(notSquashfs.architectures == [Architecture(rawValue: "all")] && !notSquashfs.metadataErrors.isEmpty)
    }

    @Test func aliasesRepeatingAHugeMappingStopTheWalk() throws {
        let plugs = (0..<4000).map { "    p\($0): {}" }.joined(separator: "\n")
        let apps = (0..<50).map { "  a\($0):\n    plugs: *P" }.joined(separator: "\n")
        let yaml = "name: many\nversion: '1'\nplugs: &P\n\(plugs)\napps:\n\(apps)\n"
        let started = ContinuousClock.now
        let snap = try Self.inspect(try SnapImage.make(yaml: yaml))
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(snap.errors.contains { $0.contains("more than 10000") }, "\(snap.errors.prefix(3))")
    }

    @Test func controlCharactersInSnapYAMLNeverReachTheRevision() throws {
        let yaml = "name: ctl\nversion: \"1\\u001b]0;pwned\\u0007\"\napps:\n  \"a\\u001b[2J\":\n    plugs: [\"net\\u202ework\"]\n"
        let snap = try Self.inspect(try SnapImage.make(yaml: yaml))
        let upload = snap.revisionUpload(for: PackageName(trusted: "ctl"), size: 1, sha3_384: String(repeating: "a", count: 96))
        let texts = [upload.version] + upload.permissions + snap.apps
        for text in texts {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(text.debugDescription)")
        }
    }
}

@Suite("Snap files: limits")
struct SnapFileLimitTests {
    /// unsquashfs runs under `prlimit --as`: with a limit too small to start it, nothing is read.
    @Test func unsquashfsRunsUnderTheMemoryLimit() throws {
        try #require(SnapFile.prlimit != nil, "util-linux's prlimit is missing")
        var limits = SnapFile.Limits()
        limits.memoryLimit = 1 << 20
        let snap = try SnapFileTests.inspect(try SnapImage.make(yaml: SnapImage.yaml(name: "tight")), limits: limits)
        #expect(snap.name == nil && !snap.errors.isEmpty, "\(snap.errors)")
        let roomy = try SnapFileTests.inspect(try SnapImage.make(yaml: SnapImage.yaml(name: "roomy")))
        #expect(roomy.name == "roomy")
    }

    @Test func anonymousQuotasGroupAnIPv6HostsWholeSlash64() {
        #expect(ClientAddress.quotaKey("2001:db8:1:2:aaaa::1") == ClientAddress.quotaKey("2001:db8:1:2:ffff:1:2:3"))
        #expect(ClientAddress.quotaKey("2001:db8:1:2::1") != ClientAddress.quotaKey("2001:db8:1:3::1"))
        #expect(ClientAddress.quotaKey("192.0.2.7") == "192.0.2.7")
    }
}
