/// Position after the last publisher of a page.
package struct PublisherCursor: Codable, Sendable {
    package var username: String

    package init(username: String) { self.username = username }

    enum CodingKeys: String, CodingKey { case username = "u" }
}

/// Position after the last event of an audit page.
package struct AuditCursor: Codable, Sendable {
    package var id: Int64

    package init(id: Int64) { self.id = id }

    enum CodingKeys: String, CodingKey { case id = "i" }
}
