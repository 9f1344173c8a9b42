@testable import Domain
import Redis
import Foundation
import Testing
import TestSupport

@Suite struct LoginThrottleTests {
    let password = IdentityFixture.strongPassword

    @Test(arguments: [true, false])
    func repeatedWrongPasswordsAreThrottled(useRedis: Bool) async throws {
        let service = try await IdentityFixture.service(useRedis: useRedis)
        let (email, id) = try await IdentityFixture.registeredUser(service)
        for _ in 0..<5 {
            let error = await identityError {
                _ = try await service.login(email: email, password: "wrong password, sorry", rememberMe: false, origin: .init(address: "192.0.2.30"))
            }
            #expect(error == .invalidCredentials)
        }
        // Even the right password is refused now, and the error says when to retry.
        let throttled = await identityError {
            _ = try await service.login(email: email, password: password, rememberMe: false, origin: .init(address: "192.0.2.31"))
        }
        #expect(throttled?.code == .rateLimited)
        let retryAfter = try #require(throttled?.retryAfter)
        #expect(retryAfter > .zero && retryAfter <= .seconds(15 * 60))
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.login_attempts WHERE user_id = \(id) AND success = false") == 5)
        #expect(try await IdentityFixture.auditCount("auth.login_failed", actor: id) == 5)
        // The count lives in Redis when Redis is used, and only in the process otherwise.
        let key = "\(service.throttle.settings.keyPrefix):account:\(LoginThrottle.accountKey(email: email))"
        #expect(try await IdentityFixture.redis.get(key) == (useRedis ? "5" : nil))
    }

    @Test func anUnreachableRedisFallsBackToInProcessCounting() async throws {
        let unreachable = RedisConnection(settings: RedisSettings(host: "127.0.0.1", port: 1, timeout: .milliseconds(200)))
        let throttle = LoginThrottle(
            redis: unreachable, settings: LoginThrottleSettings(maxFailuresPerAccount: 2), logger: TestStack.logger)
        let email = TestStack.uniqueEmail()
        #expect(await throttle.retryAfter(email: email, address: nil) == nil)
        await throttle.recordFailure(email: email, address: nil)
        #expect(await throttle.retryAfter(email: email, address: nil) == nil)
        await throttle.recordFailure(email: email.uppercased(), address: nil)
        let wait = try #require(await throttle.retryAfter(email: email, address: "192.0.2.99"))
        #expect(wait > .seconds(14 * 60) && wait <= .seconds(15 * 60))
        await throttle.recordSuccess(email: email)
        #expect(await throttle.retryAfter(email: email, address: nil) == nil)
    }

    @Test(arguments: [true, false])
    func aSuccessClearsTheAccountsFailures(useRedis: Bool) async throws {
        let service = try await IdentityFixture.service(useRedis: useRedis)
        let (email, _) = try await IdentityFixture.registeredUser(service)
        for round in 0..<2 {
            for _ in 0..<4 {
                _ = await identityError { _ = try await service.login(email: email, password: "nope nope nope", rememberMe: false, origin: .system) }
            }
            let (user, _) = try await service.login(email: email, password: password, rememberMe: false, origin: .system)
            #expect(user.email == email, "round \(round)")
        }
    }

    @Test(arguments: [true, false])
    func oneAddressTryingManyAccountsIsThrottled(useRedis: Bool) async throws {
        let service = try await IdentityFixture.service(useRedis: useRedis, throttle: LoginThrottleSettings(maxFailuresPerAddress: 3))
        let origin = ClientOrigin(address: "198.51.100.\(Int.random(in: 1...254))")
        for _ in 0..<3 {
            let error = await identityError {
                _ = try await service.login(email: TestStack.uniqueEmail("nobody"), password: "whatever it is", rememberMe: false, origin: origin)
            }
            #expect(error == .invalidCredentials)
        }
        let error = await identityError {
            _ = try await service.login(email: TestStack.uniqueEmail("nobody"), password: "whatever it is", rememberMe: false, origin: origin)
        }
        #expect(error?.code == .rateLimited)
    }

    @Test func unknownEmailsGetTheSameAnswerAndAreRecorded() async throws {
        let service = try await IdentityFixture.service()
        let (email, _) = try await IdentityFixture.registeredUser(service)
        let unknown = TestStack.uniqueEmail("ghost")
        let known = await identityError { _ = try await service.login(email: email, password: "wrong wrong wrong", rememberMe: false, origin: .system) }
        let missing = await identityError { _ = try await service.login(email: unknown, password: "wrong wrong wrong", rememberMe: false, origin: .system) }
        #expect(known == .invalidCredentials)
        #expect(missing == known)
        #expect(missing?.message == "The e-mail or password is wrong.")
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.login_attempts WHERE user_id IS NULL AND email_hash = sha256(convert_to(\(unknown), 'UTF8'))") == 1)
    }
}
