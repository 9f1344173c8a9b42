/// Spec 5.3.2 Field Selection Merging: every pair of fields that share a response name in one
/// selection set (after fragments and inline fragments are expanded) must be mergeable.
///
/// Follows graphql-js 16's algorithm so that conflicts, their messages and their locations
/// come out in the same order. In outline: each selection set is collected once into an
/// ordered map from response name to the fields giving it, plus the fragments it spreads.
/// The fields of one selection set are compared pairwise ("within") only when that selection
/// set is visited; everything else compares two collections ("between"): a selection set with
/// the fragments it spreads, spread fragments with each other, and the sub-selections of two
/// fields of the same response name. Comparisons of a field collection with a fragment, and
/// of two fragments, are memoised (remembering whether the parents were mutually exclusive),
/// which keeps documents with many repeated spreads from blowing up.
final class OverlappingFieldsCanBeMergedRule: ValidationRule {
    private var checker: Checker?

    init() {}

    func enterDocument(_ context: ValidationContext) {
        checker = Checker(context: context)
    }

    func leaveDocument(_ context: ValidationContext) {
        checker = nil
    }

    func enterSelectionSet(_ node: SelectionSet, _ context: ValidationContext) {
        // Past the error limit nothing more is reported, so nothing more is worth comparing.
        guard !context.isAborted else { return }
        let checker: Checker
        if let existing = self.checker {
            checker = existing
        } else {
            checker = Checker(context: context)
            self.checker = checker
        }
        let conflicts = checker.conflictsWithin(node, parentType: context.parentType)
        for conflict in conflicts {
            let message =
                "Fields \"\(checker.keyName(conflict.responseKey))\" conflict because "
                + checker.describe(conflict.reason)
                + ". Use different aliases on the fields to fetch both if this was intentional."
            context.report(message, conflict.fields1 + conflict.fields2)
        }
    }
}

// MARK: - Model

/// One field of a collected selection set, with what comparing it needs. A class, so the
/// many comparisons pass a reference rather than copy the field's node.
private final class CollectedField {
    /// The named type whose selection set holds the field, if known.
    let parentType: Int?
    /// Whether `parentType` is an object type (fields of two distinct object types never
    /// apply to the same object).
    let parentIsObject: Bool
    /// Interned field name (not the alias).
    let nameID: Int
    /// The field's type from the schema, if the parent is an object or interface defining it.
    /// Like graphql-js, meta-fields (`__typename`, ...) have none here.
    let type: TypeRef?
    let node: Field

    init(parentType: Int?, parentIsObject: Bool, nameID: Int, type: TypeRef?, node: Field) {
        self.parentType = parentType
        self.parentIsObject = parentIsObject
        self.nameID = nameID
        self.type = type
        self.node = node
    }
}

/// The fields of a selection set grouped by response key, keys in order of first appearance
/// and fields of one key in document order, plus the fragments it spreads (each once, in
/// order). Identity matters: a map is made once per selection set and compared by `id`.
private final class FieldMap {
    let id: Int
    /// Interned response keys.
    let keys: [Int]
    /// The fields of `keys[i]` are `fields[starts[i]..<starts[i + 1]]`; nil when no key
    /// repeats, so that the fields of `keys[i]` are just `fields[i]`.
    private let starts: [Int]?
    let fields: [CollectedField]
    /// Interned names of the fragments spread.
    let fragments: [Int]
    /// Key to position, for maps too large to scan.
    private let index: [Int: Int]?

    static let linearLimit = 8

    init(id: Int, keys: [Int], starts: [Int]?, fields: [CollectedField], fragments: [Int], index: [Int: Int]?) {
        self.id = id
        self.keys = keys
        self.starts = starts
        self.fields = fields
        self.fragments = fragments
        self.index = index
    }

    /// The indices in `fields` of the fields of `keys[position]`.
    @inline(__always)
    func range(at position: Int) -> Range<Int> {
        guard let starts else { return position..<(position + 1) }
        return starts[position]..<starts[position + 1]
    }

    /// Position of a response key in `keys`, if present.
    @inline(__always)
    func position(of key: Int) -> Int? {
        if let index { return index[key] }
        var i = 0
        let count = keys.count
        while i < count {
            if keys[i] == key { return i }
            i += 1
        }
        return nil
    }
}

/// Collects one selection set (through its inline fragments) into a `FieldMap`.
private struct FieldMapBuilder {
    private var keys: [Int] = []
    private var index: [Int: Int]?
    private var fields: [CollectedField] = []
    /// For each field, the position of its key; kept only once a key repeats (until then
    /// field i has key i).
    private var positions: [Int]?
    private var fragments: [Int] = []
    private var fragmentSet: Set<Int>?

    private func position(of key: Int) -> Int? {
        if let index { return index[key] }
        var i = 0
        while i < keys.count {
            if keys[i] == key { return i }
            i += 1
        }
        return nil
    }

    mutating func append(_ field: CollectedField, key: Int) {
        if let position = position(of: key) {
            if positions == nil { positions = Array(0..<fields.count) }
            positions!.append(position)
        } else {
            let position = keys.count
            keys.append(key)
            positions?.append(position)
            if index != nil {
                index![key] = position
            } else if keys.count > FieldMap.linearLimit {
                var built: [Int: Int] = [:]
                built.reserveCapacity(keys.count * 2)
                for (i, k) in keys.enumerated() { built[k] = i }
                index = built
            }
        }
        fields.append(field)
    }

    mutating func appendFragment(_ id: Int) {
        if fragmentSet != nil {
            if fragmentSet!.insert(id).inserted { fragments.append(id) }
            return
        }
        if fragments.contains(id) { return }
        fragments.append(id)
        if fragments.count > FieldMap.linearLimit { fragmentSet = Set(fragments) }
    }

    func finish(id: Int) -> FieldMap {
        guard let positions else {
            return FieldMap(id: id, keys: keys, starts: nil, fields: fields, fragments: fragments, index: index)
        }
        var grouped = fields
        do {
            // Counting sort by key position, stable within a key.
            var counts = [Int](repeating: 0, count: keys.count + 1)
            for position in positions { counts[position + 1] += 1 }
            for i in 0..<keys.count { counts[i + 1] += counts[i] }
            let starts = counts
            var next = counts
            for (i, field) in fields.enumerated() {
                let position = positions[i]
                grouped[next[position]] = field
                next[position] += 1
            }
            return FieldMap(id: id, keys: keys, starts: starts, fields: grouped, fragments: fragments, index: index)
        }
    }
}

/// Why two fields cannot be merged.
private indirect enum ConflictReason {
    case differentFields(String, String)
    case differingArguments
    case conflictingTypes(TypeRef, TypeRef)
    /// Conflicts among the sub-fields, each with its response key.
    case subfields([(key: Int, reason: ConflictReason)])
}

private struct Conflict {
    let responseKey: Int
    let reason: ConflictReason
    /// The first side's field, then the first-side fields of nested conflicts.
    let fields1: [Location]
    /// Likewise for the second side.
    let fields2: [Location]
}

/// Remembers pairs that were compared, and whether the comparison assumed mutually
/// exclusive parents. A pair compared under non-exclusive parents covers the exclusive case
/// too (it checked more), but not the other way round.
private struct ComparedPairs {
    private var storage: [UInt64: Bool] = [:]

    @inline(__always)
    private static func key(_ a: Int, _ b: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: a) << 32 | UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: b))
    }

    func contains(_ a: Int, _ b: Int, mutuallyExclusive: Bool) -> Bool {
        guard let stored = storage[Self.key(a, b)] else { return false }
        return mutuallyExclusive || !stored
    }

    mutating func insert(_ a: Int, _ b: Int, mutuallyExclusive: Bool) {
        storage[Self.key(a, b)] = mutuallyExclusive
    }
}

// MARK: - Checker

/// The per-document state of the rule: interned names, collected selection sets and the
/// memo of comparisons made.
private final class Checker {
    let schema: GraphQLSchema
    /// Selection sets are identified by where they start; only sound for parsed documents,
    /// whose selection sets all start at distinct offsets. Otherwise only fragments' field
    /// maps are kept (by fragment), and the rest are collected afresh when needed.
    let cachesBySelectionSet: Bool

    private var keyIDs: [String: Int] = [:]
    private var keyNames: [String] = []

    private var fragmentIDs: [String: Int] = [:]
    private var fragmentDefinitions: [FragmentDefinition?] = []
    private var fragmentMaps: [FieldMap?] = []

    private var selectionSetMaps: [Int: FieldMap] = [:]
    private var nextMapID = 0

    private var comparedFieldsAndFragments = ComparedPairs()
    private var comparedFragmentPairs = ComparedPairs()
    private var fragmentStack: [Int] = []
    private var fragmentPairStack: [(Int, Int)] = []

    init(context: ValidationContext) {
        schema = context.schema
        keyIDs.reserveCapacity(64)
        keyNames.reserveCapacity(64)
        selectionSetMaps.reserveCapacity(64)
        let document = context.document
        cachesBySelectionSet = document.source != nil
        // graphql-js looks fragments up by name with the last definition winning.
        for case .fragment(let fragment) in document.definitions {
            let id = fragmentID(fragment.name.value)
            fragmentDefinitions[id] = fragment
        }
    }

    // MARK: Names

    func keyName(_ id: Int) -> String { keyNames[id] }

    @inline(__always)
    private func intern(_ name: String) -> Int {
        if let id = keyIDs[name] { return id }
        let id = keyNames.count
        keyNames.append(name)
        keyIDs[name] = id
        return id
    }

    private func fragmentID(_ name: String) -> Int {
        if let id = fragmentIDs[name] { return id }
        let id = fragmentDefinitions.count
        fragmentIDs[name] = id
        fragmentDefinitions.append(nil)
        fragmentMaps.append(nil)
        return id
    }

    // MARK: Collecting fields

    private func fieldMap(_ selectionSet: SelectionSet, parentType: Int?) -> FieldMap {
        // A parsed selection set spans at least "{}"; nodes made in code have no span.
        let cacheable = cachesBySelectionSet && selectionSet.loc.end > selectionSet.loc.start
        if cacheable, let cached = selectionSetMaps[selectionSet.loc.start] {
            return cached
        }
        var builder = FieldMapBuilder()
        collect(selectionSet, parentType: parentType, into: &builder)
        let map = builder.finish(id: nextMapID)
        nextMapID += 1
        if cacheable { selectionSetMaps[selectionSet.loc.start] = map }
        return map
    }

    /// The collected fields of a fragment definition (nil when no fragment has that name).
    private func fragmentFieldMap(_ id: Int) -> FieldMap? {
        if let map = fragmentMaps[id] { return map }
        guard let fragment = fragmentDefinitions[id] else { return nil }
        let map = fieldMap(
            fragment.selectionSet, parentType: schema.typeIndex(named: fragment.typeCondition.name.value))
        fragmentMaps[id] = map
        return map
    }

    private func collect(_ selectionSet: SelectionSet, parentType: Int?, into map: inout FieldMapBuilder) {
        var parentFields: ObjectType?
        var parentIsObject = false
        if let parentType {
            switch schema.types[parentType] {
            case .object(let fields):
                parentFields = fields
                parentIsObject = true
            case .interface(let fields):
                parentFields = fields
            default:
                break
            }
        }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let name = field.name.value
                let nameID = intern(name)
                let key = field.alias.map { intern($0.value) } ?? nameID
                let collected = CollectedField(
                    parentType: parentType, parentIsObject: parentIsObject, nameID: nameID,
                    type: parentFields?.field(named: name)?.type, node: field)
                map.append(collected, key: key)
            case .fragmentSpread(let spread):
                map.appendFragment(fragmentID(spread.name.value))
            case .inlineFragment(let fragment):
                let type: Int?
                if let condition = fragment.typeCondition {
                    type = schema.typeIndex(named: condition.name.value)
                } else {
                    type = parentType
                }
                collect(fragment.selectionSet, parentType: type, into: &map)
            }
        }
    }

    // MARK: Finding conflicts

    /// All conflicts of one selection set as visited in the document: among its own fields,
    /// between its fields and the fragments it spreads, and between those fragments.
    func conflictsWithin(_ selectionSet: SelectionSet, parentType: Int?) -> [Conflict] {
        var conflicts: [Conflict] = []
        let map = fieldMap(selectionSet, parentType: parentType)

        let fields = map.fields
        if fields.count > map.keys.count {
            for position in 0..<map.keys.count {
                let range = map.range(at: position)
                guard range.count > 1, !isUniformLeafGroup(fields[range]) else { continue }
                let key = map.keys[position]
                for i in range {
                    let field1 = fields[i]
                    for j in (i + 1)..<range.upperBound {
                        if let conflict = findConflict(key, field1, fields[j], parentsMutuallyExclusive: false) {
                            conflicts.append(conflict)
                        }
                    }
                }
            }
        }

        let fragments = map.fragments
        for i in 0..<fragments.count {
            collectBetweenFieldsAndFragment(&conflicts, map, fragments[i], mutuallyExclusive: false)
            for j in (i + 1)..<fragments.count {
                collectBetweenFragments(&conflicts, fragments[i], fragments[j], mutuallyExclusive: false)
            }
        }
        return conflicts
    }

    /// Whether every field of a group is the same leaf selection (one name, one parent type,
    /// one type, equal arguments, no sub-selection): no two of them can conflict, so the
    /// quadratic comparison of `{ a a a ... }` can be skipped without changing any result.
    private func isUniformLeafGroup(_ group: ArraySlice<CollectedField>) -> Bool {
        guard let first = group.first, first.node.selectionSet == nil else { return false }
        for field in group.dropFirst() {
            guard field.node.selectionSet == nil, field.nameID == first.nameID,
                field.parentType == first.parentType, field.type == first.type,
                sameArguments(field.node.arguments, first.node.arguments)
            else { return false }
        }
        return true
    }

    /// Compares every field of `map1` with every field of `map2` of the same response key.
    private func collectBetween(
        _ conflicts: inout [Conflict], _ map1: FieldMap, _ map2: FieldMap, mutuallyExclusive: Bool
    ) {
        let keys1 = map1.keys
        if keys1.isEmpty || map2.keys.isEmpty { return }
        let fields1 = map1.fields
        let fields2 = map2.fields
        for position1 in 0..<keys1.count {
            let key = keys1[position1]
            guard let position2 = map2.position(of: key) else { continue }
            let range2 = map2.range(at: position2)
            for i in map1.range(at: position1) {
                let field1 = fields1[i]
                for j in range2 {
                    if let conflict = findConflict(
                        key, field1, fields2[j], parentsMutuallyExclusive: mutuallyExclusive)
                    {
                        conflicts.append(conflict)
                    }
                }
            }
        }
    }

    /// Compares a field collection with a fragment's fields and, transitively, with the
    /// fragments that fragment spreads (depth first, each pair once).
    private func collectBetweenFieldsAndFragment(
        _ conflicts: inout [Conflict], _ map: FieldMap, _ fragment: Int, mutuallyExclusive: Bool
    ) {
        // Depth first through a stack shared by nested calls, each working above its base.
        let base = fragmentStack.count
        fragmentStack.append(fragment)
        while fragmentStack.count > base {
            let fragment = fragmentStack.removeLast()
            if comparedFieldsAndFragments.contains(map.id, fragment, mutuallyExclusive: mutuallyExclusive) {
                continue
            }
            comparedFieldsAndFragments.insert(map.id, fragment, mutuallyExclusive: mutuallyExclusive)
            guard let fragmentMap = fragmentFieldMap(fragment) else { continue }
            // A fragment's own fields are not compared with themselves.
            if fragmentMap === map { continue }
            collectBetween(&conflicts, map, fragmentMap, mutuallyExclusive: mutuallyExclusive)
            for spread in fragmentMap.fragments.reversed() { fragmentStack.append(spread) }
        }
    }

    /// Compares two fragments' fields and, transitively, each with the fragments the other
    /// spreads (depth first, each pair once).
    private func collectBetweenFragments(
        _ conflicts: inout [Conflict], _ fragment1: Int, _ fragment2: Int, mutuallyExclusive: Bool
    ) {
        let base = fragmentPairStack.count
        fragmentPairStack.append((fragment1, fragment2))
        while fragmentPairStack.count > base {
            let (first, second) = fragmentPairStack.removeLast()
            if first == second { continue }
            let low = min(first, second)
            let high = max(first, second)
            if comparedFragmentPairs.contains(low, high, mutuallyExclusive: mutuallyExclusive) { continue }
            comparedFragmentPairs.insert(low, high, mutuallyExclusive: mutuallyExclusive)
            guard let map1 = fragmentFieldMap(first), let map2 = fragmentFieldMap(second) else { continue }
            collectBetween(&conflicts, map1, map2, mutuallyExclusive: mutuallyExclusive)
            // Visit (first, each spread of second), then (each spread of first, second).
            for spread in map1.fragments.reversed() { fragmentPairStack.append((spread, second)) }
            for spread in map2.fragments.reversed() { fragmentPairStack.append((first, spread)) }
        }
    }

    /// Conflicts between the sub-selections of two fields of the same response key.
    private func conflictsBetweenSubSelections(
        _ selectionSet1: SelectionSet, parentType1: Int?,
        _ selectionSet2: SelectionSet, parentType2: Int?,
        mutuallyExclusive: Bool
    ) -> [Conflict] {
        var conflicts: [Conflict] = []
        let map1 = fieldMap(selectionSet1, parentType: parentType1)
        let map2 = fieldMap(selectionSet2, parentType: parentType2)

        collectBetween(&conflicts, map1, map2, mutuallyExclusive: mutuallyExclusive)
        for fragment in map2.fragments {
            collectBetweenFieldsAndFragment(&conflicts, map1, fragment, mutuallyExclusive: mutuallyExclusive)
        }
        for fragment in map1.fragments {
            collectBetweenFieldsAndFragment(&conflicts, map2, fragment, mutuallyExclusive: mutuallyExclusive)
        }
        for fragment1 in map1.fragments {
            for fragment2 in map2.fragments {
                collectBetweenFragments(&conflicts, fragment1, fragment2, mutuallyExclusive: mutuallyExclusive)
            }
        }
        return conflicts
    }

    /// Whether two fields of the same response key conflict, sub-fields included.
    private func findConflict(
        _ key: Int, _ field1: CollectedField, _ field2: CollectedField, parentsMutuallyExclusive: Bool
    ) -> Conflict? {
        // Fields whose parents are distinct object types never apply to the same object, so
        // they may differ in name and arguments (but not in the shape of what they return).
        let mutuallyExclusive =
            parentsMutuallyExclusive
            || (field1.parentIsObject && field2.parentIsObject && field1.parentType != field2.parentType)

        if !mutuallyExclusive {
            if field1.nameID != field2.nameID {
                return Conflict(
                    responseKey: key, reason: .differentFields(field1.node.name.value, field2.node.name.value),
                    fields1: [field1.node.loc], fields2: [field2.node.loc])
            }
            if !sameArguments(field1.node.arguments, field2.node.arguments) {
                return Conflict(
                    responseKey: key, reason: .differingArguments, fields1: [field1.node.loc], fields2: [field2.node.loc])
            }
        }

        if let type1 = field1.type, let type2 = field2.type, doTypesConflict(type1, type2) {
            return Conflict(
                responseKey: key, reason: .conflictingTypes(type1, type2),
                fields1: [field1.node.loc], fields2: [field2.node.loc])
        }

        guard let selectionSet1 = field1.node.selectionSet, let selectionSet2 = field2.node.selectionSet else {
            return nil
        }
        let sub = conflictsBetweenSubSelections(
            selectionSet1, parentType1: field1.type?.namedIndex,
            selectionSet2, parentType2: field2.type?.namedIndex,
            mutuallyExclusive: mutuallyExclusive)
        guard !sub.isEmpty else { return nil }
        var fields1 = [field1.node.loc]
        var fields2 = [field2.node.loc]
        for conflict in sub {
            fields1.append(contentsOf: conflict.fields1)
            fields2.append(contentsOf: conflict.fields2)
        }
        return Conflict(
            responseKey: key, reason: .subfields(sub.map { ($0.responseKey, $0.reason) }),
            fields1: fields1, fields2: fields2)
    }

    /// Types conflict when no value could have both: lists and non-null must match level by
    /// level, and leaf types must be the same type. Composite types are compared through
    /// their sub-fields instead.
    private func doTypesConflict(_ type1: TypeRef, _ type2: TypeRef) -> Bool {
        switch (type1, type2) {
        case (.named(let index1), .named(let index2)):
            if index1 == index2 { return false }
            return schema.types[index1].isLeafType || schema.types[index2].isLeafType
        case (.list(let item1), .list(let item2)): return doTypesConflict(item1, item2)
        case (.list, _), (_, .list): return true
        case (.nonNull(let inner1), .nonNull(let inner2)): return doTypesConflict(inner1, inner2)
        case (.nonNull, _), (_, .nonNull): return true
        }
    }

    // MARK: Messages

    func describe(_ reason: ConflictReason) -> String {
        switch reason {
        case .differentFields(let name1, let name2):
            return "\"\(name1)\" and \"\(name2)\" are different fields"
        case .differingArguments:
            return "they have differing arguments"
        case .conflictingTypes(let type1, let type2):
            return "they return conflicting types \"\(schema.describe(type1))\" and \"\(schema.describe(type2))\""
        case .subfields(let list):
            return list.map { "subfields \"\(keyNames[$0.key])\" conflict because " + describe($0.reason) }
                .joined(separator: " and ")
        }
    }
}

// MARK: - Argument comparison

/// Same argument names and values, in any order. A field with arguments never matches one
/// without (spec 2025). Values compare as graphql-js compares them: equal when they print
/// the same once input object fields are sorted by name.
private func sameArguments(_ arguments1: [Argument], _ arguments2: [Argument]) -> Bool {
    if arguments1.isEmpty { return arguments2.isEmpty }
    if arguments2.isEmpty || arguments1.count != arguments2.count { return false }
    for argument1 in arguments1 {
        let name = argument1.name.value
        // With duplicate names (invalid anyway), the last one counts, as in graphql-js.
        guard let argument2 = arguments2.last(where: { $0.name.value == name }) else { return false }
        if !valuesPrintEqual(argument1.value, argument2.value) { return false }
    }
    return true
}

/// Whether two values print to the same text after sorting input object fields by name,
/// decided structurally without printing.
private func valuesPrintEqual(_ value1: Value, _ value2: Value) -> Bool {
    switch (value1, value2) {
    case (.variable(let a), .variable(let b)):
        return a.name.value == b.name.value
    case (.int(let a, _), .int(let b, _)), (.float(let a, _), .float(let b, _)),
        (.enumValue(let a, _), .enumValue(let b, _)):
        return a == b
    case (.string(let a), .string(let b)):
        // A block string prints as a block string, a quoted one quoted.
        return a.block == b.block && a.value == b.value
    case (.boolean(let a, _), .boolean(let b, _)):
        return a == b
    case (.null, .null):
        return true
    case (.list(let a, _), .list(let b, _)):
        guard a.count == b.count else { return false }
        for i in 0..<a.count where !valuesPrintEqual(a[i], b[i]) { return false }
        return true
    case (.object(let a, _), .object(let b, _)):
        guard a.count == b.count else { return false }
        let sorted1 = sortedByName(a)
        let sorted2 = sortedByName(b)
        for i in 0..<sorted1.count {
            if sorted1[i].name.value != sorted2[i].name.value { return false }
            if !valuesPrintEqual(sorted1[i].value, sorted2[i].value) { return false }
        }
        return true
    default:
        return false
    }
}

/// Input object fields in graphql-js's natural order of names (stable for equal names).
private func sortedByName(_ fields: [ObjectField]) -> [ObjectField] {
    if fields.count < 2 { return fields }
    var isSorted = true
    for i in 1..<fields.count where naturalCompare(fields[i - 1].name.value, fields[i].name.value) > 0 {
        isSorted = false
        break
    }
    if isSorted { return fields }
    return fields.enumerated().sorted { lhs, rhs in
        let order = naturalCompare(lhs.element.name.value, rhs.element.name.value)
        return order != 0 ? order < 0 : lhs.offset < rhs.offset
    }.map(\.element)
}

/// graphql-js's natural string order: runs of digits compare by numeric value (a leading
/// zero forms a run of its own), other characters by code unit.
private func naturalCompare(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf16)
    let b = Array(b.utf16)
    var i = 0
    var j = 0
    func isDigit(_ c: UInt16) -> Bool { c >= 48 && c <= 57 }
    while i < a.count && j < b.count {
        var ca = a[i]
        var cb = b[j]
        if isDigit(ca) && isDigit(cb) {
            var numberA = 0
            repeat {
                i += 1
                numberA = numberA &* 10 &+ Int(ca - 48)
                ca = i < a.count ? a[i] : 0
            } while isDigit(ca) && numberA > 0
            var numberB = 0
            repeat {
                j += 1
                numberB = numberB &* 10 &+ Int(cb - 48)
                cb = j < b.count ? b[j] : 0
            } while isDigit(cb) && numberB > 0
            if numberA < numberB { return -1 }
            if numberA > numberB { return 1 }
        } else {
            if ca < cb { return -1 }
            if ca > cb { return 1 }
            i += 1
            j += 1
        }
    }
    return a.count - b.count
}
