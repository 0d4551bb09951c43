import StoreModels
import Testing
@testable import StoreDemo

@Suite("Names")
struct NameTests {
    @Test("word lists are lower-case letters only and pairwise disjoint")
    func wordLists() {
        let lists = [Words.brands, Words.adjectives, Words.nouns, Words.tools]
        var seen = Set<String>()
        for list in lists {
            for word in list {
                #expect(word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }, "\(word)")
                #expect(seen.insert(word).inserted, "\(word) appears twice")
            }
        }
        let people = [Words.firstNames, Words.lastNames, Words.orgStems]
        var names = Set<String>()
        for list in people {
            for word in list {
                #expect(word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }, "\(word)")
                #expect(names.insert(word).inserted, "\(word) appears twice")
            }
        }
    }

    @Test("the package-name space is injective, valid, and never yields a named demo package")
    func packageSpaceIsInjective() throws {
        let space = NameSpace.packages(seed: 2026)
        #expect(space.count > 100_000)
        var seen = Set<String>()
        seen.reserveCapacity(space.count)
        for index in 0..<space.count {
            let name = space.name(at: index).name
            #expect(seen.insert(name).inserted, "\(name) generated twice")
        }
        for fixed in DemoPackages.all {
            #expect(!seen.contains(fixed))
            #expect(!seen.contains(fixed.replacingOccurrences(of: "-k8s", with: "")))
        }
        for name in seen.prefix(2000) {
            try PackageName.validate(name, type: .charm)
        }
    }

    @Test("names are valid for their type and unique across a catalogue, past the space's size")
    func catalogueNames() throws {
        let space = NameSpace.packages(seed: 2026)
        var seen = Set<String>()
        // Indices from the end of the first cycle into the second and third.
        for index in [0, 1, 2, space.count - 2, space.count - 1, space.count, space.count + 1, 2 * space.count + 5] {
            for decoration in ["", "-k8s"] {
                let name = space.name(at: index, decoration: decoration).name
                try PackageName.validate(name, type: .charm)
                #expect(seen.insert(name).inserted, "\(name)")
            }
        }
        var names = Set<String>()
        for entry in Demo.catalogue(3000).entries() {
            let name = entry.package.name.rawValue
            try PackageName.validate(name, type: entry.package.type)
            #expect(names.insert(name).inserted, "\(name) appears twice")
        }
        #expect(names.count == 3000)
    }

    @Test("usernames are unique and valid package-name-like identifiers")
    func usernames() {
        let accounts = Demo.catalogue(20_000).accounts
        let usernames = accounts.map(\.publisher.username)
        #expect(Set(usernames).count == usernames.count)
        for username in usernames {
            #expect(username.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(username)")
        }
    }
}
