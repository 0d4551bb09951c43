import Foundation
import StoreModels
import StoreService

/// A large synthetic catalogue for the scale benchmark: `packageCount` packages with 1–19
/// revisions each (about ten on average), generated lazily and deterministically.
///
/// Words follow a skewed distribution so a few are very common (the worst case for ranking)
/// and most are rare, as in real catalogues.
struct ScaleCatalogue: Sequence, Sendable {
    var packageCount: Int
    var seed: UInt64 = 2025
    static let publisherCount = 5000
    static let categories = [
        "art-and-design", "books-and-reference", "databases", "development", "devices-and-iot", "education",
        "entertainment", "finance", "games", "health-and-fitness", "monitoring", "music-and-audio",
        "networking", "news-and-weather", "personalisation", "photo-and-video", "productivity", "science",
        "security", "server-and-cloud", "social", "utilities",
    ]

    /// The synthetic vocabulary: pronounceable, lower-case, 4–9 letters, distinct.
    static let words: [String] = {
        var random = SplitMix(seed: 7)
        let onsets = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "pl", "gr"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
        var seen = Set<String>()
        var words: [String] = []
        while words.count < 4000 {
            let syllables = 2 + Int(random.next() % 2)
            let word = (0..<syllables).map { _ in
                onsets[Int(random.next() % UInt64(onsets.count))] + vowels[Int(random.next() % UInt64(vowels.count))]
            }.joined()
            if word.count >= 4, word.count <= 9, seen.insert(word).inserted { words.append(word) }
        }
        return words
    }()

    var accounts: [CatalogueAccount] {
        (0..<Self.publisherCount).map { index in
            let status: Publisher.AccountStatus = index % 50 == 49 ? .suspended(reason: "benchmark") : .active
            let validation: Publisher.Validation = index % 10 == 0 ? .verified : (index % 37 == 0 ? .starred : .unproven)
            return CatalogueAccount(
                publisher: Publisher(id: "pub-\(index)", username: "publisher-\(index)", displayName: "Publisher \(index)",
                                     validation: validation, status: status),
                role: .publisher)
        }
    }

    func makeIterator() -> Iterator { Iterator(catalogue: self, random: SplitMix(seed: seed)) }

    struct Iterator: IteratorProtocol {
        let catalogue: ScaleCatalogue
        var random: SplitMix
        var index = 0
        let start = Date(timeIntervalSince1970: 1_600_000_000)

        /// A word, skewed towards the front of the vocabulary.
        mutating func word() -> String {
            let u = Double(random.next() % 1_000_000) / 1_000_000
            return ScaleCatalogue.words[Int(u * u * u * Double(ScaleCatalogue.words.count - 1))]
        }

        mutating func sentence(_ count: Int) -> String {
            (0..<count).map { _ in word() }.joined(separator: " ")
        }

        mutating func next() -> CatalogueEntry? {
            guard index < catalogue.packageCount else { return nil }
            defer { index += 1 }
            let type: PackageType = index % 5 == 0 ? .charm : .snap
            let name = "\(word())-\(word())-\(String(index, radix: 36))"
            let owner = "pub-\(Int(random.next() % UInt64(ScaleCatalogue.publisherCount)))"
            let revisionCount = 1 + Int(random.next() % 19)
            let architectures: [Architecture] = index % 2 == 0 ? [.amd64, .arm64] : [.amd64]
            let base: String? = type == .charm ? "ubuntu@22.04" : nil
            let created = start.addingTimeInterval(Double(index) * 60)
            let isSnap = type == .snap
            let holdsLast = index % 20 == 0
            let digestPrefix = String(repeating: "0", count: 80)
            var revisions: [Revision] = []
            for number in 1...revisionCount {
                let review: ReviewStatus = number == revisionCount && holdsLast ? .pending : .approved(notes: nil)
                let digest = digestPrefix + String(format: "%016x", index * 64 + number)
                revisions.append(Revision(
                    number: number, version: "1.\(number)", architectures: architectures, base: base,
                    size: Int64(1_000_000 + number * 1000), sha3_384: digest,
                    createdAt: created.addingTimeInterval(Double(number) * 3600), uploader: owner,
                    confinement: isSnap ? .strict : nil, grade: isSnap ? .stable : nil,
                    permissions: isSnap ? ["network", "home"] : [], review: review))
            }
            let approved = revisionCount - (index % 20 == 0 ? 1 : 0)
            var releases: [ChannelRelease] = []
            if approved > 0 {
                for architecture in architectures {
                    let platform = Platform(architecture: architecture, base: base)
                    releases.append(ChannelRelease(channel: Channel(risk: .stable), platform: platform, revision: Swift.max(1, approved - 2), releasedAt: created))
                    releases.append(ChannelRelease(channel: Channel(risk: .edge), platform: platform, revision: approved, releasedAt: created))
                }
            }
            let categoryCount = 1 + Int(random.next() % 2)
            let categories = Array(Set((0..<categoryCount).map { _ in
                ScaleCatalogue.categories[Int(random.next() % UInt64(ScaleCatalogue.categories.count))]
            })).sorted()
            let package = Package(
                id: String(format: "%032x", index), name: PackageName(trusted: name), type: type,
                title: "\(word().capitalized) \(word().capitalized)", summary: sentence(6 + Int(random.next() % 8)),
                description: sentence(30 + Int(random.next() % 60)), publisherID: owner, categories: categories,
                license: "Apache-2.0", status: releases.isEmpty ? .registered : .published,
                isPrivate: index % 50 == 7, createdAt: created)
            return CatalogueEntry(package: package, collaboratorIDs: [], revisions: revisions,
                                  channelMap: ChannelMap(releases: releases, version: 2))
        }
    }
}

/// SplitMix64: a tiny deterministic generator for synthetic data (not for secrets).
struct SplitMix: Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
