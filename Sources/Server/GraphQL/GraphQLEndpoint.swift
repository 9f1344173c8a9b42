import API
import Domain

/// What /graphql needs: the pipeline, the services behind it, and the HTTP limits.
public struct GraphQLEndpoint: Sendable {
    public let service: GraphQLService
    public let services: APIServices
    /// Largest request body accepted, in bytes.
    public let maxBodyBytes: Int
    /// Browser origins allowed by CORS.
    public let allowedOrigins: Set<String>
    /// Query-cost rate limits, for HTTP requests and subscriptions alike.
    public let rateLimit: RateLimitGate

    /// An endpoint over `service`.
    public init(service: GraphQLService, services: APIServices, maxBodyBytes: Int, allowedOrigins: [String], rateLimit: RateLimitGate) {
        self.service = service
        self.services = services
        self.maxBodyBytes = maxBodyBytes
        self.allowedOrigins = Set(allowedOrigins)
        self.rateLimit = rateLimit
    }
}
