/// Everything a key can be bound to. Help, the palette and the config file all use these names.
public enum Command: String, Hashable, Sendable, CaseIterable {
    case moveUp = "move-up"
    case moveDown = "move-down"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case top
    case bottom
    case open
    case back
    case nextTab = "next-tab"
    case previousTab = "previous-tab"
    case showDetail = "show-detail"
    case showRevisions = "show-revisions"
    case showChannels = "show-channels"
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
    case cycleArchitecture = "cycle-architecture"
    case cycleReviewStatus = "cycle-review-status"
    case toggleTheme = "toggle-theme"

    /// What the command does, for the help overlay and the palette.
    public var summary: String {
        switch self {
        case .moveUp: "move up"
        case .moveDown: "move down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "go to the first row"
        case .bottom: "go to the last row"
        case .open: "open the selected package"
        case .back: "go back"
        case .nextTab: "next tab"
        case .previousTab: "previous tab"
        case .showDetail: "package detail"
        case .showRevisions: "revisions"
        case .showChannels: "channel map"
        case .search: "search the catalogue"
        case .palette: "command palette"
        case .help: "this help"
        case .quit: "quit"
        case .retry: "retry the failed request"
        case .redraw: "redraw the screen"
        case .suspend: "suspend to the shell"
        case .cycleType: "filter by type: all, snap, charm"
        case .toggleVerified: "only verified and starred publishers"
        case .cycleCategory: "filter by the next category"
        case .cycleSort: "sort by the next column"
        case .cycleArchitecture: "filter by the next architecture"
        case .cycleReviewStatus: "filter by review status"
        case .toggleTheme: "switch dark/light theme"
        }
    }
}
