import Foundation

/// Builds `.snap` files (squashfs images) for upload tests with the real `mksquashfs`
/// (Debian's `squashfs-tools`, which `scripts/test` installs).
enum SnapImage {
    /// A snap whose `meta/snap.yaml` is `yaml`, with a small `bin/hello` and `padding` random bytes.
    static func make(yaml: String, padding: Int = 0) throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.appendingPathComponent("root", isDirectory: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("meta"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try Data(yaml.utf8).write(to: root.appendingPathComponent("meta/snap.yaml"))
        try Data("#!/bin/sh\necho hello\n".utf8).write(to: root.appendingPathComponent("bin/hello"))
        if padding > 0 {
            try Data((0..<padding).map { _ in UInt8.random(in: 0...255) }).write(to: root.appendingPathComponent("bin/padding"))
        }
        let image = directory.appendingPathComponent("test.snap")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["mksquashfs", root.path, image.path, "-noappend", "-all-root", "-no-xattrs", "-quiet"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestServerError("mksquashfs failed (is squashfs-tools installed?)") }
        return try Data(contentsOf: image)
    }

    /// A minimal valid `meta/snap.yaml`.
    static func yaml(
        name: String, version: String = "1.0", confinement: String = "strict", grade: String = "stable",
        plugs: [String] = ["network", "home"], architectures: [String] = ["amd64"]
    ) -> String {
        """
        name: \(name)
        version: '\(version)'
        summary: A test snap
        description: Made by a test.
        architectures: [\(architectures.joined(separator: ", "))]
        base: core22
        confinement: \(confinement)
        grade: \(grade)
        apps:
          \(name):
            command: bin/hello
            plugs: [\(plugs.joined(separator: ", "))]

        """
    }
}
