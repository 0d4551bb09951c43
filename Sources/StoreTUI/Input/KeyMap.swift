/// Where a key binding applies.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    /// Everywhere (unless a text field has focus).
    case global
    /// The search results list.
    case search
    /// Any tab of a package.
    case package
    /// The revisions table.
    case revisions
    /// The channel map.
    case channels
}

/// One binding: keys, the command, and where it applies. Keybindings are data, so help, the
/// palette and "disabled because…" all come from this one table.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var command: Command
    public var context: KeyContext

    public init(_ keys: [Key], _ command: Command, _ context: KeyContext) {
        self.keys = keys
        self.command = command
        self.context = context
    }
}

/// The active key bindings, with user overrides applied.
public struct KeyMap: Hashable, Sendable {
    public private(set) var bindings: [KeyBinding]

    public init(bindings: [KeyBinding] = KeyMap.defaults) { self.bindings = bindings }

    /// The built-in bindings: arrows and vim keys, PgUp/PgDn, Home/End, Tab, `/`, `:`, `?`, `q`.
    public static let defaults: [KeyBinding] = [
        KeyBinding([.up, .character("k")], .moveUp, .global),
        KeyBinding([.down, .character("j")], .moveDown, .global),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, .global),
        KeyBinding([.pageDown, .ctrl("f"), .character(" ")], .pageDown, .global),
        KeyBinding([.home, .character("g")], .top, .global),
        KeyBinding([.end, .character("G")], .bottom, .global),
        KeyBinding([.enter, .right, .character("l")], .open, .search),
        KeyBinding([.escape, .backspace, .left, .character("h")], .back, .package),
        KeyBinding([.tab], .nextTab, .package),
        KeyBinding([.backTab], .previousTab, .package),
        KeyBinding([.character("1")], .showDetail, .package),
        KeyBinding([.character("2")], .showRevisions, .package),
        KeyBinding([.character("3")], .showChannels, .package),
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
        KeyBinding([.character("s")], .cycleSort, .revisions),
        KeyBinding([.character("a")], .cycleArchitecture, .revisions),
        KeyBinding([.character("f")], .cycleReviewStatus, .revisions),
        KeyBinding([.character("T")], .toggleTheme, .global),
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

    /// The bindings that apply in `contexts`, for the help overlay.
    public func bindings(in contexts: [KeyContext]) -> [KeyBinding] {
        bindings.filter { contexts.contains($0.context) }
    }

    /// Rebinds a command to new keys in its context.
    /// - Returns: the commands whose keys now clash with the new ones in overlapping contexts.
    public mutating func rebind(_ command: Command, to keys: [Key]) -> [String] {
        guard let index = bindings.firstIndex(where: { $0.command == command }) else { return [] }
        let context = bindings[index].context
        bindings[index].keys = keys
        var conflicts: [String] = []
        for other in bindings where other.command != command && (other.context == context || other.context == .global || context == .global) {
            for key in keys where other.keys.contains(key) {
                conflicts.append("\(key) is bound to both \(command.rawValue) and \(other.command.rawValue)")
            }
        }
        return conflicts
    }
}
