import Foundation
import StoreModels

/// How strict the automated checks are.
public struct ReviewPolicy: Sendable, Hashable {
    /// Send every upload of an unproven publisher to human review.
    public var holdUnverifiedPublishers: Bool
    /// An upload more than this many times the previous revision's size needs review.
    public var sizeJumpFactor: Double

    /// Creates a policy.
    /// - Parameters:
    ///   - holdUnverifiedPublishers: queue every upload of publishers the store has not vetted.
    ///   - sizeJumpFactor: the growth factor over the previous revision that needs review.
    public init(holdUnverifiedPublishers: Bool = false, sizeJumpFactor: Double = 2.0) {
        self.holdUnverifiedPublishers = holdUnverifiedPublishers
        self.sizeJumpFactor = sizeJumpFactor
    }

    /// The store's policy: unproven publishers are not held, uploads may double in size.
    public static let `default` = ReviewPolicy()
}

/// The checks every upload goes through before a person looks at it.
///
/// Pure: engines call it inside their upload transaction and the console can call it to explain
/// a verdict. Errors reject the upload, `needs-review` findings queue it, anything else approves it.
public enum AutomatedChecks {
    /// Interfaces that give a snap (or permissions that give a charm) power over the whole system.
    public static let privilegedPermissions: Set<String> = [
        "snapd-control", "system-files", "personal-files", "docker-support", "kernel-module-control",
        "block-devices", "raw-usb", "system-backup", "kernel-module-load", "tpm",
    ]

    /// The `size-jump` finding for an upload of `size` bytes after `previous` (the revision the review
    /// diff compares with too), when it grew more than ``ReviewPolicy/sizeJumpFactor`` times.
    public static func sizeJump(size: Int64, previous: Revision, policy: ReviewPolicy) -> CheckResult? {
        guard previous.size > 0, Double(size) > policy.sizeJumpFactor * Double(previous.size) else { return nil }
        let factor = Double(size) / Double(previous.size)
        return CheckResult(
            code: "size-jump", severity: .needsReview,
            message: "size grew \(formatted(factor))× since revision \(previous.number) (\(previous.size) → \(size) bytes)")
    }

    /// Evaluates an upload against the package's newest earlier revision.
    /// - Parameters:
    ///   - upload: what the uploaded file says about itself.
    ///   - previous: the package's newest revision, `nil` on the first upload.
    ///   - publisher: the package's publisher (its validation matters to `policy`).
    ///   - packageType: snaps are checked for confinement, other types are not.
    ///   - policy: how strict to be.
    /// - Returns: every finding, and the review status they add up to.
    public static func evaluate(
        _ upload: RevisionUpload, previous: Revision?, publisher: Publisher, packageType: PackageType,
        policy: ReviewPolicy
    ) -> (checks: [CheckResult], status: ReviewStatus) {
        var checks = metadataChecks(upload)
        if packageType.hasConfinement { checks += confinementChecks(upload, previous: previous) }
        checks += permissionChecks(upload, previous: previous)
        if let previous {
            if let jump = sizeJump(size: upload.size, previous: previous, policy: policy) { checks.append(jump) }
            if isValidVersion(upload.version), compareVersions(upload.version, previous.version) != .orderedDescending {
                checks.append(CheckResult(
                    code: "version-not-increasing", severity: .warning,
                    message: "version \(upload.version) is not newer than revision \(previous.number)'s \(previous.version)"))
            }
        }
        if policy.holdUnverifiedPublishers, publisher.validation == .unproven {
            checks.append(CheckResult(
                code: "unverified-publisher", severity: .needsReview,
                message: "\(publisher.username) is not a verified publisher; uploads are reviewed by hand"))
        }
        return (checks, status(for: checks))
    }

    /// The review status a set of findings adds up to.
    public static func status(for checks: [CheckResult]) -> ReviewStatus {
        let errors = checks.filter { $0.severity == .error }
        if !errors.isEmpty {
            return .rejected(reason: "review-error: " + errors.map(\.message).joined(separator: "; "))
        }
        if checks.contains(where: { $0.severity == .needsReview }) { return .pending }
        return .approved(notes: nil)
    }

    // MARK: The checks

    private static func metadataChecks(_ upload: RevisionUpload) -> [CheckResult] {
        var checks = upload.metadataErrors.map { CheckResult(code: "metadata", severity: .error, message: $0) }
        if !isValidVersion(upload.version) {
            checks.append(CheckResult(
                code: "invalid-version", severity: .error,
                message: "version '\(upload.version)' is invalid: use 1–32 of a-z A-Z 0-9 : . + ~ -, starting with a letter or digit and ending with one or + ~"))
        }
        if upload.architectures.isEmpty {
            checks.append(CheckResult(code: "no-architectures", severity: .error, message: "the upload names no architecture"))
        }
        if !isValidDigest(upload.sha3_384) {
            checks.append(CheckResult(
                code: "invalid-digest", severity: .error,
                message: "the SHA3-384 digest must be 96 lower-case hex digits"))
        }
        if upload.size <= 0 {
            checks.append(CheckResult(code: "empty-file", severity: .error, message: "the uploaded file is empty"))
        }
        return checks
    }

    private static func confinementChecks(_ upload: RevisionUpload, previous: Revision?) -> [CheckResult] {
        let new = upload.confinement ?? .strict
        guard let previous else {
            switch new {
            case .classic:
                return [CheckResult(
                    code: "classic-confinement", severity: .needsReview,
                    message: "classic confinement needs a reviewer's approval")]
            case .devmode:
                return [CheckResult(
                    code: "devmode-confinement", severity: .needsReview,
                    message: "devmode confinement (no sandbox) needs a reviewer's approval")]
            case .strict:
                return []
            }
        }
        let old = previous.confinement ?? .strict
        guard new != old else { return [] }
        let loosens = new != .strict
        return [CheckResult(
            code: "confinement-change", severity: loosens ? .needsReview : .info,
            message: "confinement changes from \(old.rawValue) to \(new.rawValue)")]
    }

    private static func permissionChecks(_ upload: RevisionUpload, previous: Revision?) -> [CheckResult] {
        let known = Set(previous?.permissions ?? [])
        var seen = Set<String>()
        var checks: [CheckResult] = []
        for permission in upload.permissions where !known.contains(permission) && seen.insert(permission).inserted {
            if privilegedPermissions.contains(permission) {
                checks.append(CheckResult(
                    code: "privileged-interface", severity: .needsReview,
                    message: "'\(permission)' gives access to the whole system and needs a reviewer's approval"))
            } else if previous != nil {
                checks.append(CheckResult(code: "new-interface", severity: .info, message: "asks for '\(permission)' for the first time"))
            }
        }
        return checks
    }

    // MARK: Rules

    /// Whether `version` satisfies snapd's rule `^[a-zA-Z0-9](?:[a-zA-Z0-9:.+~-]{0,30}[a-zA-Z0-9+~])?$`.
    ///
    /// Checked in one pass without a regular expression.
    /// - Complexity: O(*n*) in the length of `version`.
    public static func isValidVersion(_ version: String) -> Bool {
        let bytes = Array(version.utf8)
        guard (1...32).contains(bytes.count) else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        let middle: Set<UInt8> = [UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "~"), UInt8(ascii: "-")]
        let last: Set<UInt8> = [UInt8(ascii: "+"), UInt8(ascii: "~")]
        for (index, byte) in bytes.enumerated() {
            let ok: Bool
            if index == 0 {
                ok = isAlphanumeric(byte)
            } else if index == bytes.count - 1 {
                ok = isAlphanumeric(byte) || last.contains(byte)
            } else {
                ok = isAlphanumeric(byte) || middle.contains(byte)
            }
            if !ok { return false }
        }
        return true
    }

    /// Whether `digest` is 96 lower-case hex digits.
    public static func isValidDigest(_ digest: String) -> Bool {
        digest.utf8.count == 96
            && digest.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// Compares two versions run by run: digit runs numerically, letter runs alphabetically.
    ///
    /// Separators (`.`, `-`, `+`, `:`) only split runs; a digit run sorts after a letter run, and a
    /// version that runs out first is older (`1.0` < `1.0.1`). `~` sorts before everything, even the
    /// end, as in Debian (`1.0~rc1` < `1.0`).
    public static func compareVersions(_ lhs: String, _ rhs: String) -> ComparisonResult {
        let left = runs(of: lhs)
        let right = runs(of: rhs)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : nil
            let b = index < right.count ? right[index] : nil
            let order = VersionRun.compare(a, b)
            if order != .orderedSame { return order }
        }
        return .orderedSame
    }

    private enum VersionRun: Equatable {
        case tilde
        case number(String)
        case letters(String)

        /// Orders two runs where `nil` is the end of a version.
        static func compare(_ lhs: VersionRun?, _ rhs: VersionRun?) -> ComparisonResult {
            switch (lhs, rhs) {
            case (nil, nil): return .orderedSame
            case (.tilde, .tilde): return .orderedSame
            case (.tilde, _): return .orderedAscending
            case (_, .tilde): return .orderedDescending
            case (nil, _): return .orderedAscending
            case (_, nil): return .orderedDescending
            case (.number(let a), .number(let b)):
                let x = a.drop { $0 == "0" }
                let y = b.drop { $0 == "0" }
                if x.count != y.count { return x.count < y.count ? .orderedAscending : .orderedDescending }
                return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
            case (.number, .letters): return .orderedDescending
            case (.letters, .number): return .orderedAscending
            case (.letters(let a), .letters(let b)):
                return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
            }
        }
    }

    private static func runs(of version: String) -> [VersionRun] {
        var runs: [VersionRun] = []
        var current = ""
        var currentIsDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            runs.append(currentIsDigits ? .number(current) : .letters(current))
            current = ""
        }
        for character in version {
            if character == "~" {
                flush()
                runs.append(.tilde)
            } else if character.isASCII, character.isNumber {
                if !currentIsDigits { flush() }
                currentIsDigits = true
                current.append(character)
            } else if character.isASCII, character.isLetter {
                if currentIsDigits { flush() }
                currentIsDigits = false
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return runs
    }

    private static func formatted(_ factor: Double) -> String {
        let tenths = (factor * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
