import NIOCore
@testable import StoreServer
import Synchronization
import Testing

/// A download reads its parts into a few buffers in turn (``DownloadParts``), and fills one again only
/// once nothing else (the socket's queue) holds it: its memory is bounded by those buffers whatever the
/// client's speed, and no part needs a fresh allocation.
@Suite("A download's part buffers")
struct DownloadPartBuffersTests {
    /// Where a buffer's storage starts: the same address means no new allocation.
    static func storage(_ buffer: ByteBuffer) -> UInt? {
        buffer.withVeryUnsafeBytes { $0.baseAddress.map { UInt(bitPattern: $0) } }
    }

    @Test func aBufferIsFilledAgainOnlyOnceTheSocketLetsGoOfItAndKeepsItsStorage() async throws {
        var parts = DownloadParts(count: 2, capacity: 64)
        var first = try await parts.next()
        first.writeString("first")
        let firstStorage = Self.storage(first)
        // The socket's queue holds the first part until it is sent.
        let queue = Mutex<[ByteBuffer]>([parts.filled(first)])
        first = ByteBuffer()
        var second = try await parts.next()
        second.writeString("second")
        _ = parts.filled(second)
        second = ByteBuffer()

        let sent = Mutex(false)
        let socket = Task {
            try await Task.sleep(nanoseconds: 30_000_000)
            sent.withLock { $0 = true }
            queue.withLock { $0.removeAll() }
        }
        let third = try await parts.next()
        #expect(sent.withLock { $0 }, "the first buffer was not filled again while the socket held it")
        #expect(parts.waits > 0)
        #expect(Self.storage(third) == firstStorage, "the first buffer's storage, not a new one")
        #expect(third.readableBytes == 0)
        try await socket.value
    }

    @Test func aBufferNobodyElseHoldsIsReusedAtOnce() async throws {
        var parts = DownloadParts(count: 1, capacity: 64)
        var part = try await parts.next()
        part.writeString("a part")
        let storage = Self.storage(part)
        _ = parts.filled(part)
        part = ByteBuffer()
        let again = try await parts.next()
        #expect(parts.waits == 0 && Self.storage(again) == storage && again.readableBytes == 0)
    }

    @Test func waitingForABufferEndsWhenTheDownloadIsCancelled() async throws {
        let held = Mutex<ByteBuffer?>(nil)
        let download = Task {
            var parts = DownloadParts(count: 1, capacity: 64)
            var part = try await parts.next()
            part.writeString("never sent")
            held.withLock { $0 = parts.filled(part) }
            part = ByteBuffer()
            _ = try await parts.next()
        }
        try await Task.sleep(nanoseconds: 20_000_000)
        download.cancel()
        await #expect(throws: CancellationError.self) { try await download.value }
        #expect(held.withLock { $0?.readableBytes } == 10)
    }
}
