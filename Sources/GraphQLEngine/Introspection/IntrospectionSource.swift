/// The sources behind introspection's meta-types (spec 4.2): positions in the schema,
/// small enough to travel without a heap allocation.
enum IntrospectionSource: Sendable {
    case schema
    case namedType(Int32)
    /// A list or non-null wrapper.
    case wrappedType(TypeRef)
    case field(type: Int32, field: Int32)
    case argument(type: Int32, field: Int32, argument: Int32)
    case inputField(type: Int32, field: Int32)
    case directiveArgument(directive: Int32, argument: Int32)
    case enumValue(type: Int32, value: Int32)
    case directive(Int32)

    static func type(_ ref: TypeRef) -> IntrospectionSource {
        if case .named(let i) = ref { return .namedType(Int32(i)) }
        return .wrappedType(ref)
    }

    /// The type reference this source describes, when it is a type.
    var typeRef: TypeRef? {
        switch self {
        case .namedType(let i): return .named(Int(i))
        case .wrappedType(let ref): return ref
        default: return nil
        }
    }
}

extension GraphQLSchema {
    @inline(__always)
    func field(_ type: Int32, _ field: Int32) -> FieldDefinitionModel {
        types[Int(type)].fieldsType!.fields[Int(field)]
    }

    /// The argument or input field an introspection source points at.
    @inline(__always)
    func inputValue(_ source: IntrospectionSource) -> InputValueModel? {
        switch source {
        case .argument(let t, let f, let a): return field(t, f).arguments[Int(a)]
        case .directiveArgument(let d, let a): return directives[Int(d)].arguments[Int(a)]
        case .inputField(let t, let f):
            if case .inputObject(let input) = types[Int(t)] { return input.fields[Int(f)] }
            return nil
        default: return nil
        }
    }
}
