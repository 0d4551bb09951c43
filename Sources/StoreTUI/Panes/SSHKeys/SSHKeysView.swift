import Foundation
import StoreModels
import StoreService

/// The SSH keys screen: the account line (admins), the keys newest first, and the highlighted key
/// in full. Comments and usernames come from the store: drawn as untrusted text.
enum SSHKeysView {
    /// The keys table: type, fingerprint, when added, and the comment in what is left.
    static let table = [Column("TYPE", 9), Column("FINGERPRINT", 22, wide: 51), Column("ADDED", 8), Column("COMMENT", 10)]
    /// The same with the account first, for admins (who see every account's keys).
    static let tableWithAccount = [Column("ACCOUNT", 10, wide: 16)] + table

    static func columns(width: Int, withAccount: Bool) -> [Column] {
        Column.layout(withAccount ? tableWithAccount : table, totalWidth: width)
    }

    static func render(_ state: AppState, layout: PaneLayout, into canvas: inout Canvas, theme: Theme) {
        let keys = state.sshKeys
        let everyAccount = SSHKeysReducer.seesEveryAccount(state.settings.identity)
        let fieldY = layout.toolbar.y
        let right: Int
        if everyAccount {
            right = FilterFieldView.drawTitled("SSH keys", keys.account, isEditing: keys.isEditing, hint: "f: one account's keys",
                                               y: fieldY, width: max(10, min(24, canvas.width / 3)), into: &canvas, theme: theme) + 1
        } else {
            right = canvas.label(" SSH keys ", x: 1, y: fieldY, style: theme.tabActive) + 2
            if let username = state.settings.identity.account?.username {
                canvas.text(username, x: right, y: fieldY, width: max(1, canvas.width / 3), style: theme.text.adding(.bold))
            }
        }
        let hints = KeyHints.text([("a", "add", .addSSHKey), ("d", "remove", .removeSSHKey)], in: state)
        let count = (hints.isEmpty ? "" : hints + "· ") + keys.list.place("key", "keys") + " "
        if right + SafeText(trusted: count).width + 12 < canvas.width {
            canvas.labelRight(count, right: canvas.width, y: fieldY, style: theme.dim)
        }

        let columns = columns(width: canvas.width, withAccount: everyAccount)
        let none = everyAccount && !keys.account.isEmpty
            ? "This account has no SSH keys."
            : everyAccount ? "No account has an SSH key yet: a adds one." : "You have no SSH keys yet: a adds one (paste a .pub line)."
        let empty = TableView.placeholder(keys.list, loading: "Loading the SSH keys…", none: none)
        TableView.draw(keys.list, columns: columns, layout: layout, empty: empty, into: &canvas, theme: theme) { key, row, canvas in
            let base = row.base
            let first = everyAccount ? 1 : 0
            if everyAccount {
                canvas.text(key.username, x: columns[0].x, y: row.y, width: columns[0].width, style: base.adding(.bold))
            }
            let (type, fingerprint, added, comment) = (columns[first], columns[first + 1], columns[first + 2], columns[first + 3])
            canvas.text(shortAlgorithm(key.algorithm), x: type.x, y: row.y, width: type.width, style: row.isHighlighted ? base : theme.dim)
            canvas.text(key.fingerprint, x: fingerprint.x, y: row.y, width: fingerprint.width, style: base)
            canvas.text(key.comment, x: comment.x, y: row.y, width: comment.width, style: base)
            canvas.label(Formatting.relative(key.createdAt, to: state.now), x: added.x, y: row.y, width: added.width,
                         style: row.isHighlighted ? base : theme.dim)
        }
        guard let key = keys.selected, let detail = TableView.drawSeparator(layout, into: &canvas, theme: theme) else { return }
        canvas.within(detail) { canvas in drawDetail(key, y: detail.y, bottom: detail.maxY, into: &canvas, theme: theme) }
    }

    /// `ed25519`, `ecdsa-256`: the algorithm without its family prefix.
    static func shortAlgorithm(_ algorithm: String) -> String {
        if algorithm == "ssh-ed25519" { return "ed25519" }
        if algorithm.hasPrefix("ecdsa-sha2-nistp") { return "ecdsa-" + algorithm.dropFirst("ecdsa-sha2-nistp".count) }
        return algorithm
    }

    /// The highlighted key in full: its whole fingerprint, owner, when it was added, its id.
    static func drawDetail(_ key: SSHKeyInfo, y top: Int, bottom: Int, into canvas: inout Canvas, theme: Theme) {
        var y = top
        let width = canvas.width - 2
        guard y < bottom else { return }
        var x = canvas.label("Key  ", x: 2, y: y, style: theme.dim) + 2
        canvas.text(key.fingerprint, x: x, y: y, width: max(1, width - x), style: theme.text.adding(.bold))
        y += 1
        guard y < bottom else { return }
        x = canvas.label("Of   ", x: 2, y: y, style: theme.dim) + 2
        x += canvas.text(key.username, x: x, y: y, width: max(1, min(24, width - x)), style: theme.text)
        x += canvas.label(" · added " + Formatting.timestamp(key.createdAt) + " · ", x: x, y: y, style: theme.dim)
        canvas.text(key.id, x: x, y: y, width: max(1, width - x), style: theme.dim)
        y += 1
        guard y < bottom, !key.comment.isEmpty else { return }
        x = canvas.label("Note ", x: 2, y: y, style: theme.dim) + 2
        canvas.text(key.comment, x: x, y: y, width: max(1, width - x), style: theme.text)
    }
}
