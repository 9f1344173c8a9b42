import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// Query's fields.
    mutating func bindQuery() {
        root("Query", "me") { _, request in .object(try await request.requireUser()) }
        root("Query", "workspace") { arguments, request in
            .object(WorkspaceNode(access: try await request.requireAccess(toWorkspace: arguments.string("id"), argument: "id")))
        }
        root("Query", "admin") { _, _ in .object(AdminNode()) }
    }
}
