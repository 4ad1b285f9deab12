import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Turns what the generated code throws into the API's JSON errors: a body that does not decode (malformed JSON,
/// a wrong type, an unknown or missing field) is a 400 naming the field; an `APIError` from a handler keeps its
/// status. Only a failure after the input decoded and outside `APIError` stays a 500.
struct RequestErrorMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch let error as ServerError {
            guard let apiError = Self.apiError(for: error) else { throw error }
            return (HTTPResponse(status: apiError.status, headerFields: apiError.headerFields), HTTPBody(apiError.body))
        }
    }

    static func apiError(for error: ServerError) -> APIError? {
        if let apiError = error.underlyingError as? APIError { return apiError }
        if let decoding = error.underlyingError as? DecodingError { return APIError(decoding: decoding) }
        if error.operationInput == nil {
            // Not JSON at all, a missing body, a wrong content type: the request's fault.
            let description = error.causeDescription
            if description.localizedCaseInsensitiveContains("content type") || description.localizedCaseInsensitiveContains("content-type") {
                return APIError(.badRequest, code: "invalid_content_type", message: "body: send application/json")
            }
            if description.localizedCaseInsensitiveContains("missing required request body") {
                return APIError(.badRequest, code: "missing_body", message: "body: required")
            }
            return APIError(.badRequest, code: "invalid_json", message: "body: \(description)")
        }
        return nil
    }
}
