import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// Platform admin actions; each is audited by the service.
    mutating func bindAdminMutations() {
        root("Mutation", "disableUser") { arguments, request in
            .object(try await request.services.admin.setDisabled(
                actor: try await request.requireUser(), userID: try arguments.id("userId"), disabled: true,
                reason: arguments.string("reason"), origin: request.origin))
        }
        root("Mutation", "enableUser") { arguments, request in
            .object(try await request.services.admin.setDisabled(
                actor: try await request.requireUser(), userID: try arguments.id("userId"), disabled: false, reason: nil, origin: request.origin))
        }
        root("Mutation", "setBusinessStatus") { arguments, request in
            .object(try await request.services.admin.setBusiness(
                actor: try await request.requireUser(), userID: try arguments.id("userId"),
                isBusiness: arguments.bool("isBusiness") ?? false, origin: request.origin))
        }
    }
}
