import StoreService

/// ``HookedBackend`` records metrics into the backend it wraps, as `serve` does.
extension HookedBackend: MetricsStore {
    func recordMetrics(_ batch: [MetricsSlice: MetricsFigures], retention: MetricsRetention, today: String) async throws(StoreError) {
        guard let store = base as? any MetricsStore else { throw .unavailable("the wrapped backend keeps no metrics") }
        try await store.recordMetrics(batch, retention: retention, today: today)
    }
}
