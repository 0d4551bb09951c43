// The SQLite engine lives in this target; see SQLiteBackend.swift.
