import Testing

@testable import GraphQLEngine

// Tests of spec 5.3.2 Field Selection Merging (OverlappingFieldsCanBeMergedRule), checked
// against graphql-js 16: the cases of its rule tests, the conformance corpus's cases, and
// checks of argument comparison, caching and speed.
//
// Queries ported from graphql-js keep their exact text (blank first line, indentation) so
// the expected lines and columns are graphql-js's own; their literals therefore close at
// column 0.

// MARK: - Schemas

/// The conformance corpus's pets schema (a variant of graphql-js's validation test schema).
private let petSDL = #"""
    schema {
      query: QueryRoot
      mutation: MutationRoot
      subscription: SubscriptionRoot
    }

    directive @onQuery on QUERY
    directive @onMutation on MUTATION
    directive @onSubscription on SUBSCRIPTION
    directive @onField on FIELD
    directive @onFragmentDefinition on FRAGMENT_DEFINITION
    directive @onFragmentSpread on FRAGMENT_SPREAD
    directive @onInlineFragment on INLINE_FRAGMENT
    directive @onVariableDefinition on VARIABLE_DEFINITION
    directive @repeatableDir(n: Int) repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
    directive @tag(name: String!) on FIELD | QUERY | MUTATION

    """
    A living thing.
    """
    interface Being {
      name(surname: Boolean): String
    }

    interface Mammal {
      mother: Mammal
      father: Mammal
    }

    interface Pet implements Being {
      name(surname: Boolean): String
    }

    interface Canine implements Mammal & Being {
      name(surname: Boolean): String
      mother: Canine
      father: Canine
    }

    interface Intelligent {
      iq: Int
    }

    "Commands a dog knows"
    enum DogCommand {
      SIT
      HEEL
      DOWN
      ROLL_OVER @deprecated(reason: "Too hard")
    }

    enum FurColor {
      BROWN
      BLACK
      TAN
      SPOTTED
      NO_FUR
      UNKNOWN
    }

    type Dog implements Being & Pet & Mammal & Canine {
      id: ID!
      name(surname: Boolean): String
      nickname: String
      barkVolume: Int
      barks: Boolean
      weight: Float
      doesKnowCommand(dogCommand: DogCommand): Boolean
      isHouseTrained(atOtherHomes: Boolean = true): Boolean
      isAtLocation(x: Int, y: Int): Boolean
      commands: [DogCommand!]
      mother: Dog
      father: Dog
      owner: Human
    }

    type Cat implements Being & Pet {
      id: ID!
      name(surname: Boolean): String
      nickname: String
      meows: Boolean
      meowsVolume: Int
      furColor: FurColor
      lives: Int!
    }

    union CatOrDog = Cat | Dog

    type Human implements Being & Intelligent {
      id: ID!
      name(surname: Boolean): String
      pets: [Pet]
      relatives: [Human!]!
      iq: Int
      tags: [String!]!
      oldName: String @deprecated
    }

    type Alien implements Being & Intelligent {
      name(surname: Boolean): String
      iq: Int
      numEyes: Int
    }

    union DogOrHuman = Dog | Human

    union HumanOrAlien = Human | Alien

    input ComplexInput {
      requiredField: Boolean!
      nonNullField: Boolean! = false
      intField: Int
      stringField: String
      booleanField: Boolean
      stringListField: [String]
      enumField: FurColor = BROWN
      nested: ComplexInput
    }

    "Arbitrary JSON"
    scalar JSON

    type ComplicatedArgs {
      intArgField(intArg: Int): String
      nonNullIntArgField(nonNullIntArg: Int!): String
      stringArgField(stringArg: String): String
      booleanArgField(booleanArg: Boolean): String
      enumArgField(enumArg: FurColor): String
      floatArgField(floatArg: Float): String
      idArgField(idArg: ID): String
      stringListArgField(stringListArg: [String]): String
      stringListNonNullArgField(stringListNonNullArg: [String!]): String
      complexArgField(complexArg: ComplexInput): String
      multipleReqs(req1: Int!, req2: Int!): String
      nonNullFieldWithDefault(arg: Int! = 0): String
      multipleOpts(opt1: Int = 0, opt2: Int = 0): String
      multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
      jsonArgField(json: JSON): JSON
    }

    type QueryRoot {
      human(id: ID): Human
      alien: Alien
      dog: Dog
      cat: Cat
      pet: Pet
      catOrDog: CatOrDog
      dogOrHuman: DogOrHuman
      humanOrAlien: HumanOrAlien
      being: Being
      beings: [Being]
      pets: [Pet!]
      complicatedArgs: ComplicatedArgs
      json: JSON
      deprecatedField: String @deprecated(reason: "Use dog")
    }

    type MutationRoot {
      adoptDog(name: String!, input: ComplexInput): Dog
      renameCat(id: ID!, name: String!): Cat
      resetAll: Boolean
    }

    type SubscriptionRoot {
      newPet: Pet
      petCount: Int
    }
    """#

/// The schema of graphql-js's "return types must be unambiguous" tests.
private let boxSDL = #"""
    interface SomeBox {
      deepBox: SomeBox
      unrelatedField: String
    }

    type StringBox implements SomeBox {
      scalar: String
      deepBox: StringBox
      unrelatedField: String
      listStringBox: [StringBox]
      stringBox: StringBox
      intBox: IntBox
    }

    type IntBox implements SomeBox {
      scalar: Int
      deepBox: IntBox
      unrelatedField: String
      listStringBox: [StringBox]
      stringBox: StringBox
      intBox: IntBox
    }

    interface NonNullStringBox1 {
      scalar: String!
    }

    type NonNullStringBox1Impl implements SomeBox & NonNullStringBox1 {
      scalar: String!
      unrelatedField: String
      deepBox: SomeBox
    }

    interface NonNullStringBox2 {
      scalar: String!
    }

    type NonNullStringBox2Impl implements SomeBox & NonNullStringBox2 {
      scalar: String!
      unrelatedField: String
      deepBox: SomeBox
    }

    type Connection {
      edges: [Edge]
    }

    type Edge {
      node: Node
    }

    type Node {
      id: ID
      name: String
    }

    type Query {
      someBox: SomeBox
      connection: Connection
    }
    """#

/// The conformance corpus's misc schema.
private let miscSDL = #"""
    "Misc schema for coercion and null-propagation tests"
    type Query {
      int: Int
      intNN: Int!
      float: Float
      floatNN: Float!
      string: String
      stringNN: String!
      bool: Boolean
      boolNN: Boolean!
      id: ID
      idNN: ID!
      custom: Custom
      customNN: Custom!
      enum: Color
      enumNN: Color!
      list: [Int]
      listNN: [Int]!
      nnList: [Int!]
      nnListNN: [Int!]!
      listOfLists: [[Int!]]
      enumList: [Color!]
      nested: Nested
      nestedNN: Nested!
      nestedList: [Nested]
      nestedNNList: [Nested!]
      nestedNNListNN: [Nested!]!
      shape: Shape
      shapeNN: Shape!
      shapes: [Shape]
      thing: Thing
      things: [Thing!]
      echo(c: Custom, i: Int, f: Float, s: String, b: Boolean, id: ID, e: Color, l: [Int], nl: [Int!], p: Point, ll: [[Int]]): String
      withArgs(i: Int, f: Float, s: String, b: Boolean, id: ID, e: Color, l: [Int], ln: [Int!], p: Point, c: Custom, nn: Int!, pl: [Point!]): String
      deprecated: String @deprecated(reason: "gone")
    }

    type Nested {
      a: Int
      aNN: Int!
      b: String
      child: Nested
      childNN: Nested!
      list: [Nested!]
      shape: Shape
    }

    "A geometric shape"
    interface Shape {
      area: Float!
      name: String
    }

    type Circle implements Shape {
      area: Float!
      name: String
      radius: Float
    }

    type Square implements Shape {
      area: Float!
      name: String
      side: Float
      corners: Int
    }

    union Thing = Circle | Square | Nested

    type Mutation {
      first: Nested
      second: Nested
      third: Int
      fourthNN: Int!
    }

    scalar Custom

    enum Color {
      RED
      GREEN
      BLUE
      OLD @deprecated(reason: "no")
    }

    input Point {
      x: Int!
      y: Int! = 0
      label: String
      color: Color = RED
      next: Point
    }
    """#

/// The part of the conformance corpus's finance schema that its case 29 uses.
private let financeSDL = """
    scalar Cursor

    type Query {
      workspace(slug: String!): Workspace
    }

    type Workspace {
      id: ID!
      transactions(first: Int, after: Cursor): TransactionConnection!
    }

    type TransactionConnection {
      totalCount: Int
    }
    """

private func petSchema() throws -> GraphQLSchema { try buildSchema(petSDL) }
private func boxSchema() throws -> GraphQLSchema { try buildSchema(boxSDL) }
private func miscSchema() throws -> GraphQLSchema { try buildSchema(miscSDL) }
private func financeSchema() throws -> GraphQLSchema { try buildSchema(financeSDL) }

// MARK: - Helpers

private func validateOverlapping(_ schema: GraphQLSchema, _ query: String) throws -> [GraphQLError] {
    validate(schema: schema, document: try parse(query), rules: [OverlappingFieldsCanBeMergedRule()])
}

/// Expects exactly these errors, in this order: message and (line, column) locations.
private func expectErrors(
    _ schema: GraphQLSchema, _ query: String, _ expected: [(String, [(Int, Int)])],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let errors = try validateOverlapping(schema, query)
    #expect(errors.map(\.message) == expected.map(\.0), sourceLocation: sourceLocation)
    let locations = errors.map { $0.locations.map { [$0.line, $0.column] } }
    #expect(locations == expected.map { $0.1.map { [$0.0, $0.1] } }, sourceLocation: sourceLocation)
}

private func expectValid(
    _ schema: GraphQLSchema, _ query: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let errors = try validateOverlapping(schema, query)
    #expect(errors.map(\.description) == [], sourceLocation: sourceLocation)
}

/// Locations only, for cases whose messages are long.
private func expectLocations(
    _ schema: GraphQLSchema, _ query: String, _ expected: [[(Int, Int)]],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let errors = try validateOverlapping(schema, query)
    let locations = errors.map { $0.locations.map { [$0.line, $0.column] } }
    #expect(locations == expected.map { $0.map { [$0.0, $0.1] } }, sourceLocation: sourceLocation)
}

private let aliasHint = " Use different aliases on the fields to fetch both if this was intentional."

// MARK: - graphql-js's rule tests

@Suite("OverlappingFieldsCanBeMerged: graphql-js tests")
struct OverlappingFieldsGraphQLJSTests {
    @Test("unique fields") func uniqueFields() throws {
        try expectValid(try petSchema(), """

      fragment uniqueFields on Dog {
        name
        nickname
      }
""")
    }

    @Test("identical fields") func identicalFields() throws {
        try expectValid(try petSchema(), """

      fragment mergeIdenticalFields on Dog {
        name
        name
      }
""")
    }

    @Test("identical fields with identical args") func identicalFieldsWithIdenticalArgs() throws {
        try expectValid(try petSchema(), """

      fragment mergeIdenticalFieldsWithIdenticalArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand(dogCommand: SIT)
      }
""")
    }

    @Test("identical fields with identical directives") func identicalFieldsWithIdenticalDirectives() throws {
        try expectValid(try petSchema(), """

      fragment mergeSameFieldsWithSameDirectives on Dog {
        name @include(if: true)
        name @include(if: true)
      }
""")
    }

    @Test("different args with different aliases") func differentArgsWithDifferentAliases() throws {
        try expectValid(try petSchema(), """

      fragment differentArgsWithDifferentAliases on Dog {
        knowsSit: doesKnowCommand(dogCommand: SIT)
        knowsDown: doesKnowCommand(dogCommand: DOWN)
      }
""")
    }

    @Test("different directives with different aliases") func differentDirectivesWithDifferentAliases() throws {
        try expectValid(try petSchema(), """

      fragment differentDirectivesWithDifferentAliases on Dog {
        nameIfTrue: name @include(if: true)
        nameIfFalse: name @include(if: false)
      }
""")
    }

    @Test("different skip/include directives accepted") func differentSkipIncludeDirectivesAccepted() throws {
        try expectValid(try petSchema(), """

      fragment differentDirectivesWithDifferentAliases on Dog {
        name @include(if: true)
        name @include(if: false)
      }
""")
    }

    @Test("Same aliases with different field targets") func sameAliasesWithDifferentFieldTargets() throws {
        try expectErrors(
            try petSchema(),
            """

      fragment sameAliasesWithDifferentFieldTargets on Dog {
        fido: name
        fido: nickname
      }
""",
            [
            ("Fields \"fido\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 9)]),
            ])
    }

    @Test("Same aliases allowed on non-overlapping fields") func sameAliasesAllowedOnNonOverlappingFields() throws {
        try expectValid(try petSchema(), """

      fragment sameAliasesWithDifferentFieldTargets on Pet {
        ... on Dog {
          name
        }
        ... on Cat {
          name: nickname
        }
      }
""")
    }

    @Test("Alias masking direct field access") func aliasMaskingDirectFieldAccess() throws {
        try expectErrors(
            try petSchema(),
            """

      fragment aliasMaskingDirectFieldAccess on Dog {
        name: nickname
        name
      }
""",
            [
            ("Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 9)]),
            ])
    }

    @Test("different args, second adds an argument") func differentArgsSecondAddsAnArgument() throws {
        try expectErrors(
            try petSchema(),
            """

      fragment conflictingArgs on Dog {
        doesKnowCommand
        doesKnowCommand(dogCommand: HEEL)
      }
""",
            [
            ("Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 9)]),
            ])
    }

    @Test("different args, second missing an argument") func differentArgsSecondMissingAnArgument() throws {
        try expectErrors(
            try petSchema(),
            """

      fragment conflictingArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand
      }
""",
            [
            ("Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 9)]),
            ])
    }

    @Test("conflicting arg values") func conflictingArgValues() throws {
        try expectErrors(
            try petSchema(),
            """

      fragment conflictingArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand(dogCommand: HEEL)
      }
""",
            [
            ("Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 9)]),
            ])
    }

    @Test("conflicting arg names") func conflictingArgNames() throws {
        try expectErrors(
            try petSchema(),
            """

      fragment conflictingArgs on Dog {
        isAtLocation(x: 0)
        isAtLocation(y: 0)
      }
""",
            [
            ("Fields \"isAtLocation\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 9)]),
            ])
    }

    @Test("allows different args where no conflict is possible") func allowsDifferentArgsWhereNoConflictIsPossible() throws {
        try expectValid(try petSchema(), """

      fragment conflictingArgs on Pet {
        ... on Dog {
          name(surname: true)
        }
        ... on Cat {
          name
        }
      }
""")
    }

    @Test("encounters conflict in fragments") func encountersConflictInFragments() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        ...A
        ...B
      }
      fragment A on Type {
        x: a
      }
      fragment B on Type {
        x: b
      }
""",
            [
            ("Fields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(7, 9), (10, 9)]),
            ])
    }

    @Test("reports each conflict once") func reportsEachConflictOnce() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        f1 {
          ...A
          ...B
        }
        f2 {
          ...B
          ...A
        }
        f3 {
          ...A
          ...B
          x: c
        }
      }
      fragment A on Type {
        x: a
      }
      fragment B on Type {
        x: b
      }
""",
            [
            ("Fields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(18, 9), (21, 9)]),
            ("Fields \"x\" conflict because \"c\" and \"a\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(14, 11), (18, 9)]),
            ("Fields \"x\" conflict because \"c\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(14, 11), (21, 9)]),
            ])
    }

    @Test("deep conflict") func deepConflict() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        field {
          x: a
        },
        field {
          x: b
        }
      }
""",
            [
            ("Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 11), (6, 9), (7, 11)]),
            ])
    }

    @Test("deep conflict with multiple issues") func deepConflictWithMultipleIssues() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        field {
          x: a
          y: c
        },
        field {
          x: b
          y: d
        }
      }
""",
            [
            ("Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields and subfields \"y\" conflict because \"c\" and \"d\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 11), (5, 11), (7, 9), (8, 11), (9, 11)]),
            ])
    }

    @Test("very deep conflict") func veryDeepConflict() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        field {
          deepField {
            x: a
          }
        },
        field {
          deepField {
            x: b
          }
        }
      }
""",
            [
            ("Fields \"field\" conflict because subfields \"deepField\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (4, 11), (5, 13), (8, 9), (9, 11), (10, 13)]),
            ])
    }

    @Test("reports deep conflict to nearest common ancestor") func reportsDeepConflictToNearestCommonAncestor() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        field {
          deepField {
            x: a
          }
          deepField {
            x: b
          }
        },
        field {
          deepField {
            y
          }
        }
      }
""",
            [
            ("Fields \"deepField\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(4, 11), (5, 13), (7, 11), (8, 13)]),
            ])
    }

    @Test("reports deep conflict to nearest common ancestor in fragments") func reportsDeepConflictToNearestCommonAncestorInFragments() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        field {
          ...F
        }
        field {
          ...F
        }
      }
      fragment F on T {
        deepField {
          deeperField {
            x: a
          }
          deeperField {
            x: b
          }
        },
        deepField {
          deeperField {
            y
          }
        }
      }
""",
            [
            ("Fields \"deeperField\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(12, 11), (13, 13), (15, 11), (16, 13)]),
            ])
    }

    @Test("reports deep conflict in nested fragments") func reportsDeepConflictInNestedFragments() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        field {
          ...F
        }
        field {
          ...I
        }
      }
      fragment F on T {
        x: a
        ...G
      }
      fragment G on T {
        y: c
      }
      fragment I on T {
        y: d
        ...J
      }
      fragment J on T {
        x: b
      }
""",
            [
            ("Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields and subfields \"y\" conflict because \"c\" and \"d\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (11, 9), (15, 9), (6, 9), (22, 9), (18, 9)]),
            ])
    }

    @Test("reports deep conflict after nested fragments") func reportsDeepConflictAfterNestedFragments() throws {
        try expectErrors(
            try petSchema(),
            """

      fragment F on T {
        ...G
      }
      fragment G on T {
        ...H
      }
      fragment H on T {
        x: a
      }
      {
        x: b
        ...F
      }
""",
            [
            ("Fields \"x\" conflict because \"b\" and \"a\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(12, 9), (9, 9)]),
            ])
    }

    @Test("ignores unknown fragments") func ignoresUnknownFragments() throws {
        try expectValid(try petSchema(), """

      {
        field
        ...Unknown
        ...Known
      }

      fragment Known on T {
        field
        ...OtherUnknown
      }
""")
    }

    @Test("conflicting return types which potentially overlap") func conflictingReturnTypesWhichPotentiallyOverlap() throws {
        try expectErrors(
            try boxSchema(),
            """

          {
            someBox {
              ...on IntBox {
                scalar
              }
              ...on NonNullStringBox1 {
                scalar
              }
            }
          }
""",
            [
            ("Fields \"scalar\" conflict because they return conflicting types \"Int\" and \"String!\". Use different aliases on the fields to fetch both if this was intentional.", [(5, 17), (8, 17)]),
            ])
    }

    @Test("compatible return shapes on different return types") func compatibleReturnShapesOnDifferentReturnTypes() throws {
        try expectValid(try boxSchema(), """

          {
            someBox {
              ... on SomeBox {
                deepBox {
                  unrelatedField
                }
              }
              ... on StringBox {
                deepBox {
                  unrelatedField
                }
              }
            }
          }
""")
    }

    @Test("disallows differing return types despite no overlap") func disallowsDifferingReturnTypesDespiteNoOverlap() throws {
        try expectErrors(
            try boxSchema(),
            """

          {
            someBox {
              ... on IntBox {
                scalar
              }
              ... on StringBox {
                scalar
              }
            }
          }
""",
            [
            ("Fields \"scalar\" conflict because they return conflicting types \"Int\" and \"String\". Use different aliases on the fields to fetch both if this was intentional.", [(5, 17), (8, 17)]),
            ])
    }

    @Test("reports correctly when a non-exclusive follows an exclusive") func reportsCorrectlyWhenANonExclusiveFollowsAnExclusive() throws {
        try expectErrors(
            try boxSchema(),
            """

          {
            someBox {
              ... on IntBox {
                deepBox {
                  ...X
                }
              }
            }
            someBox {
              ... on StringBox {
                deepBox {
                  ...Y
                }
              }
            }
            memoed: someBox {
              ... on IntBox {
                deepBox {
                  ...X
                }
              }
            }
            memoed: someBox {
              ... on StringBox {
                deepBox {
                  ...Y
                }
              }
            }
            other: someBox {
              ...X
            }
            other: someBox {
              ...Y
            }
          }
          fragment X on SomeBox {
            scalar
          }
          fragment Y on SomeBox {
            scalar: unrelatedField
          }
""",
            [
            ("Fields \"other\" conflict because subfields \"scalar\" conflict because \"scalar\" and \"unrelatedField\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(31, 13), (39, 13), (34, 13), (42, 13)]),
            ])
    }

    @Test("disallows differing return type nullability despite no overlap") func disallowsDifferingReturnTypeNullabilityDespiteNoOverlap() throws {
        try expectErrors(
            try boxSchema(),
            """

          {
            someBox {
              ... on NonNullStringBox1 {
                scalar
              }
              ... on StringBox {
                scalar
              }
            }
          }
""",
            [
            ("Fields \"scalar\" conflict because they return conflicting types \"String!\" and \"String\". Use different aliases on the fields to fetch both if this was intentional.", [(5, 17), (8, 17)]),
            ])
    }

    @Test("disallows differing return type list despite no overlap") func disallowsDifferingReturnTypeListDespiteNoOverlap() throws {
        try expectErrors(
            try boxSchema(),
            """

          {
            someBox {
              ... on IntBox {
                box: listStringBox {
                  scalar
                }
              }
              ... on StringBox {
                box: stringBox {
                  scalar
                }
              }
            }
          }
""",
            [
            ("Fields \"box\" conflict because they return conflicting types \"[StringBox]\" and \"StringBox\". Use different aliases on the fields to fetch both if this was intentional.", [(5, 17), (10, 17)]),
            ])
        try expectErrors(
            try boxSchema(),
            """

          {
            someBox {
              ... on IntBox {
                box: stringBox {
                  scalar
                }
              }
              ... on StringBox {
                box: listStringBox {
                  scalar
                }
              }
            }
          }
""",
            [
            ("Fields \"box\" conflict because they return conflicting types \"StringBox\" and \"[StringBox]\". Use different aliases on the fields to fetch both if this was intentional.", [(5, 17), (10, 17)]),
            ])
    }

    @Test("disallows differing subfields") func disallowsDifferingSubfields() throws {
        try expectErrors(
            try boxSchema(),
            """

          {
            someBox {
              ... on IntBox {
                box: stringBox {
                  val: scalar
                  val: unrelatedField
                }
              }
              ... on StringBox {
                box: stringBox {
                  val: scalar
                }
              }
            }
          }
""",
            [
            ("Fields \"val\" conflict because \"scalar\" and \"unrelatedField\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(6, 19), (7, 19)]),
            ])
    }

    @Test("disallows differing deep return types despite no overlap") func disallowsDifferingDeepReturnTypesDespiteNoOverlap() throws {
        try expectErrors(
            try boxSchema(),
            """

          {
            someBox {
              ... on IntBox {
                box: stringBox {
                  scalar
                }
              }
              ... on StringBox {
                box: intBox {
                  scalar
                }
              }
            }
          }
""",
            [
            ("Fields \"box\" conflict because subfields \"scalar\" conflict because they return conflicting types \"String\" and \"Int\". Use different aliases on the fields to fetch both if this was intentional.", [(5, 17), (6, 19), (10, 17), (11, 19)]),
            ])
    }

    @Test("allows non-conflicting overlapping types") func allowsNonConflictingOverlappingTypes() throws {
        try expectValid(try boxSchema(), """

          {
            someBox {
              ... on IntBox {
                scalar: unrelatedField
              }
              ... on StringBox {
                scalar
              }
            }
          }
""")
    }

    @Test("same wrapped scalar return types") func sameWrappedScalarReturnTypes() throws {
        try expectValid(try boxSchema(), """

          {
            someBox {
              ...on NonNullStringBox1 {
                scalar
              }
              ...on NonNullStringBox2 {
                scalar
              }
            }
          }
""")
    }

    @Test("allows inline fragments without type condition") func allowsInlineFragmentsWithoutTypeCondition() throws {
        try expectValid(try boxSchema(), """

          {
            a
            ... {
              a
            }
          }
""")
    }

    @Test("compares deep types including list") func comparesDeepTypesIncludingList() throws {
        try expectErrors(
            try boxSchema(),
            """

          {
            connection {
              ...edgeID
              edges {
                node {
                  id: name
                }
              }
            }
          }

          fragment edgeID on Connection {
            edges {
              node {
                id
              }
            }
          }
""",
            [
            ("Fields \"edges\" conflict because subfields \"node\" conflict because subfields \"id\" conflict because \"name\" and \"id\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(5, 15), (6, 17), (7, 19), (14, 13), (15, 15), (16, 17)]),
            ])
    }

    @Test("ignores unknown types") func ignoresUnknownTypes() throws {
        try expectValid(try boxSchema(), """

          {
            someBox {
              ...on UnknownType {
                scalar
              }
              ...on NonNullStringBox2 {
                scalar
              }
            }
          }
""")
    }

    @Test("does not infinite loop on recursive fragment") func doesNotInfiniteLoopOnRecursiveFragment() throws {
        try expectValid(try petSchema(), """

      {
        ...fragA
      }

      fragment fragA on Human { name, relatives { name, ...fragA } }
""")
    }

    @Test("does not infinite loop on immediately recursive fragment") func doesNotInfiniteLoopOnImmediatelyRecursiveFragment() throws {
        try expectValid(try petSchema(), """

      {
        ...fragA
      }

      fragment fragA on Human { name, ...fragA }
""")
    }

    @Test("does not infinite loop on recursive fragment with a field named after fragment") func doesNotInfiniteLoopOnRecursiveFragmentWithAFieldNamedAfterFragment() throws {
        try expectValid(try petSchema(), """

      {
        ...fragA
        fragA
      }

      fragment fragA on Query { ...fragA }
""")
    }

    @Test("finds invalid cases even with field named after fragment") func findsInvalidCasesEvenWithFieldNamedAfterFragment() throws {
        try expectErrors(
            try petSchema(),
            """

      {
        fragA
        ...fragA
      }

      fragment fragA on Type {
        fragA: b
      }
""",
            [
            ("Fields \"fragA\" conflict because \"fragA\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(3, 9), (8, 9)]),
            ])
    }

    @Test("does not infinite loop on transitively recursive fragment") func doesNotInfiniteLoopOnTransitivelyRecursiveFragment() throws {
        try expectValid(try petSchema(), """

      {
        ...fragA
        fragB
      }

      fragment fragA on Human { name, ...fragB }
      fragment fragB on Human { name, ...fragC }
      fragment fragC on Human { name, ...fragA }
""")
    }

    @Test("finds invalid case even with immediately recursive fragment") func findsInvalidCaseEvenWithImmediatelyRecursiveFragment() throws {
        try expectErrors(
            try petSchema(),
            """

      fragment sameAliasesWithDifferentFieldTargets on Dog {
        ...sameAliasesWithDifferentFieldTargets
        fido: name
        fido: nickname
      }
""",
            [
            ("Fields \"fido\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", [(4, 9), (5, 9)]),
            ])
    }

    @Test("does not infinite loop on recursive fragments separated by fields") func doesNotInfiniteLoopOnRecursiveFragmentsSeparatedByFields() throws {
        try expectValid(try petSchema(), """

      {
        ...fragA
        ...fragB
      }

      fragment fragA on T {
        x {
          ...fragA
          x {
            ...fragA
          }
        }
      }

      fragment fragB on T {
        x {
          ...fragB
          x {
            ...fragB
          }
        }
      }
""")
    }

    @Test("allows different order of args") func allowsDifferentOrderOfArgs() throws {
        let schema = try buildSchema("type Query { someField(a: String, b: String): String }")
        try expectValid(schema, "{ someField(a: null, b: null) someField(b: null, a: null) }")
    }

    @Test("allows different order of input object fields in arg values")
    func allowsDifferentOrderOfInputObjectFields() throws {
        let schema = try buildSchema(
            "input SomeInput { a: String b: String } type Query { someField(arg: SomeInput): String }")
        try expectValid(schema, "{ someField(arg: { a: null, b: null }) someField(arg: { b: null, a: null }) }")
    }

    @Test("works for field names that are JS keywords") func fieldNamesThatAreJSKeywords() throws {
        let schema = try buildSchema("type Foo { constructor: String } type Query { foo: Foo }")
        try expectValid(schema, "{ foo { constructor } }")
    }
}

// MARK: - Conformance corpus

@Suite("OverlappingFieldsCanBeMerged: conformance cases")
struct OverlappingFieldsConformanceTests {
    @Test("validate/OverlappingFieldsCanBeMergedRule/01") func case01() throws {
        try expectErrors(
            try petSchema(), "{ dog { name: nickname name } }",
            [("Fields \"name\" conflict because \"nickname\" and \"name\" are different fields." + aliasHint, [(1, 9), (1, 24)])])
    }

    @Test("validate/OverlappingFieldsCanBeMergedRule/05") func case05() throws {
        try expectErrors(
            try petSchema(), "{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) } }",
            [("Fields \"doesKnowCommand\" conflict because they have differing arguments." + aliasHint, [(1, 9), (1, 42)])])
    }

    @Test("validate/OverlappingFieldsCanBeMergedRule/09") func case09() throws {
        try expectValid(try petSchema(), "{ dog { isAtLocation(x: 1, y: 2) isAtLocation(y: 2, x: 1) } }")
    }

    @Test("validate/OverlappingFieldsCanBeMergedRule/13") func case13() throws {
        try expectErrors(
            try petSchema(), "{ dog { mother { name } mother { name: nickname } } }",
            [
                (
                    "Fields \"mother\" conflict because subfields \"name\" conflict because \"name\" and \"nickname\" are different fields."
                        + aliasHint, [(1, 9), (1, 18), (1, 25), (1, 34)]
                )
            ])
    }

    @Test("validate/OverlappingFieldsCanBeMergedRule/17") func case17() throws {
        try expectErrors(
            try petSchema(), "{ catOrDog { ... on Dog { v: barkVolume } ... on Cat { v: name } } }",
            [("Fields \"v\" conflict because they return conflicting types \"Int\" and \"String\"." + aliasHint, [(1, 27), (1, 56)])])
    }

    @Test("validate/OverlappingFieldsCanBeMergedRule/21") func case21() throws {
        try expectErrors(
            try petSchema(), "{ beings { ... on Dog { m: mother { name } } ... on Human { m: relatives { name } } } }",
            [("Fields \"m\" conflict because they return conflicting types \"Dog\" and \"[Human!]!\"." + aliasHint, [(1, 25), (1, 61)])])
    }

    @Test("validate/OverlappingFieldsCanBeMergedRule/25") func case25() throws {
        try expectValid(try petSchema(), "{ a: dog { name } ...G } fragment G on QueryRoot { a: dog { barks } }")
    }

    @Test("validate/OverlappingFieldsCanBeMergedRule/29") func case29() throws {
        try expectErrors(
            try financeSchema(),
            #"{ workspace(slug: "a") { transactions(first: 1) { totalCount } transactions(first: 2) { totalCount } } }"#,
            [("Fields \"transactions\" conflict because they have differing arguments." + aliasHint, [(1, 26), (1, 64)])])
    }

    @Test("generated/pets/invalid/conflicting-alias/pub-00018") func petsGenerated18() throws {
        let query = """
            query($b5: Boolean!, $v7: Boolean, $b15: Boolean!, $b20: Boolean!, $b23: Boolean! @onVariableDefinition, $v28: Int = 0, $v29: Int, $v31: Boolean, $v34: Boolean, $b38: Boolean! @onVariableDefinition, $b39: Boolean!, $b41: Boolean!, $b45: Boolean = false, $v54: Boolean = false, $v75: Int!) { cat { nickname }, x1: dogOrHuman { ... on Intelligent { __typename, t2: __typename } }, ...Frag3 }
            fragment Frag3 on QueryRoot { ... on QueryRoot @onInlineFragment { __typename }, pets { name, __typename }, x4: cat @skip(if: false) { name(surname: false), __typename }, ... on QueryRoot { dogOrHuman { ... on DogOrHuman { ... on Canine @include(if: $b5) { __typename }, t6: __typename, ... on Being { name(surname: $v7) } }, ... on Canine @include(if: $b38) { ...Frag8, father { father @repeatableDir(n: 2) { father { name, x26: name }, ... on Dog { x27: isAtLocation(x: $v28, y: $v29), ... on Being { name(surname: true) } }, x30: mother { name(surname: $v31) } }, name(surname: true) @skip(if: false), mother { mother { __typename, name(surname: false) @include(if: true) }, name(surname: false) } }, x32: mother @include(if: true) { mother { name, x33: name(surname: $v34), father { name, x35: name(surname: true), ... on Pet @include(if: false) { x36: name, x37: name(surname: false) @include(if: false) } } } } } }, beings { name @skip(if: $b39) }, catOrDog { ...Frag40, ... on Pet { name @repeatableDir, ...Frag71, x72: name, ... on Canine { x73: name } } }, complicatedArgs { ...Frag74 } } }
            fragment Frag8 on Canine { mother { mother { name(surname: false), mother { name(surname: true) @repeatableDir(n: 2), ...Frag9 } }, father { ...Frag13, name @skip(if: $b20), x21: father { name, x22: name @skip(if: $b23), x24: name(surname: false) } } }, t25: __typename }
            fragment Frag9 on Pet { x10: name, ...Frag11 }
            fragment Frag11 on Mammal { t12: __typename }
            fragment Frag13 on Mammal { mother @skip(if: $b15) { ...Frag14 }, father { t16: __typename, ...Frag11, t17: __typename }, x18: mother { t19: __typename, __typename } }
            fragment Frag14 on Being { name }
            fragment Frag40 on Mammal { father { ... on Dog { ... on Dog { id, owner { __typename, relatives @include(if: $b41) { iq, tags, tags: name }, ...Frag42 } }, barkVolume, isHouseTrained } }, mother { father { father { t52: __typename }, mother { t53: __typename, ... on Mammal { ... on Being { name(surname: $v54) }, t55: __typename } }, x56: father { t57: __typename, t58: __typename } } }, x59: father { ...Frag60, mother { x63: father { ... on Canine { name(surname: false) }, t64: __typename, t65: __typename }, mother { t66: __typename, ... on Being { ...Frag67, ... { __typename, x68: name }, x69: name }, t70: __typename } } } }
            fragment Frag42 on Human { ...Frag43, ... on Intelligent { t48: __typename, iq }, ... on Human { x49: id, oldName, pets { name, x50: name, x51: name } } }
            fragment Frag43 on Human { x44: relatives { ... on Human @include(if: $b45) { ...Frag14 }, id }, x46: tags, t47: __typename }
            fragment Frag60 on Being { name, x61: name @repeatableDir(n: 2), ... on Mammal { x62: father { ...Frag13 } } }
            fragment Frag67 on Alien { iq, numEyes @skip(if: false), name }
            fragment Frag71 on Dog { __typename, doesKnowCommand }
            fragment Frag74 on ComplicatedArgs { enumArgField, stringListArgField, multipleOptAndReq(req1: -200, req2: $v75), ...Frag76 }
            fragment Frag76 on ComplicatedArgs { t77: __typename, floatArgField, __typename }
            """
        try expectErrors(
            try petSchema(), query,
            [("Fields \"tags\" conflict because \"tags\" and \"name\" are different fields." + aliasHint, [(8, 123), (8, 129)])])
    }

    @Test("generated/misc/invalid/conflicting-alias/pub-00016") func miscGenerated16() throws {
        let query = """
            query Op17($b4: Boolean!, $b11: Boolean!, $b13: Boolean!) {
              nestedNNList {
                ... on Nested {
                  child {
                    aNN
                    __typename
                    __typename: aNN
                  }
                  childNN {
                    x1: childNN @skip(if: true) {
                      b
                    }
                  }
                  shape @skip(if: false) {
                    name
                    ... on Shape {
                      area
                      x2: name
                    }
                    x3: area
                  }
                }
              }
              listOfLists @skip(if: $b4)
              intNN
              nestedNNListNN {
                aNN
                ...Frag5
                shape {
                  ...Frag9
                }
                childNN {
                  shape {
                    name
                    ...Frag7
                  }
                  ... on Nested {
                    x14: shape {
                      area
                      ...Frag15
                    }
                    __typename
                  }
                  a
                }
              }
            }

            fragment Frag5 on Nested {
              child {
                aNN
                ...Frag6
                shape {
                  area
                  ... on Square {
                    ...Frag7
                    side
                  }
                  name
                }
              }
              list @include(if: false) {
                list {
                  a
                }
              }
            }

            fragment Frag6 on Nested {
              __typename
            }

            fragment Frag7 on Square {
              x8: area @skip(if: true)
              __typename
            }

            fragment Frag9 on Circle {
              x10: radius @include(if: $b11)
              ... on Shape {
                x12: name @include(if: true)
                __typename
                area @skip(if: $b13)
              }
            }

            fragment Frag15 on Shape {
              name
              x16: name
            }
            """
        try expectErrors(
            try miscSchema(), query,
            [("Fields \"__typename\" conflict because \"__typename\" and \"aNN\" are different fields." + aliasHint, [(6, 9), (7, 9)])])
    }

    @Test("generated/misc/invalid/conflicting-alias/pub-00017") func miscGenerated17() throws {
        let query = """
            query($b18: Boolean = false, $b25: Boolean!) { echo(ll: [[1, 1]]) ...Frag1 string list @skip(if: true) }
            fragment Frag1 on Query { things { ... on Circle { ...Frag2 ...Frag3 ...Frag8 x10: area } ... on Square { ...Frag11 x13: side ...Frag14 ... on Shape @include(if: $b18) { x17: name } } } x19: list nestedNNListNN { aNN __typename list @skip(if: $b25) { aNN a x20: child { x21: child { aNN ...Frag22 x24: aNN aNN: a } } } } __typename }
            fragment Frag2 on Circle { name radius area __typename }
            fragment Frag3 on Circle { t4: __typename t5: __typename t6: __typename x7: name }
            fragment Frag8 on Shape { x9: name }
            fragment Frag11 on Square { t12: __typename corners }
            fragment Frag14 on Shape { x15: name x16: name }
            fragment Frag22 on Nested { x23: b b a }
            """
        try expectErrors(
            try miscSchema(), query,
            [("Fields \"aNN\" conflict because \"aNN\" and \"a\" are different fields." + aliasHint, [(2, 284), (2, 307)])])
    }

    @Test("generated/misc/invalid/conflicting-alias/pub-00018") func miscGenerated18() throws {
        let query = """
            query($b9: Boolean = true, $b10: Boolean = false, $b21: Boolean = true) { nestedNNList { child { a, ...Frag1 }, ... on Nested { ...Frag13, ...Frag15 }, aNN @include(if: true), b } }
            fragment Frag1 on Nested { ...Frag2, ... on Nested { t11: __typename, __typename, b }, ... on Nested { t12: __typename } }
            fragment Frag2 on Nested { childNN @skip(if: false) { ...Frag3 }, list @skip(if: $b10) { child @skip(if: $b9) { ...Frag5, x8: aNN } } }
            fragment Frag3 on Nested { x4: a }
            fragment Frag5 on Nested { b, ...Frag6, t7: __typename }
            fragment Frag6 on Nested { __typename }
            fragment Frag13 on Nested { __typename, t14: __typename }
            fragment Frag15 on Nested { list { __typename, a, shape { t16: __typename } }, t17: __typename, x18: childNN @skip(if: $b21) { child { ... on Nested { aNN, childNN { x19: b, b } }, list { aNN }, a }, a, shape { area, name, t20: __typename }, a: aNN } }
            """
        try expectErrors(
            try miscSchema(), query,
            [("Fields \"a\" conflict because \"a\" and \"aNN\" are different fields." + aliasHint, [(8, 201), (8, 243)])])
    }
}

// MARK: - Further behaviour

@Suite("OverlappingFieldsCanBeMerged: arguments, caching, speed")
struct OverlappingFieldsBehaviourTests {
    @Test("input object fields compare in any order, nested too")
    func objectFieldOrder() throws {
        try expectValid(
            try petSchema(),
            """
            { complicatedArgs {
              complexArgField(complexArg: { requiredField: true, nested: { intField: 1, stringField: "a" }, intField: 2 })
              complexArgField(complexArg: { intField: 2, requiredField: true, nested: { stringField: "a", intField: 1 } })
            } }
            """)
    }

    @Test("argument values that print differently conflict")
    func differentlyPrintedValues() throws {
        let cases = [
            #"stringListArgField(stringListArg: ["a", "b"]) stringListArgField(stringListArg: ["b", "a"])"#,
            #"stringArgField(stringArg: "a") stringArgField(stringArg: """a""")"#,
            "floatArgField(floatArg: 1) floatArgField(floatArg: 1.0)",
            "complexArgField(complexArg: { requiredField: true }) complexArgField(complexArg: { requiredField: false })",
            "complexArgField(complexArg: { requiredField: true }) complexArgField(complexArg: { requiredField: true, intField: null })",
            "intArgField(intArg: $a) intArgField(intArg: $b)",
            "intArgField(intArg: 1) intArgField(intArg: $a)",
            "enumArgField(enumArg: BROWN) enumArgField(enumArg: BLACK)",
        ]
        for selections in cases {
            let errors = try validateOverlapping(try petSchema(), "{ complicatedArgs { \(selections) } }")
            #expect(errors.count == 1, "\(selections)")
            #expect(errors.first?.message.contains("they have differing arguments") == true, "\(selections)")
        }
    }

    @Test("argument values that print the same do not conflict")
    func equallyPrintedValues() throws {
        let cases = [
            #"stringArgField(stringArg: "a") stringArgField(stringArg: "a")"#,
            #"stringArgField(stringArg: """a""") stringArgField(stringArg: """a""")"#,
            "intArgField(intArg: $a) intArgField(intArg: $a)",
            "stringListArgField(stringListArg: [null, \"x\"]) stringListArgField(stringListArg: [null, \"x\"])",
            "multipleReqs(req1: 1, req2: 2) multipleReqs(req2: 2, req1: 1)",
        ]
        for selections in cases {
            let errors = try validateOverlapping(try petSchema(), "{ complicatedArgs { \(selections) } }")
            #expect(errors.isEmpty, "\(selections)")
        }
    }

    @Test("meta-fields have no type here, as in graphql-js")
    func metaFieldsOnExclusiveParents() throws {
        // Mutually exclusive parents: names may differ, and __typename has no definition in
        // graphql-js's field lookup, so its type is not compared.
        try expectValid(try petSchema(), "{ catOrDog { ... on Dog { a: __typename } ... on Cat { a: lives } } }")
        try expectErrors(
            try petSchema(), "{ dog { __typename __typename: name } }",
            [("Fields \"__typename\" conflict because \"__typename\" and \"name\" are different fields." + aliasHint, [(1, 9), (1, 20)])])
    }

    @Test("exclusive parents still compare return types")
    func exclusiveParentsCompareTypes() throws {
        try expectErrors(
            try petSchema(), "{ catOrDog { ... on Dog { x: owner { n: iq } } ... on Cat { x: nickname } } }",
            [("Fields \"x\" conflict because they return conflicting types \"Human\" and \"String\"." + aliasHint, [(1, 27), (1, 61)])])
    }

    @Test("a fragment defined twice is looked up as its last definition")
    func duplicateFragmentNames() throws {
        try expectErrors(
            try petSchema(),
            "{ dog { ...F name } } fragment F on Dog { name } fragment F on Dog { name: nickname }",
            [("Fields \"name\" conflict because \"name\" and \"nickname\" are different fields." + aliasHint, [(1, 14), (1, 70)])])
    }

    @Test("conflicts are reported in each selection set, once each")
    func conflictsPerSelectionSet() throws {
        // The conflict inside F is reported where F is defined, not again at each spread.
        try expectLocations(
            try petSchema(),
            "{ dog { ...F } pet { ...F } } fragment F on Dog { a: name a: nickname }",
            [[(1, 51), (1, 59)]])
    }

    @Test("one rule instance validates several documents")
    func ruleReuse() throws {
        let schema = try petSchema()
        let rule = OverlappingFieldsCanBeMergedRule()
        let first = validate(schema: schema, document: try parse("{ dog { a: name a: nickname } }"), rules: [rule])
        let second = validate(schema: schema, document: try parse("{ cat { a: name } dog { a: name } }"), rules: [rule])
        let third = validate(schema: schema, document: try parse("{ dog { name } dog { name: nickname } }"), rules: [rule])
        #expect(first.count == 1)
        #expect(second.isEmpty)
        #expect(third.count == 1)
    }

    @Test("documents without a source (no usable locations) are checked without caching")
    func documentWithoutSource() throws {
        let schema = try petSchema()
        var document = try parse(
            """
            { human { ...A } dog { x: name ...B } }
            fragment A on Human { name relatives { name ...A } ...A }
            fragment B on Dog { x: nickname ...B mother { ...B } }
            """)
        document.source = nil
        let errors = validate(schema: schema, document: document, rules: [OverlappingFieldsCanBeMergedRule()])
        #expect(errors.map(\.message) == [
            "Fields \"x\" conflict because \"name\" and \"nickname\" are different fields." + aliasHint
        ])
    }

    @Test("many fragments and identical fields stay fast")
    func manyFragmentsAndFields() throws {
        // 50 fragments, each spreading the next at its top level and inside a sub-selection,
        // spread together in one selection set beside 1,000 identical fields. Without the
        // memo of compared pairs this explodes; with it, it is quick.
        let count = 50
        var query = "{ dog {"
        for i in 0..<count { query += " ...F\(i)" }
        for _ in 0..<1_000 { query += " name" }
        query += " } }\n"
        for i in 0..<count {
            let next = i + 1 < count ? "...F\(i + 1)" : ""
            query += "fragment F\(i) on Dog { name nickname mother { name \(next) } father { \(next) barks } \(next) }\n"
        }
        try expectValid(try petSchema(), query)

        // The same document with one conflicting field at the bottom of the chain: every
        // pair with it is a conflict (graphql-js reports each pair), up to the error limit.
        let conflicting = query.replacingOccurrences(
            of: "fragment F\(count - 1) on Dog { name", with: "fragment F\(count - 1) on Dog { name: barks")
        let errors = try validateOverlapping(try petSchema(), conflicting)
        #expect(errors.count == 101)
        #expect(errors.dropLast().allSatisfy { $0.message.contains("\"name\" and \"barks\"") || $0.message.contains("\"barks\" and \"name\"") })
        #expect(errors.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
    }
}
