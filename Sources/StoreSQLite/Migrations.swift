import GRDB

/// The schema, as versioned migrations in plain SQL.
///
/// A migration is never edited once shipped: add `v2-…` instead. Conventions: dates are `REAL`
/// Unix seconds; JSON columns hold arrays or objects written by the engine; `''` stands for "no
/// branch" and "no base" in `releases` so uniqueness constraints hold; `packages.pk` is the
/// internal integer key other tables use, `packages.id` the store's public id.
enum Migrations {
    /// The migrator every backend runs at open.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-schema") { db in
            try db.execute(sql: accounts + packages + revisions + releases + tokens + audit + server + search)
        }
        migrator.registerMigration("v2-server-state") { db in
            try db.execute(sql: serverState)
        }
        migrator.registerMigration("v3-signing-keys") { db in
            try db.execute(sql: signingKeys)
        }
        migrator.registerMigration("v4-release-on-approval") { db in
            try db.execute(sql: "ALTER TABLE revisions ADD COLUMN release_on_approval TEXT NOT NULL DEFAULT '[]'")
        }
        migrator.registerMigration("v5-account-email") { db in
            // Lower-case; at most one account per email.
            try db.execute(sql: """
                ALTER TABLE accounts ADD COLUMN email TEXT;
                CREATE UNIQUE INDEX accounts_by_email ON accounts(email) WHERE email IS NOT NULL;
                """)
        }
        migrator.registerMigration("v6-charm-libraries") { db in
            try db.execute(sql: charmLibraries)
        }
        migrator.registerMigration("v7-charm-resources") { db in
            try db.execute(sql: charmResources)
        }
        migrator.registerMigration("v8-revision-files") { db in
            // A snap's epoch (JSON, NULL for 0), where the revision's file is (`upload:<id>`,
            // `generated:<size>`, NULL for metadata only), and a charm's SHA-256, metadata.yaml and config.yaml.
            try db.execute(sql: """
                ALTER TABLE revisions ADD COLUMN epoch TEXT;
                ALTER TABLE revisions ADD COLUMN file TEXT;
                ALTER TABLE revisions ADD COLUMN sha256 TEXT;
                ALTER TABLE revisions ADD COLUMN metadata_yaml TEXT;
                ALTER TABLE revisions ADD COLUMN config_yaml TEXT;
                """)
        }
        migrator.registerMigration("v9-closed-slots") { db in
            try db.execute(sql: closedSlots)
        }
        migrator.registerMigration("v10-ssh-keys") { db in
            try db.execute(sql: sshKeys)
        }
        migrator.registerMigration("v11-package-metrics") { db in
            try db.execute(sql: packageMetrics)
        }
        migrator.registerMigration("v12-search-sort") { db in
            try db.execute(sql: searchSort)
            try SortKeyBackfill.run(db)
        }
        return migrator
    }

    private static let roles = "'viewer', 'publisher', 'reviewer', 'admin'"

    private static let accounts = """
        CREATE TABLE accounts (
            id TEXT NOT NULL PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN (\(roles))),
            validation TEXT NOT NULL DEFAULT 'unproven' CHECK (validation IN ('unproven', 'verified', 'starred')),
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
            suspended_reason TEXT,
            created_at REAL NOT NULL,
            CHECK ((status = 'suspended') = (suspended_reason IS NOT NULL))
        );

        """

    private static let packages = """
        CREATE TABLE packages (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            description TEXT NOT NULL,
            publisher_id TEXT NOT NULL REFERENCES accounts(id),
            categories TEXT NOT NULL DEFAULT '[]',
            license TEXT NOT NULL DEFAULT '',
            links TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL CHECK (status IN ('registered', 'published', 'quarantined')),
            private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
            -- In the public catalogue: not private, not quarantined, owner not suspended.
            -- Kept in step by every change to those three, in the same transaction.
            listed INTEGER NOT NULL CHECK (listed IN (0, 1)),
            default_track TEXT NOT NULL DEFAULT 'latest',
            tracks TEXT NOT NULL DEFAULT '["latest"]',
            created_at REAL NOT NULL,
            channel_map_version INTEGER NOT NULL DEFAULT 0,
            -- The highest revision number ever allocated: numbers are never reused.
            last_revision INTEGER NOT NULL DEFAULT 0,
            -- What latest/stable serves (amd64 preferred), for search results without a join.
            latest_stable_version TEXT
        );
        -- Browsing the public catalogue by name (keyset on name).
        CREATE INDEX packages_listed_by_name ON packages(name) WHERE listed = 1;
        -- Browsing one type by name.
        CREATE INDEX packages_listed_by_type ON packages(type, name) WHERE listed = 1;
        -- A publisher's packages by name (search filter, my packages, suspension).
        CREATE INDEX packages_by_publisher ON packages(publisher_id, name);
        -- Ranked search filters and orders thousands of FTS hits by key: this narrow copy of the
        -- columns it needs is far cheaper to probe than the wide rows (see SearchQueries).
        CREATE INDEX packages_search_cover ON packages(pk, listed, name, type, publisher_id);

        CREATE TABLE categories (
            name TEXT NOT NULL PRIMARY KEY
        ) WITHOUT ROWID;

        -- The package's name is copied here so a category's packages come out in name order
        -- straight from the primary key. Names never change.
        CREATE TABLE package_categories (
            category TEXT NOT NULL REFERENCES categories(name),
            package_name TEXT NOT NULL,
            package_pk INTEGER NOT NULL REFERENCES packages(pk),
            PRIMARY KEY (category, package_name)
        ) WITHOUT ROWID;
        CREATE INDEX package_categories_by_package ON package_categories(package_pk);

        CREATE TABLE collaborators (
            package_pk INTEGER NOT NULL REFERENCES packages(pk),
            account_id TEXT NOT NULL REFERENCES accounts(id),
            added_at REAL NOT NULL,
            PRIMARY KEY (package_pk, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX collaborators_by_account ON collaborators(account_id);

        """

    private static let revisions = """
        CREATE TABLE revisions (
            package_pk INTEGER NOT NULL REFERENCES packages(pk),
            number INTEGER NOT NULL CHECK (number > 0),
            version TEXT NOT NULL,
            architectures TEXT NOT NULL,
            base TEXT,
            size INTEGER NOT NULL CHECK (size >= 0),
            sha3_384 TEXT NOT NULL,
            created_at REAL NOT NULL,
            uploader TEXT NOT NULL,
            confinement TEXT CHECK (confinement IN ('strict', 'classic', 'devmode')),
            grade TEXT CHECK (grade IN ('stable', 'devel')),
            permissions TEXT NOT NULL DEFAULT '[]',
            review_status TEXT NOT NULL CHECK (review_status IN ('pending', 'approved', 'rejected')),
            review_note TEXT,
            checks TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (package_pk, number)
        ) WITHOUT ROWID;
        -- The review queue, oldest first; only pending rows are indexed.
        CREATE INDEX revisions_review_queue ON revisions(created_at, package_pk, number)
            WHERE review_status = 'pending';

        """

    private static let releases = """
        CREATE TABLE releases (
            package_pk INTEGER NOT NULL REFERENCES packages(pk),
            track TEXT NOT NULL,
            risk TEXT NOT NULL CHECK (risk IN ('stable', 'candidate', 'beta', 'edge')),
            branch TEXT NOT NULL DEFAULT '',
            architecture TEXT NOT NULL,
            base TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL,
            released_at REAL NOT NULL,
            expires_at REAL,
            progressive INTEGER CHECK (progressive BETWEEN 1 AND 99),
            FOREIGN KEY (package_pk, revision) REFERENCES revisions(package_pk, number)
        );
        -- One plain and one progressive entry per channel and platform; also the per-package lookup.
        CREATE UNIQUE INDEX releases_by_package
            ON releases(package_pk, track, risk, branch, architecture, base, progressive IS NOT NULL);

        -- One row per applied plan: the map before and after, so a stale client can be told
        -- exactly what changed since the version it saw.
        CREATE TABLE release_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            package_pk INTEGER NOT NULL REFERENCES packages(pk),
            map_version INTEGER NOT NULL,
            action TEXT NOT NULL,
            plan TEXT NOT NULL,
            before_json TEXT NOT NULL,
            after_json TEXT NOT NULL,
            actor TEXT NOT NULL,
            at REAL NOT NULL,
            UNIQUE (package_pk, map_version)
        );
        CREATE TRIGGER release_history_no_update BEFORE UPDATE ON release_history
            BEGIN SELECT RAISE(ABORT, 'release history is append-only'); END;
        CREATE TRIGGER release_history_no_delete BEFORE DELETE ON release_history
            BEGIN SELECT RAISE(ABORT, 'release history is append-only'); END;

        """

    private static let tokens = """
        CREATE TABLE tokens (
            id TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            role TEXT NOT NULL CHECK (role IN (\(roles))),
            -- SHA-256 of the secret, hex; the secret itself is never stored.
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            description TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            expires_at REAL,
            revoked_at REAL
        );
        CREATE INDEX tokens_by_account ON tokens(account_id);

        """

    private static let audit = """
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            actor_role TEXT CHECK (actor_role IN (\(roles))),
            action TEXT NOT NULL,
            object_kind TEXT NOT NULL,
            object_id TEXT NOT NULL,
            package TEXT,
            publisher TEXT,
            before_json TEXT,
            after_json TEXT,
            reason TEXT,
            -- The action's first word (`review` for `review.approve`), for prefix filters.
            action_group TEXT GENERATED ALWAYS AS (
                CASE WHEN instr(action, '.') > 0 THEN substr(action, 1, instr(action, '.') - 1) ELSE action END
            ) VIRTUAL
        );
        -- Newest first per filter: each index ends in id so `ORDER BY id DESC` needs no sort.
        CREATE INDEX audit_by_actor ON audit_events(actor, id);
        CREATE INDEX audit_by_package ON audit_events(package, id) WHERE package IS NOT NULL;
        CREATE INDEX audit_by_publisher ON audit_events(publisher, id) WHERE publisher IS NOT NULL;
        CREATE INDEX audit_by_action ON audit_events(action, id);
        CREATE INDEX audit_by_action_group ON audit_events(action_group, id);
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        """

    /// Tables the HTTP server uses: idempotent retries and charmcraft's two-step upload.
    private static let server = """
        CREATE TABLE idempotency_keys (
            key TEXT NOT NULL,
            principal TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            response BLOB,
            created_at REAL NOT NULL,
            PRIMARY KEY (principal, key)
        ) WITHOUT ROWID;
        CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);

        CREATE TABLE uploads (
            upload_id TEXT NOT NULL PRIMARY KEY,
            package TEXT,
            status TEXT NOT NULL,
            revision INTEGER,
            errors TEXT NOT NULL DEFAULT '[]',
            created_at REAL NOT NULL
        ) WITHOUT ROWID;

        """

    /// Full-text search over the package's words, kept in step with `packages` by triggers.
    private static let search = """
        CREATE VIRTUAL TABLE package_search USING fts5(
            name, title, summary, description,
            content = 'packages', content_rowid = 'pk',
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '2 3'
        );
        -- The indexed terms, to expand long prefixes into exact terms (see SearchExpansion).
        CREATE VIRTUAL TABLE package_search_vocab USING fts5vocab(package_search, 'row');
        CREATE TRIGGER packages_search_insert AFTER INSERT ON packages BEGIN
            INSERT INTO package_search(rowid, name, title, summary, description)
                VALUES (new.pk, new.name, new.title, new.summary, new.description);
        END;
        CREATE TRIGGER packages_search_delete AFTER DELETE ON packages BEGIN
            INSERT INTO package_search(package_search, rowid, name, title, summary, description)
                VALUES ('delete', old.pk, old.name, old.title, old.summary, old.description);
        END;
        CREATE TRIGGER packages_search_update AFTER UPDATE OF name, title, summary, description ON packages BEGIN
            INSERT INTO package_search(package_search, rowid, name, title, summary, description)
                VALUES ('delete', old.pk, old.name, old.title, old.summary, old.description);
            INSERT INTO package_search(rowid, name, title, summary, description)
                VALUES (new.pk, new.name, new.title, new.summary, new.description);
        END;
        """
}
