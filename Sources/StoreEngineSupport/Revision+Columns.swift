import StoreModels
import StoreService

extension Revision {
    /// The revision in a `revisions` row.
    package init(columns row: some ColumnReading) throws {
        let checks = try row.string("checks")
        self.init(
            number: try row.int("number"),
            version: try row.string("version"),
            architectures: try row.strings("architectures").map(Architecture.init(rawValue:)),
            base: try row.optionalString("base"),
            size: try row.int64("size"),
            sha3_384: try row.string("sha3_384"),
            createdAt: try row.date("created_at"),
            uploader: try row.string("uploader"),
            confinement: try row.optionalString("confinement").flatMap(Revision.Confinement.init(rawValue:)),
            grade: try row.optionalString("grade").flatMap(Revision.Grade.init(rawValue:)),
            permissions: try row.strings("permissions"),
            review: ReviewStatus(word: try row.string("review_status"), note: try row.optionalString("review_note")) ?? .pending,
            checks: checks == "[]" ? [] : try JSONColumn.decode([CheckResult].self, from: checks),
            epoch: try row.optionalString("epoch").map { try JSONColumn.decode(Epoch.self, from: $0) },
            charmFile: try row.optionalString("sha256").map { sha256 in
                CharmFileFacts(
                    sha256: sha256, metadataYAML: try row.optionalString("metadata_yaml") ?? "",
                    configYAML: try row.optionalString("config_yaml") ?? "")
            })
    }

    /// The `revisions.epoch` column: the epoch as JSON, `NULL` for none (0).
    package var epochColumn: String? {
        get throws { try epoch.map { try JSONColumn.encode($0) } }
    }
}

extension ChannelRelease {
    /// The release entry in a `releases` row (an empty branch or base stands for none).
    package init(columns row: some ColumnReading) throws {
        let branch = try row.string("branch")
        let base = try row.string("base")
        self.init(
            channel: Channel(
                track: try row.string("track"), risk: Risk(word: try row.string("risk")) ?? .edge,
                branch: branch.isEmpty ? nil : branch),
            platform: Platform(architecture: Architecture(rawValue: try row.string("architecture")), base: base.isEmpty ? nil : base),
            revision: try row.int("revision"),
            releasedAt: try row.date("released_at"),
            expiresAt: try row.optionalDate("expires_at"),
            progressivePercentage: try row.optionalInt("progressive"),
            resources: try ResourceRules.attachments(fromColumn: try row.string("resources")))
    }
}

extension ChannelSlot {
    /// The slot in a `closed_slots` row (an empty branch or base stands for none).
    package init(columns row: some ColumnReading) throws {
        let branch = try row.string("branch")
        let base = try row.string("base")
        self.init(
            channel: Channel(
                track: try row.string("track"), risk: Risk(word: try row.string("risk")) ?? .edge,
                branch: branch.isEmpty ? nil : branch),
            platform: Platform(architecture: Architecture(rawValue: try row.string("architecture")), base: base.isEmpty ? nil : base))
    }
}

extension ChannelMap {
    /// The version `latest/stable` (or the default track's stable) serves to most devices, amd64
    /// preferred, looked up in `revisions`.
    package func latestStableVersion(defaultTrack: String, revisions: [Int: Revision]) -> String? {
        let stable = Channel(track: tracks.contains(defaultTrack) ? defaultTrack : Channel.latestTrack, risk: .stable)
        let platforms = releases.filter { $0.channel == stable && !$0.isProgressive }.map(\.platform).sorted()
        let preferred = platforms.first { $0.architecture == .amd64 } ?? platforms.first
        guard let platform = preferred, let number = serving(stable, on: platform).revision else { return nil }
        return revisions[number]?.version
    }
}
