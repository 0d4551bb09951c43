import Foundation
import HTTPTypes
import Hummingbird

/// A kept reply as the database stores it: JSON of its status, headers (in order) and body.
enum StoredReply {
    private struct Document: Codable {
        var status: Int
        var headers: [[String]]
        var body: Data
    }

    /// The bytes to keep for `response`.
    static func encoded(_ response: APIResponse) -> Data? {
        let headers = response.headers.map { [$0.name.rawName, $0.value] }
        return try? JSONEncoder().encode(Document(status: response.status.code, headers: headers, body: Data(response.body)))
    }

    /// The reply `data` keeps; `nil` when it cannot be read.
    static func decoded(_ data: Data) -> APIResponse? {
        guard let document = try? JSONDecoder().decode(Document.self, from: data),
              (100...599).contains(document.status)
        else { return nil }
        var headers = HTTPFields()
        for pair in document.headers where pair.count == 2 {
            guard let name = HTTPField.Name(pair[0]) else { return nil }
            headers.append(HTTPField(name: name, value: pair[1]))
        }
        return APIResponse(status: HTTPResponse.Status(code: document.status), headers: headers, body: Array(document.body))
    }
}
