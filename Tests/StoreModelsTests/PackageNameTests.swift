import Testing
@testable import StoreModels

@Suite struct PackageNameTests {
    @Test(arguments: ["hello", "hello-world", "a1", "1a", "x" + String(repeating: "y", count: 39), "go", "k8s-operator"])
    func acceptsValidSnapNames(name: String) throws {
        #expect(try PackageName(name).rawValue == name)
    }

    @Test(arguments: [
        ("", PackageName.ValidationError.empty),
        ("a", .tooShort(1)),
        (String(repeating: "a", count: 41), .tooLong(41)),
        ("-abc", .leadingHyphen),
        ("abc-", .trailingHyphen),
        ("ab--c", .doubleHyphen(at: 2)),
        ("1234", .noLetter),
        ("Hello", .invalidCharacter("H", at: 0)),
        ("hello_world", .invalidCharacter("_", at: 5)),
        ("héllo", .invalidCharacter("é", at: 1)),
    ])
    func rejectsInvalidNamesWithTheRuleBroken(name: String, expected: PackageName.ValidationError) {
        #expect(throws: expected) { try PackageName(name) }
    }

    @Test func charmNamesMustStartWithALetter() {
        #expect(throws: PackageName.ValidationError.mustStartWithLetter) { try PackageName("1password", type: .charm) }
        #expect(throws: Never.self) { try PackageName("1password", type: .snap) }
    }

    @Test func errorsSayWhatToDo() {
        #expect(PackageName.ValidationError.invalidCharacter("\u{1B}", at: 3).description.contains("U+1B"))
        #expect(PackageName.ValidationError.tooLong(50).description.contains("at most 40"))
    }

    @Test func hugeInputIsRejectedQuicklyWithoutBacktracking() {
        let text = String(repeating: "a-", count: 500_000) + "!"
        #expect(throws: PackageName.ValidationError.self) { try PackageName(text) }
    }

    @Test func packageTypesAreOpenData() {
        let bundle = PackageType(rawValue: "Bundle")
        #expect(bundle.rawValue == "bundle")
        #expect(!bundle.releasesPerBase)
        #expect(PackageType.charm.releasesPerBase)
        #expect(PackageType.snap.hasConfinement)
    }
}
