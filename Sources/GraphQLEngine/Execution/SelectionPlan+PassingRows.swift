extension SelectionPlan {
    /// Completes the leading objects of `items` whose every selected field holds a value its built-in scalar passes as
    /// it is (CoerceResult, spec 6.4.3, changes nothing), appending each as an object of the plan's keys; returns how
    /// many it took. It stops at the first item that is not such an object, so the general path completes the rest,
    /// and reports what is wrong there. No result node, response path or per-object plan lookup is made.
    func passingRows(_ items: [GraphQLValue], into list: inout [GraphQLValue]) -> Int {
        // Loaded once for the whole list: inside the loop they cost no reference counting.
        let names = fieldNames
        let codes = fieldLeafCodes
        let nonNull = nonNullLeaves
        let responseKeys = keys
        let count = names.count
        for index in items.indices {
            guard case .object(let object) = items[index] else { return index }
            var row: [GraphQLValue] = []
            row.reserveCapacity(count)
            let objectKeys = object.keys
            let objectValues = object.values
            for field in 0..<count {
                let name = names[field]
                // Objects of one shape keep their keys in one order: usually one comparison finds the value.
                let value = (field < objectKeys.count && objectKeys[field] == name ? objectValues[field] : object[name]) ?? .null
                guard Self.passes(value, code: codes[field], nonNull: nonNull[field]) else { return index }
                row.append(value)
            }
            list.append(.object(GraphQLObject(uniqueKeys: responseKeys, values: row)))
        }
        return items.count
    }

    /// Whether a built-in leaf's serialisation returns `value` unchanged: the right kind, an Int within 32 bits, a
    /// finite Float, and null only where the type allows it.
    @inline(__always)
    static func passes(_ value: GraphQLValue, code: UInt8, nonNull: Bool) -> Bool {
        switch (code, value) {
        case (_, .null):
            return !nonNull
        case (LeafCode.string, .string), (LeafCode.id, .string), (LeafCode.boolean, .bool), (LeafCode.passThrough, _):
            return true
        case (LeafCode.int, .int(let n)):
            return n >= BuiltinScalars.minInt && n <= BuiltinScalars.maxInt
        case (LeafCode.float, .float(let d)):
            return d.isFinite
        default:
            return false
        }
    }
}
