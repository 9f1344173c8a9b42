import PostgresNIO

/// Assembles a statement whose WHERE clause depends on the input, with every value bound as a parameter ($1, $2...)
/// and only our own fixed fragments spliced into the text.
struct SQLBuilder {
    private(set) var bindings = PostgresBindings()
    private var count = 0

    /// Binds `value` and returns its placeholder.
    mutating func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value) throws -> String {
        try bindings.append(value)
        count += 1
        return "$\(count)"
    }

    /// The statement `sql`, whose placeholders came from this builder.
    func query(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
