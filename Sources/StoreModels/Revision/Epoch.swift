/// A snap's epoch: which data formats a revision reads and writes (`epoch:` in `snap.yaml`).
///
/// `0` (the default) reads and writes 0; `N` reads and writes N; `N*` reads N−1 and N and writes N
/// (a revision that can migrate); the long form lists both. A device refreshes only to a revision
/// that can read what the installed one wrote (``canRead(_:)``), as snapd's `Epoch.CanRead` says.
public struct Epoch: Hashable, Sendable, Codable, CustomStringConvertible {
    public var read: [Int]
    public var write: [Int]

    /// The default epoch, 0.
    public static let zero = Epoch(read: [0], write: [0])

    /// Creates an epoch.
    public init(read: [Int], write: [Int]) {
        self.read = read
        self.write = write
    }

    /// Why an epoch is not valid.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case invalid(String)

        public var description: String {
            switch self {
            case .invalid(let text): "'\(text)' is not an epoch: use a number (2), a number and a star (2*), or {read: [..], write: [..]}"
            }
        }
    }

    /// The short form (`2`, `2*`).
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let star = trimmed.hasSuffix("*")
        let digits = star ? String(trimmed.dropLast()) : trimmed
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let number = Int(digits) else {
            throw .invalid(String(text.prefix(32)))
        }
        if star {
            guard number > 0 else { throw .invalid(String(text.prefix(32))) }
            self.init(read: [number - 1, number], write: [number])
        } else {
            self.init(read: [number], write: [number])
        }
    }

    /// Checks the long form: both lists non-empty, at most 10 entries, ascending, no duplicates, no negatives.
    public func validated() throws(ParseError) -> Epoch {
        for list in [read, write] {
            guard !list.isEmpty, list.count <= 10, list.allSatisfy({ $0 >= 0 && $0 < 1_000_000_000 }),
                  zip(list, list.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw .invalid(description)
            }
        }
        return self
    }

    /// Whether a revision of this epoch can read the data a revision of `installed` wrote.
    public func canRead(_ installed: Epoch) -> Bool {
        !Set(read).isDisjoint(with: installed.write)
    }

    /// The short form where there is one (`0`, `2*`), else `{read: […], write: […]}`.
    public var description: String {
        if read == write, read.count == 1 { return String(read[0]) }
        if write.count == 1, read == [write[0] - 1, write[0]] { return "\(write[0])*" }
        return "{read: \(read), write: \(write)}"
    }
}
