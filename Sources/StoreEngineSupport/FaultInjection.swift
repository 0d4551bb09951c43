import StoreService

/// Failures a test can inject in the middle of a write transaction, to prove nothing is written; the
/// same checkpoints in every engine.
///
/// Test-only (`@_spi(Testing) import StoreEngineSupport`): bind ``armed`` around one call.
/// ```swift
/// try await FaultInjection.$armed.withValue(.afterWritingReleases) {
///     _ = try await service.apply(plan, to: name, expecting: nil)   // throws, writes nothing
/// }
/// ```
@_spi(Testing) public enum FaultInjection {
    /// Where a write transaction fails.
    public enum Point: Sendable, Hashable {
        /// In `apply`, after the new channel map rows are written, before history and version.
        case afterWritingReleases
        /// In any change, after its rows are written, before its audit event.
        case beforeAuditEvent
        /// In any change, after its audit event is written, before the commit.
        case afterAuditEvent
    }

    /// The failure armed for calls made by the current task.
    @TaskLocal public static var armed: Point?

    /// The message of an injected failure.
    public static let message = "injected failure"

    /// Throws when `point` is the armed one. Call sites pass the value captured when the call began,
    /// because task locals do not reach a database's own threads (GRDB's writer queue).
    package static func check(_ point: Point, armed: Point?) throws {
        if armed == point { throw StoreError.unavailable("\(message) at \(point)") }
    }
}

/// A write transaction's context that knows the fault armed when its call began.
package protocol FaultCheckpointing {
    /// The failure armed for the call, captured before the transaction.
    var faults: FaultInjection.Point? { get }
}

extension FaultCheckpointing {
    /// Throws the injected failure when `point` is armed.
    package func checkpoint(_ point: FaultInjection.Point) throws {
        try FaultInjection.check(point, armed: faults)
    }
}
