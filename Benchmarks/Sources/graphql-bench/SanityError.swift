/// A benchmark whose result is wrong, so its timing would be meaningless.
struct SanityError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
