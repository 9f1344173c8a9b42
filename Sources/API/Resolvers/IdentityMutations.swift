import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// Accounts and sessions: register, verify, login, refresh, logout, passwords.
    mutating func bindIdentityMutations() {
        root("Mutation", "register") { arguments, request in
            let input = arguments.object("input") ?? [:]
            let outcome = try await request.services.identity.register(
                email: input.string("email") ?? "", password: input.string("password") ?? "",
                displayName: input.string("displayName") ?? "", origin: request.origin)
            return .value(["message": .string(outcome.message)])
        }
        root("Mutation", "verifyEmail") { arguments, request in
            .object(try await request.services.identity.verifyEmail(token: arguments.string("token") ?? "", origin: request.origin))
        }
        root("Mutation", "resendVerificationEmail") { _, request in
            try await request.services.identity.resendVerification(userID: try await request.requireUser().id)
            return .bool(true)
        }
        root("Mutation", "login") { arguments, request in
            let input = arguments.object("input") ?? [:]
            let (user, tokens) = try await request.services.identity.login(
                email: input.string("email") ?? "", password: input.string("password") ?? "",
                rememberMe: input.bool("rememberMe") ?? false, origin: request.origin)
            return .object(AuthNode(tokens: tokens, user: user))
        }
        root("Mutation", "refreshToken") { arguments, request in
            let identity = request.services.identity
            let tokens = try await identity.refresh(refreshToken: arguments.string("refreshToken") ?? "", origin: request.origin)
            let claims = try identity.authenticate(accessToken: tokens.accessToken)
            guard let user = try await identity.user(id: claims.userID) else { throw APIError.unauthenticated }
            return .object(AuthNode(tokens: tokens, user: user))
        }
        root("Mutation", "logout") { _, request in
            guard let claims = request.claims else { throw APIError.unauthenticated }
            try await request.services.identity.logout(userID: claims.userID, sessionID: claims.sessionID, origin: request.origin)
            return .bool(true)
        }
        root("Mutation", "revokeSession") { arguments, request in
            let user = try await request.requireUser()
            let revoked = try await request.services.identity.revokeSession(
                userID: user.id, sessionID: try arguments.id("sessionId"), origin: request.origin)
            guard revoked else { throw APIError(.notFound, "You have no live session with this id.", field: "sessionId") }
            return .bool(true)
        }
        root("Mutation", "requestPasswordReset") { arguments, request in
            try await request.services.identity.requestPasswordReset(email: arguments.string("email") ?? "", origin: request.origin)
            return .bool(true)
        }
        root("Mutation", "resetPassword") { arguments, request in
            try await request.services.identity.resetPassword(
                token: arguments.string("token") ?? "", newPassword: arguments.string("newPassword") ?? "", origin: request.origin)
            return .bool(true)
        }
        root("Mutation", "changePassword") { arguments, request in
            try await request.services.identity.changePassword(
                userID: try await request.requireUser().id, currentPassword: arguments.string("currentPassword") ?? "",
                newPassword: arguments.string("newPassword") ?? "", origin: request.origin)
            return .bool(true)
        }
    }
}
