import StoreModels

/// A one-line "before → after" for an audit event, from its typed payloads (``AuditPayload``).
enum AuditSummary {
    /// At most this many channel changes are listed.
    static let maximumChannels = 3

    static func change(_ event: AuditEvent) -> String {
        if let before = event.beforePayload?.releases, let after = event.afterPayload?.releases {
            return channelChange(before: before, after: after)
        }
        if let before = event.beforePayload?.fields, let after = event.afterPayload?.fields {
            let keys = Set(before.keys).union(after.keys).sorted()
            let parts = keys.compactMap { key -> String? in
                let old = before[key] ?? "–", new = after[key] ?? "–"
                return old == new ? nil : "\(key): \(old) → \(new)"
            }
            return parts.isEmpty ? "no change" : parts.joined(separator: "; ")
        }
        switch (event.before, event.after) {
        case (nil, nil): return ""
        case (let before?, nil): return "\(before) → –"
        case (nil, let after?): return after
        case (let before?, let after?): return "\(before) → \(after)"
        }
    }

    static func channelChange(before: [ChannelRelease], after: [ChannelRelease]) -> String {
        let old = ChannelMap(releases: before, tracks: before.map(\.channel.track))
        let new = ChannelMap(releases: after, tracks: after.map(\.channel.track))
        var changes = old.differences(to: new)
        let own = changes.filter { $0.before.source == .own || $0.after.source == .own }
        if !own.isEmpty { changes = own }
        guard !changes.isEmpty else { return "no channel change" }
        func describe(_ serving: Serving) -> String {
            let share = serving.progressive.map { progressive in
                "→r\(progressive.revision)" + (progressive.progressivePercentage.map { " \($0)%" } ?? "")
            }
            switch serving.source {
            case .closed: return share ?? "–"
            case .following: return "↑" + (share.map { " " + $0 } ?? "")
            case .own:
                // What most devices get, then a progressive release beside it: `r5 →r7 20%`.
                return [serving.revision.map { "r\($0)" }, share].compactMap { $0 }.joined(separator: " ")
            }
        }
        var parts = changes.prefix(maximumChannels).map {
            "\($0.channel.shortName) \($0.platform): \(describe($0.before))→\(describe($0.after))"
        }
        if changes.count > maximumChannels { parts.append("+\(changes.count - maximumChannels) more") }
        return parts.joined(separator: "; ")
    }
}
