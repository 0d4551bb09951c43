import StoreModels
import StoreService

/// A request type read from a URL's query: its parameter names (anything else is refused, so a
/// misspelt filter is not silently ignored) and how each is decoded, written once per type.
protocol QueryDecodable {
    /// The parameters this type reads.
    static var parameterNames: Set<String> { get }
    /// Decodes the value from parameters already checked against ``parameterNames``.
    init(decoding query: QueryParameters) throws(StoreError)
}

extension QueryParameters {
    /// Decodes `Value` from the query, refusing parameters it does not read.
    func decode<Value: QueryDecodable>(_ type: Value.Type = Value.self) throws(StoreError) -> Value {
        try rejectUnknown(allowing: Value.parameterNames)
        return try Value(decoding: self)
    }
}

/// A page of a cursor-paged list: `cursor` and `limit` (1 to `maximum`, `defaultLimit` when absent).
struct PageParameters: QueryDecodable {
    static let parameterNames: Set<String> = ["cursor", "limit"]
    var cursor: String?
    var limit: Int

    init(decoding query: QueryParameters) throws(StoreError) {
        try self.init(decoding: query, defaultLimit: 50, maximum: 500)
    }

    init(decoding query: QueryParameters, defaultLimit: Int, maximum: Int) throws(StoreError) {
        cursor = try query.cursor()
        limit = try query.int("limit", in: 1...maximum) ?? defaultLimit
    }
}

extension SearchQuery: QueryDecodable {
    static let parameterNames: Set<String> = PageParameters.parameterNames.union(["q", "type", "category", "publisher", "verified", "sort"])

    /// `GET /api/v1/packages?q=&type=&category=&publisher=&verified=&sort=&cursor=&limit=` (50 by default).
    init(decoding query: QueryParameters) throws(StoreError) {
        let type = try query.string("type", maxLength: 32)
        if let type, !type.allSatisfy({ ("a"..."z").contains($0) }) {
            throw StoreError.invalidInput("'type' must be a package type such as snap or charm (got '\(QueryParameters.printable(type))')")
        }
        let page = try PageParameters(decoding: query, defaultLimit: 50, maximum: SearchQuery.maximumLimit)
        var sort: SearchSort?
        if let word = try query.string("sort", maxLength: 16) {
            guard let named = SearchSort(parameter: word) else {
                throw StoreError.invalidInput(
                    "'sort' must be name, publisher, version or updated, with a leading '-' for descending (got '\(QueryParameters.printable(word))')")
            }
            sort = named
        }
        self.init(
            text: try query.string("q") ?? "", type: type.map(PackageType.init(rawValue:)),
            category: try query.string("category", maxLength: 64), publisher: try query.string("publisher", maxLength: 64),
            verifiedOnly: try query.bool("verified") ?? false, sort: sort, cursor: page.cursor, limit: page.limit)
    }
}

extension RevisionQuery: QueryDecodable {
    static let parameterNames: Set<String> = PageParameters.parameterNames.union(["architecture", "status"])

    /// `GET /api/v1/packages/{name}/revisions?architecture=&status=&cursor=&limit=` (100 by default).
    init(decoding query: QueryParameters) throws(StoreError) {
        let page = try PageParameters(decoding: query, defaultLimit: 100, maximum: 500)
        self.init(
            architecture: try query.string("architecture", maxLength: 32).map(Architecture.init(rawValue:)),
            reviewStatus: try query.string("status", maxLength: 16), cursor: page.cursor, limit: page.limit)
    }
}

extension AuditQuery: QueryDecodable {
    static let parameterNames: Set<String> = PageParameters.parameterNames.union(["actor", "package", "publisher", "action", "q"])

    /// `GET /api/v1/audit?actor=&package=&publisher=&action=&q=&cursor=&limit=` (100 by default).
    init(decoding query: QueryParameters) throws(StoreError) {
        let page = try PageParameters(decoding: query, defaultLimit: 100, maximum: 500)
        self.init(
            actor: try query.string("actor", maxLength: 64), package: try query.string("package", maxLength: 64),
            publisher: try query.string("publisher", maxLength: 64), action: try query.string("action", maxLength: 64),
            text: try query.string("q", maxLength: 128), cursor: page.cursor, limit: page.limit)
    }
}

/// `GET /api/v1/publishers?q=&cursor=&limit=` (50 by default).
struct PublisherSearchParameters: QueryDecodable {
    static let parameterNames: Set<String> = PageParameters.parameterNames.union(["q"])
    var text: String
    var page: PageParameters

    init(decoding query: QueryParameters) throws(StoreError) {
        text = try query.string("q", maxLength: 128) ?? ""
        page = try PageParameters(decoding: query)
    }
}

/// A route that takes no query parameters: any given is refused.
struct NoParameters: QueryDecodable {
    static let parameterNames: Set<String> = []
    init(decoding query: QueryParameters) throws(StoreError) {}
}
