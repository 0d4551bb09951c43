import Foundation
import StoreModels
import StoreService

/// The console's entry point.
public enum Console {
    /// Opens the terminal and runs the console against `service` until the user quits.
    ///
    /// Blocks the calling thread (run it on a dedicated thread); the terminal is restored on every
    /// way out: `q`, `C-c`, SIGTERM/SIGINT/SIGHUP, and crash signals.
    /// - Throws: `TerminalError` when there is no usable terminal.
    /// - Parameter notice: a message for the status bar at launch (config problems, for example).
    public static func run(
        service: any StoreService, settings: AppSettings, keyMap: KeyMap = KeyMap(), enableMouse: Bool = true, notice: StatusMessage? = nil
    ) throws(TerminalError) {
        let terminal = try Terminal(options: .init(useColor: settings.useColor, enableMouse: enableMouse))
        defer { terminal.restore() }
        let loop = EventLoop(terminal: terminal, service: service, settings: settings, keyMap: keyMap, notice: notice)
        loop.run()
    }
}
