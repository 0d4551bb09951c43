import Foundation

/// A clock tests move by hand. Starts at 2025-01-01 00:00 UTC.
final class TestClock: @unchecked Sendable {
    // @unchecked: the only state is `current`, read and written under `lock`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_735_689_600)) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
