import Foundation
import StoreModels
import Testing

// MARK: - Support shared by the wire tests

/// A JSON document parsed with `JSONSerialization`, for comparisons that ignore key order and number spelling.
enum WireTestJSON: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([WireTestJSON])
    case object([String: WireTestJSON])

    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses `data` with `JSONSerialization` (fragments allowed).
    init(data: Data) throws {
        try self.init(any: JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    init(any value: Any) throws {
        switch value {
        case is NSNull:
            self = .null
        case let number as NSNumber:
            // JSON booleans come back as NSNumber with objCType "c"; numbers as "i", "q" or "d".
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let text as String:
            self = .string(text)
        case let array as [Any]:
            self = .array(try array.map(WireTestJSON.init(any:)))
        case let object as [String: Any]:
            self = .object(try object.mapValues(WireTestJSON.init(any:)))
        default:
            throw Unsupported(description: "unexpected JSON value \(type(of: value))")
        }
    }

    /// The keys of an object, sorted; empty for anything else.
    var keys: [String] { if case .object(let object) = self { object.keys.sorted() } else { [] } }

    subscript(key: String) -> WireTestJSON? { if case .object(let object) = self { object[key] } else { nil } }
    subscript(index: Int) -> WireTestJSON? {
        if case .array(let array) = self, array.indices.contains(index) { array[index] } else { nil }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let value): "[\(value.map(\.description).joined(separator: ", "))]"
        case .object(let value):
            "{\(value.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", "))}"
        }
    }

    /// Where `self` and `other` first differ, as a path and the two values; `nil` when equal.
    func firstDifference(from other: WireTestJSON, at path: String = "$") -> String? {
        switch (self, other) {
        case (.object(let lhs), .object(let rhs)):
            for key in Set(lhs.keys).union(rhs.keys).sorted() {
                guard let left = lhs[key] else { return "\(path).\(key): absent vs \(rhs[key].map(\.description) ?? "")" }
                guard let right = rhs[key] else { return "\(path).\(key): \(left) vs absent" }
                if let difference = left.firstDifference(from: right, at: "\(path).\(key)") { return difference }
            }
            return nil
        case (.array(let lhs), .array(let rhs)):
            if lhs.count != rhs.count { return "\(path): \(lhs.count) items vs \(rhs.count)" }
            for (index, pair) in zip(lhs, rhs).enumerated() {
                if let difference = pair.0.firstDifference(from: pair.1, at: "\(path)[\(index)]") { return difference }
            }
            return nil
        default:
            return self == other ? nil : "\(path): \(self) vs \(other)"
        }
    }
}

/// Loads fixtures from the test bundle.
enum WireFixture {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes of `Fixtures/<name>`.
    static func data(_ name: String) throws -> Data {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures") else {
            throw Missing(description: "fixture \(name) is not in the test bundle")
        }
        return try Data(contentsOf: url)
    }

    /// Every file name in the Fixtures folder.
    static func allNames() throws -> [String] {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw Missing(description: "the Fixtures folder is not in the test bundle")
        }
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// Decodes `Fixtures/<name>` as `T`.
    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try WireCoding.decode(type, from: data(name))
    }
}

/// Encodes `value` and parses the result as a `WireTestJSON`.
func wireJSON<T: Encodable>(_ value: T) throws -> WireTestJSON {
    try WireTestJSON(data: WireCoding.encode(value))
}

// MARK: - Fixture round trips

/// A fixture and the wire type it is decoded into.
struct WireFixtureCase: Sendable, CustomTestStringConvertible {
    let file: String
    let typeName: String
    /// Decodes the bytes as the wire type and encodes the value again.
    let roundTrip: @Sendable (Data) throws -> Data

    var testDescription: String { "\(file) as \(typeName)" }

    static func of<T: Codable & Sendable>(_ file: String, _ type: T.Type) -> WireFixtureCase {
        WireFixtureCase(file: file, typeName: String(describing: type)) { data in
            try WireCoding.encode(WireCoding.decode(T.self, from: data))
        }
    }

    /// Every fixture, with the type it documents. Every wire type here keeps all keys the fixtures use,
    /// so each round trip must reproduce the original document exactly (as parsed JSON).
    static let all: [WireFixtureCase] = [
        .of("charm-info-v2-nofields-webteam-cassette.json", CharmInfoResponse.self),
        .of("charm-libraries-bulk-v1-empty-webteam-cassette.json", CharmLibrariesResponse.self),
        .of("charm-publisher-create-tracks-v1-error-400-webteam-cassette.json", ErrorList.self),
        .of("charm-publisher-create-tracks-v1-request-webteam-cassette.json", [CharmCreateTrackRequestItem].self),
        .of("charm-publisher-list-registered-names-v1-webteam-cassette.json", CharmRegisteredNamesResponse.self),
        .of("charm-publisher-list-releases-v1-craft-store.json", CharmReleasesResponse.self),
        .of("charm-publisher-list-releases-v1-marketplace-test-charm-webteam-cassette.json", CharmReleasesResponse.self),
        .of("charm-publisher-package-metadata-v1-webteam-cassette.json", CharmPackageMetadataResponse.self),
        .of("charm-publisher-register-name-v1-request-webteam-cassette.json", CharmRegisterNameRequest.self),
        .of("charm-publisher-register-name-v1-response-webteam-cassette.json", CharmRegisterNameResponse.self),
        .of("charm-publisher-unregister-name-v1-response-webteam-cassette.json", CharmUnregisterNameResponse.self),
        .of("snap-categories-v2-type-shared-webteam-cassette.json", CategoriesResponse.self),
        .of("snap-categories-v2.json", CategoriesResponse.self),
        .of("snap-find-v2-error-list.json", ErrorList.self),
        .of("snap-find-v2-hello-world.json", SnapFindResponse.self),
        .of("snap-find-v2-q-xyz-nofields-webteam-cassette.json", SnapFindResponse.self),
        .of("snap-info-v2-error-not-found.json", ErrorList.self),
        .of("snap-info-v2-fields-name-summary-webteam-cassette.json", SnapInfoResponse.self),
        .of("snap-info-v2-hello-world.json", SnapInfoResponse.self),
        .of("snap-publisher-channel-map-v2-snapcraft-status.json", SnapChannelMapResponse.self),
        .of("snap-publisher-channel-map-v2-steve-test-snap-webteam-cassette.json", SnapChannelMapResponse.self),
        .of("snap-publisher-channel-map-v2-test-snap.json", SnapChannelMapResponse.self),
        .of("snap-publisher-close-channel-v1-request-webteam-cassette.json", SnapCloseChannelRequest.self),
        .of("snap-publisher-close-channel-v1-response-webteam-cassette.json", SnapCloseChannelResponse.self),
        .of("snap-publisher-dev-api-snap-state-v1-channel-map-tree.json", SnapStateResponse.self),
        .of("snap-publisher-list-releases-v1-craft-store.json", SnapReleasesV1Response.self),
        .of("snap-publisher-releases-v2-snapcraft-revisions.json", SnapReleasesResponse.self),
        .of("snap-publisher-releases-v2-test-snap.json", SnapReleasesResponse.self),
        .of("snap-publisher-revision-v2-webteam-cassette.json", SnapRevisionResponse.self),
        .of("snap-publisher-snap-release-v1-request-webteam-cassette.json", SnapReleaseRequest.self),
        .of("snap-publisher-snap-release-v1-response-webteam-cassette.json", SnapReleaseResponse.self),
        .of("snap-search-v1-q-xyz-hal-webteam-cassette.json", SnapSearchV1Response.self),
    ]
}

@Suite struct WireFixtureTests {
    @Test(arguments: WireFixtureCase.all)
    func fixtureSurvivesDecodeAndEncodeUnchanged(_ fixture: WireFixtureCase) throws {
        let original = try WireFixture.data(fixture.file)
        let reencoded = try fixture.roundTrip(original)
        let before = try WireTestJSON(data: original)
        let after = try WireTestJSON(data: reencoded)
        #expect(before.firstDifference(from: after) == nil, "\(fixture.file) changed in the round trip")
    }

    @Test func everyFixtureFileHasARoundTripCase() throws {
        let covered = Set(WireFixtureCase.all.map(\.file))
        let files = try WireFixture.allNames()
        #expect(!files.isEmpty)
        #expect(files.filter { !covered.contains($0) } == [], "fixtures without a wire type")
        #expect(covered.subtracting(files).sorted() == [], "cases naming missing fixtures")
    }

    @Test func charmReleasesFixtureDecodesChannelsFallbacksAndRevisions() throws {
        let document = try WireFixture.decode(
            CharmReleasesResponse.self, "charm-publisher-list-releases-v1-marketplace-test-charm-webteam-cassette.json")
        #expect(document.package.channels.count == 64)
        let edge = try #require(document.package.channels.first { $0.name == "latest/edge" })
        #expect(edge.fallback == "latest/beta")
        #expect(document.package.channels.first?.fallback == nil)
        let entry = try #require(document.channelMap.first)
        #expect(entry.base == CharmBase(architecture: "amd64", channel: "22.04", name: "ubuntu"))
        #expect(entry.expirationDate == nil)
        #expect(entry.progressive == .plain)
        #expect(entry.when.date == WireDate.parse("2023-11-09T14:55:48Z"))
        let revision = try #require(document.revisions.first)
        #expect(revision.revision == entry.revision)
        #expect(revision.sha3_384?.count == 96)
        #expect(revision.errors == nil)
        #expect(revision.status == "released")
    }

    @Test func channelsOfTheFixtureMatchTheDomainFallbackRule() throws {
        let document = try WireFixture.decode(
            CharmReleasesResponse.self, "charm-publisher-list-releases-v1-marketplace-test-charm-webteam-cassette.json")
        for info in document.package.channels {
            let channel = try Channel(parsing: info.name)
            #expect(WireChannelInfo(channel) == info)
        }
    }

    @Test func snapInfoKeepsNullBaseApartFromAbsentBase() throws {
        let full = try WireFixture.decode(SnapInfoResponse.self, "snap-info-v2-hello-world.json")
        #expect(full.channelMap[0].revision.base == .value("bogus-base"))
        #expect(full.channelMap[1].revision.base == .null)
        #expect(full.snap.website == .null)
        #expect(full.channelMap[0].channel.name == "stable")
        #expect(full.channelMap[0].revision.download?.size == 20480)
        let selected = try WireFixture.decode(SnapInfoResponse.self, "snap-info-v2-fields-name-summary-webteam-cassette.json")
        #expect(selected.channelMap[0].revision.base == .absent)
        #expect(selected.snap.website == .absent)
        #expect(selected.channelMap[0].channel.releasedAt.date != nil)
    }

    @Test func findWithoutFieldsHasEmptySnapAndNoRevision() throws {
        let document = try WireFixture.decode(SnapFindResponse.self, "snap-find-v2-q-xyz-nofields-webteam-cassette.json")
        #expect(document.results.map(\.name) == ["colorpie", "odin-c2is", "jmol"])
        #expect(document.results.allSatisfy { $0.snap == SnapDetails() && $0.revision == nil })
        let encoded = try wireJSON(document)
        #expect(encoded["results"]?[0]?.keys == ["name", "snap", "snap-id"])
        #expect(encoded["results"]?[0]?["snap"] == .object([:]))
    }

    @Test func findResultMergesChannelWithRevisionFields() throws {
        let document = try WireFixture.decode(SnapFindResponse.self, "snap-find-v2-hello-world.json")
        let revision = try #require(document.results.first?.revision)
        #expect(revision.channel == "stable")
        #expect(revision.fields.revision == 27)
        #expect(revision.fields.commonIDs == ["aaa", "bbb"])
        #expect(document.results.first?.snap.publisher?.validationLevel == .verified)
    }

    @Test func historyRevisionsKeepUnderscoreKeysAndChannelMapRevisionsKeepHyphens() throws {
        let history = try WireFixture.decode(SnapReleasesResponse.self, "snap-publisher-releases-v2-snapcraft-revisions.json")
        #expect(history.revisions.allSatisfy { $0.keyStyle == .underscored })
        #expect(try wireJSON(history)["revisions"]?[0]?["created_at"] != nil)
        #expect(history.releases[1].revision == nil, "a null revision is a close record")
        let map = try WireFixture.decode(
            SnapChannelMapResponse.self, "snap-publisher-channel-map-v2-steve-test-snap-webteam-cassette.json")
        #expect(map.revisions.allSatisfy { $0.keyStyle == .hyphenated })
        #expect(map.revisions[2].buildURL.value?.hasPrefix("https://launchpad.net/") == true)
        #expect(map.channelMap[0].progressive.currentPercentage == .value(100))
    }

    @Test func errorEnvelopesDecodeTheirFirstError() throws {
        let notFound = try WireFixture.decode(ErrorList.self, "snap-info-v2-error-not-found.json")
        #expect(notFound.errors.first?.code == "resource-not-found")
        let track = try WireFixture.decode(ErrorList.self, "charm-publisher-create-tracks-v1-error-400-webteam-cassette.json")
        #expect(track.errors == [WireError(code: "api-error", message: "Creation of 'latest' track is not allowed")])
    }

    @Test func dashboardTreeDecodesInfoWordsIncludingBranches() throws {
        let state = try WireFixture.decode(SnapStateResponse.self, "snap-publisher-dev-api-snap-state-v1-channel-map-tree.json")
        let amd64 = try #require(state.channelMapTree["latest"]?["16"]?["amd64"])
        #expect(amd64.map(\.info) == [.specific, .closed, .specific, .tracking, .branch])
        #expect(amd64.last?.expiresAt?.date != nil)
        #expect(amd64.last?.channel == "edge/test")
    }

    @Test func snapReleaseRequestKeepsNumericRevision() throws {
        let request = try WireFixture.decode(SnapReleaseRequest.self, "snap-publisher-snap-release-v1-request-webteam-cassette.json")
        #expect(request.revision == 22)
        #expect(!request.revisionIsText)
        #expect(request.channels == ["edge"])
    }
}
