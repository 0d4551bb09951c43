import Foundation

/// Runs a helper program with a bound on its time and on the output kept, for reading untrusted
/// files with system tools (`unsquashfs`). Blocking: call it from a ``BlockingWorkPool`` thread.
enum BoundedProcess {
    /// How a run ended.
    enum Outcome: Sendable, Equatable {
        /// It exited with `status`; `output` is its standard output.
        case finished(Data, status: Int32)
        /// It wrote more than the output bound: killed.
        case outputTooLarge
        /// It ran past the time bound: killed.
        case timedOut
        /// It could not be started (not installed).
        case cannotStart(String)
    }

    /// Runs `program` (a path, or a name looked up on `PATH`) with `arguments`, its standard error discarded.
    static func run(_ program: String, _ arguments: [String], maximumOutput: Int, timeLimit: Duration) -> Outcome {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .cannotStart("\(program): \(error.localizedDescription)") }

        let watch = Watch(process)
        let (seconds, attoseconds) = timeLimit.components
        let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(max(milliseconds, 1))) {
            watch.expire()
        }
        var data = Data()
        let reader = output.fileHandleForReading
        var tooLarge = false
        while true {
            // `read(upToCount:)` throws on a read error where `availableData` would trap.
            guard let chunk = try? reader.read(upToCount: 65_536), !chunk.isEmpty else { break }
            data.append(chunk)
            if data.count > maximumOutput {
                tooLarge = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
        }
        process.waitUntilExit()
        let timedOut = watch.finish()
        try? reader.close()
        if tooLarge { return .outputTooLarge }
        if timedOut { return .timedOut }
        if process.terminationReason == .uncaughtSignal { return .finished(data, status: -1) }
        // A launcher (`env`, `prlimit`) exits 127 when the program it runs is missing.
        let launcher = ["env", "prlimit"].contains(URL(fileURLWithPath: program).lastPathComponent) || !program.contains("/")
        if launcher, process.terminationStatus == 127 {
            return .cannotStart("not installed")
        }
        return .finished(data, status: process.terminationStatus)
    }
}

/// A running helper and its timer: the timer kills it unless it finished first.
private final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private let process: Process
    private var finished = false
    private var timedOut = false

    init(_ process: Process) { self.process = process }

    /// The time is up: kills the process unless it finished.
    func expire() {
        lock.withLock {
            guard !finished, process.isRunning else { return }
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
    }

    /// The process exited; whether the timer had killed it.
    func finish() -> Bool {
        lock.withLock {
            finished = true
            return timedOut
        }
    }
}
