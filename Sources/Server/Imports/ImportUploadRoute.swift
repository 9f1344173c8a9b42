import API
import Domain
import Foundation
import GraphQLEngine
import Hummingbird

extension Router where Context == APIRequestContext {
    /// Adds `POST /workspaces/{workspaceId}/imports?fileName=...`: a bank statement uploaded as the raw request body
    /// (CSV, OFX/QFX or QIF, up to 50 MiB), for files too large to send inside a GraphQL string. It stores the file
    /// like the `uploadImport` mutation, then `importPreview` and `commitImport` take its id.
    func addImportUploadRoute(_ endpoint: GraphQLEndpoint) {
        post("/workspaces/:workspaceId/imports") { request, context in
            await endpoint.uploadImport(request, context: context)
        }
    }
}

extension GraphQLEndpoint {
    /// Answers an upload: 201 with `{"id", "fileName", "format", "status"}`, or an error document with the status
    /// its code calls for (401, 404, 403, 400, 413).
    func uploadImport(_ request: Request, context: APIRequestContext) async -> Response {
        guard case .verified(let claims) = bearer(request.headers[.authorization]) else {
            return Self.unauthorized(.json, "Send a valid access token as Authorization: Bearer <token>.")
        }
        let limit = LedgerService.maximumImportBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            return Self.failure(.contentTooLarge, .json, code: "PAYLOAD_TOO_LARGE", "A statement has at most \(limit / 1_048_576) MiB.")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            return Self.failure(.contentTooLarge, .json, code: "PAYLOAD_TOO_LARGE", "A statement has at most \(limit / 1_048_576) MiB.")
        }
        let origin = ClientOrigin(address: context.clientAddress, userAgent: request.headers[.userAgent])
        let requestContext = RequestContext(services: services, claims: claims, origin: origin)
        let fileName = request.uri.queryParameters["fileName"].map(String.init) ?? "upload"
        do {
            let access = try await requestContext.requireAccess(toWorkspace: context.parameters.get("workspaceId"))
            let upload = try await services.ledger.uploadImport(access, fileName: fileName, content: Array(buffer: body))
            let json: GraphQLValue = [
                "id": .string(upload.id.uuidString.lowercased()), "fileName": .string(upload.fileName),
                "format": .string(upload.format.rawValue), "status": .string(upload.status.rawValue),
            ]
            var bytes: [UInt8] = []
            JSON.write(json, to: &bytes)
            return Response(status: .created, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        } catch let failure as any DomainError {
            let status: HTTPResponse.Status = switch failure.code {
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            default: .badRequest
            }
            return Self.failure(status, .json, code: failure.code.rawValue, failure.message)
        } catch {
            services.logger.error("import upload failed", metadata: ["error": "\(String(reflecting: error))"])
            return Self.failure(.internalServerError, .json, code: ErrorCode.internalError.rawValue, "Internal server error.")
        }
    }
}
