/// Where a key binding applies.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    /// Everywhere (unless a text field has focus).
    case global
    /// The search results list.
    case search
    /// Any tab of a package.
    case package
    /// The package's detail tab.
    case detail
    /// The revisions table.
    case revisions
    /// The channel map.
    case channels
    /// The metrics chart.
    case metrics
    /// The release preview (and its conflict view).
    case preview
    /// The review queue.
    case reviewQueue = "review-queue"
    /// The publishers list.
    case publishers
    /// One publisher.
    case publisher
    /// The audit log.
    case audit
    /// The SSH keys.
    case sshKeys = "ssh-keys"

    /// The context stacks the console uses, most specific first: one per screen.
    public static let stacks: [[KeyContext]] = [
        [.search, .global],
        [.detail, .package, .global],
        [.revisions, .package, .global],
        [.channels, .package, .global],
        [.metrics, .package, .global],
        [.preview, .global],
        [.reviewQueue, .global],
        [.publishers, .global],
        [.publisher, .global],
        [.audit, .global],
        [.sshKeys, .global],
    ]

    /// Whether both contexts are ever in force together (so their keys must not clash).
    public func overlaps(_ other: KeyContext) -> Bool {
        self == other || KeyContext.stacks.contains { $0.contains(self) && $0.contains(other) }
    }

    /// What the help overlay calls the context.
    public var title: String {
        switch self {
        case .global: "everywhere"
        case .search: "search"
        case .package: "package"
        case .detail: "package detail"
        case .revisions: "revisions"
        case .channels: "channel map"
        case .metrics: "metrics"
        case .preview: "release preview"
        case .reviewQueue: "review queue"
        case .publishers: "publishers"
        case .publisher: "publisher"
        case .audit: "audit log"
        case .sshKeys: "SSH keys"
        }
    }
}

/// One binding: keys, the command, and where it applies. Keybindings are data, so help, the
/// palette and "disabled because…" all come from this one table.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var command: Command
    public var context: KeyContext

    /// Creates a binding.
    public init(_ keys: [Key], _ command: Command, _ context: KeyContext) {
        self.keys = keys
        self.command = command
        self.context = context
    }
}

/// The active key bindings, with user overrides applied.
///
/// A command may be bound in several contexts (`back` in every pane); rebinding a command changes
/// it everywhere.
public struct KeyMap: Hashable, Sendable {
    public private(set) var bindings: [KeyBinding]

    /// Creates a key map (the built-in bindings by default).
    public init(bindings: [KeyBinding] = KeyMap.defaults) { self.bindings = bindings }

    private static let backKeys: [Key] = [.escape, .backspace, .left, .character("h")]
    /// On a package, Left and h go back except on the channel map, where they move between platforms.
    private static let packageBackKeys: [Key] = [.escape, .backspace]
    private static let leftKeys: [Key] = [.left, .character("h")]
    private static let openKeys: [Key] = [.enter, .right, .character("l")]

    /// The built-in bindings: arrows and vim keys, PgUp/PgDn, Home/End, Tab, `/`, `:`, `?`, `q`,
    /// then the publishing, review and moderation keys of each pane.
    public static let defaults: [KeyBinding] = [
        KeyBinding([.up, .character("k")], .moveUp, .global),
        KeyBinding([.down, .character("j")], .moveDown, .global),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, .global),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, .global),
        // Space pages only where it selects nothing.
        KeyBinding([.character(" ")], .pageDown, .search),
        KeyBinding([.home, .character("g")], .top, .global),
        KeyBinding([.end, .character("G")], .bottom, .global),
        KeyBinding(openKeys, .open, .search),
        KeyBinding(packageBackKeys, .back, .package),
        KeyBinding(leftKeys, .back, .detail),
        KeyBinding(leftKeys, .back, .revisions),
        KeyBinding([.tab], .nextTab, .package),
        KeyBinding([.backTab], .previousTab, .package),
        KeyBinding([.character("1")], .showDetail, .package),
        KeyBinding([.character("2")], .showRevisions, .package),
        KeyBinding([.character("3")], .showChannels, .package),
        KeyBinding([.character("4")], .showMetrics, .package),
        KeyBinding(leftKeys, .moveLeft, .metrics),
        KeyBinding([.right, .character("l")], .moveRight, .metrics),
        KeyBinding([.character("d")], .cycleRange, .metrics),
        KeyBinding([.character("b")], .cycleBreakdown, .metrics),
        KeyBinding([.character("/")], .search, .global),
        KeyBinding([.character(":")], .palette, .global),
        KeyBinding([.character("?"), .function(1)], .help, .global),
        KeyBinding([.character("q"), .ctrl("c")], .quit, .global),
        KeyBinding([.character("r")], .retry, .global),
        KeyBinding([.ctrl("l")], .redraw, .global),
        KeyBinding([.ctrl("z")], .suspend, .global),
        KeyBinding([.character("t")], .cycleType, .search),
        KeyBinding([.character("v")], .toggleVerified, .search),
        KeyBinding([.character("c")], .cycleCategory, .search),
        KeyBinding([.character("s")], .cycleSort, .search),
        KeyBinding([.character("S")], .reverseSort, .search),
        KeyBinding([.character("s")], .cycleSort, .revisions),
        KeyBinding([.character("a")], .cycleArchitecture, .revisions),
        KeyBinding([.character("f")], .cycleReviewStatus, .revisions),
        KeyBinding([.character("T")], .toggleTheme, .global),
        KeyBinding([.character("Q")], .reviewQueue, .global),
        KeyBinding([.character("P")], .publishers, .global),
        KeyBinding([.character("A")], .audit, .global),
        KeyBinding([.character("K")], .sshKeys, .global),
        // Publishing.
        KeyBinding([.character(" ")], .toggleSelection, .revisions),
        KeyBinding([.character("R")], .release, .revisions),
        KeyBinding(leftKeys, .moveLeft, .channels),
        KeyBinding([.right, .character("l")], .moveRight, .channels),
        KeyBinding([.character(" ")], .toggleSelection, .channels),
        KeyBinding([.character("R")], .release, .channels),
        KeyBinding([.character("p")], .promote, .channels),
        KeyBinding([.character("x")], .closeChannel, .channels),
        KeyBinding([.character("%")], .progressive, .channels),
        KeyBinding([.character("*")], .allPlatforms, .channels),
        KeyBinding([.character("u")], .undoRelease, .channels),
        // The release preview: Cancel has the focus; `y` applies.
        KeyBinding([.character("y")], .apply, .preview),
        KeyBinding([.enter], .activate, .preview),
        KeyBinding([.tab, .backTab], .switchFocus, .preview),
        KeyBinding(backKeys, .back, .preview),
        // Review queue.
        KeyBinding([.character(" ")], .toggleSelection, .reviewQueue),
        KeyBinding([.character("a")], .approve, .reviewQueue),
        KeyBinding([.character("d")], .reject, .reviewQueue),
        KeyBinding([.character("s")], .skip, .reviewQueue),
        KeyBinding(openKeys, .open, .reviewQueue),
        KeyBinding(backKeys, .back, .reviewQueue),
        // Publishers.
        KeyBinding([.character("f")], .editFilter, .publishers),
        KeyBinding(openKeys, .open, .publishers),
        KeyBinding([.character("v")], .verify, .publishers),
        KeyBinding([.character("S")], .suspendPublisher, .publishers),
        KeyBinding([.character("U")], .unsuspendPublisher, .publishers),
        KeyBinding(backKeys, .back, .publishers),
        KeyBinding(openKeys, .open, .publisher),
        KeyBinding([.character("v")], .verify, .publisher),
        KeyBinding([.character("S")], .suspendPublisher, .publisher),
        KeyBinding([.character("U")], .unsuspendPublisher, .publisher),
        KeyBinding(backKeys, .back, .publisher),
        // Audit log.
        KeyBinding([.character("f")], .editFilter, .audit),
        KeyBinding([.character("u")], .undoRelease, .audit),
        KeyBinding(backKeys, .back, .audit),
        // SSH keys.
        KeyBinding([.character("a")], .addSSHKey, .sshKeys),
        KeyBinding([.character("d"), .delete], .removeSSHKey, .sshKeys),
        KeyBinding([.character("f")], .editFilter, .sshKeys),
        KeyBinding(backKeys, .back, .sshKeys),
    ]

    /// The command `key` runs in `contexts` (most specific first), if any.
    public func command(for key: Key, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.command
            }
        }
        return nil
    }

    /// The bindings that apply in `contexts`, for the help overlay: one entry per command (the
    /// context of its first binding), with the keys of all its bindings there.
    public func bindings(in contexts: [KeyContext]) -> [KeyBinding] {
        var result: [KeyBinding] = []
        for binding in bindings where contexts.contains(binding.context) {
            if let index = result.firstIndex(where: { $0.command == binding.command }) {
                for key in binding.keys where !result[index].keys.contains(key) { result[index].keys.append(key) }
            } else {
                result.append(binding)
            }
        }
        return result
    }

    /// The keys bound to `command` in `contexts`, for hints ("y apply").
    public func keys(for command: Command, in contexts: [KeyContext]) -> [Key] {
        bindings(in: contexts).first { $0.command == command }?.keys ?? []
    }

    /// Rebinds a command to new keys in every context it is bound in.
    /// - Returns: the commands whose keys now clash with the new ones in overlapping contexts.
    public mutating func rebind(_ command: Command, to keys: [Key]) -> [String] {
        let indices = bindings.indices.filter { bindings[$0].command == command }
        guard !indices.isEmpty else { return [] }
        for index in indices { bindings[index].keys = keys }
        var conflicts: [String] = []
        for index in indices {
            let context = bindings[index].context
            for other in bindings where other.command != command && other.context.overlaps(context) {
                for key in keys where other.keys.contains(key) {
                    let message = "\(key) is bound to both \(command.rawValue) and \(other.command.rawValue)"
                    if !conflicts.contains(message) { conflicts.append(message) }
                }
            }
        }
        return conflicts
    }

    /// Every clash in the map: a key bound to two commands in contexts in force together.
    public var conflicts: [String] {
        var result: [String] = []
        for (index, binding) in bindings.enumerated() {
            for other in bindings[(index + 1)...] where other.command != binding.command && other.context.overlaps(binding.context) {
                for key in binding.keys where other.keys.contains(key) {
                    result.append("\(key) is bound to both \(binding.command.rawValue) (\(binding.context.rawValue)) and \(other.command.rawValue) (\(other.context.rawValue))")
                }
            }
        }
        return result
    }
}
