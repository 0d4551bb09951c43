import Foundation
import StoreModels
import StoreService

/// Which kind of screen is shown, and for which package or publisher: what the key map, the
/// breadcrumb and tests ask of a ``Screen`` without its state.
public enum Route: Hashable, Sendable {
    case search
    case package(PackageName)
    /// The preview of a release plan (or its conflict view), above the package it changes.
    case preview
    case reviewQueue
    case publishers
    case publisher(String)
    case audit
    case sshKeys
}

/// The connection to the store, as the status bar shows it.
public enum ConnectionState: Hashable, Sendable {
    case online
    /// The last request could not reach the store; data shown is stale. `attempt` counts the retry
    /// rounds since `since` (the backoff grows with it; see `AppReducer`).
    case offline(since: Date, attempt: Int)
}

/// An overlay drawn above the panes.
public enum Overlay: Hashable, Sendable {
    case help
    case palette(PaletteState)
    /// A small form: release targets, a percentage, a reason, a typed confirmation.
    case form(FormState)

    /// The palette's state, when the palette is open.
    public var palette: PaletteState? {
        if case .palette(let palette) = self { palette } else { nil }
    }
}

/// The `:` command palette: typed text, completions and the selected completion.
public struct PaletteState: Hashable, Sendable {
    public var text = ""
    /// The highlighted completion.
    public var selection = 0
    /// The first completion shown (the list scrolls to keep the highlighted one in view).
    public var scroll = 0
    public var message: String?
    /// Package names the store has for the `open` argument typed, and the request asking for more.
    public var names: [String] = []
    public var namesPending: Ticket?
    public init(text: String = "") { self.text = text }
}

/// Settings fixed at launch.
public struct AppSettings: Hashable, Sendable {
    /// Where the data comes from: a database path or a server URL.
    public var storeLocation: String
    /// Whether the store is embedded (a file) or remote (a URL).
    public var isRemote: Bool
    public var identity: Identity
    public var readOnly: Bool
    public var useColor: Bool
    public var theme: ThemeName

    public init(storeLocation: String, isRemote: Bool, identity: Identity, readOnly: Bool = false, useColor: Bool = true, theme: ThemeName = .dark) {
        self.storeLocation = storeLocation
        self.isRemote = isRemote
        self.identity = identity
        self.readOnly = readOnly
        self.useColor = useColor
        self.theme = theme
    }
}

/// The whole state of the console. A value: the event loop owns the only copy.
public struct AppState: Hashable, Sendable {
    public var settings: AppSettings
    public var width: Int
    public var height: Int
    public var now: Date
    /// The screens, bottom first: the search is always at the bottom, Esc pops the top one, and
    /// each screen carries its own state (it goes when the screen is left).
    public var screens: [Screen] = [.search(SearchState())]
    public var categories: [String] = []
    public var overlay: Overlay?
    /// The first key shown by the help overlay when it has more keys than fit.
    public var helpScroll = 0
    public var connection: ConnectionState = .online
    /// A retry round is scheduled and has not run yet: further failures of the same round do not
    /// count as new attempts (three loads failing together are one attempt, not three).
    public var retryIsScheduled = false
    /// Offline because the store's database failed (503) rather than the store being unreachable.
    public var isStoreUnavailable = false
    /// A transient message in the status bar (errors, confirmations).
    public var message: StatusMessage?
    public var spinnerFrame = 0
    public var keyMap = KeyMap()
    public var isQuitting = false
    /// Quit was asked for while a release plan is unsent or in flight: the next key confirms (y, q,
    /// C-c) or keeps the plan (anything else).
    public var isConfirmingQuit = false
    /// The release plan being applied (kept here so its answer lands even if the preview closed).
    public var pendingApply: PendingApply?
    /// Per package, the changes made in this session that `u` undoes, newest last (several levels).
    public var undoSteps: [PackageName: [UndoStep]] = [:]
    /// A package whose undo (started from an audit entry) waits for its map and revisions to load.
    public var pendingUndo: PendingUndo?
    /// The review queue. Not a screen's: it is the reviewer's inbox, loaded at launch so the
    /// status bar can count it whether or not its screen is open.
    public var reviewQueue = ReviewQueueState()
    /// The moderation change in flight, if any.
    public var moderation: PendingModeration?
    /// The SSH key being added or removed, if any.
    public var sshKeyChange: PendingSSHKeyChange?
    /// Issues every request's ticket.
    public var tickets = TicketIssuer()

    /// Creates the initial state.
    public init(settings: AppSettings, width: Int, height: Int, now: Date) {
        self.settings = settings
        self.width = width
        self.height = height
        self.now = now
    }

    /// A new ticket for a request.
    public mutating func issueTicket() -> Ticket { tickets.next() }

    /// The kind of every screen on the stack, bottom first.
    public var routes: [Route] { screens.map(\.route) }

    /// The kind of the screen on top.
    public var route: Route { screens.last?.route ?? .search }

    /// Whether anything is loading (drives the spinner).
    public var isLoading: Bool {
        search.list.pending != nil
            || package.map { $0.detail.isLoading || $0.channelMap.isLoading || $0.revisions.list.pending != nil } ?? false
            || pendingApply != nil || moderation != nil || sshKeyChange != nil
            || reviewQueue.list.pending != nil || reviewQueue.decision != nil
            || publishers.list.pending != nil || audit.list.pending != nil || sshKeys.list.pending != nil
            || publisherDetail.map { $0.publisher.isLoading || $0.packages.isLoading || $0.audit.isLoading } ?? false
    }

    /// The key contexts in force, most specific first.
    public var keyContexts: [KeyContext] {
        switch route {
        case .search: return [.search, .global]
        case .package:
            switch package?.tab ?? .detail {
            case .detail: return [.detail, .package, .global]
            case .revisions: return [.revisions, .package, .global]
            case .channels: return [.channels, .package, .global]
            case .metrics: return [.metrics, .package, .global]
            }
        case .preview: return [.preview, .global]
        case .reviewQueue: return [.reviewQueue, .global]
        case .publishers: return [.publishers, .global]
        case .publisher: return [.publisher, .global]
        case .audit: return [.audit, .global]
        case .sshKeys: return [.sshKeys, .global]
        }
    }
}

/// A status-bar message with its severity.
public struct StatusMessage: Hashable, Sendable {
    public enum Severity: Hashable, Sendable { case info, error }
    public var text: String
    public var severity: Severity
    public init(_ text: String, severity: Severity = .info) {
        self.text = text
        self.severity = severity
    }
}

/// One change `u` can undo: the map before and after it, and how to name it.
public struct UndoStep: Hashable, Sendable {
    public var before: ChannelMap
    public var after: ChannelMap
    /// `your release of r28 to latest/beta`, `audit event 42 (close by alice)`.
    public var description: String

    /// Creates a step.
    public init(before: ChannelMap, after: ChannelMap, description: String) {
        self.before = before
        self.after = after
        self.description = description
    }
}

/// An undo started from an audit entry, waiting for its package's map and revisions to load.
public struct PendingUndo: Hashable, Sendable {
    public var package: PackageName
    public var step: UndoStep
}
