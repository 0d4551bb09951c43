import ArgumentParser
import StoreServer

/// `serve`'s adoption-metrics settings: how often each instance writes its figures, how long days are
/// kept and when old days are rolled up.
struct MetricsOptions: ParsableArguments {
    @Option(name: .customLong("metrics-flush-seconds"), help: ArgumentHelp(
        "Seconds between two writes of this instance's device figures (refreshes, installs, downloads) to the database; a killed instance loses at most this much. 0 turns recording off.",
        valueName: "seconds"))
    var flushSeconds: Double = 10

    @Option(name: .customLong("metrics-retention-days"), help: ArgumentHelp("Days of daily figures kept.", valueName: "days"))
    var retentionDays = 400

    @Option(name: .customLong("metrics-rollup-days"), help: ArgumentHelp(
        "Days after which a day's device counts are rolled up (16 times smaller, about 6.5 % error instead of 1.6 %).",
        valueName: "days"))
    var rollUpDays = 35

    func validate() throws {
        guard flushSeconds.isFinite, flushSeconds == 0 || (0.05...3600).contains(flushSeconds) else {
            throw ValidationError("--metrics-flush-seconds must be 0 (off) or between 0.05 and 3600.")
        }
        guard (1...3650).contains(retentionDays), (1...3650).contains(rollUpDays) else {
            throw ValidationError("--metrics-retention-days and --metrics-rollup-days must be between 1 and 3650.")
        }
    }

    /// Sets these options on `configuration`.
    func apply(to configuration: inout ServerConfiguration) {
        configuration.metricsFlushInterval = flushSeconds
        configuration.metricsRetentionDays = retentionDays
        configuration.metricsRollUpDays = rollUpDays
    }
}
