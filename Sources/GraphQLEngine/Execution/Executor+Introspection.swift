/// Introspection completed straight into values (spec 4.2 over 6.4.3). The schema is fixed and its fields never
/// fail, so the response needs none of the general path's bookkeeping: no result nodes, no response paths (they
/// only serve errors) and no null propagation. Their leaves are names, descriptions, flags and the engine's own enum
/// values, of their declared types by construction, so CoerceResult has nothing to change. Whatever does not fit
/// (an argument that does not coerce, a null in a non-null position) returns nil, and the caller completes that
/// object on the general path, which reports it.
extension Executor {
    /// The value of an introspection object of `objectType` at `position`, selected by `field`'s sub-selection.
    func introspectedObject(_ objectType: Int, _ position: IntrospectionSource, field: PlannedField) -> GraphQLValue? {
        guard case .success(let plan) = subPlan(field, objectType: objectType) else { return nil }
        return introspectedFields(plan, position, objectType: objectType)
    }

    /// A list of introspection objects of `objectType`, or nil if any of them needs the general path.
    func introspectedObjects(_ objectType: Int, _ positions: [IntrospectionSource], field: PlannedField) -> GraphQLValue? {
        guard case .success(let plan) = subPlan(field, objectType: objectType) else { return nil }
        var items: [GraphQLValue] = []
        items.reserveCapacity(positions.count)
        for position in positions {
            guard let item = introspectedFields(plan, position, objectType: objectType) else { return nil }
            items.append(item)
        }
        return .list(items)
    }

    private func introspectedFields(_ plan: SelectionPlan, _ position: IntrospectionSource, objectType: Int) -> GraphQLValue? {
        // Read once per object: plain arrays, so the loop over the leaves costs no reference counting.
        let leaves = plan.introspectionLeaves
        let nonNullLeaves = plan.nonNullLeaves
        var values: [GraphQLValue] = []
        values.reserveCapacity(leaves.count)
        for index in 0..<leaves.count {
            let value: GraphQLValue?
            if let leaf = leaves[index] {
                value = Self.leafValue(leaf.resolve(position, GraphQLObject(), in: schema), nonNull: nonNullLeaves[index])
            } else {
                value = introspectedField(plan.fields[index], position, objectType: objectType)
            }
            guard let value else { return nil }
            values.append(value)
        }
        return .object(GraphQLObject(uniqueKeys: plan.keys, values: values))
    }

    private func introspectedField(_ field: PlannedField, _ position: IntrospectionSource, objectType: Int) -> GraphQLValue? {
        if case .typename = field.kind { return .string(executable.typeNames[objectType]) }
        guard let introspect = field.introspectionField else { return nil }
        guard case .success(let arguments) = coercedArguments(field) else { return nil }
        let resolved = introspect.resolve(position, arguments, in: schema)
        switch resolved {
        case .null:
            return field.isNonNull ? nil : .null
        case .value(let value):
            // A (non-null) named leaf, the common case, needs no walk over the type.
            if field.leafIndex >= 0 { return Self.leafValue(resolved, nonNull: field.isNonNullLeaf) }
            return introspectedLeaf(value, field.type)
        case .object(let child):
            return introspectedObject(field.namedTypeIndex, child, field: field)
        case .objects(let children):
            return introspectedObjects(field.namedTypeIndex, children, field: field)
        }
    }

    /// A named leaf's value; nil when it is null where its type forbids that, or not a leaf at all.
    private static func leafValue(_ resolved: IntrospectionValue, nonNull: Bool) -> GraphQLValue? {
        switch resolved {
        case .value(let value) where !value.isNull: return value
        case .null, .value: return nonNull ? nil : .null
        case .object, .objects: return nil
        }
    }

    /// A leaf, or a list of leaves, checked against the nullability and list shape of `type`; nil when it does not fit.
    private func introspectedLeaf(_ value: GraphQLValue, _ type: TypeRef) -> GraphQLValue? {
        switch type {
        case .nonNull(let inner):
            return value.isNull ? nil : introspectedLeaf(value, inner)
        case .list(let itemType):
            if value.isNull { return .null }
            guard case .list(let items) = value else { return nil }
            var leaves: [GraphQLValue] = []
            leaves.reserveCapacity(items.count)
            for item in items {
                guard let leaf = introspectedLeaf(item, itemType) else { return nil }
                leaves.append(leaf)
            }
            return .list(leaves)
        case .named:
            return value
        }
    }
}
