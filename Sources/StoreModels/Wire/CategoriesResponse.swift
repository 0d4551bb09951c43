/// `GET /v2/snaps/categories`: `{"categories": [{"name": "art-and-design"}, …]}`.
public struct CategoriesResponse: Hashable, Sendable, Codable {
    public var categories: [WireCategory]

    /// Creates the document.
    public init(categories: [WireCategory]) { self.categories = categories }
}
