/// Everything a key can be bound to. Help, the palette and the config file all use these names.
public enum Command: String, Hashable, Sendable, CaseIterable {
    case moveUp = "move-up"
    case moveDown = "move-down"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case top
    case bottom
    /// A column left or right (the channel map's cells).
    case moveLeft = "move-left"
    case moveRight = "move-right"
    case open
    case back
    case nextTab = "next-tab"
    case previousTab = "previous-tab"
    case showDetail = "show-detail"
    case showRevisions = "show-revisions"
    case showChannels = "show-channels"
    case showMetrics = "show-metrics"
    case cycleRange = "cycle-range"
    case cycleBreakdown = "cycle-breakdown"
    case search
    case palette
    case help
    case quit
    case retry
    case redraw
    case suspend
    case cycleType = "cycle-type"
    case toggleVerified = "toggle-verified"
    case cycleCategory = "cycle-category"
    case cycleSort = "cycle-sort"
    case reverseSort = "reverse-sort"
    case cycleArchitecture = "cycle-architecture"
    case cycleReviewStatus = "cycle-review-status"
    case toggleTheme = "toggle-theme"
    // Publishing (revisions and channel map).
    case toggleSelection = "toggle-selection"
    case release
    case promote
    case closeChannel = "close-channel"
    case progressive
    case undoRelease = "undo-release"
    case allPlatforms = "all-platforms"
    // The release preview.
    case apply
    case activate = "press-button"
    case switchFocus = "switch-focus"
    // Panes for reviewers and admins.
    case reviewQueue = "review-queue"
    case publishers
    case audit
    case approve
    case reject
    case skip
    case editFilter = "edit-filter"
    case verify
    case suspendPublisher = "suspend-publisher"
    case unsuspendPublisher = "unsuspend-publisher"
    // SSH keys.
    case sshKeys = "ssh-keys"
    case addSSHKey = "add-ssh-key"
    case removeSSHKey = "remove-ssh-key"

    /// What the command does, for the help overlay and the palette.
    public var summary: String {
        switch self {
        case .moveUp: "move up"
        case .moveDown: "move down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "go to the first row"
        case .bottom: "go to the last row"
        case .moveLeft: "previous platform or day"
        case .moveRight: "next platform or day"
        case .open: "open the selected package"
        case .back: "go back"
        case .nextTab: "next tab"
        case .previousTab: "previous tab"
        case .showDetail: "package detail"
        case .showRevisions: "revisions"
        case .showChannels: "channel map"
        case .showMetrics: "metrics: devices over time"
        case .cycleRange: "chart 7, 30 or 90 days"
        case .cycleBreakdown: "chart by channel, version or architecture"
        case .search: "search the catalogue"
        case .palette: "command palette"
        case .help: "this help"
        case .quit: "quit"
        case .retry: "retry the failed request"
        case .redraw: "redraw the screen"
        case .suspend: "suspend to the shell"
        case .cycleType: "filter by type: all, snap, charm"
        case .toggleVerified: "only verified and starred publishers"
        case .cycleCategory: "filter by a category (picker)"
        case .cycleSort: "sort by the next column"
        case .reverseSort: "sort the other way round"
        case .cycleArchitecture: "filter by the next architecture"
        case .cycleReviewStatus: "filter by review status"
        case .toggleTheme: "switch dark/light theme"
        case .toggleSelection: "select or unselect the row"
        case .release: "release revisions to channels…"
        case .promote: "promote to the next safer risk (this platform)"
        case .closeChannel: "close the channel (this platform)"
        case .progressive: "change or complete its progressive release"
        case .undoRelease: "undo this session's last release"
        case .allPlatforms: "the next p, x or % acts on every platform"
        case .apply: "apply the plan"
        case .activate: "press the focused button"
        case .switchFocus: "switch between Cancel and Apply"
        case .reviewQueue: "review queue"
        case .publishers: "publishers"
        case .audit: "audit log"
        case .approve: "approve the selected uploads"
        case .reject: "reject the selected uploads…"
        case .skip: "skip to the next upload"
        case .editFilter: "edit the filter"
        case .verify: "set the validation badge…"
        case .suspendPublisher: "suspend the publisher…"
        case .unsuspendPublisher: "lift the suspension…"
        case .sshKeys: "SSH keys"
        case .addSSHKey: "add an SSH key (paste a .pub line)…"
        case .removeSSHKey: "remove the selected SSH key…"
        }
    }

    /// Whether the command changes the store (or prepares a change): never offered read-only.
    public var isChange: Bool {
        switch self {
        case .toggleSelection, .release, .promote, .closeChannel, .progressive, .undoRelease, .allPlatforms, .apply,
             .approve, .reject, .verify, .suspendPublisher, .unsuspendPublisher, .addSSHKey, .removeSSHKey:
            true
        default:
            false
        }
    }
}

extension Command {
    /// How far a move command goes, in rows, when a page is `page` rows: ±1, ±page, or far enough
    /// to reach either end (callers clamp). `nil` for a command that is not a move.
    func moveDelta(page: Int) -> Int? {
        switch self {
        case .moveUp: -1
        case .moveDown: 1
        case .pageUp: -page
        case .pageDown: page
        case .top: -1_000_000_000
        case .bottom: 1_000_000_000
        default: nil
        }
    }
}
