import Testing
@testable import Server

/// The algorithm's arithmetic on a fixed clock (microseconds).
@Suite struct GCRATests {
    let policy = RateLimitPolicy(maximumAvailable: 10, restoreRate: 2)  // 0.5 s per point

    @Test func admitsTheWholeBucketThenRefusesWithTheWait() {
        var tat: Double? = nil
        let now = 1_000_000_000.0
        for expected in stride(from: 7, through: 1, by: -3) {
            let decision = GCRA.decide(cost: 3, policies: [policy], tats: [tat], now: now)
            #expect(decision.admitted)
            #expect(decision.states[0].available == expected)
            tat = decision.newTATs[0]
        }
        let refused = GCRA.decide(cost: 3, policies: [policy], tats: [tat], now: now)
        #expect(!refused.admitted)
        #expect(refused.states[0].available == 1)
        // Two more points are needed: one second at two points a second.
        #expect(refused.retryAfterMicroseconds == 1_000_000)
        #expect(refused.newTATs == [tat!])
        let later = GCRA.decide(cost: 3, policies: [policy], tats: [tat], now: now + 1_000_000)
        #expect(later.admitted)
        #expect(later.states[0].available == 0)
    }

    @Test func aRequestMustFitEveryBucketAndIsChargedToAll() {
        let small = RateLimitPolicy(maximumAvailable: 2, restoreRate: 1)
        let now = 5_000_000.0
        let first = GCRA.decide(cost: 2, policies: [policy, small], tats: [nil, nil], now: now)
        #expect(first.admitted)
        #expect(first.states.map(\.available) == [8, 0])
        let second = GCRA.decide(cost: 1, policies: [policy, small], tats: first.newTATs.map { $0 }, now: now)
        #expect(!second.admitted)
        // The big bucket is not charged for a refused request.
        #expect(second.newTATs[0] == first.newTATs[0])
    }

    @Test func refundGivesPointsBackButNotBeyondFull() {
        let now = 0.0
        let spent = GCRA.decide(cost: 10, policies: [policy], tats: [nil], now: now).newTATs[0]
        let refunded = GCRA.refund(points: 4, policy: policy, tat: spent, now: now)
        #expect(GCRA.decide(cost: 0, policies: [policy], tats: [refunded], now: now).states[0].available == 4)
        #expect(GCRA.refund(points: 100, policy: policy, tat: spent, now: now) == now)
    }

    @Test func policiesParse() {
        #expect(RateLimitPolicy(parsing: "1000/50") == RateLimitPolicy(maximumAvailable: 1000, restoreRate: 50))
        #expect(RateLimitPolicy(parsing: "1000") == nil)
        #expect(RateLimitPolicy(parsing: "0/5") == nil)
        #expect(RateLimitPolicy(parsing: "a/b") == nil)
        #expect(RateLimitPolicy(maximumAvailable: 1000, restoreRate: 50).windowSeconds == 20)
        let plans = try? RateLimitSettings.parsePlans("free=10/1, PRO=20/2").get()
        #expect(plans?["FREE"] == RateLimitPolicy(maximumAvailable: 10, restoreRate: 1))
        #expect(plans?["PRO"] == RateLimitPolicy(maximumAvailable: 20, restoreRate: 2))
        #expect(throws: RateLimitSettings.PlanListError(entry: "PRO=x")) { try RateLimitSettings.parsePlans("FREE=1/1,PRO=x").get() }
    }
}
