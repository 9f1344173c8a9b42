/// A named type of a schema (spec 3.4): the case says its kind.
public enum GraphQLNamedType: Sendable {
    case scalar(ScalarType)
    case object(ObjectType)
    case interface(ObjectType)
    case union(UnionType)
    case enumType(EnumType)
    case inputObject(InputObjectType)

    public var name: String {
        switch self {
        case .scalar(let t): return t.name
        case .object(let t), .interface(let t): return t.name
        case .union(let t): return t.name
        case .enumType(let t): return t.name
        case .inputObject(let t): return t.name
        }
    }

    public var description: String? {
        switch self {
        case .scalar(let t): return t.description
        case .object(let t), .interface(let t): return t.description
        case .union(let t): return t.description
        case .enumType(let t): return t.description
        case .inputObject(let t): return t.description
        }
    }

    /// The object or interface type, when this is one.
    public var fieldsType: ObjectType? {
        switch self {
        case .object(let t), .interface(let t): return t
        default: return nil
        }
    }

    /// Input types may be used for arguments and variables (spec 3.4.2).
    public var isInputType: Bool {
        switch self {
        case .scalar, .enumType, .inputObject: return true
        default: return false
        }
    }

    /// Output types may be used for fields (spec 3.4.2).
    public var isOutputType: Bool {
        switch self {
        case .inputObject: return false
        default: return true
        }
    }

    /// Composite types have selection sets: objects, interfaces and unions.
    public var isCompositeType: Bool {
        switch self {
        case .object, .interface, .union: return true
        default: return false
        }
    }

    /// Abstract types need a runtime object type: interfaces and unions.
    public var isAbstractType: Bool {
        switch self {
        case .interface, .union: return true
        default: return false
        }
    }

    /// Leaf types are serialised directly: scalars and enums.
    public var isLeafType: Bool {
        switch self {
        case .scalar, .enumType: return true
        default: return false
        }
    }
}

/// A scalar type; `specifiedByURL` comes from `@specifiedBy`.
public final class ScalarType: Sendable {
    public let name: String
    public let description: String?
    public let specifiedByURL: String?
    public let directives: [Directive]

    init(name: String, description: String?, specifiedByURL: String?, directives: [Directive]) {
        self.name = name
        self.description = description
        self.specifiedByURL = specifiedByURL
        self.directives = directives
    }
}

/// An object or interface type: named fields, and the interfaces it implements.
public final class ObjectType: Sendable {
    public let name: String
    public let description: String?
    public let fields: [FieldDefinitionModel]
    public let interfaces: [Int]
    public let directives: [Directive]
    let fieldIndex: [String: Int]

    init(
        name: String, description: String?, fields: [FieldDefinitionModel], interfaces: [Int],
        directives: [Directive]
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
        self.directives = directives
        var index: [String: Int] = [:]
        index.reserveCapacity(fields.count)
        for (i, f) in fields.enumerated() where index[f.name] == nil { index[f.name] = i }
        self.fieldIndex = index
    }

    /// The field of this name, if the type defines one.
    public func field(named name: String) -> FieldDefinitionModel? {
        fieldIndex[name].map { fields[$0] }
    }
}

/// A field of an object or interface type. A class, so that the validator and executor
/// pass it around at the cost of one reference count rather than one per member.
public final class FieldDefinitionModel: Sendable {
    public let name: String
    public let description: String?
    public let arguments: [InputValueModel]
    public let type: TypeRef
    public let deprecationReason: String?
    public let directives: [Directive]
    /// Where the field was defined in the SDL, for schema errors.
    public let loc: Location

    init(
        name: String, description: String?, arguments: [InputValueModel], type: TypeRef,
        deprecationReason: String?, directives: [Directive], loc: Location
    ) {
        self.name = name
        self.description = description
        self.arguments = arguments
        self.type = type
        self.deprecationReason = deprecationReason
        self.directives = directives
        self.loc = loc
    }

    /// The argument of this name, if defined.
    public func argument(named name: String) -> InputValueModel? {
        arguments.first { $0.name == name }
    }
}

/// An argument or an input object field.
public struct InputValueModel: Sendable {
    public let name: String
    public let description: String?
    public let type: TypeRef
    public let defaultValue: Value?
    public let deprecationReason: String?
    public let directives: [Directive]
    public let loc: Location

    /// Required: non-null and without a default (spec 3.6.1, 5.4.2.1).
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}

/// A union of object types.
public final class UnionType: Sendable {
    public let name: String
    public let description: String?
    public let members: [Int]
    public let directives: [Directive]

    init(name: String, description: String?, members: [Int], directives: [Directive]) {
        self.name = name
        self.description = description
        self.members = members
        self.directives = directives
    }
}

/// An enum type and its values.
public final class EnumType: Sendable {
    public let name: String
    public let description: String?
    public let values: [EnumValueModel]
    public let directives: [Directive]
    let valueIndex: [String: Int]

    init(name: String, description: String?, values: [EnumValueModel], directives: [Directive]) {
        self.name = name
        self.description = description
        self.values = values
        self.directives = directives
        var index: [String: Int] = [:]
        for (i, v) in values.enumerated() where index[v.name] == nil { index[v.name] = i }
        self.valueIndex = index
    }

    /// The value of this name, if defined.
    public func value(named name: String) -> EnumValueModel? {
        valueIndex[name].map { values[$0] }
    }
}

public struct EnumValueModel: Sendable {
    public let name: String
    public let description: String?
    public let deprecationReason: String?
    public let directives: [Directive]
    public let loc: Location
}

/// An input object type; `isOneOf` when marked `@oneOf` (exactly one field must be given).
public final class InputObjectType: Sendable {
    public let name: String
    public let description: String?
    public let fields: [InputValueModel]
    public let isOneOf: Bool
    public let directives: [Directive]
    let fieldIndex: [String: Int]

    init(
        name: String, description: String?, fields: [InputValueModel], isOneOf: Bool,
        directives: [Directive]
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.isOneOf = isOneOf
        self.directives = directives
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() where index[f.name] == nil { index[f.name] = i }
        self.fieldIndex = index
    }

    /// The field of this name, if defined.
    public func field(named name: String) -> InputValueModel? {
        fieldIndex[name].map { fields[$0] }
    }
}

/// A directive the schema knows (spec 3.13).
public struct DirectiveModel: Sendable {
    public let name: String
    public let description: String?
    public let locations: [DirectiveLocation]
    public let arguments: [InputValueModel]
    public let isRepeatable: Bool

    /// The argument of this name, if defined.
    public func argument(named name: String) -> InputValueModel? {
        arguments.first { $0.name == name }
    }
}
