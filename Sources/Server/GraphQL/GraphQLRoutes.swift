import API
import Domain
import Foundation
import GraphQLEngine
import Hummingbird

/// Where GraphQL is served.
public enum GraphQLPath {
    public static let endpoint = "/graphql"
}

extension Router where Context == APIRequestContext {
    /// Adds GraphQL over HTTP: POST for every operation, GET for queries only.
    func addGraphQLRoutes(_ endpoint: GraphQLEndpoint) {
        post(RouterPath(GraphQLPath.endpoint)) { request, context in await endpoint.respond(to: request, context: context, isGet: false) }
        get(RouterPath(GraphQLPath.endpoint)) { request, context in await endpoint.respond(to: request, context: context, isGet: true) }
    }
}

extension GraphQLEndpoint {
    /// Answers one GraphQL-over-HTTP request: media type, credentials, parameters, then the pipeline. Status codes
    /// follow the draft for application/graphql-response+json (200 when execution started, 400 when the request or the
    /// document was rejected, 405 for a mutation over GET); application/json gets 200 for every well-formed request.
    func respond(to request: Request, context: APIRequestContext, isGet: Bool) async -> Response {
        guard let mediaType = GraphQLMediaType.negotiate(accept: request.headers[.accept]) else {
            return Self.failure(
                .notAcceptable, .json, code: "NOT_ACCEPTABLE",
                "Accept application/graphql-response+json or application/json.")
        }
        let claims: AccessClaims?
        switch bearer(request.headers[.authorization]) {
        case .absent: claims = nil
        case .verified(let verified): claims = verified
        case .malformed: return Self.unauthorized(mediaType, "Send the access token as Authorization: Bearer <token>.")
        case .rejected: return Self.unauthorized(mediaType, "The access token is invalid or has expired; refresh it or sign in again.")
        }
        let graphQLRequest: GraphQLRequest
        switch isGet ? Self.parameters(of: request) : await parameters(ofBody: request) {
        case .success(let parsed): graphQLRequest = parsed
        case .failure(let failure): return Self.failure(failure.status, mediaType, code: failure.code, failure.message)
        }
        let origin = ClientOrigin(address: context.clientAddress, userAgent: request.headers[.userAgent])
        let requestContext = RequestContext(services: services, claims: claims, origin: origin)
        let prepared: PreparedRequest
        switch service.prepare(graphQLRequest, allowMutations: !isGet) {
        case .ready(let ready): prepared = ready
        case .finished(let outcome): return Self.response(to: outcome, mediaType)
        }
        let requested = prepared.cost.requested
        let buckets = await rateLimit.buckets(
            userID: claims?.userID, address: context.clientAddress, workspaceIDs: prepared.workspaceIDs())
        let decision = await rateLimit.acquire(cost: requested, from: buckets)
        let limitHeaders = decision.map(RateLimitGate.headerFields) ?? [:]
        if let decision, !decision.admitted {
            let result = ExecutionResult(
                data: nil, errors: [RateLimitGate.refusal(decision, cost: requested)],
                extensions: ["cost": RateLimitGate.costExtension(requested: requested, actual: nil, decision: decision)])
            var response = Self.response(.tooManyRequests, mediaType, result.response)
            response.headers.append(contentsOf: limitHeaders)
            return response
        }
        var outcome = await service.run(prepared, context: requestContext)
        if case .executed(var result) = outcome {
            let actual = ActualCost.of(result.data)
            await rateLimit.settle(requested: requested, actual: actual, buckets: buckets)
            result.extensions = ["cost": RateLimitGate.costExtension(requested: requested, actual: actual, decision: decision)]
            outcome = .executed(result)
        }
        var response = Self.response(to: outcome, mediaType)
        response.headers.append(contentsOf: limitHeaders)
        return response
    }

    /// The HTTP response for a pipeline outcome: 200 when executed; 400 (application/json: 200) when rejected; 405
    /// with Allow for a mutation over GET.
    static func response(to outcome: GraphQLOutcome, _ mediaType: GraphQLMediaType) -> Response {
        switch outcome {
        case .executed(let result):
            return Self.response(.ok, mediaType, result.response)
        case .rejected(let errors):
            let status: HTTPResponse.Status = mediaType == .graphQLResponse ? .badRequest : .ok
            return Self.response(status, mediaType, ExecutionResult(data: nil, errors: errors).response)
        case .methodNotAllowed(let errors):
            var response = Self.response(.methodNotAllowed, mediaType, ExecutionResult(data: nil, errors: errors).response)
            response.headers[.allow] = "POST"
            return response
        }
    }

    /// What an `Authorization` header proves.
    enum Bearer {
        case absent
        case verified(AccessClaims)
        /// Not `Bearer <token>`.
        case malformed
        /// A token that does not verify (garbage, expired, unknown key).
        case rejected
    }

    /// Reads and verifies `Authorization: Bearer <token>`; shared by every route that takes a caller.
    func bearer(_ authorization: String?) -> Bearer {
        guard let authorization else { return .absent }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { return .malformed }
        guard let claims = try? services.identity.authenticate(accessToken: String(parts[1].trimmingOptionalWhitespace)) else {
            return .rejected
        }
        return .verified(claims)
    }

    /// A request problem found before GraphQL: its status, code and message.
    struct RequestProblem: Error {
        let status: HTTPResponse.Status
        let code: String
        let message: String
    }

    /// GET: `query`, `operationName`, and `variables` and `extensions` as JSON text, from the URL.
    static func parameters(of request: Request) -> Result<GraphQLRequest, RequestProblem> {
        let query = request.uri.queryParameters
        func json(_ name: String) -> Result<GraphQLValue?, RequestProblem> {
            guard let text = query[Substring(name)] else { return .success(nil) }
            do {
                return .success(try JSON.parse(String(text), maxDepth: 64))
            } catch {
                return .failure(RequestProblem(status: .badRequest, code: "BAD_REQUEST", message: "\(name) is not valid JSON: \(error)."))
            }
        }
        let variables: GraphQLValue?
        let extensions: GraphQLValue?
        switch json("variables") {
        case .success(let v): variables = v
        case .failure(let f): return .failure(f)
        }
        switch json("extensions") {
        case .success(let e): extensions = e
        case .failure(let f): return .failure(f)
        }
        do {
            return .success(try GraphQLRequest(
                query: query["query"].map { .string(String($0)) }, operationName: query["operationName"].map { .string(String($0)) },
                variables: variables, extensions: extensions))
        } catch {
            return .failure(RequestProblem(status: .badRequest, code: "BAD_REQUEST", message: error.message))
        }
    }

    /// POST: a JSON body of at most `maxBodyBytes`, declared as application/json.
    func parameters(ofBody request: Request) async -> Result<GraphQLRequest, RequestProblem> {
        let contentType = request.headers[.contentType]?.split(separator: ";").first?.trimmingOptionalWhitespace.lowercased()
        guard contentType == "application/json" else {
            return .failure(RequestProblem(
                status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE",
                message: "Send the request as Content-Type: application/json."))
        }
        let tooLarge = RequestProblem(
            status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than \(maxBodyBytes) bytes.")
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBodyBytes { return .failure(tooLarge) }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            return .failure(tooLarge)
        }
        guard body.readableBytes > 0 else {
            return .failure(RequestProblem(status: .badRequest, code: "BAD_REQUEST", message: "The request body is empty."))
        }
        let value: GraphQLValue
        do {
            value = try JSON.parse(bytes: Array(buffer: body), maxDepth: 64)
        } catch {
            return .failure(RequestProblem(status: .badRequest, code: "BAD_REQUEST", message: "The body is not valid JSON: \(error)."))
        }
        do {
            return .success(try GraphQLRequest(body: value))
        } catch {
            return .failure(RequestProblem(status: .badRequest, code: "BAD_REQUEST", message: error.message))
        }
    }

    static func response(_ status: HTTPResponse.Status, _ mediaType: GraphQLMediaType, _ value: GraphQLValue) -> Response {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        JSON.write(value, to: &bytes)
        return Response(
            status: status,
            headers: [.contentType: mediaType.contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func failure(_ status: HTTPResponse.Status, _ mediaType: GraphQLMediaType, code: String, _ message: String) -> Response {
        response(status, mediaType, ExecutionResult(data: nil, errors: [GraphQLError(message, extensions: ["code": code])]).response)
    }

    static func unauthorized(_ mediaType: GraphQLMediaType, _ message: String) -> Response {
        var response = failure(.unauthorized, mediaType, code: ErrorCode.unauthenticated.rawValue, message)
        response.headers[.wwwAuthenticate] = #"Bearer error="invalid_token""#
        return response
    }
}
