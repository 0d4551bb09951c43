import StoreService
import Testing

/// ``LibraryHash`` agrees with charmcraft's hash (computed by charmcraft's own rule in Python for the vector).
@Suite("Library hash")
struct LibraryHashTests {
    static let source = "\"\"\"A lib.\"\"\"\r\nLIBID = \"abc\"\nLIBAPI = 0\nLIBPATCH = 3\n\ndef f():\r\n    return 1 # \r lone\n  LIBAPI = 2\nlast line without newline"

    @Test func theHashIsCharmcraftsLeavingOutTheVersionLinesAndCRLF() {
        #expect(LibraryHash.of(Self.source) == "e903e93f2f744495d08b8cb25bfa5fb403afe740bfd0033a710abd242fcda833")
    }

    @Test func bumpingTheVersionKeepsTheHashAndChangingTheCodeDoesNot() {
        let bumped = Self.source.replacingOccurrences(of: "LIBPATCH = 3", with: "LIBPATCH = 4")
        #expect(LibraryHash.of(bumped) == LibraryHash.of(Self.source))
        let changed = Self.source.replacingOccurrences(of: "return 1", with: "return 2")
        #expect(LibraryHash.of(changed) != LibraryHash.of(Self.source))
        // An empty source hashes as SHA-256 of nothing.
        #expect(LibraryHash.of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
