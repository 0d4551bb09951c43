import Foundation
import StoreModels
import StoreService
import Yams

/// What a `.snap` file (a squashfs image) says about itself in `meta/snap.yaml`, and what is wrong
/// with it.
///
/// Only `meta/snap.yaml` is read, by `unsquashfs -cat` (Debian's `squashfs-tools`), which extracts
/// nothing to disk; the run is bounded in time and output (``Limits``) and the YAML is checked by
/// ``NestingGuard`` before it is parsed. Problems are collected, not thrown: they become
/// ``RevisionUpload/metadataErrors`` so the automated checks reject the revision and the audit log
/// says why. No message contains `; ` (the checks join messages with it).
struct SnapFile: Sendable, Hashable {
    var name: String?
    var version: String?
    var summary: String?
    var description: String?
    var architectures: [Architecture] = []
    var base: String?
    var confinement: Revision.Confinement?
    var grade: Revision.Grade?
    /// `epoch:` (0 when absent).
    var epoch: Epoch?
    /// The interfaces the snap's apps and hooks plug and slot (`network`, `home`, …), each once.
    var interfaces: [String] = []
    /// The apps the snap declares.
    var apps: [String] = []
    /// What is wrong with the file.
    var errors: [String] = []

    /// How much a snap file may ask of the server while it is inspected.
    struct Limits: Sendable, Hashable {
        /// The largest `meta/snap.yaml` read.
        var maximumYAMLSize = 1 << 20
        /// The longest `unsquashfs` may run.
        var timeBudget: Duration = .seconds(10)
        /// The `unsquashfs` program (a path, or a name looked up on `PATH`).
        var unsquashfs = "unsquashfs"
        /// The most address space `unsquashfs` may take (run under util-linux's `prlimit` when the
        /// machine has it): a crafted image cannot make it use gigabytes.
        var memoryLimit = 512 << 20
    }

    /// Where util-linux's `prlimit` is, when it is installed.
    static let prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The first four bytes of a squashfs image (little-endian `hsqs`).
    static let magic: [UInt8] = Array("hsqs".utf8)

    /// Inspects the snap at `url`. Blocking: run it off the request threads (``BlockingWorkPool``).
    static func inspect(fileAt url: URL, limits: Limits = Limits()) -> SnapFile {
        var snap = SnapFile()
        guard let handle = try? FileHandle(forReadingFrom: url), let head = try? handle.read(upToCount: 4), Array(head) == magic else {
            snap.errors.append("Invalid snap file: it is not a squashfs image")
            return snap
        }
        try? handle.close()
        var program = limits.unsquashfs
        var arguments = ["-no-progress", "-processors", "1", "-da", "4", "-fr", "4", "-cat", url.path, "meta/snap.yaml"]
        if let prlimit = Self.prlimit {
            arguments = ["--as=\(limits.memoryLimit)", "--", program] + arguments
            program = prlimit
        }
        switch BoundedProcess.run(program, arguments, maximumOutput: limits.maximumYAMLSize, timeLimit: limits.timeBudget) {
        case .finished(let output, status: 0):
            snap.readSnapYAML(String(decoding: output, as: UTF8.self))
        case .finished(_, _):
            snap.errors.append("The snap has no readable meta/snap.yaml")
        case .outputTooLarge:
            snap.errors.append("meta/snap.yaml is larger than \(limits.maximumYAMLSize >> 20) MiB")
        case .timedOut:
            snap.errors.append("Reading meta/snap.yaml took longer than \(limits.timeBudget.components.seconds) s")
        case .cannotStart(let reason):
            snap.errors.append("The server cannot read snap files (\(Self.visible(limits.unsquashfs, limit: 60)): \(Self.visible(reason, limit: 80))); its admin must install squashfs-tools")
        }
        return snap
    }

    /// Reads the fields of `meta/snap.yaml`.
    mutating func readSnapYAML(_ text: String) {
        if let problem = NestingGuard.yamlProblem(text, name: "meta/snap.yaml") {
            errors.append(problem)
            return
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text), composed.mapping != nil else {
                errors.append("meta/snap.yaml must be a mapping of keys to values")
                return
            }
            node = composed
        } catch {
            errors.append("meta/snap.yaml is not valid YAML: \(Self.visible("\(error)", limit: 200))")
            return
        }
        name = node["name"]?.scalar?.string
        if name?.isEmpty ?? true { errors.append("meta/snap.yaml has no 'name'") }
        version = (node["version"]?.scalar?.string).map { Self.visible($0, limit: 128) }
        if version?.isEmpty ?? true { errors.append("meta/snap.yaml has no 'version'") }
        summary = (node["summary"]?.scalar?.string).map { Self.visible($0, limit: 256) }
        description = (node["description"]?.scalar?.string).map { VisibleText.replacingControls(String($0.prefix(4096)).replacingOccurrences(of: "\n", with: " ")) }
        base = (node["base"]?.scalar?.string).map { Self.visible($0, limit: 64) }
        if let given = node["architectures"], given.sequence == nil {
            errors.append("meta/snap.yaml's architectures must be a list (architectures: [amd64])")
        }
        let listed = node["architectures"]?.sequence?.compactMap { $0.scalar?.string } ?? ["all"]
        var seenArchitectures = Set<String>()
        architectures = listed.prefix(16).filter { seenArchitectures.insert($0).inserted }
            .map { Architecture(rawValue: Self.visible($0, limit: 32)) }
        readConfinementAndGrade(node)
        readEpoch(node["epoch"])
        readInterfaces(node)
    }

    /// `epoch: 2`, `epoch: 2*`, or `epoch: {read: [1, 2], write: [2]}` (a missing list taken as snapd takes it).
    private mutating func readEpoch(_ node: Node?) {
        guard let node else { return }
        do {
            if let text = node.scalar?.string {
                epoch = try Epoch(parsing: text).validated()
            } else if let mapping = node.mapping {
                func list(_ key: String) -> [Int]? { mapping[Node(key)]?.sequence?.compactMap { $0.scalar.flatMap { Int($0.string) } } }
                let read = list("read")
                let write = list("write")
                guard read != nil || write != nil else { throw Epoch.ParseError.invalid("{}") }
                epoch = try Epoch(read: read ?? write ?? [0], write: write ?? read.flatMap { $0.last.map { [$0] } } ?? [0]).validated()
            } else {
                throw Epoch.ParseError.invalid("a list")
            }
        } catch let error as Epoch.ParseError {
            errors.append("meta/snap.yaml's epoch is not valid: \(error.description)")
        } catch {
            errors.append("meta/snap.yaml's epoch is not valid")
        }
    }

    private mutating func readConfinementAndGrade(_ node: Node) {
        let confinementText = node["confinement"]?.scalar?.string ?? "strict"
        if let confinement = Revision.Confinement(rawValue: confinementText) {
            self.confinement = confinement
        } else {
            errors.append("meta/snap.yaml has an unknown confinement '\(Self.visible(confinementText, limit: 32))' (strict, classic or devmode)")
        }
        let gradeText = node["grade"]?.scalar?.string ?? "stable"
        if let grade = Revision.Grade(rawValue: gradeText) {
            self.grade = grade
        } else {
            errors.append("meta/snap.yaml has an unknown grade '\(Self.visible(gradeText, limit: 32))' (stable or devel)")
        }
    }

    /// Plugs and slots, top-level and per app and hook: an entry's interface is its `interface`
    /// attribute when it has one, else its name.
    private mutating func readInterfaces(_ node: Node) {
        var seen = Set<String>()
        var invalid: [String] = []
        // YAML aliases can repeat one large mapping under every app: the walk stops after this many entries.
        var visited = 0
        let maximumVisited = 10_000
        func add(_ interface: String) {
            visited += 1
            guard visited <= maximumVisited else { return }
            guard Self.isValidInterfaceName(interface) else {
                if invalid.count < 5 { invalid.append(Self.visible(interface, limit: 64)) }
                return
            }
            if interfaces.count < 256, seen.insert(interface).inserted { interfaces.append(interface) }
        }
        func collect(_ entries: Node?) {
            if let mapping = entries?.mapping {
                for (key, value) in mapping where visited <= maximumVisited {
                    guard let name = key.scalar?.string else { continue }
                    add(value["interface"]?.scalar?.string ?? name)
                }
            } else if let sequence = entries?.sequence {
                for item in sequence where visited <= maximumVisited { if let name = item.scalar?.string { add(name) } }
            }
        }
        defer {
            for name in invalid {
                errors.append("meta/snap.yaml names an invalid plug, slot or interface '\(name)' (lower-case letters, digits and single hyphens)")
            }
        }
        defer {
            if visited > maximumVisited {
                errors.append("meta/snap.yaml has more than \(maximumVisited) apps, hooks, plugs and slots")
            }
        }
        collect(node["plugs"])
        collect(node["slots"])
        for section in ["apps", "hooks"] {
            guard let entries = node[section]?.mapping else { continue }
            for (key, value) in entries where visited <= maximumVisited {
                visited += 1
                if section == "apps", let app = key.scalar?.string, apps.count < 256 {
                    if Self.isValidAppName(app) { apps.append(app) } else {
                        errors.append("meta/snap.yaml names an invalid app '\(Self.visible(app, limit: 64))' (letters, digits and single hyphens)")
                    }
                }
                collect(value["plugs"])
                collect(value["slots"])
            }
        }
    }

    /// The upload to hand to ``StoreService/upload(_:to:)``: a name other than the package's, and
    /// every problem found, become metadata errors.
    func revisionUpload(for package: PackageName, size: Int64, sha3_384: String) -> RevisionUpload {
        var problems = errors
        if let name, name != package.rawValue {
            problems.append("The snap name in meta/snap.yaml ('\(Self.visible(name, limit: 64))') does not match the package '\(package.rawValue)'")
        }
        // An invalid version is the checks' own `invalid-version` error. A rejected file still gets
        // the defaults snapd assumes (strict, stable, all), so the dashboard's documents stay complete.
        var upload = RevisionUpload(
            version: version ?? "", architectures: architectures.isEmpty ? [Architecture(rawValue: "all")] : architectures,
            base: base, size: size, sha3_384: sha3_384, confinement: confinement ?? .strict, grade: grade ?? .stable,
            permissions: interfaces, metadataErrors: Array(problems.prefix(100)), epoch: epoch)
        upload.listing = (summary ?? "", description ?? "")
        return upload
    }

    /// snapd's rule for plug, slot and interface names: `^[a-z](?:-?[a-z0-9])*$`, at most 64 characters.
    static func isValidInterfaceName(_ name: String) -> Bool {
        isHyphenated(name, first: { ("a"..."z").contains($0) }, rest: { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
    }

    /// snapd's rule for app names: `^[A-Za-z0-9](?:-?[A-Za-z0-9])*$`, at most 64 characters.
    static func isValidAppName(_ name: String) -> Bool {
        let alphanumeric: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        return isHyphenated(name, first: alphanumeric, rest: alphanumeric)
    }

    /// Whether `name` is 1–64 scalars: one `first`, then `rest`s with single hyphens between, not ending in one.
    private static func isHyphenated(_ name: String, first: (Unicode.Scalar) -> Bool, rest: (Unicode.Scalar) -> Bool) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (1...64).contains(scalars.count), first(scalars[0]), scalars.last != "-" else { return false }
        var previousHyphen = false
        for scalar in scalars.dropFirst() {
            if scalar == "-" {
                if previousHyphen { return false }
                previousHyphen = true
            } else {
                guard rest(scalar) else { return false }
                previousHyphen = false
            }
        }
        return true
    }

    /// `text` on one line, at most `limit` characters, every control character and bidirectional
    /// override made a visible placeholder: publisher text is stored inert.
    static func visible(_ text: String, limit: Int) -> String {
        VisibleText.replacingControls(CharmFile.clean(text, limit: limit))
    }
}
