import StoreModels
import StoreService

/// The release preview: what the plan does, only the channels that change (before → after,
/// highlighted), errors in place, and the Cancel/Apply buttons; or the conflict view.
enum ReleasePreviewView {
    /// One drawn line of the preview.
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

    static func render(_ state: AppState, _ preview: ReleasePreviewState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        let isConflict: Bool
        if case .conflict = preview.phase { isConflict = true } else { isConflict = false }
        var x = canvas.label(" \(preview.crumb) ", x: 1, y: body.y - 1, style: isConflict ? theme.error : theme.tabActive)
        x += canvas.text(" " + preview.package.rawValue, x: x + 1, y: body.y - 1, width: canvas.width / 2 - x, style: theme.text.adding(.bold))
        canvas.labelRight(versionLabel(preview) + " ", right: canvas.width, y: body.y - 1, style: theme.dim)

        let all = wrapped(lines(preview), width: canvas.width - 3)
        let rows = max(1, body.height - 2)
        let scroll = min(preview.scroll, max(0, all.count - rows))
        let columns = columns(width: canvas.width)
        for (offset, line) in all.dropFirst(scroll).prefix(rows).enumerated() {
            draw(line, y: body.y + offset, columns: columns, versions: preview.versions, into: &canvas, theme: theme)
        }
        if all.count > rows {
            canvas.labelRight("\(scroll + 1)–\(min(all.count, scroll + rows))/\(all.count) ", right: canvas.width, y: body.y + rows - 1, style: theme.dim)
        }
        drawButtons(state, preview, y: body.y + body.height - 1, into: &canvas, theme: theme)
    }

    static func versionLabel(_ preview: ReleasePreviewState) -> String {
        switch preview.phase {
        case .conflict(let expected, let actual, _): return "channel map version \(expected) → \(actual) (changed)"
        default:
            if case .success(let outcome) = preview.outcome { return "channel map version \(preview.base.version) → \(outcome.map.version)" }
            return "channel map version \(preview.base.version)"
        }
    }

    // MARK: - Lines

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

    /// What a channel serves, in words: `1.28 (r28)`, `↑ beta 1.26 (r26)`, `closed`, `+ r25 20%`.
    static func describe(_ serving: Serving, versions: [Int: String]) -> String {
        func revision(_ number: Int) -> String { "\(versions[number] ?? "?") (r\(number))" }
        var text: String
        switch serving.source {
        case .closed: return "closed"
        case .own: text = serving.revision.map(revision) ?? ""
        case .following(let channel): text = "↑ \(channel.risk) " + (serving.revision.map(revision) ?? "")
        }
        if let progressive = serving.progressive, let percentage = progressive.progressivePercentage {
            text += (text.isEmpty ? "" : " + ") + "r\(progressive.revision) \(percentage)%"
        }
        return text.isEmpty ? "–" : text
    }

    // MARK: - Drawing

    static func columns(width: Int) -> [Column] {
        // Room for `arm64 ubuntu 22.04` from 100 columns; below, the architecture still leads.
        let platform = width >= 100 ? 20 : 14
        let side = max(8, (width - 1 - (platform + 1) - 19 - 4) / 2)
        return Column.layout([Column("PLATFORM", platform), Column("CHANNEL", 18), Column("", side), Column("", 2), Column("", side)], totalWidth: width)
    }

    /// A platform as the preview names it: the architecture first (what tells two rows of one
    /// channel apart), then the base, `arm64 ubuntu 22.04`.
    static func platformLabel(_ platform: Platform) -> String {
        guard platform.base != nil else { return platform.architecture.rawValue }
        let base = platform.baseParts.map { "\($0.name) \($0.channel)" } ?? platform.base ?? ""
        return "\(platform.architecture.rawValue) \(base)"
    }

    static func draw(_ line: Line, y: Int, columns: [Column], versions: [Int: String], into canvas: inout Canvas, theme: Theme) {
        let width = canvas.width - 3
        switch line {
        case .blank: break
        case .heading(let text): canvas.label(text, x: 1, y: y, width: width, style: theme.title)
        case .plain(let text): canvas.label(text, x: 1, y: y, width: width, style: theme.text)
        case .untrusted(let text): canvas.text(text, x: 1, y: y, width: width, style: theme.text)
        case .warning(let text): canvas.label(text, x: 1, y: y, width: width, style: theme.warning)
        case .error(let text): canvas.label(text, x: 1, y: y, width: width, style: theme.error)
        case .tableHeader(let before, let after):
            let titles = ["PLATFORM", "CHANNEL", before, "", after]
            for (column, title) in zip(columns, titles) { canvas.label(title, x: column.x + 2, y: y, width: column.width, style: theme.header) }
        case .change(let change, let isConflict):
            let highlight = isConflict ? theme.warning : theme.success
            canvas.fill(x: 1, y: y, width: 1, style: highlight)
            canvas.label(isConflict ? "!" : "▌", x: 1, y: y, width: 1, style: highlight)
            canvas.text(platformLabel(change.platform), x: columns[0].x + 2, y: y, width: columns[0].width, style: theme.text)
            canvas.label(change.channel.fullName, x: columns[1].x + 2, y: y, width: columns[1].width, style: theme.text.adding(.bold))
            canvas.text(describe(change.before, versions: versions), x: columns[2].x + 2, y: y, width: columns[2].width, style: theme.dim)
            canvas.label("→", x: columns[3].x + 2, y: y, width: 1, style: theme.key)
            canvas.text(describe(change.after, versions: versions), x: columns[4].x + 2, y: y, width: columns[4].width - 2, style: highlight.adding(.bold))
        }
    }

    static func drawButtons(_ state: AppState, _ preview: ReleasePreviewState, y: Int, into canvas: inout Canvas, theme: Theme) {
        var x = 2
        let cancelStyle = preview.focus == .cancel ? theme.selected.adding(.bold) : theme.text
        x += canvas.label("[ Cancel ]", x: x, y: y, style: cancelStyle)
        x += 2
        let applyStyle: Style
        if !preview.canApply { applyStyle = theme.dim } else { applyStyle = preview.focus == .apply ? theme.selected.adding(.bold) : theme.text }
        let applyTitle: String
        if case .applying = preview.phase { applyTitle = "[ Applying… ]" } else { applyTitle = preview.isUndo ? "[ Apply undo ]" : "[ Apply ]" }
        x += canvas.label(applyTitle, x: x, y: y, style: applyStyle)
        let hint: String
        switch preview.phase {
        case .conflict, .failed: hint = "r rebuild on the fresh map · Esc cancel"
        case .applying, .rebuilding: hint = "waiting for the store…"
        case .reviewing: hint = preview.canApply ? "y apply · Tab switch · Enter press · Esc cancel" : "Esc cancel · r rebuild"
        }
        canvas.label(hint, x: x + 3, y: y, width: canvas.width - x - 4, style: theme.dim)
    }
}
