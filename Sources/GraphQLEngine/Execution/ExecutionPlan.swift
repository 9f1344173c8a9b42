/// The fields to execute for one selection on one object type: CollectFields done once per
/// request for each (field group, runtime type), so a list of a thousand objects of one
/// type pays for field collection and argument coercion once.
final class SelectionPlan {
    let fields: [PlannedField]
    /// The response keys, in order: shared by every object completed with this plan.
    let keys: [String]

    init(fields: [PlannedField]) {
        self.fields = fields
        self.keys = fields.map(\.responseKey)
    }
}

/// One response key of a selection plan: its merged field nodes, definition and resolver,
/// with its arguments coerced on first use and its sub-plans cached by runtime type.
final class PlannedField {
    enum Kind {
        case typename
        case schema
        case type
        case field(index: Int)
    }

    let responseKey: String
    let fieldNodes: [Field]
    let definition: FieldDefinitionModel
    let kind: Kind
    let resolver: FieldResolver?
    let isGuarded: Bool
    /// Coerced arguments, computed on first execution.
    var arguments: Result<GraphQLObject, GraphQLError>?
    /// Plans of the sub-selection by runtime object type index.
    var subPlans: [(type: Int, plan: SelectionPlan)] = []

    init(
        responseKey: String, fieldNodes: [Field], definition: FieldDefinitionModel, kind: Kind,
        resolver: FieldResolver?, isGuarded: Bool
    ) {
        self.responseKey = responseKey
        self.fieldNodes = fieldNodes
        self.definition = definition
        self.kind = kind
        self.resolver = resolver
        self.isGuarded = isGuarded
    }

    var locations: [Location] { fieldNodes.map(\.loc) }

    /// The selection sets of every merged node, for collecting sub-fields.
    var subSelectionSets: [SelectionSet] { fieldNodes.compactMap(\.selectionSet) }
}
