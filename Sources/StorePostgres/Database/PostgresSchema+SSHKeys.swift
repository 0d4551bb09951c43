extension PostgresSchema {
    /// Public keys that log in to the SSH console: the blob as base64 and its SHA-256 fingerprint
    /// (`SHA256:…`), unique across accounts. Removing a key deletes its row.
    static let v10SSHKeys: [String] = [
        """
        CREATE TABLE ssh_keys (
            id TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            algorithm TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,
            public_key TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            created_at TIMESTAMPTZ NOT NULL
        )
        """,
        "CREATE INDEX ssh_keys_by_account ON ssh_keys(account_id)",
    ]
}
