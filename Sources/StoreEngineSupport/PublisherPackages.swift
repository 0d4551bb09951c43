/// How many of one publisher's packages a moderator's listing returns at most.
package enum PublisherPackages {
    package static let limit = 1_000
}
