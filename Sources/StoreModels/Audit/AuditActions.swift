/// Every action the store writes to its audit log, by name: what filters complete and what a
/// group (`review`, the part before the dot) stands for. A new kind of change adds its name here.
public enum AuditActions {
    /// The action names, grouped by what they act on.
    public static let all: [String] = [
        // Channel maps (``ReleasePlan/auditAction``).
        "release", "release.progress", "promote", "close", "undo",
        // Names, packages and uploads.
        "package.register", "package.unregister", "package.tracks", "package.collaborator.add", "upload",
        // Review.
        "review.approve", "review.reject",
        // Publishers.
        "publisher.verify", "publisher.unverify", "publisher.suspend", "publisher.unsuspend",
        // Tokens.
        "token.issue", "token.revoke",
        // Charm libraries and resources.
        "library.register", "library.publish", "resource.upload", "resource.update",
        // SSH keys and console sessions.
        "ssh-key.add", "ssh-key.remove", "ssh.login", "ssh.logout",
    ]

    /// The groups a filter may name alone (`review` is every `review.…` action); a name that is
    /// an action of its own (`release`) stays that action.
    public static var groups: Set<String> {
        Set(all.compactMap { name in name.firstIndex(of: ".").map { String(name[..<$0]) } }).subtracting(all)
    }

    /// The names (groups first) that start with `prefix`, in the order of ``all``.
    public static func completing(_ prefix: String) -> [String] {
        let groups = groups
        var names = all.compactMap { name -> String? in
            guard let dot = name.firstIndex(of: ".") else { return nil }
            return String(name[..<dot])
        }.reduce(into: [String]()) { if groups.contains($1), !$0.contains($1) { $0.append($1) } }
        names += all
        return names.filter { $0.hasPrefix(prefix.lowercased()) }
    }
}
