/// The response media types of GraphQL over HTTP, chosen from the request's Accept header.
public enum GraphQLMediaType: String, Sendable {
    /// The current format: status codes tell whether the document ran.
    case graphQLResponse = "application/graphql-response+json"
    /// The legacy format: 200 for every well-formed request.
    case json = "application/json"

    /// The best type the client accepts; nil when it accepts neither (406). No Accept header means application/json,
    /// as does `*/*` or `application/*`; between equal quality values the client's order decides.
    public static func negotiate(accept: String?) -> GraphQLMediaType? {
        guard let accept, !accept.trimmingOptionalWhitespace.isEmpty else { return .json }
        var best: (type: GraphQLMediaType, quality: Double)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingOptionalWhitespace.lowercased() }
            guard let name = parts.first else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0 else { continue }
            let type: GraphQLMediaType
            switch name {
            case GraphQLMediaType.graphQLResponse.rawValue: type = .graphQLResponse
            case GraphQLMediaType.json.rawValue, "application/*", "*/*": type = .json
            default: continue
            }
            if best == nil || quality > best!.quality { best = (type, quality) }
        }
        return best?.type
    }

    /// The Content-Type header value of a response.
    public var contentType: String { rawValue + "; charset=utf-8" }
}
