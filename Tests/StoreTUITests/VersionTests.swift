import Testing
@testable import StoreTUI

@Test func versionIsSemantic() {
    #expect(StoreTUIVersion.current.split(separator: ".").count == 3)
}
