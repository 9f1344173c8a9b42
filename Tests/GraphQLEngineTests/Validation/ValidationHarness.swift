@testable import GraphQLEngine
import Testing

/// The schema the validation tests run against (modelled on graphql-js's test harness).
let validationTestSchema: GraphQLSchema = {
    let sdl = """
        interface Mammal { mother: Mammal father: Mammal }
        interface Pet { name(surname: Boolean): String }
        interface Canine implements Mammal { name(surname: Boolean): String mother: Canine father: Canine }
        enum DogCommand { SIT HEEL DOWN }
        type Dog implements Pet & Mammal & Canine {
          name(surname: Boolean): String
          nickname: String
          barkVolume: Int
          barks: Boolean
          doesKnowCommand(dogCommand: DogCommand): Boolean
          isHouseTrained(atOtherHomes: Boolean = true): Boolean
          isAtLocation(x: Int, y: Int): Boolean
          mother: Dog
          father: Dog
        }
        type Cat implements Pet { name(surname: Boolean): String nickname: String meows: Boolean meowsVolume: Int furColor: FurColor }
        union CatOrDog = Cat | Dog
        type Human { name(surname: Boolean): String pets: [Pet] relatives: [Human]! }
        enum FurColor { BROWN BLACK TAN SPOTTED NO_FUR UNKNOWN }
        input ComplexInput {
          requiredField: Boolean!
          nonNullField: Boolean! = false
          intField: Int
          stringField: String
          booleanField: Boolean
          stringListField: [String]
        }
        input OneOfInput @oneOf { stringField: String intField: Int }
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
          oneOfArgField(oneOfArg: OneOfInput): String
          multipleReqs(req1: Int!, req2: Int!): String
          nonNullFieldWithDefault(arg: Int! = 0): String
          multipleOpts(opt1: Int = 0, opt2: Int = 0): String
        }
        type QueryRoot {
          human(id: ID): Human
          dog: Dog
          cat: Cat
          pet: Pet
          catOrDog: CatOrDog
          complicatedArgs: ComplicatedArgs
        }
        type SubscriptionRoot { catSubscribe: Cat dogSubscribe: Dog }
        schema { query: QueryRoot subscription: SubscriptionRoot }
        directive @onField on FIELD
        directive @onQuery on QUERY
        directive @repeatable repeatable on FIELD
        """
    do {
        return try buildSchema(sdl)
    } catch {
        fatalError("validation test schema does not build: \(error)")
    }
}()

/// Validates `query` with one rule and returns each error's locations as "line:column".
func errorLocations(
    _ rule: any ValidationRule, _ query: String, schema: GraphQLSchema = validationTestSchema
) throws -> [[String]] {
    let document = try parse(query)
    return validate(schema: schema, document: document, rules: [rule]).map { error in
        error.locations.map(\.description)
    }
}

/// The messages of the errors one rule reports for `query`.
func errorMessages(_ rule: any ValidationRule, _ query: String) throws -> [String] {
    validate(schema: validationTestSchema, document: try parse(query), rules: [rule]).map(\.message)
}
