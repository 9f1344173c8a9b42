import Domain
import Testing

@Suite struct PasswordPolicyTests {
    let email = "ada.lovelace@example.com"
    let name = "Ada Lovelace"

    @Test func defaultPolicyAcceptsALongUncommonPassphrase() {
        #expect(PasswordPolicy.default.problems(password: "violet tractor sings at noon", email: email, displayName: name).isEmpty)
    }

    @Test(arguments: ["short", "elevenchars"])
    func defaultPolicyRefusesFewerThanTwelveCharacters(password: String) {
        let problems = PasswordPolicy.default.problems(password: password, email: email, displayName: name)
        #expect(problems.contains { $0.contains("at least 12") })
    }

    @Test func bothPoliciesRefuseMoreThan128Characters() {
        let long = String(repeating: "xq7!Zb", count: 22)
        #expect(PasswordPolicy.default.problems(password: long, email: email, displayName: name).contains { $0.contains("at most 128") })
        #expect(PasswordPolicy.classic.problems(password: long, email: email, displayName: name).contains { $0.contains("at most 128") })
    }

    @Test(arguments: ["password1234", "qwertyuiop123", "iloveyou2024!", "Baseball!!!!1", "1234567890"])
    func defaultPolicyRefusesCommonPasswords(password: String) {
        let problems = PasswordPolicy.default.problems(password: password, email: email, displayName: name)
        #expect(problems.contains { $0.contains("common") })
    }

    @Test func classicPolicyRequiresEveryCharacterClass() {
        let policy = PasswordPolicy.classic
        #expect(policy.problems(password: "Tr4ct0r!Zq", email: email, displayName: name).isEmpty)
        #expect(policy.problems(password: "tr4ct0r!zq", email: email, displayName: name) == ["add an upper-case letter"])
        #expect(policy.problems(password: "TR4CT0R!ZQ", email: email, displayName: name) == ["add a lower-case letter"])
        #expect(policy.problems(password: "Tractor!Zq", email: email, displayName: name) == ["add a digit"])
        #expect(policy.problems(password: "Tr4ct0rXZq", email: email, displayName: name) == ["add a special character such as ! or #"])
        #expect(policy.problems(password: "Tr4!z", email: email, displayName: name).contains { $0.contains("at least 8") })
    }

    @Test func classicPolicyRefusesCommonPasswordsThatPassTheClassRules() {
        #expect(PasswordPolicy.classic.problems(password: "Password1!", email: email, displayName: name).contains { $0.contains("common") })
    }

    @Test func bothPoliciesRefuseTheEmailOrTheName() {
        for policy in [PasswordPolicy.default, .classic] {
            #expect(policy.problems(password: email.uppercased(), email: email, displayName: name).contains { $0.contains("e-mail") })
            #expect(policy.problems(password: "Ada Lovelace", email: email, displayName: "Ada Lovelace").contains { $0.contains("name") })
            #expect(policy.problems(password: "ada.lovelace", email: email, displayName: "Someone Else").contains { $0.contains("name") })
        }
    }
}
