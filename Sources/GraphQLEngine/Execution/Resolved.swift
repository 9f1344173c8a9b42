/// What a resolver hands back, to be completed against the field's type (spec 6.4.3).
public enum Resolved: Sendable {
    /// No value.
    case null
    /// JSON-like data: a leaf value, or lists and objects whose fields resolve by key.
    case value(GraphQLValue)
    /// A source object for an object, interface or union type; its type's resolvers read it.
    /// For abstract types, `type` names the runtime object type (else the schema's type
    /// resolver decides).
    case object(any Sendable, type: String? = nil)
    /// A list of resolved items.
    case list([Resolved])

    /// A string value.
    public static func string(_ s: String) -> Resolved { .value(.string(s)) }
    /// An integer value.
    public static func int(_ i: Int) -> Resolved { .value(.int(i)) }
    /// A floating-point value.
    public static func float(_ d: Double) -> Resolved { .value(.float(d)) }
    /// A boolean value.
    public static func bool(_ b: Bool) -> Resolved { .value(.bool(b)) }
    /// An optional string value.
    public static func string(_ s: String?) -> Resolved { s.map { .value(.string($0)) } ?? .null }
}

/// Everything a resolver receives.
public struct FieldInput: Sendable {
    /// The parent object: an opaque source, or a `GraphQLObject` for JSON-like data.
    public let source: any Sendable
    /// The field's arguments after coercion (spec 6.4.1); absent optional arguments are
    /// missing, not null.
    public let arguments: GraphQLObject
    /// The per-request context the application passed to `execute`.
    public let context: any Sendable
    /// Where in the operation the field stands.
    public let info: ResolveInfo

    /// The source as the type the resolver expects.
    public func source<T>(as type: T.Type) throws(GraphQLError) -> T {
        guard let typed = source as? T else {
            throw GraphQLError("Internal error: \(info.parentType).\(info.fieldName) received a \(Swift.type(of: source)), not a \(T.self).")
        }
        return typed
    }

    /// The request context as the type the application gave.
    public func context<T>(as type: T.Type) throws(GraphQLError) -> T {
        guard let typed = context as? T else {
            throw GraphQLError("Internal error: the request context is a \(Swift.type(of: context)), not a \(T.self).")
        }
        return typed
    }
}

/// The position of a field being resolved. Cheap to make: it holds references, and the
/// path is only spelled out when asked for.
public struct ResolveInfo: Sendable {
    let request: RequestInfo
    let parentPath: ResponsePath
    let responseKey: String
    /// The field's name in the schema.
    public let fieldName: String
    /// The name of the object type the field belongs to.
    public let parentType: String
    /// The field nodes merged into this field (more than one when selected repeatedly).
    public let fieldNodes: [Field]

    /// The response path to this field.
    public var path: [PathElement] { parentPath.elements + [.key(responseKey)] }
    /// The operation being executed.
    public var operation: OperationDefinition { request.operation }
    /// The request's coerced variable values.
    public var variables: GraphQLObject { request.variables }
    /// The per-request batch loaders.
    public var loaders: LoaderRegistry { request.loaders }
}

/// What every field of one request shares.
final class RequestInfo: Sendable {
    let operation: OperationDefinition
    let variables: GraphQLObject
    let loaders: LoaderRegistry

    init(operation: OperationDefinition, variables: GraphQLObject, loaders: LoaderRegistry) {
        self.operation = operation
        self.variables = variables
        self.loaders = loaders
    }
}

/// A resolver: synchronous ones run inline, with no task per field; asynchronous ones
/// run concurrently with their siblings.
public enum FieldResolver: Sendable {
    case sync(@Sendable (FieldInput) throws -> Resolved)
    case async(@Sendable (FieldInput) async throws -> Resolved)
}

/// A response path as a linked list, so that recording a position costs one small node.
final class ResponsePath: Sendable {
    let parent: ResponsePath?
    let element: PathElement?

    init(parent: ResponsePath?, element: PathElement?) {
        self.parent = parent
        self.element = element
    }

    static let root = ResponsePath(parent: nil, element: nil)

    func appending(_ element: PathElement) -> ResponsePath {
        ResponsePath(parent: self, element: element)
    }

    var elements: [PathElement] {
        var result: [PathElement] = []
        var node: ResponsePath? = self
        while let current = node {
            if let element = current.element { result.append(element) }
            node = current.parent
        }
        return result.reversed()
    }
}
