import StoreModels

/// The refresh body read from a ``ScannedJSON`` document: what `SnapRefreshRequest`'s `Decodable`
/// conformance reads, key for key, for the plain bodies snapd sends. `nil` whenever the full reader
/// might answer anything else (an unknown key, a wrong kind, a missing key, an epoch it would refuse):
/// ``JSONBody`` then decodes the body the full way, with its messages.
extension SnapRefreshRequest {
    private static let keys: Set<String> = ["context", "actions", "fields"]

    init?(scanned json: ScannedJSON) {
        guard let members = json.members(known: Self.keys),
              let context = ScannedJSON.optional(members["context"], { $0.array(SnapRefreshContext.init(scanned:)) }),
              let actions = members["actions"]?.array(SnapRefreshAction.init(scanned:)),
              let fields = ScannedJSON.optional(members["fields"], { $0.array(\.stringValue) })
        else { return nil }
        self.init(context: context ?? [], actions: actions, fields: fields)
    }
}

extension SnapRefreshContext {
    private static let keys: Set<String> = ["snap-id", "instance-key", "revision", "tracking-channel", "epoch"]

    init?(scanned json: ScannedJSON) {
        guard let members = json.members(known: Self.keys),
              let snapID = members["snap-id"]?.stringValue,
              let instanceKey = members["instance-key"]?.stringValue,
              let revision = members["revision"]?.integerValue,
              let trackingChannel = ScannedJSON.optional(members["tracking-channel"], \.stringValue),
              let epoch = ScannedJSON.optional(members["epoch"], SnapEpoch.init(scanned:))
        else { return nil }
        self.init(snapID: snapID, instanceKey: instanceKey, revision: revision, trackingChannel: trackingChannel, epoch: epoch)
    }
}

extension SnapRefreshAction {
    private static let keys: Set<String> = ["action", "instance-key", "name", "snap-id", "channel", "revision", "epoch"]

    init?(scanned json: ScannedJSON) {
        guard let members = json.members(known: Self.keys),
              let action = members["action"]?.stringValue,
              let instanceKey = members["instance-key"]?.stringValue,
              let name = ScannedJSON.optional(members["name"], \.stringValue),
              let snapID = ScannedJSON.optional(members["snap-id"], \.stringValue),
              let channel = ScannedJSON.optional(members["channel"], \.stringValue),
              let revision = ScannedJSON.optional(members["revision"], \.integerValue),
              let epoch = ScannedJSON.optional(members["epoch"], SnapEpoch.init(scanned:))
        else { return nil }
        self.init(action: action, instanceKey: instanceKey, name: name, snapID: snapID, channel: channel, revision: revision, epoch: epoch)
    }
}

extension SnapEpoch {
    private static let keys: Set<String> = ["read", "write"]

    /// A present, non-null epoch: a string (`""` is epoch 0) or `{"read": […], "write": […]}`, either list
    /// optional, as `init(from:)` reads it.
    init?(scanned json: ScannedJSON) {
        switch json {
        case .string(let text):
            if text.isEmpty {
                self.init()
                return
            }
            guard let epoch = try? Epoch(parsing: text) else { return nil }
            self.init(epoch)
        case .object:
            guard let members = json.members(known: Self.keys),
                  let read = ScannedJSON.optional(members["read"], { $0.array(\.integerValue) }),
                  let write = ScannedJSON.optional(members["write"], { $0.array(\.integerValue) })
            else { return nil }
            self.init(listing: read, write: write)
        default:
            return nil
        }
    }
}
