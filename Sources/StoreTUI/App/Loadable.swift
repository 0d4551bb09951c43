import StoreService

/// Issued by the reducer for each request; a result whose ticket is no longer pending is dropped,
/// so a late answer can never overwrite a newer one.
public struct Ticket: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public static func < (lhs: Ticket, rhs: Ticket) -> Bool { lhs.value < rhs.value }
    public var description: String { "#\(value)" }
}

/// Data that arrives from the store: kept while reloading or after a failure (then shown stale).
public struct Loadable<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value?
    /// The request in flight, if any.
    public var pending: Ticket?
    /// The last failure; cleared by the next success.
    public var error: StoreError?

    public init(value: Value? = nil, pending: Ticket? = nil, error: StoreError? = nil) {
        self.value = value
        self.pending = pending
        self.error = error
    }

    /// Whether a request is in flight.
    public var isLoading: Bool { pending != nil }
    /// Whether the value shown is older than a failed refresh.
    public var isStale: Bool { value != nil && error != nil }

    /// Marks a new request in flight.
    public mutating func start(_ ticket: Ticket) { pending = ticket }

    /// Applies a result if it answers the pending request; returns whether it did.
    @discardableResult
    public mutating func finish(_ ticket: Ticket, _ result: Result<Value, StoreError>) -> Bool {
        guard ticket == pending else { return false }
        pending = nil
        switch result {
        case .success(let value):
            self.value = value
            error = nil
        case .failure(let failure):
            error = failure
        }
        return true
    }
}
