import Foundation
import StoreModels
import Testing
@testable import StoreServer

/// The refresh body's fast path (``ScannedJSON`` and `SnapRefreshRequest(scanned:)`) reads what the full
/// decoder reads, or leaves the body to it: it is never wrong, only faster.
@Suite("JSON body fast path")
struct JSONBodyFastPathTests {
    /// What the fast path answers for `text`.
    private static func fast(_ text: String) -> SnapRefreshRequest? {
        ScannedJSON.scan(Array(text.utf8)).flatMap(SnapRefreshRequest.init(scanned:))
    }

    /// What the full decoder answers for `text` (`nil` when it refuses it).
    private static func full(_ text: String) -> SnapRefreshRequest? {
        try? JSONBody.decode(SnapRefreshRequest.self, from: Data(text.utf8))
    }

    /// snapd's body for `count` installed snaps, each refreshed.
    private static func snapdBody(_ count: Int) -> String {
        let context = (0..<count).map { index in
            #"{"snap-id":"id\#(index)aaaaaaaaaaaaaaaaaaaaaaaaaaa","instance-key":"id\#(index)aaaaaaaaaaaaaaaaaaaaaaaaaaa","revision":\#(index + 3),"tracking-channel":"latest/stable","epoch":{"read":[0],"write":[0]}}"#
        }
        let actions = (0..<count).map { index in
            #"{"action":"refresh","instance-key":"id\#(index)aaaaaaaaaaaaaaaaaaaaaaaaaaa","snap-id":"id\#(index)aaaaaaaaaaaaaaaaaaaaaaaaaaa"}"#
        }
        return #"{"context":[\#(context.joined(separator: ","))],"actions":[\#(actions.joined(separator: ","))],"fields":["base","confinement","contact","created-at","description","download","epoch","license","name","prices","private","publisher","revision","snap-id","snap-yaml","summary","title","type","version","media","common-ids"]}"#
    }

    /// Bodies the fast path must read itself, each equal to what the full decoder reads.
    static let plainBodies: [String] = [
        snapdBody(20),
        snapdBody(1),
        #"{"actions":[]}"#,
        #"{"context":null,"actions":[],"fields":null}"#,
        " \n\t{ \"actions\" : [ { \"action\" : \"install\" , \"instance-key\" : \"install-1\" , \"name\" : \"hello-world\" } ] }\r\n",
        #"{"actions":[{"action":"download","instance-key":"d","name":"hello","channel":"2.0/beta/fix","revision":-0}]}"#,
        #"{"actions":[{"action":"install","instance-key":"i","name":"hello","epoch":null,"revision":null,"channel":null,"snap-id":null}]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":9223372036854775807,"epoch":"1*"}],"actions":[{"action":"refresh","instance-key":"k"}]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":-9223372036854775808,"epoch":""}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1,"epoch":{"read":[1,2]}}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1,"epoch":{"write":[3]}}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1,"epoch":{}}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1,"epoch":{"read":null,"write":[0]}}],"actions":[]}"#,
        #"{"actions":[{"action":"install","instance-key":"ключ","name":"héllo-✓"}],"fields":["名前",""]}"#,
    ]

    @Test(arguments: plainBodies)
    func plainBodiesAreReadByTheFastPathAsTheFullDecoderReadsThem(_ text: String) throws {
        let fast = try #require(Self.fast(text), "the fast path left a plain body to the full decoder")
        #expect(fast == Self.full(text))
    }

    /// Bodies the fast path must leave to the full decoder, which accepts some and refuses the rest.
    static let otherBodies: [String] = [
        "", "   ", "null", "[]", #""actions""#, "{", #"{"actions":[]"#, #"{"actions":[]}x"#, #"{"actions":[],}"#,
        #"{"actions":[1,]}"#, #"{"actions" [] }"#, #"{actions:[]}"#,
        // Unknown keys, even null ones (the full decoder allows those), and keys twice.
        #"{"actions":[],"extra":1}"#, #"{"actions":[],"extra":null}"#, #"{"actions":[],"actions":[]}"#,
        #"{"actions":[{"action":"install","instance-key":"i","name":"a","name":"b"}]}"#,
        // Escapes, control characters, NUL.
        #"{"actions":[{"action":"install","instance-key":"i","name":"a\u0000b"}]}"#,
        #"{"actions":[{"action":"install","instance-key":"i","name":"a\"b"}]}"#,
        #"{"actions":[{"action":"install","instance-key":"i","name":"a\/b"}]}"#,
        "{\"actions\":[{\"action\":\"install\",\"instance-key\":\"i\",\"name\":\"a\tb\"}]}",
        // Numbers the full decoder reads in its own way, or refuses.
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1.0}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1e2}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":01}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":9223372036854775808}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":-}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":"1"}],"actions":[]}"#,
        // Wrong kinds, missing and null required keys.
        #"{"actions":{}}"#, #"{"actions":null}"#, #"{"context":[]}"#, #"{"actions":[true]}"#,
        #"{"actions":[{"action":"install"}]}"#, #"{"actions":[{"action":null,"instance-key":"i"}]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k"}],"actions":[]}"#,
        #"{"actions":[],"fields":[1]}"#, #"{"actions":[],"fields":"title"}"#,
        // Epochs the full decoder refuses, or reads through its single-value path.
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1,"epoch":"x"}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1,"epoch":5}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1,"epoch":{"read":[0],"other":1}}],"actions":[]}"#,
        #"{"context":[{"snap-id":"s","instance-key":"k","revision":1,"epoch":{"read":"0"}}],"actions":[]}"#,
        // Deeper than the scanner goes.
        #"{"actions":[],"fields":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}",
    ]

    @Test(arguments: otherBodies)
    func otherBodiesAreLeftToTheFullDecoder(_ text: String) {
        #expect(Self.fast(text) == nil)
    }

    /// Random damage to snapd's body: whatever the fast path still reads, the full decoder reads the same.
    @Test func damagedBodiesReadTheSameOrAreLeftToTheFullDecoder() {
        let original = Array(Self.snapdBody(3).utf8)
        let alphabet = Array(#"{}[]":,-0123456789.eEnulltrue \"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
        var generator = SystemRandomNumberGenerator()
        var readFast = 0
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = alphabet.randomElement(using: &generator)!
                case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: position)
                default: bytes.remove(at: position)
                }
            }
            guard let fast = ScannedJSON.scan(bytes).flatMap(SnapRefreshRequest.init(scanned:)) else { continue }
            readFast += 1
            let full = try? JSONBody.decode(SnapRefreshRequest.self, from: Data(bytes))
            #expect(fast == full, "the fast path read \(String(decoding: bytes, as: UTF8.self)) differently")
        }
        // Damage inside a string's letters leaves a plain body: some must have been read fast.
        #expect(readFast > 0)
    }
}
