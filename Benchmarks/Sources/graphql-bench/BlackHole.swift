/// Consumes a value so the optimiser cannot delete the computation that produced it.
///
/// `@inline(never)` plus `@_optimize(none)` makes the call opaque: the compiler must assume
/// the value is observed, so a parse whose result is otherwise unused still happens.
@inline(never)
@_optimize(none)
func blackHole<T>(_ value: T) {}
