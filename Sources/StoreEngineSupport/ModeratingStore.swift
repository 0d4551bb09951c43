import StoreModels
import StoreService

/// A store whose publisher moderation (validation badges, suspensions) is the shared one: the
/// engine supplies only the transaction that loads the publisher and writes the change.
package protocol ModeratingStore: StoreService {
    /// In one write transaction: hands the publisher `username` (`nil` when there is none) to
    /// `decide`, writes the change it returns (see ``ModerationRules/Write``) and appends its audit
    /// event; returns the publisher after it.
    func moderate(
        _ username: String, _ decide: @escaping @Sendable (Publisher?, any AuditingContext) throws -> ModerationRules.Change
    ) async throws(StoreError) -> Publisher
}

extension ModeratingStore {
    /// Sets a publisher's validation badge; audited as `publisher.verify` or `publisher.unverify`.
    package func setValidation(
        _ validation: Publisher.Validation, of username: String, reason: String?
    ) async throws(StoreError) -> Publisher {
        let reason = ModerationRules.trimmed(reason)
        return try await moderate(username) { found, context in
            let publisher = try ModerationRules.moderated(found, named: username, by: context)
            return try ModerationRules.setting(validation, of: publisher, reason: reason, by: context)
        }
    }

    /// Suspends a publisher: their packages leave the catalogue and they can no longer act.
    package func suspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        let reason = try ModerationRules.reason(reason, else: "a suspension needs a reason")
        return try await moderate(username) { found, context in
            let publisher = try ModerationRules.moderated(found, named: username, by: context)
            return try ModerationRules.suspending(publisher, reason: reason, by: context)
        }
    }

    /// Lifts a suspension: their public packages return to the catalogue.
    package func unsuspend(_ username: String, reason: String) async throws(StoreError) -> Publisher {
        let reason = try ModerationRules.reason(reason, else: "lifting a suspension needs a reason")
        return try await moderate(username) { found, context in
            let publisher = try ModerationRules.moderated(found, named: username, by: context)
            return try ModerationRules.unsuspending(publisher, reason: reason, by: context)
        }
    }
}
