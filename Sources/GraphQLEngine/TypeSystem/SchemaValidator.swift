/// The type-system validation of spec section 3 (graphql-js's validateSchema): root types,
/// reserved names, fields and arguments of the right kinds, interface implementations with
/// covariant fields, union members, enum values, input objects, `@oneOf` and input cycles.
struct SchemaValidator {
    let schema: GraphQLSchema
    let locations: [Int: Location]
    let source: Source?
    private var errors: [GraphQLError] = []

    init(schema: GraphQLSchema, locations: [Int: Location], source: Source?) {
        self.schema = schema
        self.locations = locations
        self.source = source
    }

    consuming func validate() -> [GraphQLError] {
        validateRootTypes()
        validateDirectives()
        var cycleChecker = InputCycleChecker(schema: schema)
        for (index, type) in schema.types.enumerated() where locations[index] != nil {
            validateName(type.name, at: locations[index])
            switch type {
            case .object(let o), .interface(let o):
                validateFields(of: o, index: index)
                validateInterfaces(of: o, index: index)
            case .union(let u):
                validateUnion(u, index: index)
            case .enumType(let e):
                validateEnum(e, index: index)
            case .inputObject(let i):
                validateInputObject(i, index: index)
                for (message, loc) in cycleChecker.check(index) { report(message, [loc]) }
            case .scalar:
                break
            }
        }
        return errors
    }

    private mutating func report(_ message: String, _ nodes: [Location?]) {
        errors.append(GraphQLError(message, nodes: nodes.compactMap { $0 }, source: source))
    }

    private mutating func validateRootTypes() {
        guard let query = schema.queryType else {
            report("Query root type must be provided.", [])
            return
        }
        for (operation, index) in [("Query", query), ("Mutation", schema.mutationType), ("Subscription", schema.subscriptionType)] {
            guard let index else { continue }
            if case .object = schema.types[index] { continue }
            report("\(operation) root type must be Object type, it cannot be \(schema.types[index].name).", [locations[index]])
        }
    }

    private mutating func validateDirectives() {
        for directive in schema.directives where !BuiltinSDL.directiveNames.contains(directive.name) {
            validateName(directive.name, at: nil)
            for argument in directive.arguments {
                validateName(argument.name, at: argument.loc)
                if !schema.namedType(argument.type).isInputType {
                    report("The type of @\(directive.name)(\(argument.name):) must be Input Type but got: \(schema.describe(argument.type)).", [argument.loc])
                }
                if argument.isRequired && argument.deprecationReason != nil {
                    report("Required argument @\(directive.name)(\(argument.name):) cannot be deprecated.", [argument.loc])
                }
            }
        }
    }

    private mutating func validateName(_ name: String, at loc: Location?) {
        if name.hasPrefix("__") {
            report("Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.", [loc])
        }
    }

    private mutating func validateFields(of type: ObjectType, index: Int) {
        if type.fields.isEmpty {
            report("Type \(type.name) must define one or more fields.", [locations[index]])
        }
        for field in type.fields {
            validateName(field.name, at: field.loc)
            if !schema.namedType(field.type).isOutputType {
                report("The type of \(type.name).\(field.name) must be Output Type but got: \(schema.describe(field.type)).", [field.loc])
            }
            for argument in field.arguments {
                validateName(argument.name, at: argument.loc)
                if !schema.namedType(argument.type).isInputType {
                    report("The type of \(type.name).\(field.name)(\(argument.name):) must be Input Type but got: \(schema.describe(argument.type)).", [argument.loc])
                }
                if argument.isRequired && argument.deprecationReason != nil {
                    report("Required argument \(type.name).\(field.name)(\(argument.name):) cannot be deprecated.", [argument.loc])
                }
            }
        }
    }

    private mutating func validateInterfaces(of type: ObjectType, index: Int) {
        var seen: Set<Int> = []
        for interfaceIndex in type.interfaces {
            guard case .interface(let iface) = schema.types[interfaceIndex] else {
                report("Type \(type.name) must only implement Interface types, it cannot implement \(schema.types[interfaceIndex].name).", [locations[index]])
                continue
            }
            if interfaceIndex == index {
                report("Type \(type.name) cannot implement itself because it would create a circular reference.", [locations[index]])
                continue
            }
            guard seen.insert(interfaceIndex).inserted else {
                report("Type \(type.name) can only implement \(iface.name) once.", [locations[index]])
                continue
            }
            for transitive in iface.interfaces where !type.interfaces.contains(transitive) {
                let name = schema.types[transitive].name
                let message = transitive == index
                    ? "Type \(type.name) cannot implement \(iface.name) because it would create a circular reference."
                    : "Type \(type.name) must implement \(name) because it is implemented by \(iface.name)."
                report(message, [locations[index]])
            }
            validateImplementation(type, of: iface)
        }
    }

    /// Spec 3.6.2 IsValidImplementation: every interface field, with covariant type and
    /// the same arguments; extra arguments optional.
    private mutating func validateImplementation(_ type: ObjectType, of iface: ObjectType) {
        for ifaceField in iface.fields {
            guard let field = type.field(named: ifaceField.name) else {
                report("Interface field \(iface.name).\(ifaceField.name) expected but \(type.name) does not provide it.", [ifaceField.loc])
                continue
            }
            if !schema.isTypeSubType(field.type, of: ifaceField.type) {
                report("Interface field \(iface.name).\(ifaceField.name) expects type \(schema.describe(ifaceField.type)) but \(type.name).\(field.name) is type \(schema.describe(field.type)).", [ifaceField.loc, field.loc])
            }
            for ifaceArgument in ifaceField.arguments {
                guard let argument = field.argument(named: ifaceArgument.name) else {
                    report("Interface field argument \(iface.name).\(ifaceField.name)(\(ifaceArgument.name):) expected but \(type.name).\(field.name) does not provide it.", [ifaceArgument.loc, field.loc])
                    continue
                }
                if argument.type != ifaceArgument.type {
                    report("Interface field argument \(iface.name).\(ifaceField.name)(\(ifaceArgument.name):) expects type \(schema.describe(ifaceArgument.type)) but \(type.name).\(field.name)(\(argument.name):) is type \(schema.describe(argument.type)).", [ifaceArgument.loc, argument.loc])
                }
            }
            for argument in field.arguments where argument.isRequired && ifaceField.argument(named: argument.name) == nil {
                report("Object field \(type.name).\(field.name) includes required argument \(argument.name) that is missing from the Interface field \(iface.name).\(ifaceField.name).", [argument.loc, ifaceField.loc])
            }
        }
    }

    private mutating func validateUnion(_ union: UnionType, index: Int) {
        if union.members.isEmpty {
            report("Union type \(union.name) must define one or more member types.", [locations[index]])
        }
        var seen: Set<Int> = []
        for member in union.members {
            guard seen.insert(member).inserted else {
                report("Union type \(union.name) can only include type \(schema.types[member].name) once.", [locations[index]])
                continue
            }
            if case .object = schema.types[member] { continue }
            report("Union type \(union.name) can only include Object types, it cannot include \(schema.types[member].name).", [locations[index]])
        }
    }

    private mutating func validateEnum(_ enumType: EnumType, index: Int) {
        if enumType.values.isEmpty {
            report("Enum type \(enumType.name) must define one or more values.", [locations[index]])
        }
        for value in enumType.values {
            validateName(value.name, at: value.loc)
        }
    }

    private mutating func validateInputObject(_ input: InputObjectType, index: Int) {
        if input.fields.isEmpty {
            report("Input Object type \(input.name) must define one or more fields.", [locations[index]])
        }
        for field in input.fields {
            validateName(field.name, at: field.loc)
            if !schema.namedType(field.type).isInputType {
                report("The type of \(input.name).\(field.name) must be Input Type but got: \(schema.describe(field.type)).", [field.loc])
            }
            if field.isRequired && field.deprecationReason != nil {
                report("Required input field \(input.name).\(field.name) cannot be deprecated.", [field.loc])
            }
            if input.isOneOf {
                if field.type.isNonNull {
                    report("OneOf input field \(input.name).\(field.name) must be nullable.", [field.loc])
                }
                if field.defaultValue != nil {
                    report("OneOf input field \(input.name).\(field.name) cannot have a default value.", [field.loc])
                }
            }
        }
    }
}

/// Finds input objects that reference themselves through non-null fields only (spec 3.10):
/// such a value could never be written. Depth-first search, each type visited once.
struct InputCycleChecker {
    let schema: GraphQLSchema
    private var visited: Set<Int> = []
    private var pathIndexByType: [Int: Int] = [:]
    private var fieldPath: [(name: String, loc: Location)] = []

    init(schema: GraphQLSchema) { self.schema = schema }

    mutating func check(_ index: Int) -> [(String, Location)] {
        var found: [(String, Location)] = []
        visit(index, &found)
        return found
    }

    private mutating func visit(_ index: Int, _ found: inout [(String, Location)]) {
        guard visited.insert(index).inserted, case .inputObject(let input) = schema.types[index] else { return }
        pathIndexByType[index] = fieldPath.count
        for field in input.fields {
            guard case .nonNull(.named(let target)) = field.type,
                case .inputObject = schema.types[target]
            else { continue }
            fieldPath.append((field.name, field.loc))
            if let cycleStart = pathIndexByType[target] {
                let cycle = fieldPath[cycleStart...]
                let path = cycle.map(\.name).joined(separator: ".")
                found.append(("Cannot reference Input Object \"\(schema.types[target].name)\" within itself through a series of non-null fields: \"\(path)\".", cycle.first!.loc))
            } else {
                visit(target, &found)
            }
            fieldPath.removeLast()
        }
        pathIndexByType[index] = nil
    }
}
