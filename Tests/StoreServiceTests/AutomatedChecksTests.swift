import Foundation
import StoreModels
import StoreService
import Testing

@Suite("Automated checks")
struct AutomatedChecksTests {
    static let publisher = Publisher(id: "p1", username: "alice", displayName: "Alice", validation: .verified)
    static let digest = String(repeating: "ab", count: 48)

    static func upload(
        version: String = "1.1", architectures: [Architecture] = [.amd64], size: Int64 = 1000,
        digest: String = AutomatedChecksTests.digest, confinement: Revision.Confinement? = .strict,
        permissions: [String] = ["network"], metadataErrors: [String] = []
    ) -> RevisionUpload {
        RevisionUpload(version: version, architectures: architectures, size: size, sha3_384: digest,
                       confinement: confinement, permissions: permissions, metadataErrors: metadataErrors)
    }

    static let previous = Revision(
        number: 7, version: "1.0", architectures: [.amd64], size: 1000, sha3_384: digest,
        createdAt: Date(timeIntervalSince1970: 0), uploader: "alice", confinement: .strict, permissions: ["network"])

    static func evaluate(
        _ upload: RevisionUpload, previous: Revision? = AutomatedChecksTests.previous, type: PackageType = .snap,
        publisher: Publisher = AutomatedChecksTests.publisher, policy: ReviewPolicy = .default
    ) -> (checks: [CheckResult], status: ReviewStatus) {
        AutomatedChecks.evaluate(upload, previous: previous, publisher: publisher, packageType: type, policy: policy)
    }

    @Test func cleanUploadIsApprovedWithoutNotes() {
        let result = Self.evaluate(Self.upload())
        #expect(result.status == .approved(notes: nil))
        #expect(result.checks.isEmpty)
    }

    @Test func metadataErrorsRejectWithEveryMessage() {
        let result = Self.evaluate(Self.upload(architectures: [], metadataErrors: ["no snap.yaml", "bad icon"]))
        guard case .rejected(let reason) = result.status else {
            Issue.record("expected a rejection, got \(result.status)")
            return
        }
        #expect(reason.hasPrefix("review-error: "))
        #expect(reason.contains("no snap.yaml") && reason.contains("bad icon") && reason.contains("architecture"))
    }

    @Test(arguments: ["", "-1.0", "1.0-", "1.0.", "a b", "1.0_1", String(repeating: "1", count: 33), "é1", "1.0\n"])
    func invalidVersionsAreRejected(version: String) {
        #expect(!AutomatedChecks.isValidVersion(version))
        #expect(Self.evaluate(Self.upload(version: version)).checks.contains { $0.code == "invalid-version" && $0.severity == .error })
    }

    @Test(arguments: ["1", "1.0", "v2.3.4-rc1", "1:2.3~beta+", "2024.01.01", "a", String(repeating: "9", count: 32), "0.1+git123"])
    func validVersionsPass(version: String) {
        #expect(AutomatedChecks.isValidVersion(version))
    }

    @Test func versionCheckIsLinearOnHostileInput() {
        let hostile = String(repeating: "a-", count: 100_000) + "!"
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = AutomatedChecks.isValidVersion(hostile) }
        #expect(elapsed < .seconds(1))
    }

    @Test(arguments: ["", "abc", String(repeating: "g", count: 96), String(repeating: "A", count: 96), String(repeating: "a", count: 95)])
    func malformedDigestsAreRejected(digest: String) {
        #expect(Self.evaluate(Self.upload(digest: digest)).status.word == "rejected")
    }

    @Test func sizeJumpNeedsReview() {
        let result = Self.evaluate(Self.upload(size: 2001))
        #expect(result.status == .pending)
        #expect(result.checks.map(\.code) == ["size-jump"])
        #expect(Self.evaluate(Self.upload(size: 2000)).status == .approved(notes: nil))
        #expect(Self.evaluate(Self.upload(size: 3001), policy: ReviewPolicy(sizeJumpFactor: 4)).status == .approved(notes: nil))
    }

    @Test(arguments: [Revision.Confinement.classic, .devmode])
    func looseningConfinementNeedsReview(confinement: Revision.Confinement) {
        let result = Self.evaluate(Self.upload(confinement: confinement))
        #expect(result.status == .pending)
        #expect(result.checks.contains { $0.code == "confinement-change" && $0.severity == .needsReview })
    }

    @Test func tighteningConfinementIsOnlyNoted() {
        var previous = Self.previous
        previous.confinement = .devmode
        let result = Self.evaluate(Self.upload(confinement: .strict), previous: previous)
        #expect(result.status == .approved(notes: nil))
        #expect(result.checks.map(\.severity) == [.info])
    }

    @Test func classicOrDevmodeOnFirstUploadNeedsReview() {
        #expect(Self.evaluate(Self.upload(confinement: .classic), previous: nil).status == .pending)
        let devmode = Self.evaluate(Self.upload(confinement: .devmode), previous: nil)
        #expect(devmode.status == .pending)
        #expect(devmode.checks.map(\.code) == ["devmode-confinement"])
        #expect(Self.evaluate(Self.upload(confinement: .strict), previous: nil).status == .approved(notes: nil))
    }

    @Test func charmsAreNotCheckedForConfinement() {
        #expect(Self.evaluate(Self.upload(confinement: .classic), previous: nil, type: .charm).status == .approved(notes: nil))
    }

    @Test(arguments: ["snapd-control", "system-files", "personal-files", "docker-support", "kernel-module-control"])
    func newPrivilegedInterfacesNeedReview(interface: String) {
        let result = Self.evaluate(Self.upload(permissions: ["network", interface]))
        #expect(result.status == .pending)
        #expect(result.checks.contains { $0.code == "privileged-interface" && $0.message.contains(interface) })
        #expect(Self.evaluate(Self.upload(permissions: [interface]), previous: nil).status == .pending)
    }

    @Test func privilegedInterfacesAlreadyGrantedDoNotNeedReviewAgain() {
        var previous = Self.previous
        previous.permissions = ["network", "docker-support"]
        #expect(Self.evaluate(Self.upload(permissions: ["network", "docker-support"]), previous: previous).status == .approved(notes: nil))
    }

    @Test func ordinaryNewInterfacesAreOnlyNoted() {
        let result = Self.evaluate(Self.upload(permissions: ["network", "camera", "camera"]))
        #expect(result.status == .approved(notes: nil))
        #expect(result.checks == [CheckResult(code: "new-interface", severity: .info, message: "asks for 'camera' for the first time")])
    }

    @Test(arguments: ["1.0", "0.9", "1.0~rc1", "0.10"])
    func versionNotIncreasingIsAWarning(version: String) {
        let result = Self.evaluate(Self.upload(version: version))
        #expect(result.status == .approved(notes: nil))
        #expect(result.checks.map(\.code) == ["version-not-increasing"])
    }

    @Test func unverifiedPublishersAreHeldOnlyWhenThePolicySaysSo() {
        let unproven = Publisher(id: "p2", username: "bob", displayName: "Bob")
        let held = ReviewPolicy(holdUnverifiedPublishers: true)
        #expect(Self.evaluate(Self.upload(), publisher: unproven, policy: held).status == .pending)
        #expect(Self.evaluate(Self.upload(), publisher: unproven).status == .approved(notes: nil))
        #expect(Self.evaluate(Self.upload(), publisher: Self.publisher, policy: held).status == .approved(notes: nil))
    }

    @Test func errorsOutrankReviewFindings() {
        let result = Self.evaluate(Self.upload(size: 5000, confinement: .classic, metadataErrors: ["broken"]))
        #expect(result.status.word == "rejected")
    }

    @Test(arguments: [
        ("1.0", "1.0.1", ComparisonResult.orderedAscending), ("1.10", "1.9", .orderedDescending), ("2", "10", .orderedAscending),
        ("1.0~rc1", "1.0", .orderedAscending), ("1.0", "1.0", .orderedSame), ("1.0a", "1.0b", .orderedAscending),
        ("1.0b", "1.0.1", .orderedAscending), ("007", "7", .orderedSame), ("99999999999999999999999", "100000000000000000000000", .orderedAscending),
    ])
    func versionsCompareRunByRun(lhs: String, rhs: String, expected: ComparisonResult) {
        #expect(AutomatedChecks.compareVersions(lhs, rhs) == expected)
    }
}
