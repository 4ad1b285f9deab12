import Foundation
import HTTPTypes
import Hummingbird

/// What every request passes through before the API: metrics, JSON errors, the bearer token, the body limit
/// and the deadline. One middleware rather than five, so request linting pays for one hop.
struct GatewayMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let configuration: ServerConfiguration
    let metrics: ServerMetrics

    /// Paths reported in metrics by name; anything else is `other`, so labels stay few.
    static let endpoints: Set<String> = ["/v1/compress", "/v1/fewshot", "/v1/lint/request", "/v1/score", "/health", "/ready", "/metrics"]
    /// The one method each path takes.
    static let methods: [String: HTTPRequest.Method] = [
        "/v1/compress": .post, "/v1/fewshot": .post, "/v1/lint/request": .post, "/v1/score": .post,
        "/health": .get, "/ready": .get, "/metrics": .get,
    ]
    /// Paths open without the token (load-balancer probes).
    static let open: Set<String> = ["/health", "/ready"]

    /// The deadline of the request being handled (set for every request that passes this middleware).
    @TaskLocal static var deadline: ContinuousClock.Instant?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let path = request.uri.path
        let response: Response
        do {
            response = try await admitted(request, context: context, next: next)
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try APIError(http: error.status).response(from: request, context: context)
        } catch {
            context.logger.error("unexpected error: \(error)")
            response = try APIError(.internalServerError, code: "internal", message: "internal error")
                .response(from: request, context: context)
        }
        metrics.recordRequest(
            endpoint: Self.endpoints.contains(path) ? path : "other", status: response.status.code,
            duration: ContinuousClock.now - start)
        return response
    }

    private func admitted(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        if let allowed = Self.methods[request.uri.path], allowed != request.method {
            throw APIError(.methodNotAllowed, code: "method_not_allowed",
                           message: "\(request.uri.path) takes \(allowed.rawValue)", allow: allowed.rawValue)
        }
        if let token = configuration.bearerToken, !Self.open.contains(request.uri.path) {
            let given = request.headers[.authorization] ?? ""
            guard Self.constantTimeEqual(given, "Bearer " + token) else {
                throw APIError(.unauthorized, code: "unauthorized", message: "missing or wrong bearer token")
            }
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.maxBodyBytes {
            throw Self.bodyTooLarge(configuration.maxBodyBytes)
        }
        do {
            _ = try await request.collectBody(upTo: configuration.maxBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.bodyTooLarge(configuration.maxBodyBytes)
        }
        return try await Self.$deadline.withValue(ContinuousClock.now + configuration.deadline) {
            try await next(request, context)
        }
    }

    static func bodyTooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "the body is larger than \(limit) bytes")
    }

    /// Compares without returning early, so the time taken does not tell how much of the token matched.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}

extension APIError {
    /// The JSON error for a status Hummingbird raised itself (no route, wrong method, body too large).
    init(http status: HTTPResponse.Status) {
        switch status {
        case .notFound: self.init(status, code: "not_found", message: "no such endpoint")
        case .methodNotAllowed: self.init(status, code: "method_not_allowed", message: "method not allowed here")
        case .contentTooLarge: self.init(status, code: "body_too_large", message: "the body is too large")
        default: self.init(status, code: "http_\(status.code)", message: status.reasonPhrase)
        }
    }
}
