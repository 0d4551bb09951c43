/// Keys while a form has focus: typing, completion, moving between fields, Enter and Esc.
enum FormReducer {
    /// The longest text a field takes.
    static let maximumLength = 300

    static func handleKey(_ state: inout AppState, _ form: inout FormState, _ key: Key) -> [AppEffect] {
        let completions = form.completions
        switch key {
        case .escape, .ctrl("c"):
            state.overlay = nil
            state.message = StatusMessage("Cancelled.")
            return []
        case .tab:
            if !completions.isEmpty {
                form.fields[form.focus].accept(completions[min(form.completion, completions.count - 1)])
                form.completion = 0
            } else {
                move(&form, by: 1)
            }
        case .backTab:
            move(&form, by: -1)
        case .up:
            if completions.isEmpty { move(&form, by: -1) } else { form.completion = max(0, form.completion - 1) }
        case .down:
            if completions.isEmpty { move(&form, by: 1) } else { form.completion = min(completions.count - 1, form.completion + 1) }
        case .backspace, .ctrl("u"), .ctrl("w"), .character:
            if LineEditor.apply(key, to: &form.fields[form.focus].text, limit: form.fields[form.focus].limit) == .edited {
                form.completion = 0
            }
        case .enter:
            form.error = nil
            state.overlay = nil
            let effects = submit(&state, form)
            return effects
        default:
            break
        }
        state.overlay = .form(form)
        return []
    }

    static func move(_ form: inout FormState, by delta: Int) {
        guard !form.fields.isEmpty else { return }
        form.focus = (form.focus + delta + form.fields.count) % form.fields.count
        form.completion = 0
    }

    /// Hands a submitted form to its purpose's reducer. A reducer that refuses the input puts the
    /// form back with `error` set.
    static func submit(_ state: inout AppState, _ form: FormState) -> [AppEffect] {
        switch form.purpose {
        case .release, .progress:
            return PublishReducer.submit(&state, form)
        case .reject:
            return AppReducer.scoped(&state, \.reviewQueue) { queue, step in ReviewQueueReducer.submitRejection(form, &queue, &step) }
        case .validation, .suspend, .unsuspend:
            return ModerationReducer.submit(&state, form)
        case .category:
            return AppReducer.scoped(&state, \.search) { search, step in SearchReducer.submitCategory(form, &search, &step) }
        case .addSSHKey, .removeSSHKey:
            return SSHKeysReducer.submit(&state, form)
        }
    }

    /// Puts a refused form back on screen with the reason.
    /// Keeps the form open with `reason`; with `field`, moves the focus to the field to fix.
    static func refuse(_ state: inout AppState, _ form: FormState, _ reason: String, field: Int? = nil) -> [AppEffect] {
        var form = form
        form.error = reason
        if let field, form.fields.indices.contains(field) {
            form.focus = field
            form.completion = 0
        }
        state.overlay = .form(form)
        return []
    }
}
