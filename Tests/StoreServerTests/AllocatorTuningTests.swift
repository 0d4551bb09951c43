#if canImport(Glibc)
import CMalloc
import Glibc
@testable import StoreServer
import Testing

/// `serve` fixes glibc's mmap threshold so download parts are mapped and unmapped one by one instead of
/// piling up in per-thread heaps (see ``AllocatorTuning``).
@Suite("Allocator tuning")
struct AllocatorTuningTests {
    @Test func aDownloadPartIsStillMappedOnItsOwnAfterAnotherWasFreed() throws {
        #expect(AllocatorTuning.apply(environment: [:]) == AllocatorTuning.mmapThreshold)
        let part = 256 << 10
        // Without a fixed threshold, freeing this mapped block raises glibc's threshold above a part,
        // and the next part would come from the heap.
        let first = try #require(malloc(part))
        free(first)
        let second = try #require(malloc(part))
        defer { free(second) }
        #expect(cmalloc_is_mapped(second) == 1, "the part is a mapping of its own, given back when freed")
        let small = try #require(malloc(4096))
        defer { free(small) }
        #expect(cmalloc_is_mapped(small) == 0, "ordinary blocks still come from the heap")
    }

    @Test func glibcsOwnVariableWins() {
        #expect(AllocatorTuning.apply(environment: ["MALLOC_MMAP_THRESHOLD_": "65536"]) == nil)
    }
}
#endif
