import Foundation
import StoreService

/// Page cursors: base64url of a small JSON object, opaque to callers.
///
/// Both engines encode their keyset positions with it, so a cursor never shows its columns.
package enum OpaqueCursor {
    /// The cursor text for `position`.
    package static func encode(_ position: some Encodable) -> String? {
        guard let data = try? JSONEncoder().encode(position) else { return nil }
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The position in `cursor`, or `nil` when there is no cursor.
    /// - Throws: `.invalidInput` when the cursor was not made by ``encode(_:)`` for this kind of list.
    package static func decode<Position: Decodable>(_ type: Position.Type, from cursor: String?) throws(StoreError) -> Position? {
        guard let cursor, !cursor.isEmpty else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard cursor.count <= 4096, let data = Data(base64Encoded: base64),
              // No text in a cursor may carry a control character into a statement (NUL ends SQLite's
              // strings and PostgreSQL refuses it), whether raw or JSON-escaped.
              !data.contains(where: { $0 < 0x20 }), !String(decoding: data, as: UTF8.self).lowercased().contains("\\u00"),
              let position = try? JSONDecoder().decode(type, from: data)
        else { throw StoreError.invalidInput("the page cursor is invalid; start again from the first page") }
        return position
    }
}
