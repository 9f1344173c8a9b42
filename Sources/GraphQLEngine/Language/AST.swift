/// Where a node stands in its source, as byte offsets. Locations never take part in AST
/// equality: two documents are equal when their structure is, wherever it was written.
public struct Location: Sendable, Hashable {
    public var start: Int
    public var end: Int

    /// A location spanning the byte offsets `start..<end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// A location for nodes made by code rather than parsed.
    public static let synthetic = Location(start: 0, end: 0)

    public static func == (lhs: Location, rhs: Location) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

/// A parsed GraphQL document (spec section 2.2) and the source it came from.
public struct Document: Sendable, Equatable {
    public var definitions: [Definition]
    public var loc: Location
    /// The source the document was parsed from; nil for documents built in code.
    public var source: Source?

    /// A document of `definitions`, optionally tied to the source it was parsed from.
    public init(definitions: [Definition], loc: Location = .synthetic, source: Source? = nil) {
        self.definitions = definitions
        self.loc = loc
        self.source = source
    }

    public static func == (lhs: Document, rhs: Document) -> Bool {
        lhs.definitions == rhs.definitions
    }
}

/// A top-level definition: executable (operations, fragments) or type system.
public enum Definition: Sendable, Equatable {
    case operation(OperationDefinition)
    case fragment(FragmentDefinition)
    case schema(SchemaDefinition)
    case type(TypeDefinition)
    case directive(DirectiveDefinition)
    case schemaExtension(SchemaDefinition)
    case typeExtension(TypeDefinition)

    /// Where the definition stands.
    public var loc: Location {
        switch self {
        case .operation(let d): return d.loc
        case .fragment(let d): return d.loc
        case .schema(let d), .schemaExtension(let d): return d.loc
        case .type(let d), .typeExtension(let d): return d.loc
        case .directive(let d): return d.loc
        }
    }
}

public struct Name: Sendable, Equatable {
    public var value: String
    public var loc: Location

    /// A name with its location.
    public init(_ value: String, loc: Location = .synthetic) {
        self.value = value
        self.loc = loc
    }
}

public enum OperationType: String, Sendable, Equatable, CaseIterable {
    case query, mutation, subscription
}

public struct OperationDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var operation: OperationType
    public var name: Name?
    public var variableDefinitions: [VariableDefinition]
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location
}

public struct VariableDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var variable: Variable
    public var type: TypeNode
    public var defaultValue: Value?
    public var directives: [Directive]
    public var loc: Location
}

public struct Variable: Sendable, Equatable {
    public var name: Name
    public var loc: Location
}

public struct SelectionSet: Sendable, Equatable {
    public var selections: [Selection]
    public var loc: Location
}

public enum Selection: Sendable, Equatable {
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)

    public var loc: Location {
        switch self {
        case .field(let f): return f.loc
        case .fragmentSpread(let s): return s.loc
        case .inlineFragment(let f): return f.loc
        }
    }

    public var directives: [Directive] {
        switch self {
        case .field(let f): return f.directives
        case .fragmentSpread(let s): return s.directives
        case .inlineFragment(let f): return f.directives
        }
    }
}

public struct Field: Sendable, Equatable {
    public var alias: Name?
    public var name: Name
    public var arguments: [Argument]
    public var directives: [Directive]
    public var selectionSet: SelectionSet?
    public var loc: Location

    /// The key of this field in the response: its alias, or else its name.
    public var responseKey: String { alias?.value ?? name.value }
}

public struct Argument: Sendable, Equatable {
    public var name: Name
    public var value: Value
    public var loc: Location
}

public struct FragmentSpread: Sendable, Equatable {
    public var name: Name
    public var directives: [Directive]
    public var loc: Location
}

public struct InlineFragment: Sendable, Equatable {
    public var typeCondition: NamedType?
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location
}

public struct FragmentDefinition: Sendable, Equatable {
    public var description: StringValue?
    public var name: Name
    public var typeCondition: NamedType
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location
}

public struct Directive: Sendable, Equatable {
    public var name: Name
    public var arguments: [Argument]
    public var loc: Location
}

// MARK: - Values (spec 2.9)

public indirect enum Value: Sendable, Equatable {
    case variable(Variable)
    case int(String, Location)
    case float(String, Location)
    case string(StringValue)
    case boolean(Bool, Location)
    case null(Location)
    case enumValue(String, Location)
    case list([Value], Location)
    case object([ObjectField], Location)

    public var loc: Location {
        switch self {
        case .variable(let v): return v.loc
        case .string(let s): return s.loc
        case .int(_, let l), .float(_, let l), .boolean(_, let l), .null(let l),
            .enumValue(_, let l), .list(_, let l), .object(_, let l):
            return l
        }
    }
}

public struct StringValue: Sendable, Equatable {
    public var value: String
    public var block: Bool
    public var loc: Location

    /// A string value; `block` when written as a block string.
    public init(value: String, block: Bool = false, loc: Location = .synthetic) {
        self.value = value
        self.block = block
        self.loc = loc
    }

    /// Block and quoted strings with the same value are the same value.
    public static func == (lhs: StringValue, rhs: StringValue) -> Bool { lhs.value == rhs.value }
}

public struct ObjectField: Sendable, Equatable {
    public var name: Name
    public var value: Value
    public var loc: Location
}

// MARK: - Type references (spec 2.11)

public struct NamedType: Sendable, Equatable {
    public var name: Name
    public var loc: Location { name.loc }
}

public indirect enum TypeNode: Sendable, Equatable {
    case named(NamedType)
    case list(TypeNode, Location)
    case nonNull(TypeNode, Location)

    public var loc: Location {
        switch self {
        case .named(let n): return n.loc
        case .list(_, let l), .nonNull(_, let l): return l
        }
    }

    /// The named type at the bottom of any list and non-null wrappers.
    public var namedType: NamedType {
        switch self {
        case .named(let n): return n
        case .list(let t, _), .nonNull(let t, _): return t.namedType
        }
    }
}
