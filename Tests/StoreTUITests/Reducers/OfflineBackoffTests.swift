import StoreModels
import StoreService
import Testing
@testable import StoreTUI

/// How the console backs off while the store cannot be reached.
@Suite struct OfflineBackoffTests {
    /// Opens the selected package: three loads go out at once.
    private func openPackage(_ state: inout AppState) -> (package: Ticket, map: Ticket, revisions: Ticket)? {
        var package: Ticket?, map: Ticket?, revisions: Ticket?
        for effect in AppReducer.reduce(&state, .key(.enter)) {
            switch effect {
            case .loadPackage(_, let ticket): package = ticket
            case .loadChannelMap(_, let ticket): map = ticket
            case .loadRevisions(_, _, let ticket): revisions = ticket
            default: break
            }
        }
        guard let package, let map, let revisions else { return nil }
        return (package, map, revisions)
    }

    @Test func loadsFailingTogetherCountAsOneAttempt() throws {
        var state = TestCatalogue.searchState()
        let tickets = try #require(openPackage(&state))
        let down = StoreError.unreachable("connection refused")
        let first = AppReducer.reduce(&state, .packageLoaded(tickets.package, .failure(down)))
        let second = AppReducer.reduce(&state, .channelMapLoaded(tickets.map, .failure(down)))
        let third = AppReducer.reduce(&state, .revisionsLoaded(tickets.revisions, .failure(down)))
        #expect(first == [.scheduleRetry(afterMilliseconds: 1000)])
        #expect(second.isEmpty && third.isEmpty)
        guard case .offline(_, 1) = state.connection else {
            Issue.record("expected the first attempt, got \(state.connection)")
            return
        }
    }

    @Test func eachRetryRoundThatFailsDoublesTheDelay() throws {
        var state = TestCatalogue.searchState()
        let tickets = try #require(openPackage(&state))
        let down = StoreError.unreachable("connection refused")
        _ = AppReducer.reduce(&state, .packageLoaded(tickets.package, .failure(down)))
        _ = AppReducer.reduce(&state, .channelMapLoaded(tickets.map, .failure(down)))
        _ = AppReducer.reduce(&state, .revisionsLoaded(tickets.revisions, .failure(down)))

        let retry = AppReducer.reduce(&state, .retryDue)
        guard case .loadPackage(_, let again)? = retry.first(where: { if case .loadPackage = $0 { true } else { false } }) else {
            Issue.record("expected the retry to load the package again, got \(retry)")
            return
        }
        let next = AppReducer.reduce(&state, .packageLoaded(again, .failure(down)))
        #expect(next == [.scheduleRetry(afterMilliseconds: 2000)])
        guard case .offline(_, 2) = state.connection else {
            Issue.record("expected the second attempt, got \(state.connection)")
            return
        }
    }

    @Test func retryingByHandCancelsTheScheduledRetry() {
        var state = TestCatalogue.searchState()
        let ticket = state.issueTicket()
        state.search.list.pending = ticket
        _ = AppReducer.reduce(&state, .searchLoaded(ticket, .failure(.unreachable("connection refused"))))
        let effects = AppReducer.reduce(&state, .key(.character("r")))
        #expect(effects.first == .cancel(.retry))
        #expect(effects.contains { if case .search = $0 { true } else { false } })
    }
}

/// A store whose database fails (503) is retried with backoff like an unreachable one.
@Suite struct UnavailableStoreTests {
    @Test func anUnavailableDatabaseIsRetriedWithBackoffAndShownAsUnavailable() {
        var state = TestCatalogue.searchState()
        let ticket = state.issueTicket()
        state.search.list.pending = ticket
        let effects = AppReducer.reduce(&state, .searchLoaded(ticket, .failure(.unavailable("database is locked"))))
        #expect(effects == [.scheduleRetry(afterMilliseconds: 1000)])
        #expect(state.isStoreUnavailable)
        #expect(rendered(state).textDump().contains("○ unavailable"))
    }

    @Test func aCancelledCallIsNotAFailureOfTheStore() {
        var state = TestCatalogue.searchState()
        let ticket = state.issueTicket()
        state.search.list.pending = ticket
        let effects = AppReducer.reduce(&state, .searchLoaded(ticket, .failure(.unavailable(StoreError.cancelledReason))))
        #expect(effects.isEmpty)
        #expect(state.connection == .online)
        #expect(state.message == nil)
    }
}
