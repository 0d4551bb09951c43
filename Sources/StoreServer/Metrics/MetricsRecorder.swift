import Foundation
import Logging
import StoreModels
import StoreService
import Synchronization

/// This instance's adoption figures not yet written: devices' refresh, install and download requests,
/// counted in memory and written to the database in one transaction per flush.
///
/// Recording is the refresh path's: one lock, a dictionary lookup and a sketch register update per served
/// action (the device key is hashed before the lock is taken); no device identifier is kept, only the
/// sketch's registers. Every ``ServerConfiguration/metricsFlushInterval`` seconds a task of its own swaps
/// the buffer for an empty one and hands it to ``MetricsStore/recordMetrics(_:retention:today:)``; a write
/// that fails is merged back into the buffer for the next flush. The buffer holds at most
/// ``maximumSlices`` slices (about 4 KiB each); figures of new slices past that are dropped (and counted)
/// until the next flush. A killed instance loses what it recorded since its last flush: at most one interval.
final class MetricsRecorder: Sendable {
    /// The most slices (day × package × channel × revision × architecture) buffered between flushes.
    static let maximumSlices = 4096

    private struct Key: Hashable {
        var dayNumber: Int
        var packageID: String
        var channel: String
        var revision: Int
        var architecture: String
    }

    private struct Buffer {
        var slices: [Key: MetricsFigures] = [:]
        var dropped = 0
    }

    private let buffer = Mutex(Buffer())
    private let store: any MetricsStore
    private let retention: MetricsRetention
    private let clock: @Sendable () -> Date
    private let logger: Logger
    private let flushTask = Mutex<Task<Void, Never>?>(nil)
    /// One flush at a time (a timer's and a test's may overlap).
    private let flushing = Mutex(false)

    /// A recorder writing into `store`; call ``start(interval:)`` to flush periodically.
    init(store: any MetricsStore, retention: MetricsRetention, clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.store = store
        self.retention = retention
        self.clock = clock
        self.logger = logger
    }

    deinit { flushTask.withLock { $0?.cancel() } }

    /// Flushes every `interval` seconds until the recorder is released.
    func start(interval: Double) {
        let nanoseconds = UInt64(max(interval, 0.01) * 1e9)
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: nanoseconds)
                guard let self else { return }
                await self.flush()
            }
        }
        flushTask.withLock { $0 = task }
    }

    /// Counts one served request: a device (when it sent a key) fetched or checked `revision` of a package.
    /// - Parameter downloads: whether the reply hands out a revision to download (install, download, a
    ///   refresh to a newer revision).
    func record(packageID: String, channel: String, revision: Int, architecture: String, deviceKey: String?, downloads: Bool) {
        let hash = deviceKey.map(DistinctSketch.hash)
        let key = Key(
            dayNumber: Int((clock().timeIntervalSince1970 / 86_400).rounded(.down)), packageID: packageID, channel: channel,
            revision: revision, architecture: architecture)
        buffer.withLock { buffer in
            if buffer.slices[key] == nil, buffer.slices.count >= Self.maximumSlices {
                buffer.dropped += 1
                return
            }
            buffer.slices[key, default: MetricsFigures()].requests += 1
            if downloads { buffer.slices[key]?.downloads += 1 }
            if let hash { buffer.slices[key]?.devices.add(hash: hash) }
        }
    }

    /// Writes what was recorded since the last flush, in one transaction; on failure it is kept for the next.
    func flush() async {
        guard flushing.withLock({ busy -> Bool in
            if busy { return false }
            busy = true
            return true
        }) else { return }
        defer { flushing.withLock { $0 = false } }
        let taken = buffer.withLock { buffer in
            let taken = buffer
            buffer = Buffer()
            return taken
        }
        if taken.dropped > 0 {
            logger.warning("metrics: \(taken.dropped) request(s) not counted, the buffer of \(Self.maximumSlices) slices was full")
        }
        guard !taken.slices.isEmpty else { return }
        var batch: [MetricsSlice: MetricsFigures] = [:]
        for (key, figures) in taken.slices {
            let day = MetricsDays.day(of: Date(timeIntervalSince1970: Double(key.dayNumber) * 86_400))
            batch[MetricsSlice(day: day, packageID: key.packageID, channel: key.channel, revision: key.revision,
                               architecture: key.architecture), default: MetricsFigures()].add(figures)
        }
        do {
            try await store.recordMetrics(batch, retention: retention, today: MetricsDays.day(of: clock()))
        } catch {
            logger.warning("metrics: the flush of \(batch.count) slice(s) failed, retrying at the next one: \(error)")
            buffer.withLock { buffer in
                for (key, figures) in taken.slices where buffer.slices[key] != nil || buffer.slices.count < Self.maximumSlices {
                    buffer.slices[key, default: MetricsFigures()].add(figures)
                }
            }
        }
    }
}

extension MetricsRecorder {
    /// The recorder of a server over `backend`, flushing as `configuration` says; `nil` when recording
    /// is off or the backend keeps no metrics.
    static func serving(_ backend: any StoreBackend, configuration: ServerConfiguration) -> MetricsRecorder? {
        guard configuration.metricsFlushInterval > 0, let store = backend as? any MetricsStore else { return nil }
        var logger = Logger(label: "store-server.metrics")
        logger.logLevel = configuration.logLevel
        let recorder = MetricsRecorder(
            store: store,
            retention: MetricsRetention(keepDays: configuration.metricsRetentionDays, rollUpAfterDays: configuration.metricsRollUpDays),
            logger: logger)
        recorder.start(interval: configuration.metricsFlushInterval)
        return recorder
    }
}
