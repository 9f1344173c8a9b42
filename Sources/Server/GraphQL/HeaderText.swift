extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace), without Foundation: on
    /// Linux `trimmingCharacters(in:)` bridges through NSString, which cost 6 % of a request under load.
    var trimmingOptionalWhitespace: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return text[text.endIndex...] }
        let last = text.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return text[first...last]
    }
}
