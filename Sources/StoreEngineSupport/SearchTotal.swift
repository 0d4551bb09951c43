/// How far a search counts its results: a first page carries the exact number of results up to
/// ``limit``, and none beyond it (the console then says "100+" from what it has loaded), so a
/// word common to most of a huge catalogue costs a bounded count, never a full one.
package enum SearchTotal {
    /// The most results counted.
    package static let limit = 10_000

    /// The total to report for `counted` rows (counted up to ``limit`` + 1).
    package static func total(counted: Int) -> Int? {
        counted > limit ? nil : counted
    }
}
