import Foundation
import StoreDemo
import StoreModels
import Testing

/// The hand-written writer of Juju's refresh reply (``CharmRefreshResponse``) against Foundation's encoder:
/// the same bytes for the reply of every demo charm, for hostile text in every slot, and for absent parts.
@Suite struct CharmRefreshWriterTests {
    @Test func refreshRepliesOfEveryDemoCharmAreTheEncodersBytes() throws {
        let catalogue = Demo.catalogue(400)
        var results: [CharmRefreshResult] = []
        for entry in catalogue.entries() where entry.package.type == .charm {
            for revision in entry.revisions.prefix(3) {
                let charm = Self.charm(entry.package, revision, resources: results.count.isMultiple(of: 2) ? 2 : 0)
                results.append(CharmRefreshResult(
                    result: results.count.isMultiple(of: 3) ? "install" : "refresh", instanceKey: "app-\(entry.package.name)",
                    id: entry.package.id, name: entry.package.name.rawValue, effectiveChannel: "latest/stable",
                    releasedAt: WireDate(revision.createdAt), charm: charm))
            }
            results.append(CharmRefreshResult(
                result: "error", instanceKey: "k", id: entry.package.id, name: entry.package.name.rawValue,
                error: WireError(
                    code: "revision-not-found", message: "No revision of '\(entry.package.name)' in latest/edge for ubuntu@20.04.",
                    extra: .object(["releases": .array([.object([
                        "base": .object(["architecture": .string("amd64"), "name": .string("ubuntu"), "channel": .string("22.04")]),
                        "channel": .string("latest/stable"),
                    ])])]))))
        }
        #expect(results.count > 40)
        for start in stride(from: 0, to: results.count, by: 20) {
            try expectSameBytes(CharmRefreshResponse(results: Array(results[start..<min(start + 20, results.count)])))
        }
    }

    @Test func emptyRepliesAndAbsentOptionalsAreTheEncodersBytes() throws {
        try expectSameBytes(CharmRefreshResponse(results: []))
        try expectSameBytes(CharmRefreshResponse(results: [], errorList: [WireError(code: "c", message: "m")]))
        try expectSameBytes(CharmRefreshResponse(results: [CharmRefreshResult(result: "refresh", instanceKey: "")]))
        try expectSameBytes(CharmRefreshResponse(results: [CharmRefreshResult(
            result: "install", instanceKey: "k",
            charm: CharmRefreshCharm(
                id: "", name: "", revision: 0, version: "", createdAt: WireDate(rawValue: ""), bases: [],
                download: CharmRefreshCharm.Download(sha256: "", size: 0, url: ""), metadataYAML: "", configYAML: "", resources: []))]))
    }

    @Test func everyHostileStringInEveryCharmRefreshSlotIsTheEncodersBytes() throws {
        for hostile in HostileStrings.corpus {
            let text = hostile.text
            let base = CharmRefreshBase(architecture: text, name: text, channel: text)
            let resource = CharmRefreshCharm.Resource(
                name: text, type: text, revision: 3, filename: text, description: text,
                download: CharmRefreshCharm.ResourceDownload(sha256: text, sha3_384: text, sha384: text, sha512: text, size: Int64.max, url: text))
            let charm = CharmRefreshCharm(
                type: text, id: text, name: text, revision: Int.max, version: text, createdAt: WireDate(rawValue: text), bases: [base, base],
                download: CharmRefreshCharm.Download(sha256: text, size: -1, url: text), metadataYAML: text, configYAML: text,
                resources: [resource, resource])
            try expectSameBytes(CharmRefreshResponse(
                results: [
                    CharmRefreshResult(
                        result: text, instanceKey: text, id: text, name: text, effectiveChannel: text, releasedAt: WireDate(rawValue: text),
                        charm: charm),
                    CharmRefreshResult(result: "error", instanceKey: text, id: text, name: text, error: WireError(code: text, message: text, extra: .string(text))),
                ],
                errorList: [WireError(code: text, message: text)]), hostile.name)
        }
    }

    /// A served charm as the server writes one: its bases per architecture, its YAML, and `resources` resources.
    static func charm(_ package: Package, _ revision: Revision, resources: Int) -> CharmRefreshCharm {
        let parts = revision.base?.split(separator: "@", maxSplits: 1).map(String.init) ?? []
        let bases = revision.architectures.map {
            CharmRefreshBase(architecture: $0.rawValue, name: parts.first ?? "all", channel: parts.count > 1 ? parts[1] : "all")
        }
        let attached = (0..<resources).map { index in
            CharmRefreshCharm.Resource(
                name: "resource-\(index)", type: index == 0 ? "file" : "oci-image", revision: index + 1, filename: "r\(index).tar.gz",
                description: package.summary,
                download: CharmRefreshCharm.ResourceDownload(
                    sha256: String(repeating: "a", count: 64), sha3_384: String(repeating: "b", count: 96),
                    sha384: String(repeating: "c", count: 96), sha512: String(repeating: "d", count: 128), size: Int64(index * 1000 + 17),
                    url: "https://store.example/api/v1/resources/download/charm_\(package.id).resource-\(index)_\(index + 1)"))
        }
        return CharmRefreshCharm(
            id: package.id, name: package.name.rawValue, revision: revision.number, version: revision.version,
            createdAt: WireDate(revision.createdAt), bases: bases,
            download: CharmRefreshCharm.Download(
                sha256: String(repeating: "e", count: 64), size: revision.size,
                url: "https://store.example/api/v1/charms/download/\(package.id)_\(revision.number).charm"),
            metadataYAML: "name: \(package.name)\nsummary: \(package.summary)\ndescription: |\n  \(package.description)\n",
            configYAML: "options: {}\n", resources: attached)
    }
}
