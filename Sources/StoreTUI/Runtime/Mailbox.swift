import Foundation
import Synchronization

/// Where store tasks post their results for the event loop, with a pipe that wakes the loop's
/// `poll(2)` so a result is drawn at once, not at the next key press.
public final class Mailbox: Sendable {
    private let queue = Mutex<[AppEvent]>([])
    /// Read end (polled by the loop) and write end of the wake pipe.
    let readFD: Int32
    private let writeFD: Int32

    /// Creates a mailbox and its wake pipe.
    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
            _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Queues an event and wakes the loop. Safe from any thread.
    public func post(_ event: AppEvent) {
        queue.withLock { $0.append(event) }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Takes every queued event, oldest first, and empties the wake pipe.
    public func drain() -> [AppEvent] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(readFD, &sink, sink.count) > 0 {}
        return queue.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
