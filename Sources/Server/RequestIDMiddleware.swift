import Foundation
import HTTPTypes
import Hummingbird

extension HTTPField.Name {
    /// `X-Request-Id`: taken from the client when well-formed, otherwise generated; always echoed back.
    public static let requestID = Self("X-Request-Id")!
}

/// Gives every request an id, puts it in the request's logger metadata (`request_id`) and in the response.
public struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The middleware; it has no settings.
    public init() {}

    /// Sets the id on the context's logger and on the response, including responses made from errors.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = request.headers[.requestID].flatMap(Self.accepted) ?? UUID().uuidString.lowercased()
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.requestID] = id
        return response
    }

    /// A client's id is kept only if it is short and printable, so it cannot forge log lines.
    static func accepted(_ value: String) -> String? {
        guard (1...128).contains(value.utf8.count) else { return nil }
        let allowed = value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f }
        return allowed ? value : nil
    }
}
