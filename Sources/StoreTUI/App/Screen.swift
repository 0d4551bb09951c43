import StoreModels

/// One screen on the console's stack, carrying its own state: leaving a screen drops what it held.
public enum Screen: Hashable, Sendable {
    case search(SearchState)
    case package(PackageState)
    /// The preview of a release plan (or its conflict view), above the package it changes.
    case preview(ReleasePreviewState)
    /// The review queue; its state is the app's inbox (``AppState/reviewQueue``), not the screen's.
    case reviewQueue
    case publishers(PublishersState)
    case publisher(PublisherDetailState)
    case audit(AuditState)
    /// The SSH keys that log in to the console: the account's own, or every account's for admins.
    case sshKeys(SSHKeysState)

    /// Which kind of screen this is.
    public var route: Route {
        switch self {
        case .search: .search
        case .package(let package): .package(package.name)
        case .preview: .preview
        case .reviewQueue: .reviewQueue
        case .publishers: .publishers
        case .publisher(let detail): .publisher(detail.username)
        case .audit: .audit
        case .sshKeys: .sshKeys
        }
    }

    /// How the screen's body is cut (see ``PaneLayout``).
    public var shape: PaneLayout.Shape {
        switch self {
        case .search, .publishers: .table
        case .reviewQueue: .tableOverHalfDetail
        case .audit: .tableOverDetail(rows: AuditReducer.detailRows)
        case .sshKeys: .tableOverDetail(rows: SSHKeysReducer.detailRows)
        case .package(let package): package.tab == .detail || package.tab == .metrics ? .plain : .tableWithFooter
        case .preview, .publisher: .plain
        }
    }
}

/// The state of the screens on the stack, by kind. A getter finds the topmost screen of that
/// kind; a setter changes that screen and does nothing when none is open (open one with
/// ``AppReducer/push(_:_:)``).
extension AppState {
    public var search: SearchState {
        get {
            if case .search(let search) = screens.first { return search }
            return SearchState()
        }
        set {
            if case .search = screens.first { screens[0] = .search(newValue) } else { screens.insert(.search(newValue), at: 0) }
        }
    }

    public var package: PackageState? {
        get { topmost { if case .package(let value) = $0 { value } else { nil } } }
        set { replaceTopmost(newValue.map(Screen.package)) { if case .package = $0 { true } else { false } } }
    }

    public var preview: ReleasePreviewState? {
        get { topmost { if case .preview(let value) = $0 { value } else { nil } } }
        set { replaceTopmost(newValue.map(Screen.preview)) { if case .preview = $0 { true } else { false } } }
    }

    public var publishers: PublishersState {
        get { topmost { if case .publishers(let value) = $0 { value } else { nil } } ?? PublishersState() }
        set { replaceTopmost(.publishers(newValue)) { if case .publishers = $0 { true } else { false } } }
    }

    public var publisherDetail: PublisherDetailState? {
        get { topmost { if case .publisher(let value) = $0 { value } else { nil } } }
        set { replaceTopmost(newValue.map(Screen.publisher)) { if case .publisher = $0 { true } else { false } } }
    }

    public var audit: AuditState {
        get { topmost { if case .audit(let value) = $0 { value } else { nil } } ?? AuditState() }
        set { replaceTopmost(.audit(newValue)) { if case .audit = $0 { true } else { false } } }
    }

    public var sshKeys: SSHKeysState {
        get { topmost { if case .sshKeys(let value) = $0 { value } else { nil } } ?? SSHKeysState() }
        set { replaceTopmost(.sshKeys(newValue)) { if case .sshKeys = $0 { true } else { false } } }
    }

    /// The breadcrumb of the screen stack.
    public var crumbs: [String] {
        screens.flatMap { screen -> [String] in
            switch screen {
            case .search: ["Search"]
            case .package(let package): [package.name.rawValue, package.tab.title]
            case .preview(let preview): [preview.crumb]
            case .reviewQueue: ["Review queue"]
            case .publishers: ["Publishers"]
            case .publisher(let detail): [detail.username]
            case .audit: ["Audit log"]
            case .sshKeys: ["SSH keys"]
            }
        }
    }

    /// The layout of the screen on top at the current size.
    public var layout: PaneLayout {
        layout(of: screens.last ?? .search(search))
    }

    /// The layout `screen` would have at the current size (and with the status message shown).
    public func layout(of screen: Screen) -> PaneLayout {
        PaneLayout.of(screen.shape, width: width, height: height, messageRows: StatusLine(self).messageLines.count)
    }

    private func topmost<Value>(_ extract: (Screen) -> Value?) -> Value? {
        for screen in screens.reversed() {
            if let value = extract(screen) { return value }
        }
        return nil
    }

    private mutating func replaceTopmost(_ screen: Screen?, where matches: (Screen) -> Bool) {
        guard let screen, let index = screens.lastIndex(where: matches) else { return }
        screens[index] = screen
    }
}
