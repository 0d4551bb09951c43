import StoreModels
import StoreService

/// The preview's text as lines (headings, the plan in words, the changes, errors): a model both
/// the view (which draws them) and the reducer (which scrolls through them) read.
enum ReleasePreviewLines {
    enum Line: Hashable {
        case heading(String)
        case plain(String)
        /// Text that carries store data (versions).
        case untrusted(String)
        case warning(String)
        case error(String)
        case tableHeader(before: String, after: String)
        case change(ChannelChange, isConflict: Bool)
        case blank
    }

    static func lines(_ preview: ReleasePreviewState) -> [Line] {
        var lines: [Line] = []
        if case .conflict(let expected, let actual, let changes) = preview.phase {
            lines.append(.error("✗ The channel map changed since you opened it (version \(expected) → \(actual)). Nothing was applied."))
            lines.append(.blank)
            lines.append(.heading("What changed meanwhile · \(changes.count) channel\(changes.count == 1 ? "" : "s")"))
            lines.append(.tableHeader(before: "WHEN YOU LOOKED", after: "NOW"))
            lines += changes.map { .change($0, isConflict: true) }
            lines.append(.blank)
            lines.append(.warning("Your plan is kept: r rebuilds the preview on the fresh map · Esc cancels."))
            lines.append(.blank)
            lines.append(.heading("Your plan: \(preview.summary)"))
            lines += operations(preview)
            return lines
        }
        lines.append(.heading(preview.summary))
        if let note = preview.note { lines.append(.warning(note)) }
        switch preview.phase {
        case .failed(let error): lines.append(.error("✗ The store did not apply the plan: \(error.description)"))
        case .applying: lines.append(.plain("Applying… waiting for the store's answer."))
        case .rebuilding: lines.append(.plain("Reloading the channel map to rebuild the preview…"))
        case .reviewing, .conflict: break
        }
        lines += operations(preview)
        lines.append(.blank)
        switch preview.outcome {
        case .failure(let error):
            lines.append(.error("✗ Cannot apply: \(error.description)."))
        case .success(let outcome):
            let changes = outcome.changes
            if changes.isEmpty {
                lines.append(.plain("Nothing would change: the channel map already serves this."))
            } else {
                let platforms = Set(changes.map(\.platform)).count
                lines.append(.heading("Changes · \(changes.count) channel\(changes.count == 1 ? "" : "s") on \(platforms) platform\(platforms == 1 ? "" : "s")"))
                lines.append(.tableHeader(before: "BEFORE", after: "AFTER"))
                lines += changes.map { .change($0, isConflict: false) }
                if let devices = preview.devices {
                    let moved = devices.moved(by: changes)
                    lines.append(.plain(moved == 0
                        ? "Devices that move: none (no device was seen on these channels yesterday or today)"
                        : "Devices that move: about \(MetricsChart.full(moved)) (seen on these channels yesterday or today)"))
                }
            }
        }
        return lines
    }

    /// Long errors and warnings wrap (a plan error must be read in full).
    static func wrapped(_ lines: [Line], width: Int) -> [Line] {
        lines.flatMap { line -> [Line] in
            switch line {
            case .error(let text): return SafeText.wrapped(untrusted: text, width: width, maxLines: 6).map { .error($0.string) }
            case .warning(let text): return SafeText.wrapped(untrusted: text, width: width, maxLines: 6).map { .warning($0.string) }
            default: return [line]
            }
        }
    }

    /// The plan in words, one line per operation.
    static func operations(_ preview: ReleasePreviewState) -> [Line] {
        preview.plan.operations.map { operation in
            switch operation {
            case .release(let number, let channels, let progressive, let platforms, _):
                let version = preview.versions[number].map { " (\($0))" } ?? ""
                let share = progressive.map { " to \($0)% of devices" } ?? ""
                return .untrusted("  • release r\(number)\(version) to \(names(channels))\(share)\(on(platforms))")
            case .promote(let from, let to, let platforms):
                return .plain("  • promote what \(from.fullName) serves to \(to.fullName)\(on(platforms))")
            case .close(let channels, let platforms):
                return .plain("  • close \(names(channels))\(on(platforms))")
            case .setProgress(let channel, let percentage, let platforms):
                let what = percentage == 100 ? "complete" : (percentage == 0 ? "roll back" : "set to \(percentage)%")
                return .plain("  • \(what) the progressive release on \(channel.fullName)\(on(platforms))")
            }
        }
    }

    static func names(_ channels: [Channel]) -> String { channels.map(\.fullName).joined(separator: ", ") }

    static func on(_ platforms: [Platform]?) -> String {
        platforms.map { " on " + $0.map(\.description).joined(separator: ", ") } ?? ""
    }

    /// What a channel serves, in words: `1.28 (r28)`, `↑ beta 1.26 (r26)`, `closed` (or `never
    /// released` where `map` never held a release there), `+ r25 20%`.
    static func describe(_ serving: Serving, versions: [Int: String], slot: ChannelSlot? = nil, in map: ChannelMap? = nil) -> String {
        func revision(_ number: Int) -> String { "\(versions[number] ?? "?") (r\(number))" }
        var text: String
        switch serving.source {
        case .closed where serving.progressive == nil:
            guard let slot, let map, !map.wasClosed(slot.channel, on: slot.platform) else { return "closed" }
            return "never released"
        case .closed: text = ""
        case .own: text = serving.revision.map(revision) ?? ""
        case .following(let channel): text = "↑ \(channel.risk) " + (serving.revision.map(revision) ?? "")
        }
        if let progressive = serving.progressive, let percentage = progressive.progressivePercentage {
            text += (text.isEmpty ? "" : " + ") + "r\(progressive.revision) \(percentage)%"
        }
        return text.isEmpty ? "–" : text
    }
}
