import Foundation
import StoreModels
import StoreService
import Yams
import ZIPFoundation

/// What a `.charm` file (a zip) says about itself, and what is wrong with it.
///
/// Read from `metadata.yaml` (name, summary, description, relation interfaces), `manifest.yaml` (bases and
/// architectures) and the optional `version` file. Problems are collected, not thrown: they become
/// ``RevisionUpload/metadataErrors`` so the automated checks reject the revision and the audit log says why.
/// No message contains `; ` (the checks join messages with it).
struct CharmFile: Sendable, Hashable {
    var name: String?
    var summary: String?
    var description: String?
    /// From the `version` file, when there is one.
    var version: String?
    /// `name@channel` of the first base (`ubuntu@22.04`).
    var base: String?
    /// The architectures of that base.
    var architectures: [Architecture] = []
    /// Relation interfaces the charm requires, provides or peers with.
    var interfaces: [String] = []
    /// `metadata.yaml` and `config.yaml` as they are in the file (Juju reads both from the store).
    var metadataYAML = ""
    var configYAML = ""
    /// The resources `metadata.yaml` declares (only valid ones; problems go to ``errors``).
    var resources: [ResourceDeclaration] = []
    /// What is wrong with the file.
    var errors: [String] = []

    /// The largest `metadata.yaml`, `manifest.yaml` or `version` file read.
    static let maximumMemberSize = 1 << 20

    /// How much a charm file may ask of the server while it is inspected.
    struct Limits: Sendable, Hashable {
        /// The most entries (files and directories) a charm file may have.
        var maximumEntries = 50_000
        /// The longest an inspection may take; a file that needs longer is refused.
        var timeBudget: Duration = .seconds(10)
    }

    /// The members read; every other entry is only counted and checked for a second name.
    private static let members = ["metadata.yaml", "manifest.yaml", "config.yaml", "version"]

    /// Inspects the file at `url`.
    ///
    /// One pass over the archive's central directory counts its entries (refusing more than
    /// ``Limits/maximumEntries``), refuses a file that names any path twice (extractors disagree on
    /// which copy wins, so the one checked might not be the one used) and stops once
    /// ``Limits/timeBudget`` is spent. Each YAML member is checked by ``NestingGuard`` before it is
    /// parsed. Blocking: run it off the request threads (``BlockingWorkPool``).
    static func inspect(fileAt url: URL, limits: Limits = Limits()) -> CharmFile {
        var charm = CharmFile()
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            charm.errors.append("Invalid charm file: it is not a zip archive")
            return charm
        }
        guard let found = charm.indexMembers(of: archive, limits: limits) else { return charm }
        charm.readMetadata(found["metadata.yaml"], from: archive)
        charm.readManifest(found["manifest.yaml"], from: archive)
        if let entry = found["config.yaml"], let text = try? member(entry, of: archive) {
            charm.configYAML = text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        }
        if let entry = found["version"], let text = try? member(entry, of: archive) {
            let version = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !version.isEmpty { charm.version = VisibleText.replacingControls(String(version.prefix(128))) }
        }
        return charm
    }

    /// The entries of ``members`` by path, after one pass over every entry; `nil` (with the reason in
    /// ``errors``) when the archive breaks a limit or names a path twice.
    private mutating func indexMembers(of archive: Archive, limits: Limits) -> [String: Entry]? {
        let deadline = ContinuousClock.now + limits.timeBudget
        var found: [String: Entry] = [:]
        var seen = Set<String>()
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maximumEntries {
                errors.append("The charm file has more than \(limits.maximumEntries) entries; a charm may have at most that many files")
                return nil
            }
            if count % 512 == 0, ContinuousClock.now > deadline {
                errors.append("Inspecting the charm file took longer than \(limits.timeBudget.components.seconds) s; it has too many entries")
                return nil
            }
            let path = entry.path
            guard seen.insert(path).inserted else {
                errors.append("The charm file names \(Self.clean(path, limit: 128)) more than once; a zip must name each file once")
                return nil
            }
            if Self.members.contains(path) { found[path] = entry }
        }
        return found
    }

    /// The upload to hand to ``StoreService/upload(_:to:)``.
    ///
    /// A name that differs from the package's, and every problem found, become metadata errors. Without a
    /// `version` file the version is the upload time, `yyyyMMdd.HHmmss` (UTC).
    func revisionUpload(for package: PackageName, size: Int64, sha3_384: String, now: Date) -> RevisionUpload {
        var problems = errors
        if let name, name != package.rawValue {
            problems.append("The charm name in metadata.yaml ('\(Self.clean(name, limit: 64))') does not match the package '\(package.rawValue)'")
        }
        return RevisionUpload(
            version: version ?? Self.timestampVersion(now), architectures: architectures, base: base, size: size,
            sha3_384: sha3_384, permissions: Array(interfaces.prefix(256)), metadataErrors: Array(problems.prefix(100)),
            resources: resources)
    }

    // MARK: metadata.yaml

    private mutating func readMetadata(_ entry: Entry?, from archive: Archive) {
        guard let node = yaml("metadata.yaml", entry, of: archive) else { return }
        if let entry, let text = try? Self.member(entry, of: archive) { metadataYAML = text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }
        guard node.mapping != nil else {
            errors.append("metadata.yaml must be a mapping of keys to values")
            return
        }
        name = node["name"]?.scalar?.string
        if name?.isEmpty ?? true { errors.append("metadata.yaml has no 'name'") }
        summary = node["summary"]?.scalar?.string
        description = node["description"]?.scalar?.string
        var seen = Set<String>()
        for key in ["requires", "provides", "peers"] {
            guard let relations = node[key]?.mapping else { continue }
            for (_, relation) in relations {
                if let interface = relation["interface"]?.scalar?.string, seen.insert(interface).inserted {
                    interfaces.append(VisibleText.replacingControls(String(interface.prefix(128))))
                }
            }
        }
        readResources(node["resources"])
    }

    /// `resources: {NAME: {type, filename, description, optional}}`; a declaration that breaks the rules
    /// (``ResourceDeclaration/problems(in:)``) is a metadata error and is not kept.
    private mutating func readResources(_ node: Yams.Node?) {
        guard let node else { return }
        guard let mapping = node.mapping else {
            errors.append("metadata.yaml: 'resources' must be a mapping of resource names to their type, filename and description")
            return
        }
        var declared: [ResourceDeclaration] = []
        for (key, entry) in mapping {
            let name = key.scalar?.string ?? ""
            let filename: String? = entry["filename"]?.scalar?.string
            let description: String? = entry["description"]?.scalar?.string
            declared.append(ResourceDeclaration(
                name: name, type: entry["type"]?.scalar?.string ?? "file", filename: filename.map { $0.storable(maximumBytes: 256) },
                description: description.map { $0.storable(maximumBytes: 4096) }, optional: entry["optional"]?.bool))
        }
        let problems = ResourceDeclaration.problems(in: declared)
        errors += problems
        if problems.isEmpty { resources = declared }
    }

    // MARK: manifest.yaml

    private mutating func readManifest(_ entry: Entry?, from archive: Archive) {
        guard let node = yaml("manifest.yaml", entry, of: archive) else { return }
        var platforms: [(base: String, architecture: String)] = []
        if let bases = node["bases"]?.sequence {
            for entry in bases {
                guard let name = entry["name"]?.scalar?.string, let channel = entry["channel"]?.scalar?.string else {
                    errors.append("manifest.yaml has a base without 'name' and 'channel'")
                    continue
                }
                let architectures = entry["architectures"]?.sequence?.compactMap { $0.scalar?.string } ?? []
                if architectures.isEmpty { errors.append("manifest.yaml has a base (\(Self.clean(name, limit: 32)) \(Self.clean(channel, limit: 32))) without architectures") }
                platforms += architectures.map { ("\(name)@\(channel)", $0) }
            }
        } else if let platformMap = node["platforms"]?.mapping {
            platforms = Self.platforms(platformMap, base: node["base"]?.scalar?.string)
        }
        guard let first = platforms.first else {
            errors.append("manifest.yaml names no bases")
            return
        }
        base = first.base
        var seen = Set<String>()
        architectures = platforms.filter { $0.base == first.base && seen.insert($0.architecture).inserted }
            .map { Architecture(rawValue: Self.clean($0.architecture, limit: 32)) }
    }

    /// Platforms of the charmcraft 3 forms: `base: ubuntu@22.04` with `platforms: {amd64:}`, or
    /// `platforms: {"ubuntu@22.04:amd64":}`, or entries with `build-for: [ubuntu@22.04:amd64]`.
    private static func platforms(_ map: Node.Mapping, base: String?) -> [(base: String, architecture: String)] {
        var result: [(base: String, architecture: String)] = []
        for (key, value) in map {
            let targets = value["build-for"].map { $0.sequence?.compactMap { $0.scalar?.string } ?? [$0.scalar?.string].compactMap { $0 } }
                ?? [key.scalar?.string].compactMap { $0 }
            for target in targets {
                let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    result.append((parts[0], parts[1]))
                } else if let base {
                    result.append((base, target))
                }
            }
        }
        return result
    }

    // MARK: Reading members

    private mutating func yaml(_ path: String, _ entry: Entry?, of archive: Archive) -> Node? {
        guard let entry else {
            errors.append("Missing required file: \(path)")
            return nil
        }
        let text: String
        do {
            text = try Self.member(entry, of: archive)
        } catch {
            errors.append("\(path) cannot be read from the archive (\(Self.clean("\(error)", limit: 120)))")
            return nil
        }
        if let problem = NestingGuard.yamlProblem(text, name: path) {
            errors.append(problem)
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                errors.append("\(path) is empty")
                return nil
            }
            return node
        } catch {
            errors.append("\(path) is not valid YAML: \(Self.clean("\(error)", limit: 200))")
            return nil
        }
    }

    /// The text of a member.
    /// - Throws: `CharmFileError` when it is too large or not a regular file, or what extraction throws.
    private static func member(_ entry: Entry, of archive: Archive) throws -> String {
        guard entry.type == .file else { throw CharmFileError("not a regular file") }
        guard entry.uncompressedSize <= UInt64(maximumMemberSize) else { throw CharmFileError("larger than 1 MiB") }
        var data = Data()
        _ = try archive.extract(entry) { chunk in
            data.append(chunk)
            if data.count > maximumMemberSize { throw CharmFileError("larger than 1 MiB") }
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `text` on one line, without `;`, at most `limit` characters.
    static func clean(_ text: String, limit: Int) -> String {
        let flat = text.map { $0.isNewline || $0 == "\t" ? " " : ($0 == ";" ? "," : $0) }
        return String(String(flat).prefix(limit))
    }

    /// `yyyyMMdd.HHmmss` in UTC, a valid snap-style version.
    static func timestampVersion(_ date: Date) -> String {
        let stamp = WireDate.format(date)  // 2025-01-01T12:00:00Z
        let digits = stamp.filter(\.isNumber)
        return String(digits.prefix(8)) + "." + String(digits.dropFirst(8).prefix(6))
    }
}

/// Why a member of a charm file could not be read.
struct CharmFileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
