import Foundation
import StoreModels
import Testing

@Suite struct WireDateTests {
    @Test(arguments: [
        ("2023-11-09T14:55:48Z", 1_699_541_748.0),
        ("2023-11-09T16:55:48+02:00", 1_699_541_748.0),
        ("2023-11-09T09:55:48-0500", 1_699_541_748.0),
        ("2023-11-09T14:55:48+00", 1_699_541_748.0),
        ("2023-11-09 14:55:48Z", 1_699_541_748.0),
        ("2018-11-02T10:25:16.375214+00:00", 1_541_154_316.375214),
        ("2021-11-19T11:55:00.084876", 1_637_322_900.084876),
        (" 2016-09-27T19:23:40Z", 1_475_004_220.0),
        ("2024-02-29T23:59:59Z", 1_709_251_199.0),
        ("1969-12-31T23:59:59Z", -1.0),
    ])
    func parsesTheShapesTheStoresWrite(text: String, seconds: Double) throws {
        let date = try #require(WireDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test(arguments: [
        "", "garbage", "2023-11-09", "2023-13-09T14:55:48Z", "2023-02-29T00:00:00Z", "2023-11-09T24:00:00Z",
        "2023-11-09T14:60:00Z", "2023-11-09T14:55:48Zjunk", "2023-11-09T14:55:48.Z", "2023-11-09T14:55:48+2",
        "23-11-09T14:55:48Z",
    ])
    func rejectsWhatIsNotATimestamp(text: String) {
        #expect(WireDate.parse(text) == nil)
    }

    @Test func formatsUTCWholeSecondsWithZ() {
        #expect(WireDate.format(Date(timeIntervalSince1970: 1_699_541_748)) == "2023-11-09T14:55:48Z")
        #expect(WireDate(Date(timeIntervalSince1970: 1_637_322_901)).rawValue == "2021-11-19T11:55:01Z")
        #expect(WireDate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(WireDate.format(Date(timeIntervalSince1970: 1_709_251_199)) == "2024-02-29T23:59:59Z")
    }

    /// The buffer writer agrees with Foundation's ISO 8601 formatter over 200 years of random instants,
    /// at every number of fractional digits, and years beyond four digits are still written.
    @Test func formatAgreesWithFoundationAcrossYears() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator) // 1900…2100: Double keeps microseconds
            let micros = Int64.random(in: 0..<1_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
            let whole = formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
            #expect(WireDate.format(date) == whole)
            for digits in 1...6 {
                let fraction = String(String(format: "%06lld", micros).prefix(digits))
                #expect(WireDate.format(date, fractionalDigits: digits) == whole.dropLast() + "." + fraction + "Z")
            }
        }
        #expect(WireDate.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00Z")
    }

    @Test func formattingTruncatesInsteadOfRounding() {
        let date = Date(timeIntervalSince1970: 1_699_541_748.999)
        #expect(WireDate.format(date) == "2023-11-09T14:55:48Z")
        #expect(WireDate.format(date, fractionalDigits: 2) == "2023-11-09T14:55:48.99Z")
    }

    @Test func fractionalDigitsKeepMicroseconds() throws {
        let date = try #require(WireDate.parse("2018-11-02T10:25:16.375214+00:00"))
        #expect(WireDate.format(date, fractionalDigits: 6) == "2018-11-02T10:25:16.375214Z")
        #expect(WireDate.format(date, fractionalDigits: 3) == "2018-11-02T10:25:16.375Z")
    }

    @Test func formattedTextParsesBackToTheSameInstant() throws {
        for seconds in stride(from: -86_400.0 * 800, through: 86_400.0 * 30_000, by: 86_400.0 * 97 + 3_661) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(WireDate(date).date == date)
        }
    }

    @Test func keepsTheWireTextExactly() throws {
        let text = "\"2018-11-02T10:25:16.375214+00:00\""
        let decoded = try WireCoding.decode(WireDate.self, from: Data(text.utf8))
        #expect(decoded.rawValue == "2018-11-02T10:25:16.375214+00:00")
        #expect(String(decoding: try WireCoding.encode(decoded), as: UTF8.self) == text)
    }

    @Test func everyTimestampInTheFixturesParses() throws {
        var timestamps: [String] = []
        func collect(_ node: WireTestJSON, key: String?) {
            switch node {
            case .string(let text):
                if let key, key.hasSuffix("-at") || key.hasSuffix("_at") || key.hasSuffix("date") || key == "when"
                    || key == "build-request-timestamp"
                {
                    timestamps.append(text)
                }
            case .array(let items): items.forEach { collect($0, key: key) }
            case .object(let object): object.forEach { collect($0.value, key: $0.key) }
            default: break
            }
        }
        for name in try WireFixture.allNames() { collect(try WireTestJSON(data: WireFixture.data(name)), key: nil) }
        #expect(timestamps.count > 40)
        #expect(timestamps.filter { WireDate.parse($0) == nil } == [])
    }
}
