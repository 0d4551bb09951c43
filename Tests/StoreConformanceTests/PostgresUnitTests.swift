import StoreEngineSupport
import Foundation
import NIOCore
@testable import StorePostgres
import StoreService
import Testing

/// The PostgreSQL engine's pure parts: search text to `tsquery`, URLs, timestamps, COPY rows.
@Suite("PostgreSQL engine: parts")
struct PostgresUnitTests {
    @Test func wordsAreQuotedLexemesAndTheLastIsAPrefix() {
        #expect(SearchText("hello wor").tsquery == "'hello' & 'wor':*")
        #expect(SearchText("hello wor ").tsquery == "'hello' & 'wor'")
        #expect(SearchText("h").tsquery == "'h'", "a one-letter prefix matches almost everything")
        #expect(SearchText("jig-kit").tsquery == "('jig' <-> 'kit':*)")
        #expect(SearchText("Hello-World ").exactName == "hello-world")
    }

    @Test func tsquerySyntaxInUserTextIsInert() {
        #expect(SearchText("a'b|c&!d:*(e)<->f\\g").tsquery == "('a' <-> 'b' <-> 'c' <-> 'd' <-> 'e' <-> 'f' <-> 'g':*)")
        #expect(SearchText("NEAR(a b) OR name:x").tsquery == "('NEAR' <-> 'a') & 'b' & 'OR' & ('name' <-> 'x':*)")
        #expect(SearchText("* ^ -- \" '").tsquery == nil)
        #expect(SearchText("   ").isBlank)
        #expect(SearchText("-- vim").tsquery == "'vim':*")
        #expect(SearchText("café").tsquery == "'café':*")
        let many = SearchText((1...20).map { "w\($0)" }.joined(separator: " "))
        #expect(many.words.count == SearchWords.maximumWords)
        for text in ["a'b", "x\\'y", "'; DROP TABLE packages; --"] {
            #expect(SearchText(text).tsquery?.filter { $0 == "'" }.count.isMultiple(of: 2) == true)
        }
    }

    @Test func urlsAreParsedAndPasswordsNeverShown() throws {
        let url = try PostgresURL("postgresql://bob:s3cr%40t@db.example:6543/store?sslmode=disable&application_name=serve")
        #expect(url.host == "db.example" && url.port == 6543 && url.username == "bob" && url.password == "s3cr@t")
        #expect(url.database == "store" && url.tlsMode == .disable && url.applicationName == "serve")
        #expect(url.redacted == "postgres://bob:***@db.example:6543/store")
        #expect(!url.redacted.contains("s3cr"))
        let plain = try PostgresURL("postgres://127.0.0.1/store_tui_test?options=-c%20search_path%3Dt_1")
        #expect(plain.port == 5432 && plain.username == "postgres" && plain.password == nil && plain.tlsMode == .prefer)
        #expect(plain.options == "-c search_path=t_1")
        #expect(try PostgresURL("postgres://alice@[::1]:5433/db").endpoint == "[::1]:5433")
        #expect(try PostgresURL("postgres://h/db?sslmode=verify-full").tlsMode == .verifyFull)
        #expect(try PostgresURL("postgres://h/db?sslmode=require").tlsConfiguration.certificateVerification == .none)
        for bad in ["http://x/db", "postgres://", "postgres://h/db?sslmode=maybe", "postgres://h/a/b", "postgres://h/db?connect_timeout=0"] {
            #expect(throws: StoreError.self, "\(bad)") { _ = try PostgresURL(bad) }
        }
    }

    @Test func timestampsRoundToMicrosecondsAndPrintForCopy() {
        let date = Date(timeIntervalSince1970: 1_735_689_600.123_456_789)
        let rounded = Timestamp.rounded(date)
        #expect(Timestamp.rounded(rounded) == rounded)
        #expect(abs(rounded.timeIntervalSince(date)) < 0.000_001)
        #expect(Timestamp(Date(timeIntervalSince1970: 946_684_800)).copyText == "2000-01-01 00:00:00.000000+00")
        #expect(Timestamp(Date(timeIntervalSince1970: 1_735_689_600.25)).copyText == "2025-01-01 00:00:00.250000+00")
        #expect(Timestamp(Date(timeIntervalSince1970: 1_720_000_000)).copyText == "2024-07-03 09:46:40.000000+00")
        #expect(Timestamp(Date(timeIntervalSince1970: -0.5)).copyText == "1969-12-31 23:59:59.500000+00")
        #expect(Timestamp(Date(timeIntervalSince1970: 951_782_400)).copyText == "2000-02-29 00:00:00.000000+00")
    }

    @Test func copyFieldsAreEscaped() {
        var rows = CopyBuffer()
        rows.text("a\tb\nc\\d\re")
        rows.text(nil)
        rows.integer(42)
        rows.boolean(true)
        rows.endRow()
        var buffer = rows.buffer
        #expect(buffer.readString(length: buffer.readableBytes) == "a\\tb\\nc\\\\d\\re\t\\N\t42\tt\n")
        #expect(rows.rowCount == 1)
    }

    @Test func serverErrorsMapToStoreErrors() {
        func mapped(_ state: String, _ message: String = "m") -> StoreError {
            PostgresErrorMapping.serverError(state: state, message: message, detail: nil, location: "db:5432")
        }
        #expect(mapped("23505").code == "conflict")
        #expect(mapped("23503") == .conflict("it refers to something that does not exist"))
        #expect(mapped("P0001", "the audit log is append-only") == .conflict("the audit log is append-only"))
        #expect(mapped("40001").code == "store-unavailable" && mapped("40P01").code == "store-unavailable")
        #expect(mapped("53100") == .unavailable("disk full"))
        #expect(mapped("57014") == .unavailable("a statement took too long and was cancelled"))
        #expect(mapped("57P01", "terminating connection due to administrator command")
            == .unavailable("PostgreSQL is unreachable at db:5432: terminating connection due to administrator command"))
        #expect(mapped("08006").description.contains("PostgreSQL is unreachable"))
        #expect(mapped("28P01").code == "store-unavailable")
        #expect(mapped("23514").code == "bad-argument")
        #expect(mapped("42P01").code == "api-error")
        #expect(PostgresErrorMapping.storeError(from: StoreError.forbidden("x")) == .forbidden("x"))
        #expect(PostgresErrorMapping.storeError(from: CancellationError()).code == "store-unavailable")
    }
}
