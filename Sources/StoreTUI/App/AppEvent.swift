import Foundation
import StoreModels
import StoreService

/// Everything that can happen to the console: input, time, and store answers (each with the
/// ticket the reducer issued for it).
public enum AppEvent: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// Time passes (only while something is loading or a retry is scheduled).
    case tick(Date)
    case searchLoaded(Ticket, Result<Page<PackageSummary>, StoreError>)
    case categoriesLoaded(Result<[String], StoreError>)
    case packageLoaded(Ticket, Result<PackageDetail, StoreError>)
    case channelMapLoaded(Ticket, Result<ChannelMap, StoreError>)
    case revisionsLoaded(Ticket, Result<Page<Revision>, StoreError>)
    /// A scheduled retry is due.
    case retryDue
}

/// Work the reducer asks the runtime to do. Values, so reducer tests assert them directly.
public enum AppEffect: Hashable, Sendable {
    /// Search after `debounceMilliseconds`; starting it cancels the previous search.
    case search(SearchQuery, Ticket, debounceMilliseconds: Int)
    case loadCategories
    case loadPackage(PackageName, Ticket)
    case loadChannelMap(PackageName, Ticket)
    case loadRevisions(PackageName, RevisionQuery, Ticket)
    /// Cancel whatever runs in a slot.
    case cancel(EffectSlot)
    /// Send `.retryDue` after a delay.
    case scheduleRetry(afterMilliseconds: Int)
    case redraw
    case suspend
    case quit
}

/// Effects that supersede each other share a slot: starting one cancels the one in flight.
public enum EffectSlot: Hashable, Sendable {
    case search, categories, package, channelMap, revisions, retry
}

extension AppEffect {
    /// The slot this effect runs in, if it is cancellable.
    public var slot: EffectSlot? {
        switch self {
        case .search: .search
        case .loadCategories: .categories
        case .loadPackage: .package
        case .loadChannelMap: .channelMap
        case .loadRevisions: .revisions
        case .scheduleRetry: .retry
        case .cancel, .redraw, .suspend, .quit: nil
        }
    }
}
