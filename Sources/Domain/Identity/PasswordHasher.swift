import CArgon2
import Foundation

/// Hashes and checks passwords with Argon2id (libargon2), as PHC strings.
public struct PasswordHasher: Sendable {
    public let parameters: Argon2Parameters
    static let saltLength = 16
    static let hashLength = 32

    /// A hasher that makes new hashes with `parameters`; verification reads the parameters from each hash.
    public init(parameters: Argon2Parameters = .standard) {
        self.parameters = parameters
    }

    /// The PHC string (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`) of `password` with a fresh random salt.
    public func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: Self.saltLength)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let length = argon2_encodedlen(
            parameters.timeCost, parameters.memoryKiB, parameters.parallelism, UInt32(salt.count), UInt32(Self.hashLength),
            Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let bytes = Array(password.utf8)
        let status = bytes.withUnsafeBytes { passwordBuffer in
            argon2id_hash_encoded(
                parameters.timeCost, parameters.memoryKiB, parameters.parallelism,
                passwordBuffer.baseAddress, passwordBuffer.count, salt, salt.count, Self.hashLength,
                &encoded, length)
        }
        guard status == ARGON2_OK.rawValue else {
            throw PasswordHashingError(status: status, message: String(cString: argon2_error_message(status)))
        }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches the PHC string `encoded`; false for a malformed hash. Constant-time in libargon2.
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard encoded.hasPrefix("$argon2id$") else { return false }
        let bytes = Array(password.utf8)
        let status = bytes.withUnsafeBytes { passwordBuffer in
            argon2id_verify(encoded, passwordBuffer.baseAddress, passwordBuffer.count)
        }
        return status == ARGON2_OK.rawValue
    }

    /// Whether `encoded` was made with other settings than this hasher's (Argon2 version 19, `parameters`), so a login
    /// that just verified it should store a new hash. A string that does not parse needs one too.
    public func needsRehash(_ encoded: String) -> Bool {
        // $argon2id$v=19$m=24576,t=3,p=1$salt$hash
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].isEmpty, parts[1] == "argon2id", parts[2] == "v=19" else { return true }
        var settings: [Substring: UInt32] = [:]
        for pair in parts[3].split(separator: ",") {
            let halves = pair.split(separator: "=", maxSplits: 1)
            guard halves.count == 2, let value = UInt32(halves[1]) else { return true }
            settings[halves[0]] = value
        }
        return settings != ["m": parameters.memoryKiB, "t": parameters.timeCost, "p": parameters.parallelism]
    }

    /// A hash of a random password with the current parameters, for a verify that costs as much as a real one when
    /// the e-mail is unknown.
    static func dummyHash(parameters: Argon2Parameters) -> String {
        (try? PasswordHasher(parameters: parameters).hash(UUID().uuidString)) ?? ""
    }
}

/// libargon2 refused to hash (bad parameters or no memory).
public struct PasswordHashingError: Error, CustomStringConvertible {
    public let status: Int32
    public let message: String
    public var description: String { "argon2 failed (\(status)): \(message)" }
}
