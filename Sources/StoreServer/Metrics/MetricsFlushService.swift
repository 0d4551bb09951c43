import ServiceLifecycle

/// Writes a recorder's last figures when the server stops gracefully (SIGTERM, SIGINT), so a
/// restart loses none; only a killed instance loses up to one flush interval.
///
/// The application's service group stops its services in reverse order, the HTTP server first, so
/// this runs once the server has finished its in-flight requests.
struct MetricsFlushService: Service {
    let recorder: MetricsRecorder

    func run() async throws {
        // Cancelled or asked to stop: either way, flush what is buffered before returning.
        try? await gracefulShutdown()
        await recorder.flush()
    }
}
