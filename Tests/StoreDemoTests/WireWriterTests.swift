import Foundation
import StoreDemo
import StoreModels
import Testing

/// The hand-written writer of the v2 info and find documents (``WireJSONWriter``) against Foundation's
/// encoder (``WireCoding``): the same bytes for every document the demo catalogue gives and for hostile text.
@Suite struct WireWriterTests {
    @Test func infoAndFindOfEveryDemoSnapAreTheEncodersBytes() throws {
        let catalogue = Demo.catalogue(400)
        let publishers = Dictionary(catalogue.publishers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var results: [SnapFindResult] = []
        var checked = 0
        for entry in catalogue.entries() where entry.package.type == .snap {
            let publisher = try #require(publishers[entry.package.publisherID])
            let info = Self.info(entry.package, publisher: publisher, map: entry.channelMap, revisions: entry.revisions)
            try expectSameBytes(info)
            var narrowed = info
            narrowed.snap = SnapDetails(name: info.snap.name, title: info.snap.title)
            narrowed.channelMap = info.channelMap.map { SnapInfoChannelMapEntry(channel: $0.channel, revision: SnapRevisionFields(revision: $0.revision.revision)) }
            try expectSameBytes(narrowed)
            let revision = info.channelMap.first.map { SnapFindRevision(channel: $0.channel.name, fields: $0.revision) }
            results.append(SnapFindResult(name: info.name, snapID: info.snapID, snap: info.snap, revision: revision))
            checked += 1
        }
        #expect(checked > 100)
        for start in stride(from: 0, to: results.count, by: 100) {
            try expectSameBytes(SnapFindResponse(results: Array(results[start..<min(start + 100, results.count)])))
        }
        try expectSameBytes(SnapFindResponse(results: results.map { SnapFindResult(name: $0.name, snapID: $0.snapID) }))
    }

    @Test func everyHostileStringInEveryTextSlotIsTheEncodersBytes() throws {
        for hostile in HostileStrings.corpus {
            try expectSameBytes(Self.document(text: hostile.text), hostile.name)
            try expectSameBytes(SnapFindResponse(results: [Self.findResult(text: hostile.text)]), hostile.name)
        }
    }

    @Test func everyASCIIAndControlCharacterIsEscapedAsTheEncoderEscapesIt() throws {
        for scalar in (0...0x7F).compactMap(Unicode.Scalar.init) + ["\u{80}", "\u{9F}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "\u{1F600}"] {
            let text = "a\(scalar)b\(scalar)\(scalar)"
            try expectSameBytes(Self.document(text: text), "U+\(String(scalar.value, radix: 16))")
            try expectSameBytes(Self.document(text: String(scalar)), "U+\(String(scalar.value, radix: 16)) alone")
        }
    }

    @Test func emptyArraysNullsAndAbsentKeysAreTheEncodersBytes() throws {
        let channel = SnapInfoChannel(architecture: "", name: "", releasedAt: WireDate(rawValue: ""), risk: "", track: "")
        try expectSameBytes(SnapInfoResponse(channelMap: [], name: "", snapID: "", snap: SnapDetails()))
        try expectSameBytes(SnapInfoResponse(
            channelMap: [SnapInfoChannelMapEntry(channel: channel)], defaultTrack: nil, name: "n", snapID: "i",
            snap: SnapDetails(categories: [], links: [:], media: [], prices: [:], isPrivate: false, publisher: WirePublisher(), website: .null)))
        try expectSameBytes(SnapInfoResponse(
            channelMap: [SnapInfoChannelMapEntry(channel: channel, revision: SnapRevisionFields(
                architectures: [], base: .null, commonIDs: [], download: SnapDownload(), epoch: SnapEpoch(read: [], write: []),
                revision: 0, resources: []))],
            name: "n", snapID: "i",
            snap: SnapDetails(
                categories: [WireCategory(name: "")], links: ["": []],
                media: [WireMedia(type: "video", url: "", width: .null, height: .null)], isPrivate: true)))
        try expectSameBytes(SnapFindResponse(results: []))
        try expectSameBytes(SnapFindResponse(results: [
            SnapFindResult(name: "a", snapID: "b", revision: SnapFindRevision()),
            SnapFindResult(name: "c", snapID: "d", revision: SnapFindRevision(channel: "stable", fields: SnapRevisionFields(base: .null))),
        ]))
    }

    @Test func openShapedResourcesAndDeltasAreTheEncodersBytes() throws {
        let open: [WireJSON] = [
            .null, .bool(true), .number(0), .number(-0.0), .number(1.5), .number(3), .number(1e300), .number(-2.5e-8),
            .number(12_345_678_901_234), .string("x/\u{1}\"\\é"), .array([]), .object([:]),
            .object(["b": .number(1), "a": .array([.string("z"), .object(["Z": .null, "é": .bool(false), "a": .number(0.1)])])]),
        ]
        let fields = SnapRevisionFields(download: SnapDownload(url: "u", size: Int64.max, sha3_384: "s", deltas: open), resources: open)
        try expectSameBytes(SnapInfoResponse(
            channelMap: [SnapInfoChannelMapEntry(
                channel: SnapInfoChannel(architecture: "amd64", name: "stable", releasedAt: WireDate(rawValue: "t"), risk: "stable", track: "latest"),
                revision: fields)],
            name: "n", snapID: "i", snap: SnapDetails()))
    }

    @Test func dictionaryKeysAreSortedByTheirUTF8BytesAsTheEncoderSortsThem() throws {
        let keys = ["b", "B", "a", "aa", "a-b", "a_b", "é", "e", "Z", "z", "", "10", "9", "\u{1F600}", "\u{FFFD}", "ß", "ss", "\u{0}", "\u{7F}"]
        try expectSameBytes(SnapInfoResponse(
            channelMap: [], name: "n", snapID: "i",
            snap: SnapDetails(links: Dictionary(uniqueKeysWithValues: keys.map { ($0, [$0]) }),
                              prices: Dictionary(uniqueKeysWithValues: keys.map { ($0, $0) }))))
    }

    @Test func refreshRepliesOfEveryDemoSnapAreTheEncodersBytes() throws {
        let catalogue = Demo.catalogue(400)
        let publishers = Dictionary(catalogue.publishers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var results: [SnapRefreshResult] = []
        for entry in catalogue.entries() where entry.package.type == .snap {
            let publisher = try #require(publishers[entry.package.publisherID])
            let info = Self.info(entry.package, publisher: publisher, map: entry.channelMap, revisions: entry.revisions)
            guard let served = info.channelMap.first else { continue }
            results.append(SnapRefreshResult(
                result: results.count.isMultiple(of: 3) ? "install" : "refresh", instanceKey: info.name, snapID: info.snapID, name: info.name,
                effectiveChannel: served.channel.name, redirectChannel: info.defaultTrack.map { "\($0)/stable" },
                snap: SnapRefreshSnap(details: info.snap, revision: served.revision)))
            results.append(SnapRefreshResult(
                result: "error", instanceKey: "k-\(info.name)", snapID: info.snapID, name: info.name,
                error: WireError(code: "revision-not-found", message: "No revision of '\(info.name)' in latest/edge for riscv64.",
                                 extra: .object(["releases": .array([.object(["architecture": .string("amd64"), "channel": .string("latest/stable")])])]))))
        }
        #expect(results.count > 200)
        for start in stride(from: 0, to: results.count, by: 40) {
            try expectSameBytes(SnapRefreshResponse(results: Array(results[start..<min(start + 40, results.count)])))
        }
        try expectSameBytes(SnapRefreshResponse(results: []))
        try expectSameBytes(SnapRefreshResponse(results: [], errorList: [WireError(code: "c", message: "m")]))
        try expectSameBytes(SnapRefreshResponse(results: [SnapRefreshResult(result: "refresh", instanceKey: "")]))
        try expectSameBytes(SnapRefreshResponse(results: [SnapRefreshResult(
            result: "refresh", instanceKey: "k", snap: SnapRefreshSnap(details: SnapDetails(), revision: SnapRevisionFields()))]))
    }

    @Test func everyHostileStringInEveryRefreshSlotIsTheEncodersBytes() throws {
        for hostile in HostileStrings.corpus {
            let info = Self.document(text: hostile.text)
            let text = hostile.text
            try expectSameBytes(SnapRefreshResponse(
                results: [
                    SnapRefreshResult(
                        result: text, instanceKey: text, snapID: text, name: text, effectiveChannel: text, redirectChannel: text,
                        snap: SnapRefreshSnap(details: info.snap, revision: info.channelMap[0].revision)),
                    SnapRefreshResult(result: "error", instanceKey: text, error: WireError(code: text, message: text, extra: .string(text))),
                ],
                errorList: [WireError(code: text, message: text)]), hostile.name)
        }
    }

    // MARK: Documents

    /// A full info document for a package, as the server builds one (every field asked for).
    static func info(_ package: Package, publisher: Publisher, map: ChannelMap, revisions: [Revision]) -> SnapInfoResponse {
        var links: [String: [String]] = [:]
        for link in package.links { links[link.kind, default: []].append(link.url) }
        let entries = SnapInfoChannelMapEntry.entries(of: map, revisions: revisions) { "https://store.example/api/v1/snaps/download/\(package.id)_\($0.number).snap" }
            .map { entry in
                var entry = entry
                entry.revision.type = "app"
                entry.revision.epoch = SnapEpoch(.zero)
                entry.revision.commonIDs = []
                return entry
            }
        return SnapInfoResponse(
            channelMap: entries, defaultTrack: package.defaultTrack == "latest" ? nil : package.defaultTrack,
            name: package.name.rawValue, snapID: package.id,
            snap: SnapDetails(
                categories: package.categories.map { WireCategory(name: $0, featured: false) }, contact: links["contact"]?.first,
                description: package.description, license: package.license, links: links, media: [], name: package.name.rawValue,
                prices: [:], isPrivate: package.isPrivate, publisher: WirePublisher(publisher), snapID: package.id,
                summary: package.summary, title: package.title, website: WireField(nullable: links["website"]?.first)))
    }

    /// An info document with `text` in every string it has.
    static func document(text: String) -> SnapInfoResponse {
        let channel = SnapInfoChannel(architecture: text, name: text, releasedAt: WireDate(rawValue: text), risk: text, track: text)
        let revision = SnapRevisionFields(
            architectures: [Architecture(rawValue: text), "amd64"], base: .value(text), commonIDs: [text, text], confinement: text,
            createdAt: WireDate(rawValue: text), download: SnapDownload(url: text, size: 7, sha3_384: text), epoch: SnapEpoch(),
            revision: 3, snapYAML: text, type: text, version: text)
        return SnapInfoResponse(
            channelMap: [SnapInfoChannelMapEntry(channel: channel, revision: revision), SnapInfoChannelMapEntry(channel: channel)],
            defaultTrack: text, name: text, snapID: text,
            snap: SnapDetails(
                categories: [WireCategory(name: text, featured: true, type: text, title: text, summary: text, description: text,
                                          media: [WireMedia(type: text, url: text, width: .value(1), height: .null)])],
                contact: text, description: text, license: text, links: [text: [text, text], "website": [text]],
                media: [WireMedia(type: text, url: text)], name: text, prices: [text: text, "EUR": text], isPrivate: false,
                publisher: WirePublisher(id: text, username: text, displayName: text, validation: text), snapID: text,
                storeURL: text, summary: text, title: text, website: .value(text)))
    }

    /// A find result with `text` in every string it has.
    static func findResult(text: String) -> SnapFindResult {
        let info = document(text: text)
        return SnapFindResult(name: text, snapID: text, snap: info.snap, revision: SnapFindRevision(channel: text, fields: info.channelMap[0].revision))
    }
}

/// Expects `document`'s writer bytes to be exactly Foundation's encoder's, saying where they part (shared by the writer tests).
func expectSameBytes<Document: WireWritable>(
    _ document: Document, _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let written = try document.wireBytes()
    let encoded = Array(try WireCoding.encode(document))
    guard written != encoded else { return }
    let at = zip(written, encoded).prefix { $0 == $1 }.count
    let context = { (bytes: [UInt8]) in String(decoding: bytes[max(0, at - 40)..<min(bytes.count, at + 40)], as: UTF8.self) }
    Issue.record("\(label): bytes part at \(at) (written \(written.count), encoded \(encoded.count)):\n  written: \(context(written))\n  encoded: \(context(encoded))", sourceLocation: sourceLocation)
}
