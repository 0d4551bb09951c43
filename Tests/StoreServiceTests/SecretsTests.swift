@testable import StoreService
import Testing

@Suite("Secrets")
struct SecretsTests {
    @Test func tokensHaveThePrefixAndA256BitBase62Body() {
        let token = Secrets.generateToken()
        #expect(token.hasPrefix("stui_"))
        #expect(token.count == 5 + 43)
        #expect(Secrets.looksLikeToken(token))
        #expect(token.dropFirst(5).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    @Test func tokensDoNotRepeat() {
        let tokens = (0..<1000).map { _ in Secrets.generateToken() }
        #expect(Set(tokens).count == tokens.count)
    }

    @Test func randomIdentifiersHaveTheRequestedLengthAndAlphabet() {
        for length in [1, 16, 32, 100] {
            let id = Secrets.randomIdentifier(length: length)
            #expect(id.count == length)
            #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
    }

    @Test func hashIsSHA256InLowerCaseHex() {
        // Known answer: SHA-256("abc").
        #expect(Secrets.hash(ofToken: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.hash(ofToken: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func constantTimeComparisonComparesContentAndLength() {
        #expect(Secrets.constantTimeEquals("stui_abc", "stui_abc"))
        #expect(!Secrets.constantTimeEquals("stui_abc", "stui_abd"))
        #expect(!Secrets.constantTimeEquals("stui_abc", "stui_ab"))
        #expect(Secrets.constantTimeEquals("", ""))
    }

    @Test(arguments: ["", "stui_", "stui_short", "cio_" + String(repeating: "a", count: 43), "stui_" + String(repeating: "-", count: 43)])
    func malformedTokensAreNotMistakenForTokens(text: String) {
        #expect(!Secrets.looksLikeToken(text))
    }

    @Test func base62PadsToWidthAndEncodesBigEndian() {
        #expect(Secrets.base62([0, 0], width: 3) == "000")
        #expect(Secrets.base62([61], width: 1) == "z")
        #expect(Secrets.base62([62], width: 2) == "10")
        #expect(Secrets.base62([1, 0], width: 1) == "48")  // 256 = 4 × 62 + 8
        #expect(Secrets.base62(Array(repeating: 255, count: 32), width: 43).count == 43)
    }
}
