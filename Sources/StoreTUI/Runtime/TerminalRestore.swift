import CNcurses
import Foundation

/// Puts the terminal back after a crash, where ncurses' own cleanup never runs.
///
/// A Swift trap raises SIGILL/SIGTRAP; ncurses only cleans up on SIGINT/SIGTERM/SIGTSTP. The
/// handlers here write the "leave alternate screen, show cursor, mouse and keypad off" sequence
/// with async-signal-safe `write(2)`, restore the saved termios, then re-raise the signal.
enum TerminalRestore {
    // Written once before curses starts and read only by signal handlers afterwards; a signal
    // handler cannot take locks, so these are deliberately plain globals.
    nonisolated(unsafe) static var savedTermios = termios()
    nonisolated(unsafe) static var hasSavedTermios = false
    nonisolated(unsafe) static var isCursesActive = false

    /// Leave the alternate screen, show the cursor, turn off mouse reporting and keypad mode,
    /// reset attributes.
    static let restoreSequence: [UInt8] = Array(
        "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[?2004l\u{1B}[0m\u{1B}[?1049l\u{1B}[?1l\u{1B}>\u{1B}[?25h\r\n".utf8)

    /// Enter the alternate screen and hide the cursor (after a resume).
    static let enterSequence: [UInt8] = Array("\u{1B}[?1049h\u{1B}[?25l".utf8)

    /// Writes the restore sequence straight to the terminal (async-signal-safe).
    static func writeRestoreSequence() {
        restoreSequence.withUnsafeBufferPointer { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Writes the enter sequence straight to the terminal.
    static func writeEnterSequence() {
        enterSequence.withUnsafeBufferPointer { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Records the terminal modes to restore later.
    static func saveTermios() {
        if tcgetattr(STDIN_FILENO, &savedTermios) == 0 { hasSavedTermios = true }
    }

    /// Restores the saved terminal modes.
    static func restoreTermios() {
        if hasSavedTermios { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios) }
    }

    /// Installs handlers for the signals a crash raises.
    static func installCrashHandlers() {
        for sig in [SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGABRT, SIGFPE] {
            signal(sig, crashHandler)
        }
    }
}

private func crashHandler(_ sig: Int32) {
    if TerminalRestore.isCursesActive {
        TerminalRestore.restoreSequence.withUnsafeBufferPointer { buffer in
            _ = write(STDOUT_FILENO, buffer.baseAddress, buffer.count)
        }
        TerminalRestore.restoreTermios()
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
