import Hummingbird
import Logging
@testable import StoreServer
import StoreService
import Testing

/// The per-request work made cheaper for issue #18 keeps its behaviour: the request id reaches log
/// lines, a `Host` is accepted exactly as before, query values decode as before.
@Suite("Request plumbing")
struct RequestPlumbingTests {
    @Test func logLinesCarryTheRequestIDWhileARequestIsServedAndNoneOutside() async {
        #expect(RequestLogMetadata.metadataProvider.get().isEmpty)
        let inside = await RequestLogMetadata.$requestID.withValue("req-42") { () async -> Logger.Metadata in
            await Task.yield()
            return RequestLogMetadata.metadataProvider.get()
        }
        #expect(inside["request.id"] == .string("req-42"))
        #expect(RequestLogMetadata.metadataProvider.get().isEmpty)
    }

    @Test(arguments: [
        "", "store.example", "127.0.0.1:8080", "[::1]:443", "a-b.c", "bad host", "x\r\ny", "caf\u{E9}.example", "e\u{301}.x",
        "evil/path", "under_score", "tab\there", String(repeating: "a", count: 255), String(repeating: "a", count: 256),
        "\u{1F600}", "host?q", "A.B.C:1",
    ])
    func aHostIsUsableForURLsExactlyWhenEveryCharacterIsAllowed(_ host: String) {
        // The rule as it was first written: characters of a fixed set, 1–255 of them.
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        let expected = !host.isEmpty && host.count <= 255 && host.allSatisfy(allowed.contains)
        #expect(StoreAPI.isUsableAuthority(host) == expected)
    }

    @Test func queryValuesWithoutEscapesAreTakenAsTheyAreAndEscapesStillDecode() throws {
        let query = try QueryParameters("/v2/snaps/find?q=plain&fields=title,summary&a=b+c&d=%41%2B&e=caf%C3%A9&f=")
        #expect(try query.string("q") == "plain")
        #expect(try query.list("fields") == ["title", "summary"])
        #expect(try query.string("a") == "b c")
        #expect(try query.string("d") == "A+")
        #expect(try query.string("e") == "caf\u{E9}")
        #expect(try query.string("f") == nil)
        #expect(throws: StoreError.self) { try QueryParameters("/x?q=%zz") }
        #expect(throws: StoreError.self) { try QueryParameters("/x?q=a&q=b") }
    }
}
