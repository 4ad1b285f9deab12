import Foundation
import HTTPTypes
import Hummingbird

/// Every failure the API reports: an HTTP status and the JSON body `{"error": {"code", "message", "field"}}`.
public struct APIError: Error, Sendable, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `invalid_field` (the OpenAPI document lists them).
    public var code: String
    /// One line saying what is wrong.
    public var message: String
    /// The JSON path of the offending field, e.g. `ratio` or `force[2]`, when there is one.
    public var field: String?
    /// Seconds to wait before retrying (429 and 503).
    public var retryAfter: Int?
    /// The methods a path takes (405).
    public var allow: String?

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, retryAfter: Int? = nil,
                allow: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
        self.allow = allow
    }

    /// A 400 for a field whose value is not allowed.
    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_field", message: "\(field): \(message)", field: field)
    }

    /// A 400 for a text longer than the server's limit.
    static func tooLong(_ field: String, bytes: Int, limit: Int) -> APIError {
        APIError(.badRequest, code: "too_long", message: "\(field): \(bytes) bytes, above the limit of \(limit)", field: field)
    }

    /// The JSON body, keys sorted so the same error is the same bytes.
    var body: Data {
        struct Detail: Encodable { let code: String; let message: String; let field: String? }
        struct Envelope: Encodable { let error: Detail }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try? encoder.encode(Envelope(error: Detail(code: code, message: message, field: field)))
        return (data ?? Data("{\"error\":{\"code\":\"internal\",\"message\":\"unencodable error\"}}".utf8)) + Data("\n".utf8)
    }

    /// The response headers: JSON, plus Retry-After or WWW-Authenticate where they apply.
    var headerFields: HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        if status == .unauthorized { fields[.wwwAuthenticate] = "Bearer" }
        if let allow { fields[.allow] = allow }
        return fields
    }
}

extension APIError: HTTPResponseError {
    /// The Hummingbird response for this error.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headerFields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension APIError {
    /// The error a decoding failure means, naming the field by its JSON path.
    init(decoding error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String {
            var out = ""
            for key in codingPath {
                if let index = key.intValue { out += "[\(index)]" } else { out += out.isEmpty ? key.stringValue : "." + key.stringValue }
            }
            return out
        }
        switch error {
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            self.init(.badRequest, code: "invalid_field",
                      message: "\(field.isEmpty ? "body" : field): expected \(Self.jsonTypeName(type))",
                      field: field.isEmpty ? nil : field)
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            self.init(.badRequest, code: "invalid_field",
                      message: "\(field.isEmpty ? "body" : field): expected \(Self.jsonTypeName(type)), found null",
                      field: field.isEmpty ? nil : field)
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            self.init(.badRequest, code: "missing_field", message: "\(field): required", field: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if context.debugDescription.hasPrefix("Additional properties are disabled") {
                self.init(.badRequest, code: "unknown_field", message: "\(field): unknown field", field: field)
            } else if context.codingPath.isEmpty {
                self.init(.badRequest, code: "invalid_json", message: "body: not valid JSON")
            } else {
                self.init(.badRequest, code: "invalid_field", message: "\(field): \(context.debugDescription)", field: field)
            }
        @unknown default:
            self.init(.badRequest, code: "invalid_json", message: "body: cannot be decoded")
        }
    }

    /// The JSON name of the Swift type a decoder expected.
    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is [Any].Type: return "an array"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.contains("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "an object" }
            return "a value of type \(name)"
        }
    }
}
