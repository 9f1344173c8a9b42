/// Prints a document in graphql-js's canonical layout; `parse(printAST(d)) == d`.
public func printAST(_ document: Document) -> String {
    document.definitions.map(Printer.definition).joined(separator: "\n\n")
}

/// Prints one value literal (for messages and default values).
public func printValue(_ value: Value) -> String { Printer.value(value) }

/// Prints one type reference, such as `[Int!]!`.
public func printType(_ type: TypeNode) -> String { Printer.type(type) }

/// The printing rules of graphql-js's printer, one function per node kind.
enum Printer {
    private static let maxLineLength = 80

    static func definition(_ definition: Definition) -> String {
        switch definition {
        case .operation(let o): return operation(o)
        case .fragment(let f): return fragment(f)
        case .schema(let s): return describe(s.description) + schema(s, keyword: "schema")
        case .schemaExtension(let s): return schema(s, keyword: "extend schema")
        case .type(let t): return typeDefinition(t, extend: false)
        case .typeExtension(let t): return typeDefinition(t, extend: true)
        case .directive(let d): return directiveDefinition(d)
        }
    }

    static func operation(_ o: OperationDefinition) -> String {
        let variables = wrap("(", o.variableDefinitions.map(variableDefinition).joined(separator: ", "), ")")
        let prefix = join([o.operation.rawValue, join([o.name?.value ?? "", variables], ""), directives(o.directives)], " ")
        let body = selectionSet(o.selectionSet)
        let text = (prefix == "query" ? "" : prefix + " ") + body
        return describe(o.description) + text
    }

    static func variableDefinition(_ v: VariableDefinition) -> String {
        let text = "$" + v.variable.name.value + ": " + type(v.type)
            + wrap(" = ", v.defaultValue.map(value) ?? "") + wrap(" ", directives(v.directives))
        guard let description = v.description else { return text }
        return string(description) + " " + text
    }

    static func fragment(_ f: FragmentDefinition) -> String {
        describe(f.description) + "fragment \(f.name.value) on \(f.typeCondition.name.value) "
            + wrap("", directives(f.directives), " ") + selectionSet(f.selectionSet)
    }

    static func selectionSet(_ s: SelectionSet) -> String {
        block(s.selections.map(selection))
    }

    static func selection(_ s: Selection) -> String {
        switch s {
        case .field(let f):
            let prefix = wrap("", f.alias?.value ?? "", ": ") + f.name.value
            let args = f.arguments.map(argument)
            var line = prefix + wrap("(", args.joined(separator: ", "), ")")
            if line.utf8.count > maxLineLength {
                line = prefix + wrap("(\n", indent(args.joined(separator: "\n")), "\n)")
            }
            return join([line, directives(f.directives), f.selectionSet.map(selectionSet) ?? ""], " ")
        case .fragmentSpread(let s):
            return "..." + s.name.value + wrap(" ", directives(s.directives))
        case .inlineFragment(let f):
            return join(
                ["...", wrap("on ", f.typeCondition?.name.value ?? ""), directives(f.directives), selectionSet(f.selectionSet)],
                " ")
        }
    }

    static func argument(_ a: Argument) -> String { a.name.value + ": " + value(a.value) }

    static func directives(_ list: [Directive]) -> String {
        list.map { d in "@" + d.name.value + wrap("(", d.arguments.map(argument).joined(separator: ", "), ")") }
            .joined(separator: " ")
    }

    static func value(_ v: Value) -> String {
        switch v {
        case .variable(let v): return "$" + v.name.value
        case .int(let s, _), .float(let s, _), .enumValue(let s, _): return s
        case .string(let s): return string(s)
        case .boolean(let b, _): return b ? "true" : "false"
        case .null: return "null"
        case .list(let values, _): return "[" + values.map(value).joined(separator: ", ") + "]"
        case .object(let fields, _):
            return "{" + fields.map { $0.name.value + ": " + value($0.value) }.joined(separator: ", ") + "}"
        }
    }

    static func type(_ t: TypeNode) -> String {
        switch t {
        case .named(let n): return n.name.value
        case .list(let inner, _): return "[" + type(inner) + "]"
        case .nonNull(let inner, _): return type(inner) + "!"
        }
    }

    static func string(_ s: StringValue) -> String {
        s.block && BlockString.isPrintable(s.value) ? BlockString.print(s.value) : quoted(s.value)
    }

    /// A JSON-style quoted string with graphql-js's escapes.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x00...0x1F, 0x7F...0x9F: out += "\\u" + hex(scalar.value, width: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: - Type system

    static func schema(_ s: SchemaDefinition, keyword: String) -> String {
        join(
            [keyword, directives(s.directives),
             block(s.operationTypes.map { $0.operation.rawValue + ": " + $0.type.name.value })],
            " ")
    }

    static func typeDefinition(_ t: TypeDefinition, extend: Bool) -> String {
        let head = extend ? "extend " : ""
        switch t {
        case .scalar(let d):
            return describe(d.description) + join([head + "scalar", d.name.value, directives(d.directives)], " ")
        case .object(let d), .interface(let d):
            let keyword: String
            if case .object = t { keyword = "type" } else { keyword = "interface" }
            return describe(d.description)
                + join(
                    [head + keyword, d.name.value,
                     wrap("implements ", d.interfaces.map(\.name.value).joined(separator: " & ")),
                     directives(d.directives), block(d.fields.map(fieldDefinition))],
                    " ")
        case .union(let d):
            return describe(d.description)
                + join(
                    [head + "union", d.name.value, directives(d.directives),
                     wrap("= ", d.types.map(\.name.value).joined(separator: " | "))],
                    " ")
        case .enumType(let d):
            let values = d.values.map { v in
                describe(v.description) + join([v.name.value, directives(v.directives)], " ")
            }
            return describe(d.description)
                + join([head + "enum", d.name.value, directives(d.directives), block(values)], " ")
        case .inputObject(let d):
            return describe(d.description)
                + join(
                    [head + "input", d.name.value, directives(d.directives),
                     block(d.fields.map(inputValueDefinition))],
                    " ")
        }
    }

    static func fieldDefinition(_ f: FieldDefinition) -> String {
        describe(f.description) + f.name.value + argumentDefinitions(f.arguments) + ": " + type(f.type)
            + wrap(" ", directives(f.directives))
    }

    static func inputValueDefinition(_ v: InputValueDefinition) -> String {
        describe(v.description)
            + join(
                [v.name.value + ": " + type(v.type), wrap("= ", v.defaultValue.map(value) ?? ""),
                 directives(v.directives)],
                " ")
    }

    static func argumentDefinitions(_ args: [InputValueDefinition]) -> String {
        let printed = args.map(inputValueDefinition)
        if printed.contains(where: { $0.contains("\n") }) {
            return wrap("(\n", indent(printed.joined(separator: "\n")), "\n)")
        }
        return wrap("(", printed.joined(separator: ", "), ")")
    }

    static func directiveDefinition(_ d: DirectiveDefinition) -> String {
        describe(d.description) + "directive @" + d.name.value + argumentDefinitions(d.arguments)
            + (d.repeatable ? " repeatable" : "") + " on "
            + d.locations.map(\.value).joined(separator: " | ")
    }

    // MARK: - Layout helpers

    private static func describe(_ description: StringValue?) -> String {
        guard let description else { return "" }
        return string(description) + "\n"
    }

    private static func block(_ items: [String]) -> String {
        items.isEmpty ? "" : "{\n" + indent(items.joined(separator: "\n")) + "\n}"
    }

    private static func indent(_ s: String) -> String {
        s.isEmpty ? "" : "  " + s.replacingAll("\n", with: "\n  ")
    }

    private static func wrap(_ start: String, _ s: String, _ end: String = "") -> String {
        s.isEmpty ? "" : start + s + end
    }

    private static func join(_ parts: [String], _ separator: String) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: separator)
    }
}
