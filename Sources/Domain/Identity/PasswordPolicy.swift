import Foundation

/// What a new password must be. `.default` asks for length (12+); `.classic` for 8+ with four character classes.
/// Both refuse common passwords, the e-mail address or name, and more than 128 characters.
public struct PasswordPolicy: Sendable, Equatable {
    /// Fewest characters.
    public var minimumLength: Int
    /// Most characters (Argon2 takes any length, but a limit keeps requests small).
    public var maximumLength: Int
    /// Whether an upper-case and a lower-case letter, a digit and a special character are all required.
    public var requiresCharacterClasses: Bool

    /// A policy with explicit rules.
    public init(minimumLength: Int, maximumLength: Int = 128, requiresCharacterClasses: Bool) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.requiresCharacterClasses = requiresCharacterClasses
    }

    /// At least 12 characters, any kind (NIST SP 800-63B style).
    public static let `default` = PasswordPolicy(minimumLength: 12, requiresCharacterClasses: false)

    /// At least 8 characters with upper- and lower-case letters, a digit and a special character.
    public static let classic = PasswordPolicy(minimumLength: 8, requiresCharacterClasses: true)

    /// Every rule `password` breaks, as short phrases for the user; empty when the password is acceptable.
    public func problems(password: String, email: String, displayName: String) -> [String] {
        var problems: [String] = []
        let length = password.count
        if length < minimumLength { problems.append("use at least \(minimumLength) characters") }
        if length > maximumLength { problems.append("use at most \(maximumLength) characters") }
        if requiresCharacterClasses {
            if !password.contains(where: \.isUppercase) { problems.append("add an upper-case letter") }
            if !password.contains(where: \.isLowercase) { problems.append("add a lower-case letter") }
            if !password.contains(where: \.isNumber) { problems.append("add a digit") }
            if !password.contains(where: { !$0.isLetter && !$0.isNumber && !$0.isWhitespace }) {
                problems.append("add a special character such as ! or #")
            }
        }
        if Self.isCommon(password) { problems.append("choose a less common password") }
        if isPersonal(password, email: email, displayName: displayName) {
            problems.append("do not use your e-mail address or name")
        }
        return problems
    }

    /// Whether the password, lower-cased, or lower-cased without its trailing digits and symbols, is a common one.
    static func isCommon(_ password: String) -> Bool {
        let lower = password.lowercased()
        if commonPasswords.contains(lower) { return true }
        var stem = Substring(lower)
        while let last = stem.last, !last.isLetter { stem = stem.dropLast() }
        return stem.count < lower.count && stem.count >= 6 && commonPasswords.contains(String(stem))
    }

    private func isPersonal(_ password: String, email: String, displayName: String) -> Bool {
        let lower = password.lowercased().trimmingCharacters(in: .whitespaces)
        let email = EmailAddress.normalized(email)
        var personal: Set<String> = [email, displayName.trimmingCharacters(in: .whitespaces).lowercased()]
        if let local = email.split(separator: "@").first { personal.insert(String(local)) }
        personal.insert(displayName.lowercased().filter { !$0.isWhitespace })
        personal.remove("")
        return personal.contains(lower)
    }
}
