import Foundation
@testable import StoreModels

/// Small builders shared by the model tests.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let amd64 = Platform(architecture: .amd64)
    static let arm64 = Platform(architecture: .arm64)

    static func channel(_ text: String) -> Channel {
        do { return try Channel(parsing: text) } catch { fatalError("bad channel in test: \(text)") }
    }

    static func revision(_ number: Int, _ archs: [Architecture] = [.amd64, .arm64], review: ReviewStatus = .approved(notes: nil), base: String? = nil) -> Revision {
        Revision(number: number, version: "1.\(number)", architectures: archs, base: base, size: 1000, sha3_384: String(repeating: "a", count: 96),
                 createdAt: now, uploader: "alice", review: review)
    }

    static func release(_ channel: String, _ revision: Int, on platform: Platform = amd64, progressive: Int? = nil) -> ChannelRelease {
        ChannelRelease(channel: self.channel(channel), platform: platform, revision: revision, releasedAt: now, progressivePercentage: progressive)
    }

    static func revisions(_ list: Revision...) -> [Int: Revision] {
        Dictionary(uniqueKeysWithValues: list.map { ($0.number, $0) })
    }
}
