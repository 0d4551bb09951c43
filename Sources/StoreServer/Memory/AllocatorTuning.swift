import CMalloc

/// How `serve` sets up glibc's allocator for a server that streams files.
///
/// A download is sent in parts of ``DeviceRoutes/downloadChunk`` bytes (256 KiB), each a fresh buffer. glibc
/// serves blocks above its mmap threshold (128 KiB at first) with `mmap` and gives them back on `free`,
/// but it *raises* the threshold to the size of any such block that is freed, so from the first freed
/// part on every part comes from the heap of whichever thread allocated it. With 50 downloads across the
/// event loop and task threads, those heaps grew to 192–270 MiB and stayed at 168 MiB after the downloads
/// ended (a debug build, `scripts/bench/device_bench.sh`, docs/benchmarks.md). Fixing the threshold below
/// the part size keeps every part an `mmap` of its own, returned to the system when it has been sent.
public enum AllocatorTuning {
    /// The fixed threshold: blocks of this many bytes or more are mapped on their own. Below a download
    /// part, above what ordinary requests allocate.
    public static let mmapThreshold = 192 * 1024

    /// Fixes glibc's mmap threshold at ``mmapThreshold``, unless the environment already sets one
    /// (`MALLOC_MMAP_THRESHOLD_`, glibc's own variable, which then wins). Returns the threshold it set,
    /// or `nil` when it left the allocator alone (the variable was set, or this is not glibc).
    @discardableResult
    public static func apply(environment: [String: String]) -> Int? {
        guard environment["MALLOC_MMAP_THRESHOLD_"] == nil else { return nil }
        return cmalloc_set_mmap_threshold(Int32(mmapThreshold)) == 1 ? mmapThreshold : nil
    }
}
