import StoreModels
import StoreService

/// What changed in a pending upload against the package's previous revision: what a reviewer
/// looks at first (version, size, confinement, base, architectures, permissions).
enum ReviewDiff {
    /// One compared property.
    struct Change: Hashable {
        var label: String
        var before: String
        var after: String
        /// Whether the change is a reason to look closer (classic confinement, new permissions, big size jump).
        var isConcern: Bool
    }

    /// A size change above this factor is flagged.
    static let sizeJumpFactor = 2.0

    static func changes(_ item: ReviewItem) -> [Change] {
        let revision = item.revision
        guard let previous = item.previous else {
            var changes = [Change(label: "Version", before: "–", after: revision.version, isConcern: false),
                           Change(label: "Size", before: "–", after: Formatting.size(revision.size), isConcern: false)]
            if let confinement = revision.confinement {
                changes.append(Change(label: "Confinement", before: "–", after: confinement.rawValue, isConcern: confinement != .strict))
            }
            if !revision.permissions.isEmpty {
                changes.append(Change(label: "Permissions", before: "–", after: revision.permissions.joined(separator: ", "), isConcern: true))
            }
            return changes
        }
        var changes: [Change] = [Change(label: "Version", before: previous.version, after: revision.version, isConcern: false)]
        let ratio = previous.size > 0 ? Double(revision.size) / Double(previous.size) : 1
        let percent = Int(((ratio - 1) * 100).rounded())
        changes.append(Change(label: "Size", before: Formatting.size(previous.size),
                              after: "\(Formatting.size(revision.size)) (\(percent >= 0 ? "+" : "")\(percent)%)",
                              isConcern: ratio >= sizeJumpFactor || ratio <= 1 / sizeJumpFactor))
        if previous.confinement != revision.confinement {
            changes.append(Change(label: "Confinement", before: previous.confinement?.rawValue ?? "–",
                                  after: revision.confinement?.rawValue ?? "–", isConcern: revision.confinement != .strict))
        }
        if previous.base != revision.base {
            changes.append(Change(label: "Base", before: previous.base ?? "–", after: revision.base ?? "–", isConcern: false))
        }
        if Set(previous.architectures) != Set(revision.architectures) {
            changes.append(Change(label: "Architectures", before: previous.architectures.map(\.rawValue).joined(separator: ", "),
                                  after: revision.architectures.map(\.rawValue).joined(separator: ", "), isConcern: false))
        }
        let added = revision.permissions.filter { !previous.permissions.contains($0) }
        let removed = previous.permissions.filter { !revision.permissions.contains($0) }
        if !added.isEmpty {
            changes.append(Change(label: "New permissions", before: "", after: added.map { "+" + $0 }.joined(separator: " "), isConcern: true))
        }
        if !removed.isEmpty {
            changes.append(Change(label: "Dropped", before: "", after: removed.map { "−" + $0 }.joined(separator: " "), isConcern: false))
        }
        return changes
    }

    /// A short flag for the list: the most serious check, or what changed that matters.
    static func flags(_ item: ReviewItem) -> String {
        var flags: [String] = []
        let serious = item.revision.checks.filter { $0.severity >= .needsReview }
        flags += serious.map(\.code)
        for change in changes(item) where change.isConcern {
            let flag = change.label.lowercased()
            let word = flag.split(separator: " ").last.map(String.init) ?? flag
            if !flags.contains(where: { $0.contains(word) }) { flags.append(flag) }
        }
        if item.previous == nil, !flags.contains(where: { $0.contains("first") }) { flags.insert("first upload", at: 0) }
        return flags.isEmpty ? "–" : flags.joined(separator: ", ")
    }
}
