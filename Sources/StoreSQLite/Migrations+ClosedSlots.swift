extension Migrations {
    /// Channel-map slots that held a release and were closed (``ChannelMap/closedSlots``), so the
    /// console tells "closed" from "never released". Rewritten with the map's releases.
    static let closedSlots = """
        CREATE TABLE closed_slots (
            package_pk INTEGER NOT NULL REFERENCES packages(pk),
            track TEXT NOT NULL,
            risk TEXT NOT NULL CHECK (risk IN ('stable', 'candidate', 'beta', 'edge')),
            branch TEXT NOT NULL DEFAULT '',
            architecture TEXT NOT NULL,
            base TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (package_pk, track, risk, branch, architecture, base)
        ) WITHOUT ROWID;
        """
}
