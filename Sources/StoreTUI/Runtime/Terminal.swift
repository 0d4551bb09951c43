import CNcurses
import Foundation

/// The only type that touches ncurses: sets the terminal up, writes changed cells, reads input,
/// and puts the terminal back however the program ends.
///
/// Not thread-safe (neither is ncurses): create and use it on the event loop's thread only.
public final class Terminal {
    /// Options chosen on the command line and from the environment.
    public struct Options: Sendable {
        public var useColor: Bool
        public var enableMouse: Bool
        public init(useColor: Bool, enableMouse: Bool) {
            self.useColor = useColor
            self.enableMouse = enableMouse
        }
    }

    /// The terminfo entry in use (after any fallback), for the status bar and logs.
    public private(set) var termName: String
    /// Whether colours are in use, and how many the terminal has.
    public private(set) var colorCount: Int
    public private(set) var width: Int
    public private(set) var height: Int

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: ScreenBuffer?
    private var pairs: [PairKey: Int16] = [:]
    private var isActive = true
    private let useColor: Bool

    private struct PairKey: Hashable { var foreground: Int16; var background: Int16 }
    /// The last style drawn and what ncurses was given for it (``put(_:x:y:)``).
    private var lastStyle: Style?
    private var lastAttributes: attr_t = 0
    private var lastPair: Int16 = 0
    /// A cell's text as ncurses takes it: up to five scalars and a terminating 0, reused for every cell.
    private var wideText = [wchar_t](repeating: 0, count: 6)

    /// Opens the terminal on stdin/stdout.
    /// - Throws: `TerminalError` when stdin or stdout is not a terminal or no terminfo entry works.
    public init(options: Options) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        if getenv("ESCDELAY") == nil { setenv("ESCDELAY", "25", 1) }
        TerminalRestore.saveTermios()
        TerminalRestore.installCrashHandlers()

        let requested = ProcessInfo.processInfo.environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "xterm-256color"
        var opened: (OpaquePointer, String)?
        for candidate in [requested, "xterm-256color", "xterm", "vt100"] {
            if let screen = shim_newterm(candidate) {
                opened = (screen, candidate)
                break
            }
        }
        guard let (screen, name) = opened, let window = shim_stdscr() else { throw .noUsableTerminfo(requested) }
        self.screen = screen
        self.window = window
        self.termName = name
        set_escdelay(25)
        raw()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        curs_set(0)
        leaveok(window, true)
        def_prog_mode()
        if options.enableMouse {
            mousemask(shim_all_mouse_events(), nil)
            mouseinterval(0)
        }
        var colors = 0
        if options.useColor, has_colors() {
            start_color()
            use_default_colors()
            colors = Int(shim_colors())
        }
        self.colorCount = colors
        self.useColor = colors > 0
        self.width = Int(getmaxx(window))
        self.height = Int(getmaxy(window))
        TerminalRestore.isCursesActive = true
    }

    deinit { restore() }

    /// Puts the terminal back: leaves the alternate screen, shows the cursor, restores modes.
    public func restore() {
        guard isActive else { return }
        isActive = false
        mousemask(0, nil)
        curs_set(1)
        endwin()
        delscreen(screen)
        TerminalRestore.isCursesActive = false
        TerminalRestore.restoreTermios()
    }

    /// Writes the cells of `buffer` that differ from the last frame, then updates the screen once.
    public func present(_ buffer: ScreenBuffer) {
        if buffer.width != width || buffer.height != height { previous = nil }
        for run in buffer.changes(from: previous) {
            var x = run.x
            for cell in run.cells {
                if cell.width == 0 { continue }
                put(cell, x: x, y: run.y)
                x += Int(cell.width)
            }
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
    }

    /// Forgets the last frame so the next `present` repaints everything (after resume or `C-l`).
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever, 0: poll) for one input event.
    public func nextInput(timeoutMilliseconds: Int32) -> TerminalInput? {
        wtimeout(window, timeoutMilliseconds)
        var value: UInt32 = 0
        let result = shim_get_wch(window, &value)
        if result == shim_err() { return nil }
        if result == shim_key_code_yes() { return decodeKeyCode(Int32(bitPattern: value)) }
        return decodeCharacter(value)
    }

    /// Suspends the program like a shell's `C-z`: restores the terminal, stops, and on resume
    /// takes the screen again and forces a full repaint.
    public func suspend(waitUntilContinued: () -> Void) {
        def_prog_mode()
        endwin()
        fflush(nil)
        TerminalRestore.writeRestoreSequence()
        TerminalRestore.restoreTermios()
        // SIGSTOP cannot be caught, so no handler (ncurses' included) gets in the way; the shell
        // sees the job stop as with C-z. Execution continues here after SIGCONT (`fg`).
        kill(getpid(), SIGSTOP)
        // In a multi-threaded process the stop lands asynchronously; wait for SIGCONT.
        waitUntilContinued()
        TerminalRestore.writeEnterSequence()
        reset_prog_mode()
        invalidate()
    }

    /// Reads the terminal's size after SIGWINCH or a resume and resizes ncurses' screens.
    /// - Returns: the new size when it changed.
    public func updateSize() -> (width: Int, height: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        let newWidth = Int(size.ws_col), newHeight = Int(size.ws_row)
        guard newWidth != width || newHeight != height else { return nil }
        resizeterm(Int32(newHeight), Int32(newWidth))
        width = newWidth
        height = newHeight
        previous = nil
        return (newWidth, newHeight)
    }

    // MARK: - Output

    private func put(_ cell: Cell, x: Int, y: Int) {
        // Neighbouring cells mostly share a style: look its attributes and pair up once per run.
        if cell.style != lastStyle {
            lastStyle = cell.style
            lastAttributes = attributes(for: cell.style)
            lastPair = useColor ? pairNumber(for: cell.style) : 0
        }
        var count = 0
        for scalar in cell.text.unicodeScalars.prefix(5) {
            wideText[count] = wchar_t(bitPattern: scalar.value)
            count += 1
        }
        if count == 0 {
            wideText[0] = wchar_t(32)
            count = 1
        }
        wideText[count] = 0
        let (attributes, pair) = (lastAttributes, lastPair)
        _ = wideText.withUnsafeBufferPointer { shim_put_cell(window, Int32(y), Int32(x), $0.baseAddress, attributes, pair) }
    }

    private func attributes(for style: Style) -> attr_t {
        var attrs = shim_a_normal()
        let a = style.attributes
        if a.contains(.bold) { attrs |= shim_a_bold() }
        if a.contains(.dim) { attrs |= shim_a_dim() }
        if a.contains(.reverse) { attrs |= shim_a_reverse() }
        if a.contains(.underline) { attrs |= shim_a_underline() }
        if a.contains(.italic) { attrs |= shim_a_italic() }
        return attrs
    }

    private func pairNumber(for style: Style) -> Int16 {
        // The terminal's own colours get a pair of their own too, not pair 0: going back to pair 0 makes
        // ncurses reset every attribute (`sgr0` after `op`, 11 bytes on xterm), where a change of pair is
        // just the colour (5 bytes). A page of the list has dozens of such changes.
        let key = PairKey(foreground: colorNumber(style.foreground), background: colorNumber(style.background))
        if let pair = pairs[key] { return pair }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < shim_color_pairs() else { return 0 }
        init_pair(next, key.foreground, key.background)
        pairs[key] = next
        return next
    }

    private func colorNumber(_ color: Color) -> Int16 {
        switch color {
        case .default: return -1
        case .ansi(let n): return colorCount >= 16 ? Int16(n) : Int16(n % 8)
        case .indexed(let n):
            if colorCount >= 256 { return Int16(n) }
            return Int16(Palette.nearestANSI(toIndexed: n) % UInt8(max(colorCount, 8)))
        }
    }

    // MARK: - Input

    private func decodeCharacter(_ value: UInt32) -> TerminalInput? {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 0: return .key(.ctrl(" "))
        case 1...26:
            guard let scalar = Unicode.Scalar(value + 96) else { return nil }
            return .key(.ctrl(Character(scalar)))
        default:
            guard value >= 32, let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private func decodeKeyCode(_ code: Int32) -> TerminalInput? {
        if code == shim_key_resize() {
            width = Int(getmaxx(window))
            height = Int(getmaxy(window))
            previous = nil
            return .resize(width: width, height: height)
        }
        if code == shim_key_mouse() {
            var y: Int32 = 0
            var x: Int32 = 0
            var state: mmask_t = 0
            guard shim_get_mouse(&y, &x, &state) == 0 else { return nil }
            if state & shim_button4_pressed() != 0 { return .mouse(MouseEvent(kind: .wheelUp, x: Int(x), y: Int(y))) }
            if state & shim_button5_pressed() != 0 { return .mouse(MouseEvent(kind: .wheelDown, x: Int(x), y: Int(y))) }
            if state & shim_button1_pressed() != 0 { return .mouse(MouseEvent(kind: .click, x: Int(x), y: Int(y))) }
            return nil
        }
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_F0 + 1...KEY_F0 + 12: return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }
}

/// Why the terminal could not be opened.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    case notATerminal
    case noUsableTerminfo(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "store-tui needs a terminal: run it in an interactive shell (stdin and stdout must be a tty)."
        case .noUsableTerminfo(let term):
            "No terminfo entry for TERM=\(term), nor for xterm-256color, xterm or vt100. Install ncurses-term or set TERM."
        }
    }
}
