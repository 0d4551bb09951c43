import NIOCore

/// The few buffers one download reads its parts into, in turn, each used again only once the socket has
/// let go of it: the download's backpressure and its memory bound at once.
///
/// The response writer returns as soon as a part is queued, and the channel says it is full only after the
/// event loop has caught up, so a download reading faster than its client (a file from the page cache, a
/// busy event loop) could queue dozens of parts. Here a part is written only into a buffer nothing else
/// holds (``ByteBuffer/modifyIfUniquelyOwned(_:)``): while the next buffer in turn is still queued or being
/// sent, ``next()`` waits. So a download holds at most `count` parts, whatever the client's speed, and
/// no part ever needs a fresh allocation (with glibc's fixed mmap threshold, fresh pages for every part).
struct DownloadParts {
    private var buffers: [ByteBuffer]
    private var turn = 0
    /// Waits for a buffer's release, in nanoseconds: short at first, doubled up to ``longestWait``.
    static let firstWait: UInt64 = 50_000
    static let longestWait: UInt64 = 4_000_000
    /// How often ``next()`` found its buffer still held (for tests).
    private(set) var waits = 0

    /// `count` buffers of `capacity` bytes.
    init(count: Int, capacity: Int) {
        buffers = (0..<max(1, count)).map { _ in ByteBufferAllocator().buffer(capacity: capacity) }
    }

    /// The next buffer in turn, empty, once nothing else holds it; the caller fills it and hands it to
    /// ``filled(_:)``.
    ///
    /// - Throws: `CancellationError` when the download's task is cancelled while waiting.
    mutating func next() async throws -> ByteBuffer {
        var wait = Self.firstWait
        while buffers[turn].modifyIfUniquelyOwned({ _ in true }) == nil {
            waits += 1
            try await Task.sleep(nanoseconds: wait)
            wait = min(wait * 2, Self.longestWait)
        }
        // Taken out of the ring while it is filled, so the caller's copy is the only one.
        var part = buffers[turn]
        buffers[turn] = ByteBuffer()
        part.clear()
        return part
    }

    /// Puts the filled buffer back in its place and returns it to be written; the next turn moves on.
    mutating func filled(_ part: ByteBuffer) -> ByteBuffer {
        buffers[turn] = part
        turn = (turn + 1) % buffers.count
        return part
    }
}
