import Foundation

/// Turns SIGTERM, SIGINT and SIGHUP into a clean quit: the handler only sets a flag and wakes
/// the event loop through the mailbox pipe; the loop then restores the terminal and exits.
enum QuitSignals {
    // Set once before the handlers are installed; read by the async-signal-safe handler.
    nonisolated(unsafe) static var wakeFD: Int32 = -1
    nonisolated(unsafe) static var received: Int32 = 0
    nonisolated(unsafe) static var resizePending: Int32 = 0
    nonisolated(unsafe) static var continued: Int32 = 0

    /// Installs the handlers; ncurses then leaves these signals alone.
    static func install(wakeFD fd: Int32) {
        wakeFD = fd
        for sig in [SIGTERM, SIGINT, SIGHUP] { signal(sig, quitHandler) }
        // Our own SIGWINCH handler: the signal may land on any thread, so ncurses' flag alone
        // would not wake the loop's poll. The loop then calls `resizeterm` itself.
        signal(SIGWINCH, resizeHandler)
        signal(SIGCONT, continueHandler)
    }

    /// Whether a resize arrived since the last call (and clears the flag).
    static func takeResize() -> Bool {
        guard resizePending != 0 else { return false }
        resizePending = 0
        return true
    }

    /// The signal that asked to quit, or 0.
    static var pending: Int32 { received }
}

private func quitHandler(_ sig: Int32) {
    QuitSignals.received = sig
    var byte: UInt8 = 0
    _ = write(QuitSignals.wakeFD, &byte, 1)
}

private func resizeHandler(_ sig: Int32) {
    QuitSignals.resizePending = 1
    var byte: UInt8 = 0
    _ = write(QuitSignals.wakeFD, &byte, 1)
}

private func continueHandler(_ sig: Int32) {
    QuitSignals.continued = 1
    var byte: UInt8 = 0
    _ = write(QuitSignals.wakeFD, &byte, 1)
}
