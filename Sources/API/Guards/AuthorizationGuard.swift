import Domain
import GraphQLEngine

/// Enforces schema.graphql's `@authenticated`, `@requires(role:)` and `@requiresPlatform(role:)` before a field
/// resolves (the engine's guard hook). A denied field is null with an error at its path; the rest of the response
/// stands.
///
/// `@requires` reads the workspace from the field's parent when it is a `Workspace`, else from the field's
/// `workspaceId` argument: a caller with no access at all gets NOT_FOUND, exactly as for an unknown id, and a caller
/// whose access is too weak gets FORBIDDEN.
public struct AuthorizationGuard: FieldGuard {
    public let directiveNames: Set<String> = ["authenticated", "requires", "requiresPlatform"]

    /// The guard; it holds no state, everything comes with the request context.
    public init() {}

    public func check(field: FieldDefinitionModel, directives: [Directive], input: FieldInput) async -> GraphQLError? {
        guard let context = input.context as? RequestContext else {
            return GraphQLError("Internal error: the request has no context.", extensions: ["code": ErrorCode.internalError.rawValue])
        }
        for directive in directives {
            if var denial = await check(directive, field: field, input: input, context: context) {
                // Tells clients (and the role-matrix tests) which directive refused, apart from the resolvers' own errors.
                denial.extensions["guard"] = directive.name.value
                return denial
            }
        }
        return nil
    }

    private func check(_ directive: Directive, field: FieldDefinitionModel, input: FieldInput, context: RequestContext) async -> GraphQLError? {
        do {
            switch directive.name.value {
            case "authenticated":
                _ = try await context.requireUser()
            case "requiresPlatform":
                let user = try await context.requireUser()
                guard let needed = Self.enumArgument(directive).flatMap(PlatformRole.init(rawValue:)) else { return Self.misconfigured(field) }
                guard user.platformRole.satisfies(needed) else {
                    return GraphQLError(domain: APIError(.forbidden, "This needs the platform role \(needed.rawValue)."))
                }
            case "requires":
                guard let needed = Self.enumArgument(directive).flatMap(AccessRole.init(rawValue:)) else { return Self.misconfigured(field) }
                let access: WorkspaceAccess
                if let node = input.source as? WorkspaceNode {
                    access = node.access
                } else {
                    access = try await context.requireAccess(toWorkspace: input.arguments.string("workspaceId"))
                }
                guard access.role.satisfies(needed) else {
                    return GraphQLError(domain: APIError(
                        .forbidden, "Your access to this workspace is \(access.role.rawValue); \(field.name) needs \(needed.rawValue)."))
                }
            default:
                break
            }
            return nil
        } catch let error as any GraphQLErrorConvertible {
            return error.graphQLError
        } catch {
            context.services.logger.error("guard failed", metadata: ["field": "\(field.name)", "error": "\(error)"])
            return GraphQLError("Internal server error.", extensions: ["code": ErrorCode.internalError.rawValue])
        }
    }

    static func enumArgument(_ directive: Directive) -> String? {
        guard let argument = directive.arguments.first(where: { $0.name.value == "role" }), case .enumValue(let name, _) = argument.value else {
            return nil
        }
        return name
    }

    static func misconfigured(_ field: FieldDefinitionModel) -> GraphQLError {
        GraphQLError("Internal error: \(field.name) has a guard directive without a valid role.", extensions: ["code": ErrorCode.internalError.rawValue])
    }
}
