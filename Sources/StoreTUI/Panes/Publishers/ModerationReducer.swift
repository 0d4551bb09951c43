import StoreModels
import StoreService

/// Verify/unverify, suspend and unsuspend a publisher. Suspending and lifting a suspension need
/// a reason and the publisher's username typed as confirmation.
enum ModerationReducer {
    static let suspensionTemplates = ["malware", "policy violation", "impersonation", "spam", "repeated abuse reports"]
    static let unsuspensionTemplates = ["appeal accepted", "issue resolved", "suspended in error"]

    /// Opens the form for `command` on the targeted publisher.
    static func start(_ command: Command, in state: inout AppState) -> [AppEffect] {
        guard let publisher = PublishersReducer.target(state) else {
            state.message = StatusMessage("Select a publisher first.")
            return []
        }
        if state.moderation != nil {
            state.message = StatusMessage("Wait: the last change is still being sent.")
            return []
        }
        let username = publisher.username
        switch command {
        case .verify:
            let proposed: Publisher.Validation = publisher.validation == .unproven ? .verified : .unproven
            state.overlay = .form(FormState(
                title: "Validation badge of \(username)", purpose: .validation(username: username),
                fields: [
                    .init("Badge", text: proposed.rawValue, hint: "verified, starred or unproven",
                          options: Publisher.Validation.allCases.map(\.rawValue)),
                    .init("Reason", hint: "optional; kept in the audit log"),
                ],
                note: "\(username) is \(publisher.validation.rawValue) now."))
        case .suspendPublisher:
            if publisher.status.isSuspended {
                state.message = StatusMessage("\(username) is already suspended.")
                return []
            }
            state.overlay = .form(FormState(
                title: "Suspend \(username)", purpose: .suspend(username: username),
                fields: [
                    .init("Reason", hint: "required: the publisher sees it · Tab picks a template", options: suspensionTemplates),
                    .init("Confirm", hint: "type \(username) to confirm"),
                ],
                note: "Their packages leave the catalogue and they can no longer publish."))
        case .unsuspendPublisher:
            guard publisher.status.isSuspended else {
                state.message = StatusMessage("\(username) is not suspended.")
                return []
            }
            state.overlay = .form(FormState(
                title: "Lift the suspension of \(username)", purpose: .unsuspend(username: username),
                fields: [
                    .init("Reason", hint: "required; kept in the audit log", options: unsuspensionTemplates),
                    .init("Confirm", hint: "type \(username) to confirm"),
                ],
                note: "Their public packages return to the catalogue."))
        default:
            return []
        }
        return []
    }

    /// A submitted moderation form: checks the reason and the typed username, then sends it.
    static func submit(_ state: inout AppState, _ form: FormState) -> [AppEffect] {
        let request: ModerationRequest
        switch form.purpose {
        case .validation(let username):
            guard let validation = Publisher.Validation(rawValue: form.value(0).lowercased()) else {
                return FormReducer.refuse(&state, form, "the badge is verified, starred or unproven")
            }
            let reason = form.value(1)
            request = .setValidation(username: username, validation, reason: reason.isEmpty ? nil : reason)
        case .suspend(let username), .unsuspend(let username):
            let reason = form.value(0)
            guard !reason.isEmpty else {
                return FormReducer.refuse(&state, form, "a reason is required (the publisher sees it)", field: 0)
            }
            guard form.value(1) == username else {
                return FormReducer.refuse(&state, form, "type the username exactly (\(username)) to confirm", field: 1)
            }
            if case .suspend = form.purpose { request = .suspend(username: username, reason: reason) }
            else { request = .unsuspend(username: username, reason: reason) }
        default:
            return []
        }
        if let reason = Permissions.may(state.settings.identity, .moderatePublisher).reason ?? (state.settings.readOnly ? Availability.readOnlyReason : nil) {
            state.message = StatusMessage("Not allowed: \(reason).", severity: .error)
            return []
        }
        let ticket = state.issueTicket()
        state.moderation = PendingModeration(ticket: ticket, request: request)
        state.message = StatusMessage("Sending the change to \(request.username)…")
        return [.moderate(request, ticket)]
    }

    /// The store's answer: the updated publisher replaces the shown one; the audit reloads.
    static func moderated(_ state: inout AppState, _ ticket: Ticket, _ result: Result<Publisher, StoreError>) -> [AppEffect] {
        guard let pending = state.moderation, pending.ticket == ticket else { return [] }
        state.moderation = nil
        switch result {
        case .success(let publisher):
            if let index = state.publishers.list.items.firstIndex(where: { $0.username == publisher.username }) {
                state.publishers.list.items[index] = publisher
            }
            var effects: [AppEffect] = []
            if state.publisherDetail?.username == publisher.username {
                state.publisherDetail?.publisher.value = publisher
                effects += PublishersReducer.loadDetail(&state, publisher: false, packages: true, audit: true)
            }
            switch pending.request {
            case .setValidation(let username, let validation, _):
                state.message = StatusMessage("\(username) is now \(validation.rawValue).")
            case .suspend(let username, let reason):
                state.message = StatusMessage("Suspended \(username): \(reason).")
            case .unsuspend(let username, _):
                state.message = StatusMessage("Lifted the suspension of \(username).")
            }
            return effects
        case .failure(let error):
            state.message = StatusMessage(error.description, severity: .error)
            return []
        }
    }
}
