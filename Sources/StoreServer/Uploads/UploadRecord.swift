import Crypto
import Foundation
import StoreService

/// What the server remembers about one uploaded file in an upload directory (``UploadStore``): the JSON
/// sidecar `<upload-id>.json` next to the file `<upload-id>.charm`; ``ServerUpload`` in the database.
///
/// The sidecar is all the state an upload has, so any server instance that shares the upload directory
/// can turn an upload id into its package and revision (the review-status poll) without talking to the
/// instance that received the file.
struct UploadRecord: Codable, Sendable, Hashable {
    /// The id charmcraft got back (a lower-case UUID).
    var uploadID: String
    /// The account that uploaded the file; only it may turn the file into a revision.
    var uploaderID: String
    /// That account's username, for people reading the directory.
    var uploader: String
    /// The file name the client sent, if any (informational).
    var filename: String?
    /// The file's size in bytes.
    var size: Int64
    /// SHA3-384 of the file, 96 lower-case hex digits.
    var sha3_384: String
    /// When the file arrived.
    var receivedAt: Date
    /// The package the file was pushed to (`POST /v1/charm/{name}/revisions`), once it was.
    var package: String?
    /// The revision the file became, once it did.
    var revision: Int?

    private enum CodingKeys: String, CodingKey {
        case uploadID = "upload-id"
        case uploaderID = "uploader-id"
        case uploader, filename, size, package, revision
        case sha3_384 = "sha3-384"
        case receivedAt = "received-at"
    }

    /// The sidecar's JSON.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// A sidecar read back.
    static func decoded(from data: Data) throws -> UploadRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(UploadRecord.self, from: data)
    }
}

extension UploadRecord {
    /// The sidecar of `upload`.
    init(_ upload: ServerUpload) {
        self.init(
            uploadID: upload.uploadID, uploaderID: upload.uploaderID, uploader: upload.uploader, filename: upload.filename,
            size: upload.size, sha3_384: upload.sha3_384, receivedAt: upload.receivedAt, package: upload.package,
            revision: upload.revision)
    }

    /// The upload this sidecar describes.
    var upload: ServerUpload {
        ServerUpload(
            uploadID: uploadID, uploaderID: uploaderID, uploader: uploader, filename: filename, size: size, sha3_384: sha3_384,
            receivedAt: receivedAt, package: package, revision: revision)
    }
}

/// Upload ids: UUIDs, written in lower case. Anything else is refused before it touches a path.
enum UploadID {
    /// A fresh id.
    static func generate() -> String { UUID().uuidString.lowercased() }

    /// What logs say instead of an upload's id, which is a capability (whoever has an anonymous
    /// upload's id may push it): the first 12 hex digits of its SHA-256, enough to follow one upload.
    static func logReference(_ id: String) -> String {
        SHA256.hash(data: Data(id.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// The canonical form of `text`, or `nil` when it is not a UUID.
    static func canonical(_ text: String) -> String? {
        guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else { return nil }
        return uuid.uuidString.lowercased()
    }
}
