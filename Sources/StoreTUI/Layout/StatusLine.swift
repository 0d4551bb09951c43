import StoreModels

/// What the status bar says, laid out: the fixed segments on the left (store, identity, review
/// count, connection, spinner), the key hints on the right, and the message between them, or, when
/// the message does not fit there, on rows of its own above the bar, wrapped whole (up to
/// ``maximumMessageRows``). The layout (``PaneLayout``) gives those rows; the view draws them.
struct StatusLine {
    /// Rows a long message may take above the bar.
    static let maximumMessageRows = 3
    static let hints = "? help  : cmd  q quit "

    enum Segment {
        case store(String), identity(String), reviewCount(String, isZero: Bool), online, offline(String), spinner(String)
    }

    var segments: [Segment] = []
    var message: StatusMessage?
    let width: Int

    /// The status line of `state`.
    init(_ state: AppState) {
        width = state.width
        message = state.message
        let store = state.settings.isRemote ? state.settings.storeLocation : "embedded " + Self.shortPath(state.settings.storeLocation)
        segments.append(.store(" \(store) "))
        let identity = state.settings.identity
        segments.append(.identity(" \(identity.username) (\(identity.isAnonymous ? "anonymous" : identity.role.rawValue))\(state.settings.readOnly ? " · read-only" : "") "))
        if Availability.seesReviewQueue(state), let count = state.reviewQueue.countText {
            segments.append(.reviewCount("⚑ \(count) to review ", isZero: count == "0"))
        }
        switch state.connection {
        case .online: segments.append(.online)
        case .offline(let since, let attempt):
            let word = state.isStoreUnavailable ? "unavailable" : "offline"
            segments.append(.offline("○ \(word) \(Int(state.now.timeIntervalSince(since)))s (try \(attempt)) "))
        }
        if state.isLoading {
            segments.append(.spinner(StatusBarView.spinner[state.spinnerFrame % StatusBarView.spinner.count] + " "))
        }
    }

    /// A segment's text.
    static func text(of segment: Segment) -> String {
        switch segment {
        case .store(let text), .identity(let text), .reviewCount(let text, _), .offline(let text), .spinner(let text): text
        case .online: "● "
        }
    }

    /// The widest a segment may be drawn (store paths and usernames are capped).
    func cap(of segment: Segment) -> Int {
        switch segment {
        case .store: min(32, width / 3)
        case .identity: 28
        default: Int.max
        }
    }

    /// Columns the left segments take.
    var leftWidth: Int {
        segments.reduce(0) { $0 + min(cap(of: $1), SafeText(untrusted: Self.text(of: $1)).width) }
    }

    /// Columns between the left segments and the hints.
    var inlineRoom: Int { max(0, width - leftWidth - SafeText(trusted: Self.hints).width - 1) }

    /// The message's own rows above the bar: empty when it fits inline.
    var messageLines: [SafeText] {
        guard let message, SafeText(untrusted: message.text).width > inlineRoom else { return [] }
        return SafeText.wrapped(untrusted: message.text, width: max(10, width - 2), maxLines: Self.maximumMessageRows)
    }

    /// `~/.local/share/store-tui/store.sqlite` → `store.sqlite`.
    static func shortPath(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
