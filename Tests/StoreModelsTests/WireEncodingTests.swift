import Foundation
import StoreModels
import Testing

@Suite struct WireEncodingTests {
    @Test func comparisonSeesNullApartFromAbsent() throws {
        let withNull = try WireTestJSON(data: Data(#"{"a": null, "b": 1}"#.utf8))
        let without = try WireTestJSON(data: Data(#"{"b": 1.0}"#.utf8))
        #expect(withNull.firstDifference(from: without) == "$.a: null vs absent")
        #expect(try WireTestJSON(data: Data(#"[true]"#.utf8)) != WireTestJSON(data: Data(#"[1]"#.utf8)))
    }

    @Test func wireFieldWritesNothingNullOrTheValue() throws {
        let absent = try wireJSON(WireMedia(type: "icon", url: "u"))
        #expect(absent.keys == ["type", "url"])
        let null = try wireJSON(WireMedia(type: "video", url: "u", width: .null, height: .null))
        #expect(null["width"] == .null && null["height"] == .null)
        let sized = try wireJSON(WireMedia(type: "icon", url: "u", width: .value(256), height: .value(128)))
        #expect(sized["width"] == .number(256) && sized["height"] == .number(128))
    }

    @Test func wireFieldDecodesMissingNullAndValue() throws {
        let decoded = try WireCoding.decode(
            [WireMedia].self,
            from: Data(#"[{"type":"a","url":"u"},{"type":"b","url":"u","width":null},{"type":"c","url":"u","width":5}]"#.utf8))
        #expect(decoded.map(\.width) == [.absent, .null, .value(5)])
    }

    @Test func charmRevisionAlwaysWritesErrorsVersionAndBases() throws {
        let revision = CharmRevision(
            revision: 3, version: nil, createdAt: WireDate(rawValue: "2023-11-09T14:55:37Z"), status: "approved",
            bases: [nil])
        let json = try wireJSON(revision)
        #expect(json.keys == ["bases", "created-at", "errors", "revision", "status", "version"])
        #expect(json["errors"] == .null && json["version"] == .null && json["bases"] == .array([.null]))
    }

    @Test func charmBaseHasExactlyThreeKeys() throws {
        let json = try wireJSON(CharmBase(architecture: "amd64", channel: "22.04", name: "ubuntu"))
        #expect(json.keys == ["architecture", "channel", "name"])
    }

    @Test func channelInfoAlwaysWritesBranchAndFallback() throws {
        let json = try wireJSON(WireChannelInfo(Channel(risk: .stable)))
        #expect(json.keys == ["branch", "fallback", "name", "risk", "track"])
        #expect(json["branch"] == .null && json["fallback"] == .null)
    }

    @Test func closeItemWritesNullRevision() throws {
        let json = try wireJSON([CharmReleaseItem(revision: nil, channel: "latest/beta")])
        #expect(json[0]?["revision"] == .null)
        #expect(json[0]?["resources"] == .array([]))
        let decoded = try WireCoding.decode(
            [CharmReleaseItem].self, from: Data(#"[{"revision": 5, "channel": "2.0/edge", "resources": []}]"#.utf8))
        #expect(decoded == [CharmReleaseItem(revision: 5, channel: "2.0/edge")])
        let close = try WireCoding.decode(
            [CharmReleaseItem].self, from: Data(#"[{"revision": null, "channel": "latest/beta", "resources": []}]"#.utf8))
        #expect(close.first?.isClose == true)
    }

    @Test func whoamiAlwaysWritesPermissionsPackagesAndChannels() throws {
        let json = try wireJSON(CharmWhoamiResponse(
            account: WhoamiAccount(displayName: "John Doe", username: "jdoe", id: "abc123"), permissions: []))
        #expect(json.keys == ["account", "channels", "packages", "permissions"])
        #expect(json["packages"] == .null && json["channels"] == .null)
        #expect(json["account"]?.keys == ["display-name", "id", "username"])
    }

    @Test func uploadReviewAlwaysWritesRevisionAndErrors() throws {
        let json = try wireJSON(CharmUploadReviewResponse(revisions: [
            CharmUploadReview(uploadID: "3b7b", status: "new", revision: nil),
        ]))
        #expect(json["revisions"]?[0]?.keys == ["errors", "revision", "status", "upload-id"])
        #expect(json["revisions"]?[0]?["revision"] == .null)
    }

    @Test func pushRevisionReplyPointsAtTheReviewEndpoint() {
        #expect(CharmPushRevisionResponse(name: "my-charm", uploadID: "u1").statusURL
            == "/v1/charm/my-charm/revisions/review?upload-id=u1")
    }

    @Test func unscannedUploadReplyUsesUnderscoreKey() throws {
        #expect(try wireJSON(UnscannedUploadResponse(uploadID: "x")).keys == ["successful", "upload_id"])
    }

    @Test func librariesReplyAlwaysHasTheKey() throws {
        #expect(try wireJSON(CharmLibrariesResponse())["libraries"] == .array([]))
    }

    @Test func errorListReadsBothSpellingsAndWritesTheOneItRead() throws {
        let underscored = try WireCoding.decode(
            ErrorList.self, from: Data(#"{"error_list": [{"code": "x", "message": "y"}]}"#.utf8))
        #expect(underscored.keyStyle == .underscored)
        #expect(try wireJSON(underscored).keys == ["error_list"])
        #expect(try wireJSON(ErrorList(code: "not-found", message: "no")).keys == ["error-list"])
    }

    @Test func snapReleaseRequestKeepsATextRevisionAsText() throws {
        let request = try WireCoding.decode(
            SnapReleaseRequest.self, from: Data(#"{"name": "s", "revision": "22", "channels": ["edge"]}"#.utf8))
        #expect(request.revision == 22 && request.revisionIsText)
        #expect(try wireJSON(request)["revision"] == .string("22"))
    }

    @Test func snapReleaseRequestRejectsANonNumericRevision() {
        #expect(throws: DecodingError.self) {
            try WireCoding.decode(SnapReleaseRequest.self, from: Data(#"{"name": "s", "revision": "x", "channels": []}"#.utf8))
        }
    }

    @Test func createTrackItemKeepsAbsentApartFromNull() throws {
        let charmcraft = try wireJSON(CharmCreateTrackRequestItem(name: "5", automaticPhasingPercentage: .null))
        #expect(charmcraft.keys == ["automatic-phasing-percentage", "name"])
    }

    @Test func packageMetadataFromTheDomainHasWhatCharmcraftReads() throws {
        let package = Package(
            id: "pkg-1", name: PackageName(trusted: "my-charm"), type: .charm, title: "My charm", summary: "s",
            description: "d", publisherID: "pub-1", links: [Package.Link(kind: "website", url: "https://x.test")],
            status: .published, tracks: ["latest", "2.0"], createdAt: Date(timeIntervalSince1970: 1_699_541_748))
        let publisher = Publisher(id: "pub-1", username: "jdoe", displayName: "John Doe", validation: .verified)
        let metadata = CharmPackageMetadata(package, publisher: publisher)
        let json = try wireJSON(CharmPackageMetadataResponse(metadata: metadata))["metadata"]
        #expect(json?["name"] == .string("my-charm"))
        #expect(json?["private"] == .bool(false))
        #expect(json?["status"] == .string("published"))
        #expect(json?["publisher"]?["display-name"] == .string("John Doe"))
        #expect(json?["default-track"] == .string("latest"))
        #expect(json?["website"] == .string("https://x.test"))
        #expect(json?["tracks"]?[1]?["name"] == .string("2.0"))
        #expect(json?["tracks"]?[1]?["created-at"] == .string("2023-11-09T14:55:48Z"))
        #expect(json?["track-guardrails"] == .array([]))
        let listed = try wireJSON(CharmPackageMetadata(package, publisher: publisher, withTracks: false))
        #expect(listed["tracks"] == nil && listed["track-guardrails"] == nil)
        #expect(listed["authority"] == .null && listed["contact"] == .null)
    }
}
