import API
import Domain
import Foundation
import GraphQLEngine
import HTTPTypes
import Logging

/// The rate limit as the transports apply it: which buckets a request draws from, the charge before execution, the
/// refund after, and what the client is told (`extensions.cost` and the RateLimit header fields).
public struct RateLimitGate: Sendable {
    public let settings: RateLimitSettings
    public let limiter: any RateLimiter
    public let plans: WorkspacePlanCache
    let logger: Logger

    /// A gate charging `limiter` under `settings`.
    public init(settings: RateLimitSettings, limiter: any RateLimiter, plans: WorkspacePlanCache, logger: Logger) {
        self.settings = settings
        self.limiter = limiter
        self.plans = plans
        self.logger = logger
    }

    /// The caller's bucket (the user, or the client address when anonymous) and one per workspace the request names;
    /// none when rate limiting is off, so no plan is looked up for nothing.
    public func buckets(userID: UUID?, address: String?, workspaceIDs: [UUID]) async -> [RateLimitBucket] {
        guard settings.enabled else { return [] }
        var buckets: [RateLimitBucket]
        if let userID {
            buckets = [RateLimitBucket(kind: .user, id: userID.uuidString.lowercased(), policy: settings.user)]
        } else {
            buckets = [RateLimitBucket(kind: .address, id: address ?? "unknown", policy: settings.anonymous)]
        }
        if !workspaceIDs.isEmpty {
            let known = await plans.plans(of: workspaceIDs, logger: logger)
            for id in workspaceIDs {
                // Ids that name no workspace draw from no bucket: the request will find nothing there anyway.
                guard let plan = known[id] else { continue }
                buckets.append(RateLimitBucket(kind: .workspace, id: id.uuidString.lowercased(), policy: settings.policy(forPlan: plan)))
            }
        }
        return buckets
    }

    /// Charges `cost`; nil when rate limiting is switched off.
    public func acquire(cost: Int, from buckets: [RateLimitBucket]) async -> RateLimitDecision? {
        guard settings.enabled else { return nil }
        return await limiter.acquire(cost: cost, from: buckets)
    }

    /// Refunds what the request did not use.
    public func settle(requested: Int, actual: Int, buckets: [RateLimitBucket]) async {
        guard settings.enabled, actual < requested else { return }
        await limiter.refund(points: requested - actual, to: buckets)
    }

    /// `extensions.cost` in Shopify's shape, for the tightest bucket.
    public static func costExtension(requested: Int, actual: Int?, decision: RateLimitDecision?) -> GraphQLValue {
        var cost: [(String, GraphQLValue)] = [("requestedQueryCost", .int(requested))]
        cost.append(("actualQueryCost", actual.map { .int($0) } ?? .null))
        if let decision, let tightest = decision.tightest {
            // After a refund the bucket holds more than the decision saw; report what is certain.
            cost.append(("throttleStatus", .object(GraphQLObject([
                ("maximumAvailable", .int(tightest.bucket.policy.maximumAvailable)),
                ("currentlyAvailable", .int(tightest.currentlyAvailable)),
                ("restoreRate", .int(tightest.bucket.policy.restoreRate)),
            ]))))
        }
        return .object(GraphQLObject(cost))
    }

    /// The RateLimit-Policy and RateLimit fields (draft-ietf-httpapi-ratelimit-headers-09): one list member per bucket,
    /// named by its kind, with quota `q` and window `w` (seconds for an empty bucket to fill), remaining `r` and
    /// seconds until full `t`; quota units are query-cost points. Retry-After when refused.
    public static func headerFields(_ decision: RateLimitDecision) -> HTTPFields {
        var fields = HTTPFields()
        let names = decision.buckets.enumerated().map { index, status in
            status.bucket.kind == .workspace ? "workspace-\(index)" : status.bucket.kind.rawValue
        }
        fields[HTTPField.Name("RateLimit-Policy")!] = zip(names, decision.buckets).map { name, status in
            "\"\(name)\";q=\(status.bucket.policy.maximumAvailable);w=\(status.bucket.policy.windowSeconds)"
        }.joined(separator: ", ")
        fields[HTTPField.Name("RateLimit")!] = zip(names, decision.buckets).map { name, status in
            "\"\(name)\";r=\(status.currentlyAvailable);t=\(status.resetSeconds)"
        }.joined(separator: ", ")
        if !decision.admitted { fields[.retryAfter] = String(decision.retryAfterSeconds) }
        return fields
    }

    /// The RATE_LIMITED error of a refused request.
    public static func refusal(_ decision: RateLimitDecision, cost: Int) -> GraphQLError {
        let tightest = decision.tightest
        if let smallest = decision.buckets.map(\.bucket.policy.maximumAvailable).min(), cost > smallest {
            return GraphQLError(
                "Rate limit exceeded: this query costs \(cost) points, more than the \(smallest) points its budget ever holds; "
                    + "ask for less (smaller `first`, fewer fields).",
                extensions: ["code": ErrorCode.rateLimited.rawValue])
        }
        let available = tightest.map { "\($0.currentlyAvailable) of \($0.bucket.policy.maximumAvailable)" } ?? "none"
        return GraphQLError(
            "Rate limit exceeded: this query costs \(cost) points and \(available) are available; retry after "
                + "\(decision.retryAfterSeconds) s, or ask for less (smaller `first`, fewer fields).",
            extensions: ["code": ErrorCode.rateLimited.rawValue])
    }
}
