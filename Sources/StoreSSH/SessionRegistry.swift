import Foundation

/// The sessions open now, to enforce the caps: in total and per account.
final class SessionRegistry: @unchecked Sendable {
    // @unchecked: `counts` and `total` are only touched under `lock`.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var total = 0
    private let maxTotal: Int
    private let maxPerOwner: Int

    init(maxTotal: Int, maxPerOwner: Int) {
        self.maxTotal = maxTotal
        self.maxPerOwner = maxPerOwner
    }

    /// Takes a place for a session of `owner`; the reason it cannot when the caps are reached.
    func admit(_ owner: String) -> String? {
        lock.withLock {
            if total >= maxTotal { return "the server has its most sessions open (\(maxTotal)); try again later" }
            if counts[owner, default: 0] >= maxPerOwner {
                return "this account has its most sessions open (\(maxPerOwner)); close one first"
            }
            total += 1
            counts[owner, default: 0] += 1
            return nil
        }
    }

    /// Gives back the place of a session of `owner`.
    func leave(_ owner: String) {
        lock.withLock {
            total -= 1
            counts[owner, default: 1] -= 1
            if counts[owner] == 0 { counts[owner] = nil }
        }
    }

    /// Sessions open now.
    var open: Int { lock.withLock { total } }
}
