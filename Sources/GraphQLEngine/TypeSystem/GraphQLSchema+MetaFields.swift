/// The introspection meta-fields of spec 4.1 and 4.2, which no type declares.
extension GraphQLSchema {
    /// The field of `name` on a composite type, with `__typename` everywhere and
    /// `__schema`/`__type` on the query root.
    public func fieldDefinition(_ name: String, on parentType: Int) -> FieldDefinitionModel? {
        if name.utf8.first == 0x5F, name.hasPrefix("__") {
            switch name {
            case "__typename":
                return types[parentType].isCompositeType ? typenameField : nil
            case "__schema" where parentType == queryType:
                return schemaField
            case "__type" where parentType == queryType:
                return typeField
            default:
                break
            }
        }
        return types[parentType].fieldsType?.field(named: name)
    }

    /// The three meta-fields, made once per schema.
    static func makeMetaFields(_ builtins: BuiltinTypes) -> (typename: FieldDefinitionModel, schema: FieldDefinitionModel, type: FieldDefinitionModel) {
        let typename = FieldDefinitionModel(
            name: "__typename", description: "The name of the current Object type at runtime.",
            arguments: [], type: .nonNull(.named(builtins.string)), deprecationReason: nil,
            directives: [], loc: .synthetic)
        let schema = FieldDefinitionModel(
            name: "__schema", description: "Access the current type schema of this server.",
            arguments: [], type: .nonNull(.named(builtins.schemaType)), deprecationReason: nil,
            directives: [], loc: .synthetic)
        let type = FieldDefinitionModel(
            name: "__type", description: "Request the type information of a single type.",
            arguments: [
                InputValueModel(
                    name: "name", description: nil, type: .nonNull(.named(builtins.string)),
                    defaultValue: nil, deprecationReason: nil, directives: [], loc: .synthetic)
            ],
            type: .named(builtins.typeType), deprecationReason: nil, directives: [],
            loc: .synthetic)
        return (typename, schema, type)
    }
}
