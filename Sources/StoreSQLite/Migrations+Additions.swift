/// The tables later migrations add (v2 server state, v3 signing keys, v6 charm libraries, v7 charm
/// resources); ``Migrations/migrator`` registers them in order.
extension Migrations {
    /// Secrets the server signs with (the macaroon root key), shared by every instance over the file.
    /// (Migration v4 adds `revisions.release_on_approval`: the channels an upload is released to once
    /// approved, a JSON array of full channel names.)
    static let signingKeys = """
        CREATE TABLE signing_keys (
            name TEXT NOT NULL PRIMARY KEY,
            key BLOB NOT NULL CHECK (length(key) >= 32),
            created_at REAL NOT NULL
        ) WITHOUT ROWID;

        """

    /// Public keys that log in to the SSH console (v9): the blob as base64 and its SHA-256
    /// fingerprint (`SHA256:…`), unique across accounts. Removing a key deletes its row.
    static let sshKeys = """
        CREATE TABLE ssh_keys (
            id TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            algorithm TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,
            public_key TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL
        );
        CREATE INDEX ssh_keys_by_account ON ssh_keys(account_id);

        """

    /// Charm libraries: a name registered on a charm, and its published versions (content kept whole,
    /// at most 1 MiB each, checked by the engine).
    static let charmLibraries = """
        CREATE TABLE libraries (
            id TEXT NOT NULL PRIMARY KEY,
            package_pk INTEGER NOT NULL REFERENCES packages(pk),
            name TEXT NOT NULL,
            created_at REAL NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE (package_pk, name)
        );
        CREATE TABLE library_versions (
            library_id TEXT NOT NULL REFERENCES libraries(id),
            api INTEGER NOT NULL CHECK (api >= 0),
            patch INTEGER NOT NULL CHECK (patch >= 0),
            hash TEXT NOT NULL,
            content TEXT NOT NULL,
            published_at REAL NOT NULL,
            published_by TEXT NOT NULL,
            PRIMARY KEY (library_id, api, patch)
        ) WITHOUT ROWID;

        """

    /// Charm resources: what each charm revision declares (`revisions.resources`, a JSON array of
    /// declarations), the uploaded revisions of each resource (their bytes stay in the upload storage,
    /// under `upload_id`), and the resource revisions released with each channel map entry
    /// (`releases.resources`, a JSON array of attachments).
    static let charmResources = """
        ALTER TABLE revisions ADD COLUMN resources TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE releases ADD COLUMN resources TEXT NOT NULL DEFAULT '[]';
        CREATE TABLE resource_revisions (
            package_pk INTEGER NOT NULL REFERENCES packages(pk),
            name TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision > 0),
            type TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size >= 0),
            sha256 TEXT NOT NULL,
            sha384 TEXT NOT NULL,
            sha512 TEXT NOT NULL,
            sha3_384 TEXT NOT NULL,
            bases TEXT NOT NULL,
            upload_id TEXT NOT NULL,
            created_at REAL NOT NULL,
            created_by TEXT NOT NULL,
            updated_at REAL,
            updated_by TEXT,
            PRIMARY KEY (package_pk, name, revision)
        ) WITHOUT ROWID;

        """

    /// The state `store-tui serve` instances share (see `ServerStateStore`). Replaces v1's unused
    /// `idempotency_keys` and `uploads` (never written). Times are Unix seconds; every table has an
    /// expiry column with an index, so purging expired rows is a range delete.
    static let serverState = """
        DROP TABLE idempotency_keys;
        DROP TABLE uploads;

        -- One row per scope (hash of credentials + Idempotency-Key). No reply: in progress until
        -- expires_at (the lease); a reply: kept until expires_at (the lifetime).
        CREATE TABLE idempotency_records (
            scope TEXT NOT NULL PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            reply BLOB,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX idempotency_records_by_expiry ON idempotency_records(expires_at);

        -- A token bucket per client address, as the time it is full again; gone once it is.
        CREATE TABLE auth_failures (
            client TEXT NOT NULL PRIMARY KEY,
            full_at REAL NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX auth_failures_by_full_at ON auth_failures(full_at);

        CREATE TABLE uploads (
            upload_id TEXT NOT NULL PRIMARY KEY,
            uploader_id TEXT NOT NULL,
            uploader TEXT NOT NULL,
            filename TEXT,
            size INTEGER NOT NULL CHECK (size >= 0),
            sha3_384 TEXT NOT NULL,
            received_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            package TEXT,
            revision INTEGER,
            claimed_until REAL,
            CHECK ((package IS NULL) = (revision IS NULL))
        ) WITHOUT ROWID;
        CREATE INDEX uploads_by_expiry ON uploads(expires_at);

        -- The bytes of uploads, at most 1 MiB a row (rowid table: large rows).
        CREATE TABLE upload_chunks (
            upload_id TEXT NOT NULL,
            idx INTEGER NOT NULL CHECK (idx >= 0),
            bytes BLOB NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (upload_id, idx)
        );
        CREATE INDEX upload_chunks_by_age ON upload_chunks(created_at);

        """
}
