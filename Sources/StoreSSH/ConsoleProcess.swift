import CPty
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A terminal size in characters.
struct WindowSize: Sendable, Equatable {
    var columns: Int
    var rows: Int
}

/// One console child process on its own pseudo-terminal: the session leader of a new session whose
/// controlling terminal is the pty's slave, so a resize reaches it as SIGWINCH.
///
/// Spawned with `posix_spawn` (no `fork` in this multi-threaded server): `POSIX_SPAWN_SETSID`, then the
/// slave opened as fd 0 (it becomes the controlling terminal) and duplicated to 1 and 2, every other
/// descriptor closed, signals back to their defaults.
final class ConsoleProcess: @unchecked Sendable {
    // @unchecked: `pid` and `master` never change; `exited` is guarded by `lock`.
    let pid: pid_t
    /// The pty's master side: the console's output is read here, the client's keys written here.
    let master: Int32
    private let lock = NSLock()
    private var exited = false

    private init(pid: pid_t, master: Int32) {
        self.pid = pid
        self.master = master
    }

    /// Starts `executable` with `arguments` and exactly `environment` on a new pty of `size`.
    static func spawn(executable: String, arguments: [String], environment: [String: String], size: WindowSize) throws -> ConsoleProcess {
        var name = [CChar](repeating: 0, count: 128)
        let master = cpty_open(&name, name.count)
        guard master >= 0 else {
            throw SSHServerError.console("no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        resize(master, to: size)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, cpty_spawn_flags())
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        cpty_add_close_from(&actions, 3)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw SSHServerError.console("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return ConsoleProcess(pid: pid, master: master)
    }

    /// Tells the pty (and so the console, by SIGWINCH) its new size.
    func resize(to size: WindowSize) { Self.resize(master, to: size) }

    private static func resize(_ fd: Int32, to size: WindowSize) {
        var window = winsize(
            ws_row: UInt16(clamping: max(size.rows, 1)), ws_col: UInt16(clamping: max(size.columns, 1)), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(fd, UInt(TIOCSWINSZ), &window)
    }

    /// Writes the client's bytes to the console, all of them (blocking while the pty is full).
    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Reads the console's output until it exits, handing each chunk to `output`; then reaps it and
    /// returns its exit status (128 + the signal when a signal ended it).
    func pump(_ output: ([UInt8]) -> Void) -> Int {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }  // EIO: every slave descriptor is closed, the console is gone
            output(Array(buffer[0..<count]))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        lock.withLock { exited = true }
        close(master)
        let signal = status & 0x7f
        return signal == 0 ? Int((status >> 8) & 0xff) : 128 + Int(signal)
    }

    /// Ends the console: SIGHUP (it restores the terminal and quits), SIGKILL after `grace` seconds.
    func hangUp(grace: TimeInterval = 2) {
        guard !lock.withLock({ exited }) else { return }
        kill(pid, SIGHUP)
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in
            if !lock.withLock({ exited }) { kill(pid, SIGKILL) }
        }
    }
}
