import Foundation
import StoreService
import Testing
@testable import StoreDemo

@Suite("Determinism")
struct DeterminismTests {
    @Test("two generations with the same inputs are identical")
    func sameInputsSameOutput() {
        let first = Demo.catalogue(400)
        let second = Demo.catalogue(400)
        #expect(first.accounts == second.accounts)
        #expect(Array(first.entries()) == Array(second.entries()))
    }

    @Test("iterating the same entries twice gives the same result")
    func reiterationIsStable() {
        let entries = Demo.catalogue(120).entries()
        #expect(Array(entries) == Array(entries))
    }

    @Test("entry i does not depend on the entries before it")
    func randomAccessMatchesIteration() {
        let entries = Demo.catalogue(300).entries()
        let all = Array(entries)
        for index in [0, 4, 5, 77, 150, 299] {
            #expect(entries[index] == all[index])
        }
    }

    @Test("a bigger catalogue starts with the same packages as a smaller one (owners may differ)")
    func prefixStable() {
        let small = Array(Demo.catalogue(200).entries())
        let big = Demo.catalogue(600).entries()
        for index in [0, 3, 10, 100, 199] {
            #expect(big[index].package.name == small[index].package.name)
            #expect(big[index].package.title == small[index].package.title)
            #expect(big[index].revisions.map(\.sha3_384) == small[index].revisions.map(\.sha3_384))
            #expect(big[index].channelMap == small[index].channelMap)
        }
    }

    @Test("a different seed gives a different catalogue")
    func seedMatters() {
        let first = Array(Demo.catalogue(100, seed: 1).entries()).map(\.package.name)
        let second = Array(Demo.catalogue(100, seed: 2).entries()).map(\.package.name)
        #expect(first != second)
        #expect(Demo.catalogue(20, seed: 1).accounts.map(\.publisher.id) != Demo.catalogue(20, seed: 2).accounts.map(\.publisher.id))
    }

    @Test("the PRNG is SplitMix64")
    func splitMixReferenceValues() {
        // Reference outputs of SplitMix64 seeded with 1234567.
        var rng = SplitMix64(seed: 1_234_567)
        #expect(rng.next() == 6_457_827_717_110_365_317)
        #expect(rng.next() == 3_203_168_211_198_807_973)
    }
}
