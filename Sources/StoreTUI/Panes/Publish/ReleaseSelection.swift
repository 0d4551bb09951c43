import StoreModels

/// The revisions picked for a release: at most one per architecture, because a channel serves
/// one revision per platform.
enum ReleaseSelection {
    /// What toggling a revision did.
    struct Change: Hashable {
        var selection: [Int]
        /// Picked revisions dropped because they share an architecture with the new one.
        var replaced: [Int]
        var added: Bool
    }

    /// Adds `revision` (dropping picked ones that share an architecture) or removes it.
    static func toggle(_ revision: Revision, in selection: [Int], revisions: [Int: Revision]) -> Change {
        if selection.contains(revision.number) {
            return Change(selection: selection.filter { $0 != revision.number }, replaced: [], added: false)
        }
        let architectures = Set(revision.architectures)
        let replaced = selection.filter { number in
            guard let other = revisions[number] else { return false }
            return !architectures.isDisjoint(with: other.architectures)
        }
        return Change(selection: selection.filter { !replaced.contains($0) } + [revision.number], replaced: replaced, added: true)
    }

    /// `r28, r27`.
    static func list(_ numbers: [Int]) -> String {
        numbers.map { "r\($0)" }.joined(separator: ", ")
    }
}
