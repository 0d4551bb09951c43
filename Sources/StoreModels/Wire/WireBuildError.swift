/// Why a wire document cannot be built from domain values.
public enum WireBuildError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The channel map releases a revision that is not among the revisions given.
    case missingRevision(Int)

    public var description: String {
        switch self {
        case .missingRevision(let number):
            "the channel map releases revision \(number) but it was not given; pass every released revision"
        }
    }
}
