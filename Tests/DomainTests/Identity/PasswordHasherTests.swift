import Domain
import Testing

@Suite struct PasswordHasherTests {
    @Test func hashThenVerifyRoundTrips() throws {
        let hasher = PasswordHasher(parameters: .standard)
        let encoded = try hasher.hash("violet tractor sings at noon")
        #expect(encoded.hasPrefix("$argon2id$v=19$m=\(Argon2Parameters.standard.memoryKiB),t=\(Argon2Parameters.standard.timeCost),p="))
        #expect(hasher.verify("violet tractor sings at noon", against: encoded))
    }

    @Test func wrongPasswordDoesNotVerify() throws {
        let hasher = PasswordHasher(parameters: IdentityFixture.testArgon2)
        let encoded = try hasher.hash("violet tractor sings at noon")
        #expect(!hasher.verify("violet tractor sings at noon ", against: encoded))
        #expect(!hasher.verify("", against: encoded))
    }

    @Test func theSamePasswordGetsAFreshSaltEachTime() throws {
        let hasher = PasswordHasher(parameters: IdentityFixture.testArgon2)
        #expect(try hasher.hash("same password here") != hasher.hash("same password here"))
    }

    @Test(arguments: ["", "not a hash", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "$argon2id$v=19$m=1024,t=1,p=1$bad"])
    func malformedHashesDoNotVerify(encoded: String) {
        #expect(!PasswordHasher(parameters: IdentityFixture.testArgon2).verify("anything", against: encoded))
    }

    @Test func aHashVerifiesWhateverTheCurrentParameters() throws {
        let encoded = try PasswordHasher(parameters: IdentityFixture.testArgon2).hash("old parameters pass")
        #expect(PasswordHasher(parameters: .standard).verify("old parameters pass", against: encoded))
    }

    @Test func aHashOfOtherSettingsNeedsARehash() throws {
        let current = PasswordHasher(parameters: IdentityFixture.testArgon2)
        #expect(!current.needsRehash(try current.hash("current settings")))
        let older = Argon2Parameters(timeCost: 2, memoryKiB: 512, parallelism: 1)
        #expect(current.needsRehash(try PasswordHasher(parameters: older).hash("older settings")))
        for malformed in ["", "not a hash", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=16$m=1024,t=1,p=1$c2FsdA$aGFzaA",
                          "$argon2id$v=19$m=1024,t=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=1024,t=x,p=1$c2FsdA$aGFzaA"] {
            #expect(current.needsRehash(malformed), "\(malformed)")
        }
    }
}
