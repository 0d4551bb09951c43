import Foundation
import Logging
import NIOCore
import NIOSSH
import StoreModels
import StoreService

/// One console session: its place under the caps, its session-scoped token, its audit events and its
/// console process. Started once by ``start(term:size:environment:)``; ends once, whichever way it ends.
final class ConsoleSession: @unchecked Sendable {
    // @unchecked: the mutable state is only touched under `lock`.
    struct Context: Sendable {
        var configuration: SSHConsoleConfiguration
        var authority: any SSHKeyAuthenticating
        var system: any StoreService
        var registry: SessionRegistry
        var logger: Logger
    }

    /// Why a session ended, for the audit log and the client.
    enum Ending: Sendable, Equatable {
        case exited
        case idle
        case disconnected
        /// The key the session logged in with was removed.
        case keyRemoved
        /// The session's account was suspended, with the reason given.
        case suspended(String)
    }

    let id = "ssh-" + Secrets.randomIdentifier(length: 12)
    private let context: Context
    private let channel: any NIOCore.Channel
    private let login: ConnectionLogin.Login
    private let peer: String
    private let lock = NSLock()
    private var process: ConsoleProcess?
    private var token: IssuedToken?
    private var owner: String?
    private var ending: Ending?
    private var ended = false
    /// The login was audited, so the logout must be.
    private var loggedIn = false
    /// Signalled when the channel's writability changes (or the session ends): the pump waits on it
    /// while the client's window is full.
    private let writable = NSCondition()

    init(context: Context, channel: any NIOCore.Channel, login: ConnectionLogin.Login, peer: String) {
        self.context = context
        self.channel = channel
        self.login = login
        self.peer = peer
    }

    /// Admits the session, mints its credential, audits the login and starts its console; refuses it
    /// with a message for the client otherwise.
    func start(term: String, size: WindowSize, environment: [String: String]) async {
        let identity = login.identity
        let owner = identity.account?.id ?? "anonymous@\(peer)"
        if let reason = context.registry.admit(owner) { return refuse(reason) }
        lock.withLock { self.owner = owner }
        if let account = identity.account, account.isSuspended {
            let reason = await suspensionReason(account.username)
            return refuse("the account \(account.username) is suspended: \(reason)")
        }
        do {
            var variables = try await consoleEnvironment(term: term, environment: environment)
            if let account = identity.account {
                let tokenID = lock.withLock { token?.info.id ?? "" }
                try await context.authority.recordSSHSession(
                    .login, of: identity, session: id, detail: "from \(peer), key \(login.fingerprint), session token \(tokenID)")
                lock.withLock { loggedIn = true }
                context.logger.info("ssh login", metadata: ["session": "\(id)", "account": "\(account.username)", "peer": "\(peer)"])
            } else {
                variables.removeValue(forKey: "STORE_TUI_TOKEN")
                context.logger.info("ssh anonymous login", metadata: ["session": "\(id)", "peer": "\(peer)"])
            }
            var arguments = ["console", "--store", context.configuration.storeURL]
            if identity.isAnonymous { arguments.append("--readonly") }
            let process = try ConsoleProcess.spawn(
                executable: context.configuration.consoleExecutable, arguments: arguments, environment: variables, size: size)
            lock.withLock { self.process = process }
            let thread = Thread { [self] in pump(process) }
            thread.start()
            if identity.account != nil { Task { await watchAccess() } }
        } catch let error as StoreError {
            refuse(error.description)
        } catch {
            refuse("the console could not start: \(error)")
        }
    }

    /// The console's environment: only what it needs, the client's honoured variables, and the session's token.
    private func consoleEnvironment(term: String, environment: [String: String]) async throws(StoreError) -> [String: String] {
        var variables = ["TERM": term.isEmpty ? "xterm-256color" : term, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
                         "HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent"]
        for (name, value) in environment where SSHConsoleConfiguration.honouredEnvironment.contains(name) { variables[name] = value }
        guard let account = login.identity.account else { return variables }
        let issued = try await context.system.issueToken(
            username: account.username, role: account.role, expiresAt: Date().addingTimeInterval(context.configuration.sessionLifetime),
            description: "ssh session \(id) from \(peer)")
        lock.withLock { token = issued }
        variables["STORE_TUI_TOKEN"] = issued.secret
        return variables
    }

    private func suspensionReason(_ username: String) async -> String {
        guard let publisher = try? await context.system.publisher(username: username),
              case .suspended(let reason) = publisher.status else { return "ask an admin" }
        return VisibleText.replacingControls(reason)
    }

    /// Every few seconds while the session lasts, asks the store whether its key is still registered
    /// and its account not suspended; ends the session, saying why, when either changed. Asking the
    /// store (not this server's memory) notices a change made through any instance or the CLI.
    private func watchAccess() async {
        let interval = context.configuration.accessCheckInterval
        while true {
            do { try await Task.sleep(for: .milliseconds(Int64(interval * 1000))) } catch { return }
            guard !lock.withLock({ ended || ending != nil }) else { return }
            do {
                let current = try await context.authority.identity(sshKeyFingerprint: login.fingerprint)
                if let account = current.account, account.isSuspended {
                    return end(.suspended(await suspensionReason(account.username)))
                }
            } catch {
                // Only a definite "unknown key" ends the session; a store briefly unavailable does not.
                if case .unauthenticated = error { return end(.keyRemoved) }
            }
        }
    }

    /// Copies the console's output to the client until it exits, then ends the session.
    ///
    /// Backpressure: while the channel is not writable (the client stopped reading and its window
    /// is full) the pump stops reading the pty, so the console blocks on its own writes and no output
    /// piles up in this server. Once the session is ending, output the client cannot take is dropped.
    private func pump(_ process: ConsoleProcess) {
        let channel = channel
        let status = process.pump { [self] bytes in
            guard waitUntilWritable() else { return }
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            channel.writeAndFlush(SSHChannelData(type: .channel, data: .byteBuffer(buffer)), promise: nil)
        }
        Task { await finish(status: status) }
    }

    /// Blocks the pump until the channel takes more output; `false` when the output should be
    /// dropped instead (the channel is closed, or the session is ending and the client not reading).
    private func waitUntilWritable() -> Bool {
        writable.lock()
        defer { writable.unlock() }
        while !channel.isWritable {
            if !channel.isActive || lock.withLock({ ending != nil }) { return false }
            _ = writable.wait(until: Date().addingTimeInterval(0.25))
        }
        return true
    }

    /// The channel's writability changed: wakes the pump.
    func writabilityChanged() {
        writable.lock()
        writable.broadcast()
        writable.unlock()
    }

    /// The client's keys, to the console: written on the session's own queue, never on the event
    /// loop (a console that stopped reading would block it). Past ``maximumPendingInput`` bytes not
    /// yet taken by the console, keys are dropped.
    func input(_ bytes: [UInt8]) {
        guard let process = lock.withLock({ process }) else { return }
        let admitted = lock.withLock { () -> Bool in
            guard pendingInput + bytes.count <= Self.maximumPendingInput else { return false }
            pendingInput += bytes.count
            return true
        }
        guard admitted else { return }
        inputQueue.async { [self] in
            process.write(bytes)
            lock.withLock { pendingInput -= bytes.count }
        }
    }

    /// The most client bytes waiting for the console to read them.
    static let maximumPendingInput = 64 * 1024
    private var pendingInput = 0
    private let inputQueue = DispatchQueue(label: "store-tui.ssh.console-input")

    /// The client's new window size.
    func resize(_ size: WindowSize) { lock.withLock { process }?.resize(to: size) }

    /// Ends the session from outside (idle timeout, client gone): the console is hung up and the session
    /// finishes when it has exited.
    func end(_ ending: Ending) {
        let process = lock.withLock { () -> ConsoleProcess? in
            if self.ending == nil { self.ending = ending }
            return self.process
        }
        process?.hangUp()
        writabilityChanged()
    }

    /// Refuses the session with `reason` on the client's standard error and exit status 1.
    private func refuse(_ reason: String) {
        SSHChannelOutput.message("store-tui: \(reason)\r\n", to: channel, stderr: true)
        Task { await finish(status: 1) }
    }

    /// Once: revokes the token, audits the logout, frees the place, and tells the client the exit status.
    private func finish(status: Int) async {
        let (token, owner, ending, loggedIn, first) = lock.withLock { () -> (IssuedToken?, String?, Ending?, Bool, Bool) in
            defer { ended = true }
            return (self.token, self.owner, self.ending, self.loggedIn, !ended)
        }
        guard first else { return }
        if let token { try? await context.system.revokeToken(id: token.info.id) }
        let detail = switch ending {
        case .idle: "idle for \(Int(context.configuration.idleTimeout)) s"
        case .disconnected: "client disconnected"
        case .keyRemoved: "its SSH key \(login.fingerprint) was removed"
        case .suspended(let reason): "the account was suspended: \(reason)"
        case nil, .exited: "exit status \(status)"
        }
        if let account = login.identity.account, loggedIn {
            try? await context.authority.recordSSHSession(.logout, of: login.identity, session: id, detail: detail)
            context.logger.info("ssh logout", metadata: ["session": "\(id)", "account": "\(account.username)", "detail": "\(detail)"])
        }
        if let owner { context.registry.leave(owner) }
        if status != 0 { SSHChannelOutput.message(SSHChannelOutput.terminalReset, to: channel, stderr: false) }
        switch ending {
        case .idle:
            let seconds = Int(context.configuration.idleTimeout)
            SSHChannelOutput.message("store-tui: session closed after \(seconds) s without input\r\n", to: channel, stderr: true)
        case .keyRemoved:
            SSHChannelOutput.message(
                "store-tui: session closed: the SSH key \(login.fingerprint) was removed from the account\r\n", to: channel, stderr: true)
        case .suspended(let reason):
            let username = login.identity.account?.username ?? "this account"
            SSHChannelOutput.message("store-tui: session closed: the account \(username) was suspended: \(reason)\r\n", to: channel, stderr: true)
        case nil, .exited, .disconnected:
            break
        }
        SSHChannelOutput.exit(status: status, channel: channel)
    }
}

/// Writing to an SSH session channel from any thread.
enum SSHChannelOutput {
    /// Leaves the alternate screen, stops mouse reporting, shows the cursor and resets attributes:
    /// written after a console that did not exit cleanly, so the client's terminal is usable.
    static let terminalReset = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n"

    static func message(_ text: String, to channel: any NIOCore.Channel, stderr: Bool) {
        var buffer = channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        channel.writeAndFlush(SSHChannelData(type: stderr ? .stdErr : .channel, data: .byteBuffer(buffer)), promise: nil)
    }

    /// Sends the exit status, then closes the channel.
    static func exit(status: Int, channel: any NIOCore.Channel) {
        channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: status)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
