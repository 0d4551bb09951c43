import Foundation
import NIOHTTP1
import StoreModels
import StoreService

extension HTTPStoreClient {
    /// Sends a file to the store's upload endpoint (`POST /unscanned-upload/`, multipart field `binary`,
    /// as charmcraft and snapcraft do); returns its upload id, to push as a revision or a resource.
    public func pushFile(_ bytes: Data, filename: String) async throws(StoreError) -> String {
        let boundary = "store-tui-\(UUID().uuidString)"
        let safeName = filename.filter { $0.isASCII && $0 != "\"" && $0 != "\r" && $0 != "\n" }
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"\(safeName)\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
        body += bytes
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var call = APICall(method: .POST, segments: ["unscanned-upload", ""], body: body)
        call.contentType = "multipart/form-data; boundary=\(boundary)"
        let reply = try await perform(call)
        struct Uploaded: Decodable {
            var upload_id: String
        }
        do { return try JSONDecoder().decode(Uploaded.self, from: Data(reply.body.readableBytesView)).upload_id } catch {
            throw .server(status: reply.status, message: "the upload's reply has no upload_id", requestID: nil)
        }
    }
}
