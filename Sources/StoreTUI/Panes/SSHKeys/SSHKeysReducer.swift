import StoreModels
import StoreService

extension SSHKeysState: FilterLinePane {
    static var filterText: WritableKeyPath<Self, String> { \.account }
    static var isEditingFilter: WritableKeyPath<Self, Bool> { \.isEditing }

    static var debounceMilliseconds: Int { SSHKeysReducer.debounceMilliseconds }

    /// A reload after a change keeps the highlighted row.
    static var reloadKeepsPlace: Bool { true }

    func pageRequest(cursor: String?, ticket: Ticket, debounceMilliseconds: Int) -> AppEffect? {
        let username = account.trimmingCharacters(in: .whitespaces)
        return .loadSSHKeys(username: username.isEmpty ? nil : username, ticket, debounceMilliseconds: debounceMilliseconds)
    }
}

/// The SSH keys screen: listing, adding a pasted key line and removing a key after a typed
/// confirmation. The store decides who may (an account its own keys, admins anyone's); the screen
/// checks a pasted line itself first, so a bad key is explained inside the form.
enum SSHKeysReducer {
    static let debounceMilliseconds = 150
    /// Rows of the box under the list that shows the highlighted key in full.
    static let detailRows = 3
    /// The longest key line the add form takes (an ECDSA P-521 key with a 200-byte comment fits).
    static let maximumLineLength = 1_024
    /// What the removal form wants typed.
    static let removalConfirmation = "yes"

    /// Shows the keys and loads them.
    static func open(_ state: inout AppState) -> [AppEffect] {
        let effects = AppReducer.push(&state, .sshKeys(SSHKeysState()))
        guard !state.sshKeys.list.hasLoaded, state.sshKeys.list.pending == nil else { return effects }
        return effects + AppReducer.scoped(&state, \.sshKeys) { keys, step in ListPaneReducer.restart(&keys, &step) }
    }

    /// Whether the identity sees every account's keys.
    static func seesEveryAccount(_ identity: Identity) -> Bool {
        Permissions.may(identity, .manageTokens).isAllowed
    }

    /// Commands on the list; adding and removing are the app's (their forms and answers outlive the screen).
    static func run(_ command: Command, _ keys: inout SSHKeysState, _ step: inout PaneStep) {
        if command == .editFilter, !seesEveryAccount(step.identity) {
            step.say("Only admins list other accounts' keys; these are yours.")
            return
        }
        _ = ListPaneReducer.runCommon(command, &keys, &step)
    }

    static func click(y: Int, _ keys: inout SSHKeysState, _ step: inout PaneStep) {
        _ = ListPaneReducer.clickFiltered(&keys, y: y, &step)
    }

    // MARK: - Adding and removing

    /// Opens the form for `a` (add) or `d` (remove the highlighted key).
    static func start(_ command: Command, in state: inout AppState) -> [AppEffect] {
        if state.sshKeyChange != nil {
            state.message = StatusMessage("Wait: the last key change is still being sent.")
            return []
        }
        let identity = state.settings.identity
        switch command {
        case .addSSHKey:
            var fields: [FormState.Field] = [
                .init("Public key", hint: "paste one line of a .pub file: ssh-ed25519 AAAA… comment", limit: maximumLineLength),
            ]
            var note = "The key logs in to this console over SSH as you."
            if seesEveryAccount(identity) {
                let account = state.sshKeys.account.trimmingCharacters(in: .whitespaces)
                fields.append(.init("Account", text: account, hint: "blank: your own; or any account's username"))
                note = "The key logs in to this console over SSH as its account."
            }
            state.overlay = .form(FormState(title: "Add an SSH key", purpose: .addSSHKey, fields: fields, note: note))
        case .removeSSHKey:
            guard let key = state.sshKeys.selected else {
                state.message = StatusMessage("Select a key first.")
                return []
            }
            let whose = key.username == identity.account?.username ? "" : " of \(key.username)"
            state.overlay = .form(FormState(
                title: "Remove an SSH key\(whose)", purpose: .removeSSHKey(id: key.id, fingerprint: key.fingerprint),
                fields: [.init("Confirm", hint: "type \(removalConfirmation) to remove \(key.fingerprint)")],
                note: "It stops logging in at once; sessions opened with it end."))
        default:
            break
        }
        return []
    }

    /// A submitted add or remove form: checks it, then sends the change.
    static func submit(_ state: inout AppState, _ form: FormState) -> [AppEffect] {
        let kind: PendingSSHKeyChange.Kind
        let effect: (Ticket) -> AppEffect
        switch form.purpose {
        case .addSSHKey:
            let line = form.value(0)
            do { _ = try SSHPublicKey(line: line) } catch {
                return FormReducer.refuse(&state, form, error.description, field: 0)
            }
            let account = form.value(1)
            let username: String? = account.isEmpty ? nil : account
            kind = .add(username: username)
            effect = { .addSSHKey(line, username: username, $0) }
        case .removeSSHKey(let id, let fingerprint):
            guard form.value(0).lowercased() == removalConfirmation else {
                return FormReducer.refuse(&state, form, "type \(removalConfirmation) to remove the key, or Esc to keep it", field: 0)
            }
            kind = .remove(id: id, fingerprint: fingerprint)
            effect = { .removeSSHKey(id: id, $0) }
        default:
            return []
        }
        if let reason = Availability.disabledReason(.addSSHKey, in: state) {
            state.message = StatusMessage("Not allowed: \(reason).", severity: .error)
            return []
        }
        let ticket = state.issueTicket()
        state.sshKeyChange = PendingSSHKeyChange(ticket: ticket, kind: kind)
        state.message = StatusMessage("Sending the key change…")
        return [effect(ticket)]
    }

    /// The store's answer to adding a key: say so and show it in the list.
    static func added(_ state: inout AppState, _ ticket: Ticket, _ result: Result<SSHKeyInfo, StoreError>) -> [AppEffect] {
        guard let pending = state.sshKeyChange, pending.ticket == ticket else { return [] }
        state.sshKeyChange = nil
        switch result {
        case .success(let key):
            let comment = key.comment.isEmpty ? "" : " (\(key.comment))"
            state.message = StatusMessage("Added \(key.fingerprint)\(comment) for \(key.username).")
            return reload(&state)
        case .failure(let error):
            state.message = StatusMessage("The key was not added: \(error.description)", severity: .error)
            return []
        }
    }

    /// The store's answer to removing a key: the row goes.
    static func removed(_ state: inout AppState, _ ticket: Ticket, _ result: Result<String, StoreError>) -> [AppEffect] {
        guard let pending = state.sshKeyChange, pending.ticket == ticket, case .remove(let id, let fingerprint) = pending.kind else { return [] }
        state.sshKeyChange = nil
        switch result {
        case .success:
            state.message = StatusMessage("Removed \(fingerprint).")
            if state.routes.contains(.sshKeys) {
                state.sshKeys.list.items.removeAll { $0.id == id }
                state.sshKeys.list.highlighted = min(state.sshKeys.list.highlighted, max(0, state.sshKeys.list.items.count - 1))
            }
            return []
        case .failure(let error):
            state.message = StatusMessage("The key was not removed: \(error.description)", severity: .error)
            return []
        }
    }

    /// Loads the list again in place, when its screen is open.
    static func reload(_ state: inout AppState) -> [AppEffect] {
        guard state.routes.contains(.sshKeys) else { return [] }
        return AppReducer.scoped(&state, \.sshKeys, shape: Screen.sshKeys(SSHKeysState()).shape) { keys, step in
            ListPaneReducer.load(&keys, cursor: nil, &step)
        }
    }
}
