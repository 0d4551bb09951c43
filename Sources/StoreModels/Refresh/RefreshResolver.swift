/// What a device asks the store for one package: the revision to install, download or refresh to.
///
/// Pure: the server loads the package, its channel map and its revisions, and asks ``resolve(_:package:)``.
/// The rules are the channel map's:
/// - a channel without a track (`beta`) means the package's default track; no channel means its stable
///   risk (install, download) or what the device tracks (refresh);
/// - a closed channel follows the next safer risk of its track, a closed (or expired) branch its track and risk;
/// - only releases for the device's architecture count;
/// - a progressive release goes to the devices whose ``ProgressiveBucket`` is under its percentage;
/// - a refresh never crosses an epoch the installed revision's data cannot be read from (the channel's
///   progressive and plain revisions are tried, not its history), and a device already at the resolved
///   revision is told so (``Outcome/current(_:effectiveChannel:)``).
public enum RefreshResolver {
    /// The package as the resolver needs it.
    public struct Package: Sendable {
        public var id: String
        public var name: PackageName
        public var type: PackageType
        public var defaultTrack: String
        public var map: ChannelMap
        /// The revisions that may be served, by number (released ones, and for callers who may see
        /// them, any approved one).
        public var revisions: [Int: Revision]

        /// Creates the input.
        public init(id: String, name: PackageName, type: PackageType, defaultTrack: String, map: ChannelMap, revisions: [Int: Revision]) {
            self.id = id
            self.name = name
            self.type = type
            self.defaultTrack = defaultTrack
            self.map = map
            self.revisions = revisions
        }
    }

    /// One action.
    public struct Ask: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case install, download, refresh
        }

        public var kind: Kind
        /// The channel as the device typed it (`beta`, `2.0/edge`, `latest/stable/hotfix`).
        public var channel: String?
        public var revision: Int?
        /// The platform: the device's architecture, and for charms the base (`ubuntu@22.04`).
        public var architecture: Architecture
        public var base: String?
        /// Refresh: what is installed.
        public var installedRevision: Int?
        public var trackingChannel: String?
        /// The installed revision's epoch (refresh), or the epoch the device can use (install; `nil`: any).
        public var epoch: Epoch?
        /// The device's bucket for progressive releases of this package (0–99).
        public var bucket: Int

        /// Creates an action.
        public init(
            kind: Kind, channel: String? = nil, revision: Int? = nil, architecture: Architecture, base: String? = nil,
            installedRevision: Int? = nil, trackingChannel: String? = nil, epoch: Epoch? = nil, bucket: Int = 99
        ) {
            self.kind = kind
            self.channel = channel
            self.revision = revision
            self.architecture = architecture
            self.base = base
            self.installedRevision = installedRevision
            self.trackingChannel = trackingChannel
            self.epoch = epoch
            self.bucket = bucket
        }
    }

    /// What the store answers.
    public enum Outcome: Sendable, Hashable {
        /// Serve `revision`; `effectiveChannel` is the channel it comes from (`nil` when asked by revision).
        case serve(Revision, effectiveChannel: Channel?)
        /// A refresh whose device already has the resolved revision.
        case current(Revision, effectiveChannel: Channel?)
        /// snapd's per-action error: `revision-not-found`, `invalid-channel`…; `releases` says where
        /// the package is available for the device's platform (`revision-not-found` only).
        case failure(code: String, message: String, releases: [ChannelRelease])
    }

    /// Resolves `ask` against `package`.
    public static func resolve(_ ask: Ask, package: Package) -> Outcome {
        if let number = ask.revision {
            guard let revision = package.revisions[number], revision.review.isApproved else {
                return .failure(code: "revision-not-found", message: "No revision \(number) of '\(package.name)' is available.", releases: [])
            }
            guard revision.architectures.contains(ask.architecture) || revision.architectures.contains(Architecture(rawValue: "all")) else {
                return .failure(
                    code: "revision-not-found", message: "Revision \(number) of '\(package.name)' is not built for \(ask.architecture).",
                    releases: available(package, ask))
            }
            if ask.kind == .refresh, ask.installedRevision == number { return .current(revision, effectiveChannel: nil) }
            return .serve(revision, effectiveChannel: nil)
        }
        let text = ask.channel ?? (ask.kind == .refresh ? ask.trackingChannel : nil)
        let channel: Channel
        do { channel = try self.channel(text, defaultTrack: package.defaultTrack) } catch {
            return .failure(code: "invalid-channel", message: error.description, releases: [])
        }
        guard package.map.tracks.contains(channel.track) else {
            return .failure(
                code: "revision-not-found",
                message: "'\(package.name)' has no track '\(channel.track)' (tracks: \(package.map.orderedTracks.joined(separator: ", "))).",
                releases: available(package, ask))
        }
        let candidates = platforms(of: package, for: ask)
        var unreadable: Revision?
        // A branch with nothing in it (closed, or expired) serves what its track and risk serve.
        let lookups = channel.isBranch ? [channel, Channel(track: channel.track, risk: channel.risk)] : [channel]
        for lookup in lookups {
            for platform in candidates {
                let serving = package.map.serving(lookup, on: platform)
                var choices: [ChannelRelease] = []
                if let progressive = serving.progressive, let percentage = progressive.progressivePercentage, ask.bucket < percentage {
                    choices.append(progressive)
                }
                if let release = serving.release { choices.append(release) }
                for choice in choices {
                    guard let revision = package.revisions[choice.revision] else { continue }
                    if let installed = ask.epoch, !(revision.epoch ?? .zero).canRead(installed) {
                        unreadable = unreadable ?? revision
                        continue
                    }
                    if ask.kind == .refresh, ask.installedRevision == revision.number {
                        return .current(revision, effectiveChannel: choice.channel)
                    }
                    return .serve(revision, effectiveChannel: choice.channel)
                }
            }
        }
        if let unreadable, let epoch = ask.epoch {
            return .failure(
                code: "revision-not-found",
                message: "Revision \(unreadable.number) of '\(package.name)' in \(channel.fullName) (epoch \(unreadable.epoch ?? .zero)) cannot read the data of epoch \(epoch); no revision there can.",
                releases: [])
        }
        return .failure(
            code: "revision-not-found",
            message: "No revision of '\(package.name)' in \(channel.fullName) for \(ask.architecture)\(ask.base.map { " on \($0)" } ?? "").",
            releases: available(package, ask))
    }

    /// The channel `text` names, with a risk-only name on `defaultTrack`; `nil` is the default track's stable.
    public static func channel(_ text: String?, defaultTrack: String) throws(ChannelParseError) -> Channel {
        guard let text, !text.isEmpty else { return Channel(track: defaultTrack, risk: .stable) }
        var channel = try Channel(parsing: text)
        let first = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
        if Risk(word: first) != nil { channel.track = defaultTrack }
        return channel
    }

    /// The map's platforms the device can use: its architecture (and base, for charms), then `all`.
    ///
    /// Collected from the releases in one pass without hashing (a map has a few platforms, and a refresh
    /// asks this once per installed package).
    private static func platforms(of package: Package, for ask: Ask) -> [Platform] {
        let all = Architecture(rawValue: "all")
        var platforms: [Platform] = []
        for release in package.map.releases {
            let platform = release.platform
            guard platform.architecture == ask.architecture || platform.architecture == all,
                  ask.base == nil || platform.base == nil || platform.base == ask.base,
                  !platforms.contains(platform)
            else { continue }
            platforms.append(platform)
        }
        if platforms.count < 2 { return platforms }
        return platforms.sorted { ($0.architecture == all ? 1 : 0, $0) < ($1.architecture == all ? 1 : 0, $1) }
    }

    /// The plain releases for the device's architecture, on any base (Juju suggests another base from
    /// them), for error messages (at most 20).
    private static func available(_ package: Package, _ ask: Ask) -> [ChannelRelease] {
        let all = Architecture(rawValue: "all")
        return Array(package.map.releases
            .filter { !$0.isProgressive && !$0.channel.isBranch && ($0.platform.architecture == ask.architecture || $0.platform.architecture == all) }
            .sorted { ($0.channel, $0.platform) < ($1.channel, $1.platform) }.prefix(20))
    }
}

/// A device's stable place among a package's devices for progressive releases: FNV-1a of the device
/// key and the package id, modulo 100. A device whose bucket is under a progressive release's
/// percentage gets it, so raising the percentage only adds devices.
public enum ProgressiveBucket {
    /// The bucket (0–99) of `deviceKey` for `packageID`.
    public static func of(deviceKey: String, packageID: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (deviceKey + "\u{0}" + packageID).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int(hash % 100)
    }
}
