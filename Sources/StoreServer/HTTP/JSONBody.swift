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
    static func decode<Value: Codable>(_ type: Value.Type, from request: inout Request, limit: Int) async throws -> Value {
        try checkContentType(of: request)
        let buffer = try await request.collectBody(upTo: limit)
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    /// Decodes `type` from `data`; see ``JSONBody``.
    static func decode<Value: Codable>(_ type: Value.Type, from data: Data) throws(StoreError) -> Value {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .invalidInput("the request needs a JSON body")
        }
        // Before any recursive decoder sees it (see NestingGuard).
        if let problem = NestingGuard.jsonProblem(data, name: "the body") { throw .invalidInput(problem) }
        let decoder = APICoding.makeDecoder()
        let tree: WireJSON
        do { tree = try decoder.decode(WireJSON.self, from: data) } catch {
            throw .invalidInput("the body is not valid JSON (\(underlyingMessage(error)))")
        }
        if let path = nulPath(in: tree) {
            throw .invalidInput("'\(QueryParameters.printable(path))' contains a NUL character (U+0000), which the store does not keep; remove it")
        }
        let value: Value
        do { value = try decoder.decode(type, from: data) } catch let error as DecodingError {
            throw .invalidInput(message(for: error))
        } catch {
            throw .invalidInput("the body cannot be read: \(error)")
        }
        if let unknown = unknownKey(input: tree, known: known(value)) {
            throw .invalidInput("unknown field '\(QueryParameters.printable(unknown))' in the body")
        }
        return value
    }

    /// Refuses bodies that do not say they are JSON.
    static func checkContentType(of request: Request) throws(HTTPFailure) {
        let contentType = request.headers[.contentType]
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw HTTPFailure.unsupportedMediaType(contentType)
        }
    }

    // MARK: Unknown keys

    /// The DTO encoded back: every key it knows appears (absent optionals aside).
    private static func known<Value: Encodable>(_ value: Value) -> WireJSON? {
        guard let data = try? APICoding.makeEncoder().encode(value) else { return nil }
        return try? APICoding.makeDecoder().decode(WireJSON.self, from: data)
    }

    /// The path of the first key in `input` that `known` lacks (a `null` value counts as absent).
    /// The path of the first string (value or key) holding U+0000, which storage would cut or replace.
    private static func nulPath(in value: WireJSON, path: String = "") -> String? {
        switch value {
        case .string(let text):
            return text.utf8.contains(0) ? (path.isEmpty ? "the body" : path) : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = nulPath(in: item, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let fields):
            for key in fields.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                if key.utf8.contains(0) { return child }
                if let value = fields[key], let found = nulPath(in: value, path: child) { return found }
            }
            return nil
        case .null, .bool, .number:
            return nil
        }
    }

    private static func unknownKey(input: WireJSON, known: WireJSON?, path: String = "") -> String? {
        switch (input, known) {
        case (.object(let fields), .object(let knownFields)):
            for key in fields.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let value = fields[key] else { continue }
                guard let knownValue = knownFields[key] else {
                    if value == .null { continue }
                    return child
                }
                if let found = unknownKey(input: value, known: knownValue, path: child) { return found }
            }
            return nil
        case (.object(let fields), _):
            // The DTO has no object here (or could not be re-encoded): any non-null key is unknown.
            return fields.keys.sorted().first { fields[$0] != .null }.map { path.isEmpty ? $0 : "\(path).\($0)" }
        case (.array(let items), .array(let knownItems)):
            for (index, item) in items.enumerated() {
                let knownItem = index < knownItems.count ? knownItems[index] : nil
                if let found = unknownKey(input: item, known: knownItem, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
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
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text.isEmpty ? "(body)" : text
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
