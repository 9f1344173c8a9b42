/// The fields to execute for one selection on one object type: CollectFields done once per
/// request for each (field group, runtime type), so a list of a thousand objects of one
/// type pays for field collection and argument coercion once.
final class SelectionPlan {
    let fields: [PlannedField]
    /// The response keys, in order: shared by every object completed with this plan.
    let keys: [String]
    /// Every field resolves by key from data: objects of data take the tight loop.
    let isAllDefaultData: Bool
    /// For the tight loop, per field: the key it reads, its leaf type (-1 if none) and
    /// whether that leaf is non-null. Plain arrays, so the loop touches no objects.
    let fieldNames: [String]
    let leafIndices: [Int]
    let nonNullLeaves: [Bool]
    /// Per field, the `LeafCode` of its type (notLeaf unless the type is a leaf or a non-null leaf).
    let fieldLeafCodes: [UInt8]
    /// Every field reads a built-in scalar (or an unbound custom one) from data: objects of data can complete as
    /// rows of values (`passingRows`).
    let isAllPassingLeaves: Bool
    /// Per field, for introspection leaves without arguments (names, descriptions, kinds, flags): the field to
    /// resolve, read without touching the `PlannedField`; nil for every other field.
    let introspectionLeaves: [IntrospectionField?]

    init(fields: [PlannedField], leafCodes: [UInt8]) {
        self.fields = fields
        self.keys = fields.map(\.responseKey)
        self.isAllDefaultData = fields.allSatisfy(\.isDefaultData)
        self.fieldNames = fields.map(\.fieldName)
        self.leafIndices = fields.map(\.leafIndex)
        self.nonNullLeaves = fields.map(\.isNonNullLeaf)
        let codes = fields.map { $0.leafIndex >= 0 ? leafCodes[$0.leafIndex] : LeafCode.notLeaf }
        self.fieldLeafCodes = codes
        self.isAllPassingLeaves = isAllDefaultData && codes.allSatisfy { $0 != LeafCode.notLeaf && $0 != LeafCode.other }
        self.introspectionLeaves = fields.map { field in
            field.leafIndex >= 0 && leafCodes[field.leafIndex] != LeafCode.notLeaf && !field.hasArguments ? field.introspectionField : nil
        }
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
    let introspectionField: IntrospectionField?
    let isGuarded: Bool
    /// The field's type, and its name in the schema (the key default resolution reads).
    let type: TypeRef
    let fieldName: String
    /// Resolved by key from data, with no resolver, guard or arguments to look at.
    let isDefaultData: Bool
    /// For a field whose type is a leaf (or a non-null leaf): the leaf's type index; else -1.
    let leafIndex: Int
    let isNonNullLeaf: Bool
    /// Facts of the type read on every completion, kept here so that reading them costs no reference counting
    /// (a wrapped `TypeRef` is a box): whether it is non-null, its named type, and whether the field takes arguments.
    let isNonNull: Bool
    let namedTypeIndex: Int
    let hasArguments: Bool
    /// Coerced arguments, computed on first execution.
    var arguments: Result<GraphQLObject, GraphQLError>?
    /// Plans of the sub-selection by runtime object type index.
    var subPlans: [(type: Int, plan: SelectionPlan)] = []

    init(
        responseKey: String, fieldNodes: [Field], definition: FieldDefinitionModel, kind: Kind,
        resolver: FieldResolver?, introspectionField: IntrospectionField?, isGuarded: Bool
    ) {
        self.responseKey = responseKey
        self.fieldNodes = fieldNodes
        self.definition = definition
        self.kind = kind
        self.resolver = resolver
        self.introspectionField = introspectionField
        self.isGuarded = isGuarded
        self.type = definition.type
        self.fieldName = definition.name
        var isField = false
        if case .field = kind { isField = true }
        self.isDefaultData = isField && resolver == nil && introspectionField == nil && !isGuarded
        self.isNonNull = definition.type.isNonNull
        self.namedTypeIndex = definition.type.namedIndex
        self.hasArguments = !definition.arguments.isEmpty
        switch definition.type {
        case .named(let i): leafIndex = i; isNonNullLeaf = false
        case .nonNull(.named(let i)): leafIndex = i; isNonNullLeaf = true
        default: leafIndex = -1; isNonNullLeaf = false
        }
    }

    var locations: [Location] { fieldNodes.map(\.loc) }

    /// The selection sets of every merged node, for collecting sub-fields.
    var subSelectionSets: [SelectionSet] { fieldNodes.compactMap(\.selectionSet) }
}
