/// One endpoint the server serves: a method and a path template written as the OpenAPI document
/// writes it (`/v2/snaps/info/{name}`).
struct Endpoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Upper-case HTTP method.
    var method: String
    /// The path template; `{…}` segments match any one segment.
    var path: String

    var description: String { "\(method) \(path)" }

    static func < (lhs: Endpoint, rhs: Endpoint) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }

    /// Whether the template matches a concrete request path.
    func matches(path requestPath: String) -> Bool {
        let template = path.split(separator: "/", omittingEmptySubsequences: false)
        let actual = requestPath.split(separator: "/", omittingEmptySubsequences: false)
        guard template.count == actual.count else { return false }
        for (expected, given) in zip(template, actual) {
            if expected.hasPrefix("{"), expected.hasSuffix("}") {
                if given.isEmpty { return false }
            } else if expected != given {
                return false
            }
        }
        return true
    }
}

/// The endpoints of a router, for answering 405 with an `Allow` list and for the OpenAPI check.
struct EndpointIndex: Sendable {
    let endpoints: [Endpoint]

    /// The methods some endpoint serves at `path` (HEAD wherever GET is), sorted; empty when none.
    func allowedMethods(forPath path: String) -> [String] {
        var methods = Set(endpoints.filter { $0.matches(path: path) }.map(\.method))
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }
}
