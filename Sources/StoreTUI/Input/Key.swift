/// A decoded key press.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (already a grapheme; control keys have their own cases).
    case character(Character)
    /// Control plus a letter, lower-cased (`ctrl("c")`).
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right
    case home, end, pageUp, pageDown
    /// F1–F12.
    case function(Int)

    /// The label used in help and key-binding files: `j`, `C-c`, `Enter`, `PgDn`, `F5`.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .ctrl(let c): "C-\(c)"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }

    /// Parses a label written by ``description`` (used by the key-binding config file).
    public init?(label: String) {
        switch label {
        case "Space": self = .character(" ")
        case "Enter": self = .enter
        case "Esc": self = .escape
        case "Tab": self = .tab
        case "S-Tab": self = .backTab
        case "Backspace": self = .backspace
        case "Del": self = .delete
        case "Up": self = .up
        case "Down": self = .down
        case "Left": self = .left
        case "Right": self = .right
        case "Home": self = .home
        case "End": self = .end
        case "PgUp": self = .pageUp
        case "PgDn": self = .pageDown
        default:
            if label.hasPrefix("C-"), label.count == 3, let c = label.last {
                self = .ctrl(Character(c.lowercased()))
            } else if label.hasPrefix("F"), let n = Int(label.dropFirst()), (1...12).contains(n) {
                self = .function(n)
            } else if label.count == 1, let c = label.first {
                self = .character(c)
            } else {
                return nil
            }
        }
    }
}

/// A mouse event in screen cells.
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable { case click, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Something the terminal reported.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal changed size (columns, rows).
    case resize(width: Int, height: Int)
}
