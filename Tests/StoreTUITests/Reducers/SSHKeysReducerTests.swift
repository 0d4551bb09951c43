import Testing
import StoreModels
import StoreService
@testable import StoreTUI

@Suite struct SSHKeysReducerTests {
    @Test func capitalKOpensYourOwnKeysAndLoadsThem() {
        var state = TestCatalogue.state(as: TestCatalogue.owner)
        let effects = press(&state, .character("K"))
        #expect(state.routes == [.search, .sshKeys])
        guard case .loadSSHKeys(let username, let ticket, let debounce)? = effects.last else {
            Issue.record("expected a load, got \(effects)")
            return
        }
        #expect(username == nil && debounce == 0, "an account lists its own keys")
        _ = AppReducer.reduce(&state, .sshKeysLoaded(ticket, .success(Page(items: Array(TestCatalogue.sshKeys.prefix(2))))))
        #expect(state.sshKeys.list.items.map(\.id) == ["key-aaaaaaaaaaaaaaaa", "key-bbbbbbbbbbbbbbbb"])
        #expect(state.crumbs == ["Search", "SSH keys"])
        press(&state, .escape)
        #expect(state.routes == [.search])
    }

    @Test func thePaletteAndHelpOfferTheKeysScreen() {
        var state = TestCatalogue.state(as: TestCatalogue.owner)
        #expect(HelpContent.entries(state).contains { $0.binding.command == .sshKeys && $0.disabledReason == nil })
        #expect(PaletteCommands.completions(for: "ke", state: state) == ["keys"])
        _ = PaletteReducer.execute("keys", in: &state)
        #expect(state.route == .sshKeys)
        #expect(HelpContent.entries(state).map(\.binding.command).starts(with: [.addSSHKey, .removeSSHKey, .editFilter, .back]))
    }

    @Test func anAnonymousViewerIsToldToLogIn() {
        var state = TestCatalogue.state(as: .anonymous)
        let effects = press(&state, .character("K"))
        #expect(effects.isEmpty && state.routes == [.search])
        #expect(state.message?.text == "Not allowed: log in to manage SSH keys.")
    }

    @Test func aBadKeyLineIsExplainedInTheFormAndNothingIsSent() {
        var state = TestCatalogue.sshKeysState()
        press(&state, .character("a"))
        #expect(form(state)?.purpose == .addSSHKey)
        #expect(form(state)?.fields.map(\.label) == ["Public key"], "an account adds only to its own")
        var effects = typeText(&state, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ me@host") + press(&state, .enter)
        #expect(effects.isEmpty)
        #expect(form(state)?.error?.contains("keys of type 'ssh-rsa' are not supported; use ed25519") == true, "\(form(state)?.error ?? "no error")")
        press(&state, .ctrl("u"))
        effects = typeText(&state, "-----BEGIN OPENSSH PRIVATE KEY-----") + press(&state, .enter)
        #expect(effects.isEmpty)
        #expect(form(state)?.error == "that is a private key; pass the .pub file beside it")
    }

    @Test func aPastedKeyIsAddedAndTheListReloads() {
        var state = TestCatalogue.sshKeysState()
        press(&state, .character("a"))
        let line = TestCatalogue.ed25519Line(comment: "canonical@desk")
        #expect(line.count > 80, "longer than a line of the form: the field scrolls")
        let effects = typeText(&state, line) + press(&state, .enter)
        guard case .addSSHKey(let sent, let username, let ticket)? = effects.last else {
            Issue.record("expected the key to be sent, got \(effects)")
            return
        }
        #expect(sent == line && username == nil)
        #expect(state.overlay == nil && state.isLoading)
        press(&state, .character("a"))
        #expect(state.message?.text == "Wait: the last key change is still being sent.")

        let added = SSHKeyInfo(id: "key-new", username: "canonical", algorithm: "ssh-ed25519",
                               fingerprint: try! SSHPublicKey(line: line).fingerprint, comment: "canonical@desk", createdAt: TestCatalogue.now)
        let reload = AppReducer.reduce(&state, .sshKeyAdded(ticket, .success(added)))
        #expect(state.message?.text == "Added \(added.fingerprint) (canonical@desk) for canonical.")
        #expect(reload.contains { if case .loadSSHKeys(nil, _, 0) = $0 { true } else { false } })
    }

    @Test func theStoresRefusalIsShown() {
        var state = TestCatalogue.sshKeysState()
        press(&state, .character("a"))
        let effects = typeText(&state, TestCatalogue.ed25519Line()) + press(&state, .enter)
        guard let ticket = ticket(of: effects, { if case .addSSHKey(_, _, let t) = $0 { t } else { nil } }) else {
            Issue.record("nothing sent")
            return
        }
        _ = AppReducer.reduce(&state, .sshKeyAdded(ticket, .failure(SSHKeyRulesText.alreadyRegistered)))
        #expect(state.message?.severity == .error)
        #expect(state.message?.text.hasPrefix("The key was not added: ") == true)
        #expect(state.message?.text.contains("already registered") == true)
        #expect(state.sshKeyChange == nil)
    }

    @Test func removingAKeyWantsYesTypedThenDropsTheRow() {
        var state = TestCatalogue.sshKeysState()
        press(&state, .down)
        press(&state, .character("d"))
        #expect(form(state)?.purpose == .removeSSHKey(id: "key-bbbbbbbbbbbbbbbb", fingerprint: TestCatalogue.sshKeys[1].fingerprint))
        var effects = typeText(&state, "no") + press(&state, .enter)
        #expect(effects.isEmpty)
        #expect(form(state)?.error == "type yes to remove the key, or Esc to keep it")
        press(&state, .ctrl("u"))
        effects = typeText(&state, "yes") + press(&state, .enter)
        guard case .removeSSHKey(let id, let ticket)? = effects.last else {
            Issue.record("expected a removal, got \(effects)")
            return
        }
        #expect(id == "key-bbbbbbbbbbbbbbbb")
        _ = AppReducer.reduce(&state, .sshKeyRemoved(ticket, .success(id)))
        #expect(state.sshKeys.list.items.map(\.id) == ["key-aaaaaaaaaaaaaaaa"])
        #expect(state.sshKeys.list.highlighted == 0)
        #expect(state.message?.text == "Removed \(TestCatalogue.sshKeys[1].fingerprint).")
    }

    @Test func escapeKeepsTheKey() {
        var state = TestCatalogue.sshKeysState()
        press(&state, .character("d"))
        let effects = press(&state, .escape)
        #expect(effects.isEmpty && state.overlay == nil)
        #expect(state.sshKeys.list.items.count == 2)
    }

    @Test func adminsSeeEveryAccountAndNarrowToOne() {
        var state = TestCatalogue.sshKeysState(as: TestCatalogue.identity)
        #expect(state.sshKeys.list.items.count == 3)
        press(&state, .character("f"))
        #expect(state.sshKeys.isEditing)
        let effects = typeText(&state, "alice")
        guard case .loadSSHKeys(let username, _, let debounce)? = effects.last else {
            Issue.record("expected a load, got \(effects)")
            return
        }
        #expect(username == "alice" && debounce == SSHKeysReducer.debounceMilliseconds)
        press(&state, .enter)
        press(&state, .character("a"))
        #expect(form(state)?.fields.map(\.label) == ["Public key", "Account"])
        #expect(form(state)?.fields[1].text == "alice", "adds to the account listed")
        let sent = typeText(&state, TestCatalogue.ed25519Line()) + press(&state, .enter)
        #expect(sent.contains { if case .addSSHKey(_, "alice"?, _) = $0 { true } else { false } })
    }

    @Test func onlyAdminsGetTheAccountLine() {
        var state = TestCatalogue.sshKeysState()
        press(&state, .character("f"))
        #expect(!state.sshKeys.isEditing)
        #expect(state.message?.text == "Only admins list other accounts' keys; these are yours.")
    }

    @Test func aReadOnlyConsoleChangesNoKey() {
        var state = TestCatalogue.sshKeysState()
        state.settings.readOnly = true
        let effects = press(&state, .character("a")) + press(&state, .character("d"))
        #expect(effects.isEmpty && state.overlay == nil)
        #expect(state.message?.text == "Not allowed: \(Availability.readOnlyReason).")
        #expect(!HelpContent.entries(state).contains { $0.binding.command == .addSSHKey })
    }

    @Test func aSuspendedAccountMayRemoveButNotAdd() {
        var suspended = TestCatalogue.owner
        suspended.account?.isSuspended = true
        var state = TestCatalogue.sshKeysState(as: suspended)
        press(&state, .character("a"))
        #expect(state.message?.text == "Not allowed: your account is suspended.")
        press(&state, .character("d"))
        #expect(form(state)?.title == "Remove an SSH key")
    }
}

/// The store's wording of a refusal, as an engine sends it.
enum SSHKeyRulesText {
    static let alreadyRegistered = StoreError.conflict("this key is already registered; each key logs in as one account")
}
