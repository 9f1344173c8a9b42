/// The sources behind introspection's meta-types (spec 4.2): each is a view of the schema.
enum IntrospectionSource: Sendable {
    case schema
    case type(TypeRef)
    case field(FieldDefinitionModel)
    case inputValue(InputValueModel)
    case enumValue(EnumValueModel)
    case directive(DirectiveModel)
}
