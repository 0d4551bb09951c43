import StoreModels
import StoreService

/// Publishing from the Revisions and Channel map tabs: picking revisions, and turning `R`, `p`,
/// `x`, `%` and `u` into a ``ReleasePlan`` that opens the preview.
enum PublishReducer {
    static func run(_ command: Command, in state: inout AppState) -> [AppEffect] {
        switch command {
        case .toggleSelection: return toggle(&state)
        case .release: return startRelease(&state)
        case .promote: return promote(&state)
        case .closeChannel: return close(&state)
        case .progressive: return startProgress(&state)
        case .undoRelease: return undo(&state)
        case .allPlatforms: return armAllPlatforms(&state)
        default: return []
        }
    }

    // MARK: - Platform scope

    /// `*`: the next promote, close or progressive change acts on every platform (pressed again, on
    /// the highlighted one only).
    static func armAllPlatforms(_ state: inout AppState) -> [AppEffect] {
        guard let package = state.package, package.tab == .channels else { return [] }
        let armed = !package.actsOnAllPlatforms
        state.package?.actsOnAllPlatforms = armed
        state.message = StatusMessage(armed
            ? "Every platform: the next p promotes, x closes or % changes the channel on all platforms (* again: this one only)."
            : "The next p, x or % acts on the highlighted platform only.")
        return []
    }

    /// The platforms a channel map action on `target` covers, and how the preview names them: the
    /// highlighted cell's platform, or every platform after `*` (or when the map has only one).
    /// Reading the scope spends `*`.
    static func scope(_ state: inout AppState, _ target: ChannelTarget) -> (platforms: [Platform]?, words: String) {
        let armed = state.package?.actsOnAllPlatforms ?? false
        state.package?.actsOnAllPlatforms = false
        let platforms = state.package?.channelMap.value?.platforms ?? []
        if armed || platforms.count <= 1 { return (nil, "on every platform") }
        return ([target.platform], "on \(ReleasePreviewView.platformLabel(target.platform))")
    }

    // MARK: - Selection

    /// The highlighted channel row, on the channel map tab.
    static func highlightedTarget(_ state: AppState) -> ChannelTarget? {
        guard let package = state.package, package.tab == .channels else { return nil }
        return package.highlightedChannel
    }

    /// The revision the highlighted row stands for: the revisions tab's row, or what the
    /// highlighted channel serves of its own.
    static func highlightedRevision(_ state: AppState) -> Revision? {
        guard let package = state.package else { return nil }
        switch package.tab {
        case .revisions:
            return package.revisions.highlighted
        case .channels:
            guard let target = highlightedTarget(state), let map = package.channelMap.value else { return nil }
            let serving = map.serving(target.channel, on: target.platform)
            guard serving.source == .own, let number = serving.revision ?? serving.progressive?.revision else { return nil }
            return package.revisions.byNumber[number]
        case .detail, .metrics:
            return nil
        }
    }

    static func toggle(_ state: inout AppState) -> [AppEffect] {
        guard let package = state.package else { return [] }
        guard let revision = highlightedRevision(state) else {
            if let target = highlightedTarget(state) {
                state.message = StatusMessage("\(target.channel.fullName) on \(target.platform) serves nothing of its own to select.")
            }
            return []
        }
        let change = ReleaseSelection.toggle(revision, in: package.selectedRevisions, revisions: package.revisions.byNumber)
        state.package?.selectedRevisions = change.selection
        if !change.added {
            state.message = StatusMessage("Unselected r\(revision.number).")
        } else if change.replaced.isEmpty {
            state.message = StatusMessage("Selected r\(revision.number) (\(architectures(revision))) · R releases \(ReleaseSelection.list(change.selection))")
        } else {
            state.message = StatusMessage("Selected r\(revision.number) instead of \(ReleaseSelection.list(change.replaced)): one revision per architecture.")
        }
        return []
    }

    static func architectures(_ revision: Revision) -> String {
        revision.architectures.map(\.rawValue).joined(separator: ", ")
    }

    // MARK: - Release form

    /// Channel names offered as completions, each in full (`latest/stable`, `2.0/edge`,
    /// `latest/candidate/fix-2201`): every risk of every open track, then the branches the map has.
    static func channelOptions(_ map: ChannelMap, tracks: [String]) -> [String] {
        var options: [String] = []
        func add(_ name: String) { if !options.contains(name) { options.append(name) } }
        for track in tracks + map.tracks {
            for risk in Risk.allCases { add(Channel(track: track, risk: risk).fullName) }
        }
        for channel in map.channels where channel.isBranch { add(channel.fullName) }
        return options
    }

    static func startRelease(_ state: inout AppState) -> [AppEffect] {
        guard let package = state.package, let map = package.channelMap.value else {
            state.message = StatusMessage("Wait until the channel map has loaded.")
            return []
        }
        var numbers = package.selectedRevisions
        if numbers.isEmpty, let revision = highlightedRevision(state) { numbers = [revision.number] }
        guard !numbers.isEmpty else {
            state.message = StatusMessage("Select the revisions to release with Space first.")
            return []
        }
        let revisions = package.revisions.byNumber
        let described = numbers.map { number in
            revisions[number].map { "r\(number) \($0.version) (\(architectures($0)))" } ?? "r\(number)"
        }
        let tracks = package.detail.value?.package.tracks ?? map.tracks
        state.overlay = .form(FormState(
            title: "Release \(ReleaseSelection.list(numbers)) of \(package.name.rawValue)",
            purpose: .release(package.name, revisions: numbers),
            fields: [
                .init("Channels", hint: "comma-separated; Tab completes", options: channelOptions(map, tracks: tracks), isList: true,
                      matchesParts: true),
                .init("Progressive %", hint: "optional: 1–99 of devices; empty releases to all"),
                .init("Branch", hint: "optional: track/risk/BRANCH, closes itself after 30 days"),
            ],
            note: described.joined(separator: " · ")))
        return []
    }

    static func startProgress(_ state: inout AppState) -> [AppEffect] {
        guard let package = state.package, let target = highlightedTarget(state), let map = package.channelMap.value else { return [] }
        let channel = target.channel
        let progressive = map.releases.filter { $0.channel == channel && $0.isProgressive }
        guard !progressive.isEmpty else {
            state.message = StatusMessage("\(channel.fullName) has no progressive release to change.")
            return []
        }
        let scope = scope(&state, target)
        let covered = progressive.filter { scope.platforms?.contains($0.platform) ?? true }
        guard let first = covered.first else {
            state.message = StatusMessage("\(channel.fullName) has no progressive release \(scope.words): * acts on every platform.")
            return []
        }
        let where_ = covered.map(\.platform.description).joined(separator: ", ")
        state.overlay = .form(FormState(
            title: "Progressive release on \(channel.fullName) \(scope.words)",
            purpose: .progress(package.name, channel, platforms: scope.platforms),
            fields: [.init("Percentage", text: "100", hint: "1–99 changes the share · 100 completes · 0 rolls back")],
            note: "r\(first.revision) reaches \(first.progressivePercentage ?? 0)% of devices (\(where_))."))
        return []
    }

    /// A submitted release or progressive form: checks what was typed and opens the preview.
    static func submit(_ state: inout AppState, _ form: FormState) -> [AppEffect] {
        switch form.purpose {
        case .release(_, let numbers):
            let words = form.value(0).split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            guard !words.isEmpty else { return FormReducer.refuse(&state, form, "choose at least one channel (Tab completes)") }
            var channels: [Channel] = []
            for word in words {
                do throws(ChannelParseError) {
                    let channel = try Channel(parsing: word)
                    if !channels.contains(channel) { channels.append(channel) }
                } catch {
                    return FormReducer.refuse(&state, form, error.description)
                }
            }
            var progressive: Int?
            if !form.value(1).isEmpty {
                guard let percentage = Int(form.value(1).trimmingCharacters(in: ["%"])) else {
                    return FormReducer.refuse(&state, form, "the progressive percentage must be a whole number (1–99)")
                }
                progressive = percentage
            }
            let branch = form.value(2)
            if !branch.isEmpty {
                do throws(ChannelParseError) {
                    try Channel.validateBranch(branch)
                } catch {
                    return FormReducer.refuse(&state, form, error.description)
                }
                channels = channels.map { $0.isBranch ? $0 : Channel(track: $0.track, risk: $0.risk, branch: branch) }
            }
            let plan = ReleasePlan(numbers.map { .release(revision: $0, channels: channels, progressive: progressive) })
            let targets = channels.map(\.fullName).joined(separator: ", ")
            let share = progressive.map { " to \($0)% of devices" } ?? ""
            return ReleasePreviewReducer.open(
                &state, plan: plan, summary: "Release \(ReleaseSelection.list(numbers)) to \(targets)\(share)",
                done: "Released \(ReleaseSelection.list(numbers)) to \(targets)\(share)")
        case .progress(_, let channel, let platforms):
            guard let percentage = Int(form.value(0).trimmingCharacters(in: ["%"])) else {
                return FormReducer.refuse(&state, form, "type a whole number: 1–99 changes the share, 100 completes, 0 rolls back")
            }
            let summary: String, done: String
            switch percentage {
            case 100:
                summary = "Complete the progressive release on \(channel.fullName)"
                done = "Completed the progressive release on \(channel.fullName)"
            case 0:
                summary = "Roll back the progressive release on \(channel.fullName)"
                done = "Rolled back the progressive release on \(channel.fullName)"
            default:
                summary = "Set the progressive release on \(channel.fullName) to \(percentage)%"
                done = "Set the progressive release on \(channel.fullName) to \(percentage)%"
            }
            let words = platforms.map { " on " + $0.map(ReleasePreviewView.platformLabel).joined(separator: ", ") } ?? ""
            return ReleasePreviewReducer.open(
                &state, plan: ReleasePlan([.setProgress(channel: channel, percentage: percentage, platforms: platforms)]),
                summary: summary + words, done: done + words)
        default:
            return []
        }
    }

    // MARK: - Channel map actions

    static func promote(_ state: inout AppState) -> [AppEffect] {
        guard let target = highlightedTarget(state) else { return [] }
        let from = target.channel
        let to: Channel
        if from.isBranch {
            to = from.withoutBranch
        } else if let safer = from.risk.safer {
            to = Channel(track: from.track, risk: safer)
        } else {
            state.message = StatusMessage("\(from.fullName) is the safest risk: there is nothing to promote it to.")
            return []
        }
        let scope = scope(&state, target)
        return ReleasePreviewReducer.open(
            &state, plan: ReleasePlan([.promote(from: from, to: to, platforms: scope.platforms)]),
            summary: "Promote what \(from.fullName) serves to \(to.fullName) \(scope.words)",
            done: "Promoted \(from.fullName) to \(to.fullName) \(scope.words)")
    }

    static func close(_ state: inout AppState) -> [AppEffect] {
        guard let target = highlightedTarget(state) else { return [] }
        let channel = target.channel
        let scope = scope(&state, target)
        return ReleasePreviewReducer.open(
            &state, plan: ReleasePlan([.close(channels: [channel], platforms: scope.platforms)]),
            summary: "Close \(channel.fullName) \(scope.words)", done: "Closed \(channel.fullName) \(scope.words)")
    }

    /// `u`: previews the plan that puts back exactly what the newest change of this session did (or
    /// the audit entry an undo was started from), channel by channel; channels changed again since
    /// are left alone and named. Each `u` goes one change further back.
    static func undo(_ state: inout AppState) -> [AppEffect] {
        guard let package = state.package, let current = package.channelMap.value else { return [] }
        let fromAudit = state.pendingUndo?.package == package.name ? state.pendingUndo?.step : nil
        state.pendingUndo = nil
        guard let step = fromAudit ?? state.undoSteps[package.name]?.last else {
            state.message = StatusMessage("Nothing to undo: no release was made to \(package.name.rawValue) in this session.")
            return []
        }
        let (target, skipped) = UndoPlanner.reverting(before: step.before, after: step.after, on: current)
        var plan = UndoPlanner.plan(from: current, to: target)
        plan.undoes = step.description
        let others = skipped.map { "\($0.channel.fullName) on \($0.platform)" }.joined(separator: ", ")
        guard !plan.isEmpty else {
            state.message = StatusMessage(skipped.isEmpty
                ? "Nothing to undo: the channel map already serves what it did before \(step.description)."
                : "Nothing to undo: every channel \(step.description) changed has changed again since (\(others)).", severity: skipped.isEmpty ? .info : .error)
            return []
        }
        let note = skipped.isEmpty ? "" : " (left as they are, changed since: \(others))"
        return ReleasePreviewReducer.open(
            &state, plan: plan, summary: "Undo \(step.description): put back what it changed" + note,
            done: "Undid \(step.description)", isUndo: true, undoesSessionStep: fromAudit == nil)
    }
}

import Foundation
