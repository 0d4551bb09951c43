/// What a plan asks of whoever applies it: the same answers for the console (is the key offered?)
/// and every storage engine (is the caller allowed? what does the audit log call it?).
extension ReleasePlan {
    /// The permissions applying the plan needs, in the order first needed: closing needs
    /// ``Action/closeChannel``, every other operation ``Action/release``.
    public var requiredActions: [Action] {
        var actions: [Action] = []
        for operation in operations {
            let action: Action = if case .close = operation { .closeChannel } else { .release }
            if !actions.contains(action) { actions.append(action) }
        }
        return actions
    }

    /// The audit log's verb for the plan: `undo` for a plan that undoes an earlier change; `close`,
    /// `promote` or `release.progress` when every operation is of that kind; otherwise `release`.
    public var auditAction: String {
        if undoes != nil { return "undo" }
        let verbs = Set(operations.map { operation in
            switch operation {
            case .release: "release"
            case .promote: "promote"
            case .close: "close"
            case .setProgress: "release.progress"
            }
        })
        return verbs.count == 1 ? verbs.first ?? "release" : "release"
    }

    /// The revision numbers the plan's release operations name.
    public var namedRevisions: Set<Int> {
        Set(operations.compactMap { operation in
            if case .release(let number, _, _, _, _) = operation { number } else { nil }
        })
    }
}
