import Foundation
import Hummingbird
import StoreAPI
import StoreModels
import StoreService

/// Reads a request's JSON body into a DTO, strictly.
///
/// Refuses (all 4xx, each with a message saying what to fix): a content type other than JSON (415),
/// a body over the limit (413), an empty body, a body nesting deeper than 64 levels, text that is not JSON, missing keys, wrong types, invalid
/// values (a bad channel, an unknown role) and, to stop mass assignment, any key the DTO does not know.
enum JSONBody {
    /// Decodes `type` from the body of `request`.
    ///
    /// - Parameter fastPath: for bodies sent many times a second, a hand-written reading of the plain
    ///   forms (``ScannedJSON``) that answers `nil` whenever the full decoder might answer anything else;
    ///   the body is then decoded the full way. So it changes how fast a body is read, never what is read.
    static func decode<Value: Codable>(
        _ type: Value.Type, from request: inout Request, limit: Int, fastPath: ((ScannedJSON) -> Value?)? = nil
    ) async throws -> Value {
        try checkContentType(of: request)
        let buffer = try await request.collectBody(upTo: limit)
        if let fastPath, let value = buffer.withUnsafeReadableBytes({ bytes in ScannedJSON.scan(bytes).flatMap(fastPath) }) {
            return value
        }
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    /// Decodes `type` from `data`; see ``JSONBody``.
    static func decode<Value: Codable>(_ type: Value.Type, from data: Data) throws(StoreError) -> Value {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .invalidInput("the request needs a JSON body")
        }
        // Before any recursive decoder sees it (see NestingGuard).
        if let problem = NestingGuard.jsonProblem(data, name: "the body") { throw .invalidInput(problem) }
        // One parse and one decode: the checks ride along (CheckingDecoder).
        let decoder = APICoding.makeDecoder()
        let findings = CheckingDecoder.Findings()
        decoder.userInfo[CheckingDecoder.Findings.key] = findings
        defer { findings.release() }
        let value: Value
        do { value = try decoder.decode(Checked<Value>.self, from: data).value } catch let error as DecodingError {
            if let path = findings.nulPath { throw nulFound(at: path) }
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw .invalidInput("the body is not valid JSON (\(underlyingMessage(error)))")
            }
            throw .invalidInput(message(for: error))
        } catch {
            throw .invalidInput("the body cannot be read: \(error)")
        }
        if let path = findings.nulPath { throw nulFound(at: path) }
        let unknown: String?
        do { unknown = try findings.unknownKey() } catch { throw .invalidInput("the body cannot be read: \(error)") }
        if let unknown { throw .invalidInput("unknown field '\(QueryParameters.printable(unknown))' in the body") }
        return value
    }

    /// The DTO at the top of the body, decoded through a ``CheckingDecoder`` that reports to the decoder's findings.
    private struct Checked<Wrapped: Decodable>: Decodable {
        var value: Wrapped

        init(from decoder: any Decoder) throws {
            guard let findings = decoder.userInfo[CheckingDecoder.Findings.key] as? CheckingDecoder.Findings else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the body's checks are not set up"))
            }
            value = try Wrapped(from: CheckingDecoder(inner: decoder, findings: findings))
        }
    }

    private static func nulFound(at path: String) -> StoreError {
        .invalidInput("'\(QueryParameters.printable(path))' contains a NUL character (U+0000), which the store does not keep; remove it")
    }

    /// Refuses bodies that do not say they are JSON.
    static func checkContentType(of request: Request) throws(HTTPFailure) {
        let contentType = request.headers[.contentType]
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw HTTPFailure.unsupportedMediaType(contentType)
        }
    }

    // MARK: Messages

    private static func message(for error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "the field '\(pathText(context.codingPath + [key]))' is required"
        case .valueNotFound(_, let context):
            return "the field '\(pathText(context.codingPath))' cannot be null"
        case .typeMismatch(let type, let context):
            return "the field '\(pathText(context.codingPath))' must be \(typeName(type)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the body is not valid JSON (\(context.debugDescription))" }
            return "the field '\(pathText(context.codingPath))' is invalid: \(context.debugDescription)"
        @unknown default:
            return "the body cannot be read: \(error)"
        }
    }

    private static func underlyingMessage(_ error: any Error) -> String {
        if case .dataCorrupted(let context) = error as? DecodingError {
            if let underlying = context.underlyingError { return "\(underlying.localizedDescription)" }
            return context.debugDescription
        }
        return "\(error)"
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "(body)" : CheckingDecoder.pathText(path)
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".hasPrefix("Array") ? "an array" : (("\(type)".hasPrefix("Dictionary")) ? "an object" : "\(type)")
        }
    }
}
