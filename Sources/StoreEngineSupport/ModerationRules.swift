import Foundation
import StoreModels
import StoreService

/// Moderating publishers, apart from the SQL: the reasons they need, the checks, the publisher
/// after the change and its audit event.
package enum ModerationRules {
    /// A publisher after a moderation change, and the audit event that records it.
    package struct Change: Sendable {
        package var publisher: Publisher
        /// What the engine writes; `nil` when nothing changes.
        package var write: Write?
        /// The audit event; `nil` when nothing changes.
        package var event: AuditEvent?

        /// No change to `publisher`.
        package static func unchanged(_ publisher: Publisher) -> Change { Change(publisher: publisher, write: nil, event: nil) }
    }

    /// The rows a moderation change writes.
    package enum Write: Sendable {
        /// The account's validation badge becomes this one.
        case validation(Publisher.Validation)
        /// The account is suspended for the reason; its packages leave the catalogue.
        case suspension(reason: String)
        /// The account is active again; its public, unquarantined packages return to the catalogue.
        case reinstatement
    }

    /// The publisher a moderation acts on.
    /// - Parameter publisher: the account named `username`, if there is one.
    /// - Throws: `.forbidden` (`.unauthenticated`) for callers who may not moderate, whether or not
    ///   the publisher exists; then `.notFound` when it does not.
    package static func moderated(
        _ publisher: Publisher?, named username: String, by context: some AuditingContext
    ) throws(StoreError) -> Publisher {
        try Authorization.require(.moderatePublisher, by: context.caller)
        guard let publisher else { throw .notFound(kind: "publisher", name: username) }
        return publisher
    }

    /// The text without surrounding whitespace, or `nil` when nothing is left.
    package static func trimmed(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// `reason` trimmed; `.invalidInput` saying `missing` when nothing is left.
    package static func reason(_ reason: String, else missing: String) throws(StoreError) -> String {
        guard let reason = trimmed(reason) else { throw .invalidInput(missing) }
        return reason
    }

    /// Setting `publisher`'s validation badge; no change when it already has it. Audited as
    /// `publisher.verify` or `publisher.unverify`.
    package static func setting(
        _ validation: Publisher.Validation, of publisher: Publisher, reason: String?, by context: some AuditingContext
    ) throws -> Change {
        guard publisher.validation != validation else { return .unchanged(publisher) }
        var updated = publisher
        updated.validation = validation
        let event = context.event(
            validation == .unproven ? "publisher.unverify" : "publisher.verify", kind: .publisher,
            object: publisher.username, publisher: publisher.username,
            before: try JSONColumn.encode(["validation": publisher.validation.rawValue]),
            after: try JSONColumn.encode(["validation": validation.rawValue]), reason: reason)
        return Change(publisher: updated, write: .validation(validation), event: event)
    }

    /// Suspending `publisher` for `reason`.
    /// - Throws: `.conflict` when already suspended; `.forbidden` for the caller's own account.
    package static func suspending(_ publisher: Publisher, reason: String, by context: some AuditingContext) throws -> Change {
        if publisher.status.isSuspended { throw StoreError.conflict("\(publisher.username) is already suspended.") }
        if publisher.id == context.caller.account?.id { throw StoreError.forbidden("you cannot suspend your own account") }
        var updated = publisher
        updated.status = .suspended(reason: reason)
        return Change(publisher: updated, write: .suspension(reason: reason), event: try statusEvent("publisher.suspend", publisher, from: "active", to: "suspended", reason, context))
    }

    /// Lifting `publisher`'s suspension for `reason`.
    /// - Throws: `.conflict` when not suspended.
    package static func unsuspending(_ publisher: Publisher, reason: String, by context: some AuditingContext) throws -> Change {
        guard publisher.status.isSuspended else { throw StoreError.conflict("\(publisher.username) is not suspended.") }
        var updated = publisher
        updated.status = .active
        return Change(publisher: updated, write: .reinstatement, event: try statusEvent("publisher.unsuspend", publisher, from: "suspended", to: "active", reason, context))
    }

    private static func statusEvent(
        _ action: String, _ publisher: Publisher, from before: String, to after: String, _ reason: String,
        _ context: some AuditingContext
    ) throws -> AuditEvent {
        context.event(
            action, kind: .publisher, object: publisher.username, publisher: publisher.username,
            before: try JSONColumn.encode(["status": before]), after: try JSONColumn.encode(["status": after]),
            reason: reason)
    }
}
