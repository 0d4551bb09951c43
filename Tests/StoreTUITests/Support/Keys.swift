@testable import StoreTUI

/// Sends keys to the reducer; returns every effect they asked for, in order.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [AppEffect] {
    keys.flatMap { AppReducer.reduce(&state, .key($0)) }
}

/// Types text, one character key at a time.
@discardableResult
func typeText(_ state: inout AppState, _ text: String) -> [AppEffect] {
    text.flatMap { AppReducer.reduce(&state, .key(.character($0))) }
}

/// The form on screen, if any.
func form(_ state: AppState) -> FormState? {
    if case .form(let form)? = state.overlay { return form }
    return nil
}

/// The ticket of the last effect that carries one of the given kind.
func ticket(of effects: [AppEffect], _ pick: (AppEffect) -> Ticket?) -> Ticket? {
    effects.compactMap(pick).last
}
