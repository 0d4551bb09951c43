import StoreModels
import Testing

/// ``ScannedJSON`` reads the plain forms exactly and answers `nil` for anything else.
@Suite("Scanned JSON")
struct ScannedJSONTests {
    @Test func scannerReadsEachPlainForm() {
        #expect(ScannedJSON.scan(Array(#"{"a":[1,-2,null,"x"],"b":{}}"#.utf8)) == .object([
            .init(key: "a", value: .array([.integer(1), .integer(-2), .null, .string("x")])),
            .init(key: "b", value: .object([])),
        ]))
        #expect(ScannedJSON.scan(Array("0".utf8)) == .integer(0))
        #expect(ScannedJSON.scan(Array("nul".utf8)) == nil)
        #expect(ScannedJSON.scan(Array("true".utf8)) == nil)
    }

    @Test func invalidUTF8IsNotRead() {
        var bytes = Array(#"{"actions":[{"action":"install","instance-key":"i","name":"ab"}]}"#.utf8)
        let position = bytes.firstIndex(of: UInt8(ascii: "b"))!
        bytes[position] = 0xC3 // a lead byte with no continuation
        #expect(ScannedJSON.scan(bytes) == nil)
        bytes[position] = 0xFF
        #expect(ScannedJSON.scan(bytes) == nil)
    }

    @Test func scannerStopsAtItsDepth() {
        let nested = { (depth: Int) in Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8) }
        #expect(ScannedJSON.scan(nested(ScannedJSON.maximumDepth)) != nil)
        #expect(ScannedJSON.scan(nested(ScannedJSON.maximumDepth + 1)) == nil)
        #expect(ScannedJSON.scan(nested(100_000)) == nil)
    }

    @Test func membersRefuseUnknownAndRepeatedKeys() throws {
        let known: Set<String> = ["a", "b"]
        #expect(try #require(ScannedJSON.scan(Array(#"{"a":1,"b":null}"#.utf8))).members(known: known) == ["a": .integer(1), "b": .null])
        #expect(try #require(ScannedJSON.scan(Array(#"{"a":1,"c":2}"#.utf8))).members(known: known) == nil)
        #expect(try #require(ScannedJSON.scan(Array(#"{"a":1,"a":2}"#.utf8))).members(known: known) == nil)
        #expect(ScannedJSON.integer(1).members(known: known) == nil)
    }
}
