#if canImport(Glibc)
import CMalloc
import Glibc
@testable import StoreServer
import Testing

/// `serve` fixes glibc's mmap threshold so download parts are mapped and unmapped one by one instead of
/// piling up in per-thread heaps (see ``AllocatorTuning``).
@Suite("Allocator tuning")
struct AllocatorTuningTests {
    /// A part-sized block comes from the heap while the heap holds a free chunk that large (other tests in
    /// this process free such chunks at any time), and glibc maps it only once none is left. So the test
    /// keeps every heap-served part until a mapped one comes, and looks at what the threshold does then.
    @Test func aDownloadPartIsStillMappedOnItsOwnAfterAnotherWasFreed() throws {
        #expect(AllocatorTuning.apply(environment: [:]) == AllocatorTuning.mmapThreshold)
        let part = 256 << 10
        var held: [UnsafeMutableRawPointer] = []
        defer { held.forEach { free($0) } }
        func nextMappedPart(within limit: Int) throws -> UnsafeMutableRawPointer? {
            for _ in 0..<limit {
                let block = try #require(malloc(part))
                if cmalloc_is_mapped(block) == 1 { return block }
                held.append(block)
            }
            return nil
        }
        let first = try #require(try nextMappedPart(within: 4096), "a part is mapped once the heap's free chunks are used")
        // Without a fixed threshold, freeing this mapped block raises glibc's threshold above a part, and every
        // later part would come from the heap, however many are asked for.
        free(first)
        let second = try nextMappedPart(within: 4096)
        #expect(second != nil, "the part is a mapping of its own, given back when freed")
        if let second { free(second) }
        let small = try #require(malloc(4096))
        defer { free(small) }
        #expect(cmalloc_is_mapped(small) == 0, "ordinary blocks still come from the heap")
    }

    @Test func glibcsOwnVariableWins() {
        #expect(AllocatorTuning.apply(environment: ["MALLOC_MMAP_THRESHOLD_": "65536"]) == nil)
    }
}
#endif
