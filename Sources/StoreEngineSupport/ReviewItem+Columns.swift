import StoreModels
import StoreService

extension ReviewItem {
    /// A review-queue item from a pending revision's row joined with its package (`package_name`,
    /// `package_type`) and publisher (columns prefixed `a_`).
    /// - Parameters:
    ///   - revision: the row's revision, as the engine reads it.
    ///   - previous: the package's newest revision below it, if any.
    package init(columns row: some ColumnReading, revision: Revision, previous: Revision?) throws {
        self.init(
            package: PackageName(trusted: try row.string("package_name")),
            packageType: PackageType(rawValue: try row.string("package_type")),
            publisher: try PublisherSummary(columns: row, prefix: "a_"), revision: revision, previous: previous)
    }
}
