/// `schema { query: Q ... }` and `extend schema ...` (spec 3.3).
public struct SchemaDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var loc: Location
}

public struct OperationTypeDefinition: Sendable, Equatable {
    public var operation: OperationType
    public var type: NamedType
    public var loc: Location
}

/// A named type definition or extension (spec 3.4); the case says which kind.
public enum TypeDefinition: Sendable, Equatable {
    case scalar(ScalarTypeDefinition)
    case object(ObjectTypeDefinition)
    case interface(ObjectTypeDefinition)
    case union(UnionTypeDefinition)
    case enumType(EnumTypeDefinition)
    case inputObject(InputObjectTypeDefinition)

    public var name: Name {
        switch self {
        case .scalar(let d): return d.name
        case .object(let d), .interface(let d): return d.name
        case .union(let d): return d.name
        case .enumType(let d): return d.name
        case .inputObject(let d): return d.name
        }
    }

    public var directives: [Directive] {
        switch self {
        case .scalar(let d): return d.directives
        case .object(let d), .interface(let d): return d.directives
        case .union(let d): return d.directives
        case .enumType(let d): return d.directives
        case .inputObject(let d): return d.directives
        }
    }

    public var loc: Location {
        switch self {
        case .scalar(let d): return d.loc
        case .object(let d), .interface(let d): return d.loc
        case .union(let d): return d.loc
        case .enumType(let d): return d.loc
        case .inputObject(let d): return d.loc
        }
    }
}

public struct ScalarTypeDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var loc: Location
}

/// An object or interface type: both have fields and may implement interfaces.
public struct ObjectTypeDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var loc: Location
}

public struct FieldDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var type: TypeNode
    public var directives: [Directive]
    public var loc: Location
}

public struct InputValueDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var type: TypeNode
    public var defaultValue: Value?
    public var directives: [Directive]
    public var loc: Location
}

public struct UnionTypeDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var types: [NamedType]
    public var loc: Location
}

public struct EnumTypeDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var values: [EnumValueDefinition]
    public var loc: Location
}

public struct EnumValueDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var loc: Location
}

public struct InputObjectTypeDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var fields: [InputValueDefinition]
    public var loc: Location
}

public struct DirectiveDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var repeatable: Bool
    public var locations: [Name]
    public var loc: Location
}
