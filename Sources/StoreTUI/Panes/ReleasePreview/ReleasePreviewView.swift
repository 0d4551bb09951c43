import StoreModels
import StoreService

/// The release preview: what the plan does, only the channels that change (before → after,
/// highlighted), errors in place, and the Cancel/Apply buttons; or the conflict view.
enum ReleasePreviewView {
    /// One drawn line of the preview.
    static func render(_ state: AppState, _ preview: ReleasePreviewState, body: Rect, into canvas: inout Canvas, theme: Theme) {
        let isConflict: Bool
        if case .conflict = preview.phase { isConflict = true } else { isConflict = false }
        var x = canvas.label(" \(preview.crumb) ", x: 1, y: body.y - 1, style: isConflict ? theme.error : theme.tabActive)
        x += canvas.text(" " + preview.package.rawValue, x: x + 1, y: body.y - 1, width: canvas.width / 2 - x, style: theme.text.adding(.bold))
        canvas.labelRight(versionLabel(preview) + " ", right: canvas.width, y: body.y - 1, style: theme.dim)

        let all = ReleasePreviewLines.wrapped(ReleasePreviewLines.lines(preview), width: canvas.width - 3)
        let rows = max(1, body.height - 2)
        let scroll = min(preview.scroll, max(0, all.count - rows))
        let columns = columns(width: canvas.width)
        for (offset, line) in all.dropFirst(scroll).prefix(rows).enumerated() {
            draw(line, y: body.y + offset, columns: columns, preview: preview, into: &canvas, theme: theme)
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

    static func draw(_ line: ReleasePreviewLines.Line, y: Int, columns: [Column], preview: ReleasePreviewState, into canvas: inout Canvas, theme: Theme) {
        let versions = preview.versions
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
            let slot = ChannelSlot(channel: change.channel, platform: change.platform)
            let after = (try? preview.outcome.get())?.map
            canvas.text(ReleasePreviewLines.describe(change.before, versions: versions, slot: slot, in: preview.base),
                        x: columns[2].x + 2, y: y, width: columns[2].width, style: theme.dim)
            canvas.label("→", x: columns[3].x + 2, y: y, width: 1, style: theme.key)
            canvas.text(ReleasePreviewLines.describe(change.after, versions: versions, slot: slot, in: isConflict ? nil : after),
                        x: columns[4].x + 2, y: y, width: columns[4].width - 2, style: highlight.adding(.bold))
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
