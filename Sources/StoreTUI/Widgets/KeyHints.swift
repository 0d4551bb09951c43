/// A toolbar's key hints, offering only what the identity may do here (a read-only console or a
/// viewer is not told `a approve · d reject`).
enum KeyHints {
    /// `Space select · s skip ` for the hints whose command is available in `state`.
    static func text(_ hints: [(key: String, label: String, command: Command)], in state: AppState) -> String {
        let offered = hints.filter { Availability.disabledReason($0.command, in: state) == nil }
        return offered.isEmpty ? "" : offered.map { "\($0.key) \($0.label)" }.joined(separator: " · ") + " "
    }
}
