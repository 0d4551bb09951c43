import StoreModels
import StoreService

/// The demo's fixed account usernames, which demos, docs and tests may rely on.
///
/// | username    | role      | badge      | notes                                                   |
/// |-------------|-----------|------------|---------------------------------------------------------|
/// | `canonical` | publisher | verified   | owns `hello-world`, `postgresql-k8s`, `firefox`, many more |
/// | `alice`     | publisher | unproven   | owns `alice-notes` (and a few generated packages)        |
/// | `bob`       | publisher | starred    | collaborator on `alice-notes` and some of alice's others |
/// | `mallory`   | publisher | unproven   | the one suspended account; owns `mallory-miner`          |
/// | `admin`     | admin     | —          | staff                                                    |
/// | `reviewer`  | reviewer  | —          | staff                                                    |
/// | `viewer`    | viewer    | —          | staff, read only                                         |
public enum DemoAccounts {
    /// The verified organisation that owns the best-known demo packages.
    public static let canonical = "canonical"
    /// An unproven publisher.
    public static let alice = "alice"
    /// A publisher who collaborates on alice's packages.
    public static let bob = "bob"
    /// The one suspended publisher.
    public static let mallory = "mallory"
    /// The staff admin account.
    public static let admin = "admin"
    /// The staff reviewer account.
    public static let reviewer = "reviewer"
    /// The staff read-only account.
    public static let viewer = "viewer"
    /// Why mallory is suspended.
    public static let suspensionReason =
        "Published a cryptocurrency miner disguised as a system monitor (abuse report #4411)"
    /// The publisher usernames in their fixed positions at the start of ``DemoCatalogue/accounts``.
    public static let fixedPublishers = [canonical, alice, bob, mallory]
    /// The staff usernames, at the end of ``DemoCatalogue/accounts``.
    public static let staff = [admin, reviewer, viewer]
}

/// Builds the demo's publishers and staff accounts.
enum DemoPublishers {
    /// Index of each fixed publisher in the publisher list.
    static let canonicalIndex = 0
    static let aliceIndex = 1
    static let bobIndex = 2
    static let malloryIndex = 3
    /// The number of fixed publishers before the generated ones.
    static let fixedCount = 4

    /// How many publishers a catalogue of `packageCount` packages has: one per eight packages, at least 20.
    static func count(forPackages packageCount: Int) -> Int { max(20, packageCount / 8) }

    /// Whether generated publisher `index` gets a hostile display name (1 in 50, and publisher 11).
    static func isHostile(_ index: Int) -> Bool { index >= fixedCount && (index - fixedCount) % 50 == 7 }

    /// All publishers, fixed ones first.
    static func make(count: Int, seed: UInt64) -> [Publisher] {
        let usernames = NameSpace.usernames(seed: seed)
        var result: [Publisher] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            result.append(publisher(index, seed: seed, usernames: usernames))
        }
        return result
    }

    /// The staff accounts: admin, reviewer and viewer.
    static func staff(seed: UInt64) -> [CatalogueAccount] {
        let people: [(String, String, Role)] = [
            (DemoAccounts.admin, "Store Administrator", .admin),
            (DemoAccounts.reviewer, "Rita Reviewer", .reviewer),
            (DemoAccounts.viewer, "Victor Viewer", .viewer),
        ]
        return people.enumerated().map { index, person in
            CatalogueAccount(
                publisher: Publisher(id: DemoIdentifiers.id(seed: seed, stream: .staffID, index: index), username: person.0, displayName: person.1),
                role: person.2)
        }
    }

    private static func publisher(_ index: Int, seed: UInt64, usernames: NameSpace) -> Publisher {
        let id = DemoIdentifiers.id(seed: seed, stream: .publisherID, index: index)
        switch index {
        case canonicalIndex:
            return Publisher(id: id, username: DemoAccounts.canonical, displayName: "Canonical", validation: .verified)
        case aliceIndex:
            return Publisher(id: id, username: DemoAccounts.alice, displayName: "Alice Andersen")
        case bobIndex:
            return Publisher(id: id, username: DemoAccounts.bob, displayName: "Bob Brown", validation: .starred)
        case malloryIndex:
            return Publisher(
                id: id, username: DemoAccounts.mallory,
                displayName: "Mallory\u{1B}]0;Canonical (verified)\u{07} \u{202E}detirev\u{202C} ✓",
                status: .suspended(reason: DemoAccounts.suspensionReason))
        default:
            break
        }
        var rng = SplitMix64(seed: seed, stream: DemoStream.publisher.rawValue, index: index)
        let generated = usernames.name(at: index - fixedCount)
        let (first, second) = generated.words
        let isOrganisation = Words.orgStems.contains(first)
        var display: String
        let validation: Publisher.Validation
        if isOrganisation {
            let suffix = Words.orgSuffixes.first { $0.username == second }?.display ?? ""
            display = capitalized(first) + (suffix.isEmpty ? "" : " " + suffix)
            let roll = rng.below(100)
            validation = roll < 30 ? .verified : roll < 40 ? .starred : .unproven
        } else {
            let firstIsGiven = Words.firstNames.contains(first)
            let given = firstIsGiven ? first : (second ?? first)
            let family = firstIsGiven ? (second ?? "") : first
            display = personName(given) + " " + personName(family)
            if let native = nativeFamilyNames[family], rng.chance(1, in: 3) {
                display = native + " (" + display + ")"
            }
            let roll = rng.below(100)
            validation = roll < 2 ? .verified : roll < 10 ? .starred : .unproven
        }
        if isHostile(index) {
            var hostileRNG = SplitMix64(seed: seed, stream: DemoStream.hostile.rawValue, index: -index)
            display += " " + hostileRNG.pick(HostileStrings.short).text
        }
        return Publisher(id: id, username: generated.name, displayName: display, validation: validation)
    }

    /// `word` with its first letter in capitals.
    static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    private static func personName(_ word: String) -> String {
        specialSpellings[word] ?? capitalized(word)
    }

    /// Names whose display spelling is not just capitalised.
    private static let specialSpellings: [String: String] = [
        "jose": "José", "ines": "Inês", "bjorn": "Björn", "tomas": "Tomás", "obrien": "O'Brien", "devries": "de Vries",
        "mueller": "Müller", "johansson": "Johansson", "yilmaz": "Yılmaz", "lopez": "López", "gonzalez": "González",
        "fernandez": "Fernández", "ramirez": "Ramírez", "dubois": "Dubois", "zofia": "Zofia", "niamh": "Niamh",
    ]

    /// Family names also written in their own script.
    private static let nativeFamilyNames: [String: String] = [
        "tanaka": "田中", "suzuki": "鈴木", "sato": "佐藤", "takahashi": "高橋", "watanabe": "渡辺", "kim": "김",
        "lee": "이", "park": "박", "choi": "최", "chen": "陈", "wang": "王", "zhang": "张", "liu": "刘",
        "huang": "黄", "cohen": "כהן", "levi": "לוי", "haddad": "حداد", "mansour": "منصور", "petrov": "Петров",
        "ivanov": "Иванов", "sokolov": "Соколов", "papadopoulos": "Παπαδόπουλος", "sharma": "शर्मा",
    ]
}
