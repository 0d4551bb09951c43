import Foundation
import StoreModels
import StoreService

/// Issues the tickets that tie each request to its answer; one per console, owned by the state.
public struct TicketIssuer: Hashable, Sendable {
    private var last = 0

    /// An issuer that has issued nothing.
    public init() {}

    /// A ticket never issued before.
    public mutating func next() -> Ticket {
        last += 1
        return Ticket(last)
    }
}

/// What a pane reducer tells the app reducer, which alone changes what lies outside the pane.
public enum PaneNotice: Hashable, Sendable {
    /// The store answered a request (so the console is online again).
    case storeAnswered
    /// A request failed (the app decides: offline and retry, or a message).
    case storeFailed(StoreError)
    /// A line for the status bar (`nil` clears it).
    case message(StatusMessage?)
    /// Open a package on a tab.
    case openPackage(PackageName, PackageTab)
    /// Open a publisher's page.
    case openPublisher(String)
    /// Leave this screen.
    case back
    /// A revision changed in the store (a review decided it): an open package shows it.
    case revisionChanged(PackageName, Revision)
    /// Show a form above the panes.
    case showForm(FormState)
    /// Keep a submitted form open, saying why it was not accepted.
    case refuseForm(FormState, String)
    /// Open a package and preview the plan that undoes exactly what `step` changed.
    case undoTo(PackageName, UndoStep)
    /// Quit the console (asking first when a release plan would be lost).
    case quit
}

/// One run of a pane reducer: what it may know (its layout, the time, who is signed in), the
/// ticket issuer, and what it asks for (effects and notices), collected as it goes.
///
/// A pane reducer takes its own state and one of these, never the whole ``AppState``.
public struct PaneStep {
    /// Where the pane is drawn: page sizes and hit-tests come from here.
    public let layout: PaneLayout
    /// The console's clock.
    public let now: Date
    /// Who is signed in.
    public let identity: Identity
    /// The store's categories (for filters).
    public let categories: [String]
    /// The tickets for the requests this step makes.
    public var tickets: TicketIssuer
    /// The effects asked for, in order.
    public private(set) var effects: [AppEffect] = []
    /// The notices for the app reducer, in order.
    public private(set) var notices: [PaneNotice] = []

    /// A step for a pane laid out as `layout`.
    public init(layout: PaneLayout, now: Date, identity: Identity, categories: [String] = [], tickets: TicketIssuer) {
        self.layout = layout
        self.now = now
        self.identity = identity
        self.categories = categories
        self.tickets = tickets
    }

    /// A new ticket.
    public mutating func ticket() -> Ticket { tickets.next() }

    /// Asks for `effect`.
    public mutating func run(_ effect: AppEffect) { effects.append(effect) }

    /// Tells the app reducer `notice`.
    public mutating func notice(_ notice: PaneNotice) { notices.append(notice) }

    /// Shows `text` in the status bar.
    public mutating func say(_ text: String, severity: StatusMessage.Severity = .info) {
        notices.append(.message(StatusMessage(text, severity: severity)))
    }
}
