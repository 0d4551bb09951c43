import Foundation
import StoreAPI
import StoreModels
import StoreService
import Testing
@testable import StoreServer

/// Every StoreError case: server encodes (status, headers, envelope) → client decodes → the same case.
@Suite("Error mapping round trip")
struct ErrorMappingTests {
    static let platform = Platform(architecture: .arm64, base: "ubuntu@22.04")
    static let channel = Fixture.channel("2.0/beta/fix")
    static let change = ChannelChange(
        channel: Fixture.channel("latest/edge"), platform: Platform(architecture: .amd64),
        before: Serving(source: .own, release: Fixture.release("latest/edge", .amd64, 2), progressive: nil),
        after: Serving(source: .following(Fixture.channel("latest/beta")), release: Fixture.release("latest/beta", .amd64, 1), progressive: nil))

    static let cases: [StoreError] = [
        .notFound(kind: "package", name: "hello"), .notFound(kind: "revision", name: "hello#3"),
        .notFound(kind: "token", name: "tok-1"), .notFound(kind: "publisher", name: "zed"),
        .invalidInput("limit must be positive"), .invalidChannel("channel 'x/y/z/w' has more than 3 parts"),
        .plan(.emptyPlan), .plan(.noChannels), .plan(.unknownRevision(9)),
        .plan(.revisionNotApproved(3, status: "pending", note: nil)), .plan(.revisionNotApproved(4, status: "rejected", note: "bad")),
        .plan(.wrongArchitecture(revision: 2, platform: platform)), .plan(.unknownTrack("9.9", known: ["latest", "2.0"])),
        .plan(.invalidPercentage(150)), .plan(.nothingToPromote(from: channel)), .plan(.promoteToSameChannel(channel)),
        .plan(.noProgressiveRelease(channel)),
        .staleChannelMap(expected: 3, actual: 5, changes: [change]), .staleChannelMap(expected: 1, actual: 2, changes: []),
        .forbidden("this needs the admin role"), .unauthenticated("the token was revoked"), .conflict("name taken"),
        .rateLimited(retryAfter: 42), .unavailable("disk full"), .unreachable("no route to host"),
        .server(status: 500, message: "a bug", requestID: "req-1"), .server(status: 502, message: "bad gateway", requestID: "req-1"),
    ]

    @Test(arguments: cases)
    func serverEncodingDecodesToTheSameCase(_ error: StoreError) throws {
        let response = error.httpFailure.apiResponse
        #expect(response.status.code == error.httpStatus)
        #expect(response.headers[.contentType] == "application/json")
        let envelope = try APICoding.makeDecoder().decode(APIErrorEnvelope.self, from: Data(response.body))
        let retryAfter = response.headers[.retryAfter].flatMap { Int($0) }
        let decoded = StoreError(status: response.status.code, item: envelope.errorList.first, retryAfter: retryAfter, requestID: "req-1")
        #expect(decoded == error)
    }

    @Test func everyCaseIsCovered() {
        var seen = Set<String>()
        for error in Self.cases {
            switch error {
            case .notFound: seen.insert("notFound")
            case .invalidInput: seen.insert("invalidInput")
            case .invalidChannel: seen.insert("invalidChannel")
            case .plan: seen.insert("plan")
            case .staleChannelMap: seen.insert("staleChannelMap")
            case .forbidden: seen.insert("forbidden")
            case .unauthenticated: seen.insert("unauthenticated")
            case .conflict: seen.insert("conflict")
            case .rateLimited: seen.insert("rateLimited")
            case .unavailable: seen.insert("unavailable")
            case .unreachable: seen.insert("unreachable")
            case .server: seen.insert("server")
            }
        }
        #expect(seen.count == 12)
    }

    @Test(arguments: [(400, StoreError.invalidInput("boom")), (401, .unauthenticated("boom")), (403, .forbidden("boom")),
                      (409, .conflict("boom")), (503, .unavailable("boom")), (418, .server(status: 418, message: "boom", requestID: nil))])
    func foreignErrorsFallBackOnTheStatus(_ status: Int, _ expected: StoreError) {
        let item = APIErrorItem(code: "some-other-store-code", message: "boom")
        #expect(StoreError(status: status, item: item) == expected)
    }
}
