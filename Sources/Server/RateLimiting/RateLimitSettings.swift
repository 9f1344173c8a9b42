import Foundation

/// Which budgets apply: one per signed-in user, one per client address for anonymous callers, and one per workspace a
/// request names, sized by the workspace's plan (`control.workspaces.plan`).
public struct RateLimitSettings: Sendable, Equatable {
    public var enabled: Bool
    public var user: RateLimitPolicy
    public var anonymous: RateLimitPolicy
    /// Per plan name (FREE, PRO, ...); a plan not listed takes `defaultPlan`.
    public var plans: [String: RateLimitPolicy]
    public var defaultPlan: RateLimitPolicy

    /// Settings from their parts.
    public init(
        enabled: Bool = true, user: RateLimitPolicy, anonymous: RateLimitPolicy, plans: [String: RateLimitPolicy],
        defaultPlan: RateLimitPolicy
    ) {
        self.enabled = enabled
        self.user = user
        self.anonymous = anonymous
        self.plans = plans
        self.defaultPlan = defaultPlan
    }

    /// The policy of a workspace on `plan`.
    public func policy(forPlan plan: String) -> RateLimitPolicy { plans[plan.uppercased()] ?? defaultPlan }

    /// Parses `PLAN=MAX/RATE,...` (RATE_LIMIT_PLANS); the error completes "the value ...".
    public static func parsePlans(_ text: String) -> Result<[String: RateLimitPolicy], PlanListError> {
        var plans: [String: RateLimitPolicy] = [:]
        for entry in text.split(separator: ",") {
            let pair = entry.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let policy = RateLimitPolicy(parsing: pair[1]) else {
                return .failure(PlanListError(entry: String(entry)))
            }
            plans[pair[0].trimmingCharacters(in: .whitespaces).uppercased()] = policy
        }
        return .success(plans)
    }

    /// An entry of RATE_LIMIT_PLANS that is not `PLAN=MAX/RATE`.
    public struct PlanListError: Error, Equatable {
        public let entry: String
    }
}
