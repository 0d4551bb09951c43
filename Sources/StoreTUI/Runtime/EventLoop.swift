import Foundation
import StoreModels
import StoreService

/// The console's loop: wait for input or results, reduce every pending event, render once,
/// present the changed cells. Runs on one thread, the only one that touches the terminal.
final class EventLoop {
    private let terminal: Terminal
    private let mailbox: Mailbox
    private let runner: EffectRunner
    private var state: AppState
    private var buffer: ScreenBuffer

    init(terminal: Terminal, service: any StoreService, settings: AppSettings, keyMap: KeyMap, notice: StatusMessage?) {
        self.terminal = terminal
        self.mailbox = Mailbox()
        self.runner = EffectRunner(service: service, mailbox: mailbox)
        var state = AppState(settings: settings, width: terminal.width, height: terminal.height, now: Date())
        state.keyMap = keyMap
        state.message = notice
        self.state = state
        self.buffer = ScreenBuffer(width: terminal.width, height: terminal.height)
    }

    /// Runs until the user quits or a quit signal arrives.
    func run() {
        QuitSignals.install(wakeFD: makeSignalPipe())
        perform(AppReducer.start(&state))
        draw()
        while !state.isQuitting {
            waitForActivity(timeoutMilliseconds: state.isLoading ? 100 : (isOffline ? 1000 : -1))
            if QuitSignals.pending != 0 { break }
            var events: [AppEvent] = []
            drainSignalPipe()
            if QuitSignals.takeResize(), let size = terminal.updateSize() {
                events.append(.resize(width: size.width, height: size.height))
            }
            while let input = terminal.nextInput(timeoutMilliseconds: 0) {
                switch input {
                case .key(let key): events.append(.key(key))
                case .mouse(let mouse): events.append(.mouse(mouse))
                case .resize(let width, let height): events.append(.resize(width: width, height: height))
                }
            }
            events += mailbox.drain()
            events.append(.tick(Date()))
            for event in events {
                perform(AppReducer.reduce(&state, event))
                if state.isQuitting { break }
            }
            draw()
        }
        runner.cancelAll()
    }

    private var isOffline: Bool { if case .offline = state.connection { true } else { false } }

    private func perform(_ effects: [AppEffect]) {
        for effect in effects {
            switch effect {
            case .quit: state.isQuitting = true
            case .redraw: terminal.invalidate()
            case .suspend:
                QuitSignals.continued = 0
                terminal.suspend(waitUntilContinued: waitUntilContinued)
                if let size = terminal.updateSize() { perform(AppReducer.reduce(&state, .resize(width: size.width, height: size.height))) }
            default: runner.run(effect)
            }
        }
    }

    private func draw() {
        if buffer.width != state.width || buffer.height != state.height {
            buffer = ScreenBuffer(width: state.width, height: state.height)
        }
        AppView.render(state, into: &buffer)
        terminal.present(buffer)
    }

    private func waitForActivity(timeoutMilliseconds: Int32) {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mailbox.readFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalReadFD, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
    }

    /// A pipe the quit-signal handler writes to, so `poll` wakes up; its read end is polled.
    private func makeSignalPipe() -> Int32 {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return -1 }
        signalReadFD = fds[0]
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        return fds[1]
    }

    private var signalReadFD: Int32 = -1

    /// Waits (polling the signal pipe) until SIGCONT arrived after a self-inflicted SIGSTOP.
    private func waitUntilContinued() {
        while QuitSignals.continued == 0 && QuitSignals.pending == 0 {
            var fds = [pollfd(fd: signalReadFD, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 200)
            drainSignalPipe()
        }
    }

    private func drainSignalPipe() {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(signalReadFD, &sink, sink.count) > 0 {}
    }
}
