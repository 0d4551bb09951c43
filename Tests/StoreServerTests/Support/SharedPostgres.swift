import Foundation
#if canImport(Glibc)
import Glibc
#endif
@_spi(Testing) import StorePostgres

/// A PostgreSQL database for the server tests that need one shared by two server instances.
///
/// `STORE_TUI_POSTGRES_URL` names an existing database; otherwise the first test that asks starts a
/// throwaway cluster with `scripts/postgres-cluster start DIR PID` (as the conformance suite does; its
/// watcher stops the cluster when this process ends, and so does an exit handler). Each test gets a
/// schema of its own, dropped afterwards. Unavailable (with the reason) when no server can be had.
enum SharedPostgres {
    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/postgres-cluster")
    private static let lock = NSLock()
    /// The first start's outcome, reused afterwards; guarded by `lock`.
    nonisolated(unsafe) private static var outcome: Result<String, SharedPostgresError>?
    /// The cluster's directory, for the exit handler; guarded by `lock`.
    nonisolated(unsafe) private static var directory: String?

    /// Whether missing PostgreSQL leaves the PostgreSQL cases out instead of failing them.
    static var mayBeSkipped: Bool { ProcessInfo.processInfo.environment["STORE_TUI_SKIP_POSTGRES"] == "1" }

    /// A fresh schema: the URL that makes it the connection's only schema, and a closure that drops it.
    static func freshSchema() async throws -> (url: String, drop: @Sendable () async -> Void) {
        let base = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: baseURL()) }
        }
        let schema = "mi_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try await PostgresBackend.rawQuery(url: base, "CREATE SCHEMA \(schema)")
        let url = base + (base.contains("?") ? "&" : "?") + "options=-c%20search_path%3D\(schema)"
        return (url, { _ = try? await PostgresBackend.rawQuery(url: base, "DROP SCHEMA IF EXISTS \(schema) CASCADE") })
    }

    /// The database URL, starting the cluster on first use (blocking the calling thread).
    static func baseURL() -> Result<String, SharedPostgresError> {
        lock.withLock {
            if let outcome { return outcome }
            let result: Result<String, SharedPostgresError>
            if let url = ProcessInfo.processInfo.environment["STORE_TUI_POSTGRES_URL"], !url.isEmpty {
                result = .success(url)
            } else {
                result = start()
            }
            outcome = result
            return result
        }
    }

    /// Starts the cluster; called under `lock`.
    private static func start() -> Result<String, SharedPostgresError> {
        let cluster = FileManager.default.temporaryDirectory
            .appendingPathComponent("store-tui-server-postgres-\(getpid())-\(UUID().uuidString.prefix(8))").path
        directory = cluster
        atexit { SharedPostgres.stop() }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("postgres-cluster-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let quoted = [script.path, "start", cluster, String(getpid())].map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let status = shell("exec bash \(quoted.joined(separator: " ")) </dev/null >'\(output)' 2>/dev/null")
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0, let url = text.split(separator: "\n").last.map(String.init), url.hasPrefix("postgres") else {
            return .failure(SharedPostgresError(description: "scripts/postgres-cluster start failed (exit \(status))"))
        }
        return .success(url)
    }

    /// Stops the cluster this process started, if any: the exit handler.
    private static func stop() {
        let cluster = lock.withLock {
            defer { directory = nil }
            return directory
        }
        guard let cluster else { return }
        _ = shell("exec bash '\(script.path)' stop '\(cluster)' </dev/null >/dev/null 2>&1")
    }

    /// Runs `command` with `/bin/sh -c` and waits for it (`posix_spawn` and `waitpid`: Foundation's
    /// `Process` can wait forever on a thread without a run loop); returns its exit status.
    private static func shell(_ command: String) -> Int32 {
        var pid: pid_t = 0
        let argv: [String] = ["/bin/sh", "-c", command]
        var arguments = argv.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &arguments, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

/// Why no PostgreSQL could be had for the server tests.
struct SharedPostgresError: Error, CustomStringConvertible {
    var description: String
}
