import Domain
import GraphQLEngine

extension GraphQLError {
    /// The GraphQL error for a domain failure: its message, `extensions.code`, and the input field at fault.
    public init(domain failure: any DomainError) {
        var extensions = ["code": failure.code.rawValue]
        if let field = failure.field { extensions["field"] = field }
        self.init(failure.message, extensions: extensions)
    }
}

extension APIError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError { GraphQLError(domain: self) }
}

extension TenancyError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError { GraphQLError(domain: self) }
}

extension LedgerError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError { GraphQLError(domain: self) }
}

extension FXError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError { GraphQLError(domain: self) }
}

extension RecurrenceRuleError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError { GraphQLError(domain: self) }
}

extension AdminError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError { GraphQLError(domain: self) }
}

extension NotificationError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError { GraphQLError(domain: self) }
}

extension IdentityError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError {
        var error = GraphQLError(domain: self)
        if let retryAfter { error.extensions["retryAfterSeconds"] = String(max(1, retryAfter.components.seconds)) }
        return error
    }
}
