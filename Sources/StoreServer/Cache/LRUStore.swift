/// A map from keys to values bounded by the sum of the values' costs (bytes), dropping the least
/// recently used entries first.
///
/// Not thread-safe: ``PublicResponseCache`` keeps it under a lock. Every operation is O(1) (amortised),
/// eviction O(entries dropped).
struct LRUStore<Value> {
    private struct Node {
        var key: String
        var value: Value
        var cost: Int
        var newer: Int
        var older: Int
    }

    /// The largest total cost kept.
    let capacity: Int
    /// The sum of the costs of the entries kept.
    private(set) var totalCost = 0
    private var nodes: [Node?] = []
    private var freeSlots: [Int] = []
    private var slots: [String: Int] = [:]
    private var newest = -1
    private var oldest = -1

    /// Creates an empty store.
    /// - Parameter capacity: the largest total cost kept.
    init(capacity: Int) { self.capacity = capacity }

    /// How many entries are kept.
    var count: Int { slots.count }

    /// The value for `key`, marking it most recently used.
    mutating func value(forKey key: String) -> Value? {
        guard let slot = slots[key], let node = nodes[slot] else { return nil }
        moveToNewest(slot)
        return node.value
    }

    /// Keeps `value` under `key` (replacing what was there), then drops the least recently used entries
    /// until the total cost fits. A value costing more than ``capacity`` is not kept.
    mutating func insert(_ value: Value, forKey key: String, cost: Int) {
        removeValue(forKey: key)
        guard cost <= capacity else { return }
        let node = Node(key: key, value: value, cost: cost, newer: -1, older: newest)
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            nodes[slot] = node
        } else {
            slot = nodes.count
            nodes.append(node)
        }
        if newest >= 0 { nodes[newest]?.newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
        slots[key] = slot
        totalCost += cost
        while totalCost > capacity, oldest >= 0, let key = nodes[oldest]?.key { removeValue(forKey: key) }
    }

    /// Drops the entry for `key`, if any.
    mutating func removeValue(forKey key: String) {
        guard let slot = slots.removeValue(forKey: key), let node = nodes[slot] else { return }
        unlink(slot, node)
        nodes[slot] = nil
        freeSlots.append(slot)
        totalCost -= node.cost
    }

    /// Drops least recently used entries as long as `isDroppable` says so of the least recently used one.
    ///
    /// The cache passes "has expired": in a cache whose entries all live as long, the least recently used
    /// are mostly the oldest, so this keeps expired replies from holding memory until the capacity is reached.
    mutating func removeLeastRecentlyUsed(while isDroppable: (Value) -> Bool) {
        while oldest >= 0, let node = nodes[oldest], isDroppable(node.value) { removeValue(forKey: node.key) }
    }

    /// Drops every entry.
    mutating func removeAll() {
        nodes.removeAll(keepingCapacity: false)
        freeSlots.removeAll()
        slots.removeAll()
        newest = -1
        oldest = -1
        totalCost = 0
    }

    private mutating func moveToNewest(_ slot: Int) {
        guard slot != newest, let node = nodes[slot] else { return }
        unlink(slot, node)
        nodes[slot]?.newer = -1
        nodes[slot]?.older = newest
        if newest >= 0 { nodes[newest]?.newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private mutating func unlink(_ slot: Int, _ node: Node) {
        if node.newer >= 0 { nodes[node.newer]?.older = node.older } else { newest = node.older }
        if node.older >= 0 { nodes[node.older]?.newer = node.newer } else { oldest = node.newer }
    }
}
