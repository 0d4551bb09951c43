import Foundation
import StoreModels
import StoreService

/// Runs the reducer's store effects as tasks and posts their results to the mailbox.
///
/// Each cancellable effect has a slot; starting an effect cancels the task in its slot, so a
/// newer search supersedes an older one (and the reducer drops any late result by its ticket).
/// Used only from the event loop's thread.
final class EffectRunner {
    private let service: any StoreService
    private let mailbox: Mailbox
    private var tasks: [EffectSlot: Task<Void, Never>] = [:]

    init(service: any StoreService, mailbox: Mailbox) {
        self.service = service
        self.mailbox = mailbox
    }

    deinit { cancelAll() }

    /// Cancels every running task.
    func cancelAll() {
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }

    /// Starts a store effect. Effects the loop handles itself (quit, redraw, suspend) are ignored.
    func run(_ effect: AppEffect) {
        if case .cancel(let slot) = effect {
            tasks.removeValue(forKey: slot)?.cancel()
            return
        }
        guard let slot = effect.slot else { return }
        tasks.removeValue(forKey: slot)?.cancel()
        let service = self.service
        let mailbox = self.mailbox
        tasks[slot] = Task.detached {
            if let event = await EffectRunner.perform(effect, service: service), !Task.isCancelled {
                mailbox.post(event)
            }
        }
    }

    /// Performs one effect and returns the event that reports it.
    static func perform(_ effect: AppEffect, service: any StoreService) async -> AppEvent? {
        switch effect {
        case .search(let query, let ticket, let debounce):
            if debounce > 0 {
                do { try await Task.sleep(for: .milliseconds(debounce)) } catch { return nil }
            }
            return .searchLoaded(ticket, await result { () async throws(StoreError) in try await service.search(query) })
        case .completeNames(let query, let ticket, let debounce):
            if debounce > 0 {
                do { try await Task.sleep(for: .milliseconds(debounce)) } catch { return nil }
            }
            return .namesCompleted(ticket, await result { () async throws(StoreError) in try await service.search(query) })
        case .loadCategories:
            return .categoriesLoaded(await result { () async throws(StoreError) in try await service.categories() })
        case .loadPackage(let name, let ticket):
            return .packageLoaded(ticket, await result { () async throws(StoreError) in try await service.package(named: name) })
        case .loadChannelMap(let name, let ticket):
            return .channelMapLoaded(ticket, await result { () async throws(StoreError) in try await service.channelMap(of: name) })
        case .loadMetrics(let name, let range, let breakdown, let ticket):
            return .metricsLoaded(ticket, await result { () async throws(StoreError) in
                try await service.packageMetrics(name: name.rawValue, range: range, breakdown: breakdown)
            })
        case .loadReleaseDevices(let name, let range, let ticket):
            return .releaseDevicesLoaded(ticket, await result { () async throws(StoreError) in
                try await service.packageMetrics(name: name.rawValue, range: range, breakdown: .release)
            })
        case .loadRevisions(let name, let query, let ticket):
            return .revisionsLoaded(ticket, await result { () async throws(StoreError) in try await service.revisions(of: name, query: query) })
        case .applyPlan(let name, let plan, let version, let ticket):
            return .planApplied(ticket, await result { () async throws(StoreError) in
                try await service.apply(plan, to: name, expecting: version)
            })
        case .loadReviewQueue(let cursor, let limit, let ticket):
            return .reviewQueueLoaded(ticket, await result { () async throws(StoreError) in
                try await service.reviewQueue(cursor: cursor, limit: limit)
            })
        case .review(let targets, let decision, let ticket):
            // One after the other, never abandoned half-way: each answer is reported.
            var outcomes: [ReviewOutcome] = []
            for target in targets {
                let answer = await result { () async throws(StoreError) in
                    try await service.review(target.package, revision: target.revision, decision: decision)
                }
                outcomes.append(ReviewOutcome(target: target, result: answer))
            }
            return .reviewed(ticket, outcomes)
        case .searchPublishers(let text, let cursor, let limit, let ticket, let debounce):
            if debounce > 0 {
                do { try await Task.sleep(for: .milliseconds(debounce)) } catch { return nil }
            }
            return .publishersLoaded(ticket, await result { () async throws(StoreError) in
                try await service.publishers(matching: text, cursor: cursor, limit: limit)
            })
        case .loadPublisher(let username, let ticket):
            return .publisherLoaded(ticket, await result { () async throws(StoreError) in try await service.publisher(username: username) })
        case .loadPublisherPackages(let username, let ticket):
            return .publisherPackagesLoaded(ticket, await result { () async throws(StoreError) in
                Page(items: try await service.packages(ofPublisher: username))
            })
        case .loadPublisherAudit(let query, let ticket):
            return .publisherAuditLoaded(ticket, await result { () async throws(StoreError) in try await service.auditLog(query) })
        case .moderate(let request, let ticket):
            return .moderated(ticket, await result { () async throws(StoreError) in
                switch request {
                case .setValidation(let username, let validation, let reason):
                    try await service.setValidation(validation, of: username, reason: reason)
                case .suspend(let username, let reason):
                    try await service.suspend(username, reason: reason)
                case .unsuspend(let username, let reason):
                    try await service.unsuspend(username, reason: reason)
                }
            })
        case .loadAudit(let query, let ticket, let debounce):
            if debounce > 0 {
                do { try await Task.sleep(for: .milliseconds(debounce)) } catch { return nil }
            }
            return .auditLoaded(ticket, await result { () async throws(StoreError) in try await service.auditLog(query) })
        case .loadSSHKeys(let username, let ticket, let debounce):
            if debounce > 0 {
                do { try await Task.sleep(for: .milliseconds(debounce)) } catch { return nil }
            }
            return .sshKeysLoaded(ticket, await result { () async throws(StoreError) in Page(items: try await service.sshKeys(username: username)) })
        case .addSSHKey(let line, let username, let ticket):
            return .sshKeyAdded(ticket, await result { () async throws(StoreError) in try await service.addSSHKey(line, for: username) })
        case .removeSSHKey(let id, let ticket):
            return .sshKeyRemoved(ticket, await result { () async throws(StoreError) in
                try await service.removeSSHKey(id: id)
                return id
            })
        case .scheduleRetry(let delay):
            do { try await Task.sleep(for: .milliseconds(delay)) } catch { return nil }
            return .retryDue
        case .cancel, .redraw, .suspend, .quit:
            return nil
        }
    }

    private static func result<Value>(_ body: () async throws(StoreError) -> Value) async -> Result<Value, StoreError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
