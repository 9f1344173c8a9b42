import Domain
import GraphQLEngine

extension GraphQLError {
    /// The GraphQL error for a domain failure: its message, with `extensions.code` (and the input field, if any).
    public init(_ failure: any DomainError) {
        var extensions = ["code": failure.code.rawValue]
        if let field = failure.field { extensions["field"] = field }
        self.init(failure.message, extensions: extensions)
    }
}
