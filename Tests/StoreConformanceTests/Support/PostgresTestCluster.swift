import Foundation
#if canImport(Glibc)
import Glibc
#endif
@_spi(Testing) import StorePostgres
import StoreService

/// The PostgreSQL server the conformance suite's `.postgres` cases run against.
///
/// `STORE_TUI_POSTGRES_URL` names an existing database to use; otherwise the first test that needs
/// PostgreSQL starts one throwaway cluster for the whole test process with
/// `scripts/postgres-cluster start DIR PID` (DIR in the temporary directory), and an exit handler stops
/// it and removes DIR (so does the script's watcher of PID, should the process be killed). Each test gets a schema of its own in that database (`t_<random>`, reached
/// with `options=-c search_path=…` in its URL), so tests run in parallel and never see each
/// other's rows; the schema is dropped when the test closes its store.
///
/// When no server can be started the `.postgres` cases fail with the reason, unless
/// `STORE_TUI_SKIP_POSTGRES=1` is set, in which case ``StoreEngine/allCases`` leaves them out.
enum PostgresTestCluster {
    /// The script, found relative to this file: `<repo>/scripts/postgres-cluster`.
    static let script: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/postgres-cluster")

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether missing PostgreSQL leaves the `.postgres` cases out instead of failing them.
    static var mayBeSkipped: Bool { environment["STORE_TUI_SKIP_POSTGRES"] == "1" }

    /// Whether a server can be had (for ``StoreEngine/allCases`` under `STORE_TUI_SKIP_POSTGRES`).
    static var isAvailable: Bool {
        if case .success = baseURLNow() { true } else { false }
    }

    /// The URL of the database tests make their schemas in, starting the cluster on first use.
    ///
    /// The start blocks a thread of its own, never one of Swift concurrency's few threads.
    static func baseURL() async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: baseURLNow()) }
        }
    }

    /// A fresh, empty schema: the URL that makes it the connection's only schema, and a closure that drops it.
    static func freshSchema() async throws -> (url: String, drop: @Sendable () async -> Void) {
        let base = try await baseURL()
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try await PostgresBackend.rawQuery(url: base, "CREATE SCHEMA \(schema)")
        let separator = base.contains("?") ? "&" : "?"
        let url = base + separator + "options=-c%20search_path%3D\(schema)"
        return (url, { _ = try? await PostgresBackend.rawQuery(url: base, "DROP SCHEMA IF EXISTS \(schema) CASCADE") })
    }

    // MARK: The cluster

    private static let lock = NSLock()
    /// The outcome of the first start, reused by every later test; guarded by `lock`.
    nonisolated(unsafe) private static var outcome: Result<String, ClusterError>?
    /// The cluster's directory, for the exit handler; guarded by `lock`.
    nonisolated(unsafe) private static var clusterDirectory: String?

    /// The base URL, starting the cluster if this is the first call (blocking the calling thread).
    static func baseURLNow() -> Result<String, ClusterError> {
        lock.withLock {
            if let outcome { return outcome }
            let result: Result<String, ClusterError>
            if let url = environment["STORE_TUI_POSTGRES_URL"], !url.isEmpty {
                result = .success(url)
            } else {
                result = Result { () throws(ClusterError) -> String in try startCluster() }
            }
            outcome = result
            return result
        }
    }

    /// Starts the cluster; called under `lock`.
    private static func startCluster() throws(ClusterError) -> String {
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw ClusterError("\(script.path) is missing or not executable")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("store-tui-postgres-\(getpid())-\(UUID().uuidString.prefix(8))").path
        clusterDirectory = directory
        atexit { PostgresTestCluster.stopCluster() }
        let status: Int32
        let output: String
        let errors: String
        do {
            (status, output, errors) = try run(script.path, "start", directory, String(getpid()))
        } catch {
            throw ClusterError("cannot run \(script.path): \(error)")
        }
        guard status == 0, let url = output.split(separator: "\n").last.map(String.init), url.hasPrefix("postgres") else {
            throw ClusterError("scripts/postgres-cluster start failed (exit \(status)): \(errors.suffix(2000))")
        }
        return url
    }

    /// Stops the cluster this process started, if any: the exit handler.
    static func stopCluster() {
        let directory = lock.withLock {
            defer { clusterDirectory = nil }
            return clusterDirectory
        }
        guard let directory else { return }
        _ = try? run(script.path, "stop", directory)
    }

    /// Runs `bash SCRIPT ARGUMENTS…` and waits for it; returns its status, standard output and error.
    ///
    /// `posix_spawn` and `waitpid` on the calling thread, with the output in files: Foundation's
    /// `Process.waitUntilExit` can wait forever on a thread without a main run loop.
    private static func run(_ arguments: String...) throws -> (Int32, String, String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("postgres-cluster-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let command = (["exec", "bash"] + arguments).map(quoted).joined(separator: " ")
            + " </dev/null >\(quoted(base + ".out")) 2>\(quoted(base + ".err"))"
        let argv = ["/bin/sh", "-c", command]
        var pid: pid_t = 0
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &cArguments, environ)
        guard spawned == 0 else { throw ClusterError("cannot run /bin/sh (error \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        return (exitStatus, output, errors)
    }

    /// `text` single-quoted for the shell.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}


/// Why the throwaway cluster could not be started.
struct ClusterError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) {
        self.description = "PostgreSQL is not available for the .postgres test cases: \(description). "
            + "Install PostgreSQL, set STORE_TUI_POSTGRES_URL, or set STORE_TUI_SKIP_POSTGRES=1 to leave them out."
    }
}
