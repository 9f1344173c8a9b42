import Testing
@testable import Server

@Suite struct GraphQLMediaTypeTests {
    @Test(arguments: [
        (nil, GraphQLMediaType.json),
        ("", .json),
        ("*/*", .json),
        ("application/json", .json),
        ("application/graphql-response+json", .graphQLResponse),
        ("application/graphql-response+json, application/json", .graphQLResponse),
        ("application/json, application/graphql-response+json", .json),
        ("application/json;q=0.5, application/graphql-response+json", .graphQLResponse),
        ("  Application/GraphQL-Response+JSON ; charset=utf-8 ", .graphQLResponse),
        ("text/html, application/*;q=0.2", .json),
    ] as [(String?, GraphQLMediaType)])
    func acceptHeadersChooseTheBestType(accept: String?, expected: GraphQLMediaType) {
        #expect(GraphQLMediaType.negotiate(accept: accept) == expected)
    }

    @Test(arguments: ["text/html", "application/xml", "application/json;q=0", "image/*"])
    func unacceptableHeadersChooseNothing(accept: String) {
        #expect(GraphQLMediaType.negotiate(accept: accept) == nil)
    }

    @Test func optionalWhitespaceIsTrimmedAtBothEndsOnly() {
        #expect(" \t a b \t".trimmingOptionalWhitespace == "a b")
        #expect("   ".trimmingOptionalWhitespace == "")
        #expect("token".trimmingOptionalWhitespace == "token")
    }
}
