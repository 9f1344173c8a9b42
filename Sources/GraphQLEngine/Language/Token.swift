/// The kinds of lexical token of spec section 2.1 (comments, white space and commas are
/// ignored tokens and never produced).
public enum TokenKind: UInt8, Sendable, CustomStringConvertible {
    case startOfFile, endOfFile
    case bang, dollar, ampersand, parenLeft, parenRight, spread, colon, equals, at
    case bracketLeft, bracketRight, braceLeft, pipe, braceRight
    case name, int, float, string, blockString

    /// How graphql-js names the kind in "Expected X, found Y" messages.
    public var description: String {
        switch self {
        case .startOfFile: return "<SOF>"
        case .endOfFile: return "<EOF>"
        case .bang: return "\"!\""
        case .dollar: return "\"$\""
        case .ampersand: return "\"&\""
        case .parenLeft: return "\"(\""
        case .parenRight: return "\")\""
        case .spread: return "\"...\""
        case .colon: return "\":\""
        case .equals: return "\"=\""
        case .at: return "\"@\""
        case .bracketLeft: return "\"[\""
        case .bracketRight: return "\"]\""
        case .braceLeft: return "\"{\""
        case .pipe: return "\"|\""
        case .braceRight: return "\"}\""
        case .name: return "Name"
        case .int: return "Int"
        case .float: return "Float"
        case .string: return "String"
        case .blockString: return "BlockString"
        }
    }
}

/// A lexical token: its kind and byte range, and for strings the decoded value.
public struct Token: Sendable {
    public var kind: TokenKind
    public var start: Int
    public var end: Int
    /// The cooked value of a string or block string token; nil for every other kind.
    public var stringValue: String?
}
