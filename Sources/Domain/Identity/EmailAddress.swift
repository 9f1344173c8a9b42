import Foundation

/// Checks and normalises e-mail addresses for registration and login.
enum EmailAddress {
    /// The address trimmed; throws `invalidEmail` when it is not a plausible address or uses a disposable domain.
    static func validated(_ raw: String) throws(IdentityError) -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty else { throw .invalidEmail("Enter an e-mail address.") }
        guard email.utf8.count <= 254 else { throw .invalidEmail("The e-mail address is too long.") }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty
        else { throw .invalidEmail("The e-mail address is not valid.") }
        let forbidden = Set<Character>(" \t\r\n<>()[],;:\\\"")
        guard !email.contains(where: { forbidden.contains($0) || $0.isASCII && $0.asciiValue! < 0x20 }) else {
            throw .invalidEmail("The e-mail address is not valid.")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
        else { throw .invalidEmail("The e-mail address is not valid.") }
        let lowerDomain = domain.lowercased()
        let domainLabels = lowerDomain.split(separator: ".")
        // The domain and every parent domain of it (mail.mailinator.com is mailinator.com).
        for start in 0..<(domainLabels.count - 1) {
            if DisposableDomains.all.contains(domainLabels[start...].joined(separator: ".")) {
                throw .invalidEmail("Disposable e-mail addresses are not accepted; use an address you keep.")
            }
        }
        return email
    }

    /// The lower-cased, trimmed address: the key of throttling and of `lower(email)` look-ups.
    static func normalized(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
