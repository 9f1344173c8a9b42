import Foundation
import GraphQLConformance
import Testing

/// The sample corpus (Tests/GraphQLEngineTests/Conformance, copied from the project's shared
/// conformance folder) run through the runner's code: every case must reach the stage the
/// reference reached, parse errors at the same place and validation errors with the same
/// locations. Execution results are checked by the execution tests.
@Suite struct ConformanceTests {
    struct Expected {
        let stage: String
        let locationSets: [[SourceLocationPair]]
    }

    /// Untagged cases whose expected output follows graphql-core 3.2.8 where the September
    /// 2025 specification says otherwise; for these the engine must show the 2025 behaviour.
    static let specDeviations: [String: ConformanceResult.Stage] = [
        // FragmentDefinition : Description? fragment ... (2025 grammar, section 2.8).
        "parse/description-on-fragment": .execute
    ]

    static func lines(_ name: String) throws -> [Data] {
        let url = try #require(Bundle.module.url(forResource: "Conformance/\(name)", withExtension: "jsonl"))
        return try Data(contentsOf: url).split(separator: UInt8(ascii: "\n")).map { Data($0) }
    }

    static func expectedByID() throws -> [String: Expected] {
        var result: [String: Expected] = [:]
        for line in try lines("expected") {
            let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
            let id = try #require(object["id"] as? String)
            let stage = try #require(object["stage"] as? String)
            let errors = object["errors"] as? [[String: Any]] ?? []
            let sets = errors.map { error in
                ((error["locations"] as? [[Int]]) ?? []).map { SourceLocationPair(line: $0[0], column: $0[1]) }
            }
            result[id] = Expected(stage: stage, locationSets: sets)
        }
        return result
    }

    static func sortedSets(_ sets: [[SourceLocationPair]]) -> [String] {
        sets.map { set in
            set.map { "\($0.line):\($0.column)" }.sorted().joined(separator: ",")
        }.sorted()
    }

    @Test func everyCaseReachesTheReferenceStageWithTheSameErrors() throws {
        let expected = try Self.expectedByID()
        let runner = ConformanceRunner()
        var failures: [String] = []
        var checked = 0
        for line in try Self.lines("cases") {
            let testCase = try #require(ConformanceCase(jsonLine: line))
            let want = try #require(expected[testCase.id])
            let got = runner.run(testCase)
            checked += 1
            if let deviation = Self.specDeviations[testCase.id] {
                if got.stage != deviation {
                    failures.append("\(testCase.id): stage \(got.stage), expected \(deviation) by the 2025 specification")
                }
                continue
            }
            guard got.stage.rawValue == want.stage else {
                failures.append("\(testCase.id): stage \(got.stage) (\(got.errors.map(\.message))), expected \(want.stage)")
                continue
            }
            switch got.stage {
            case .parse:
                let gotLocation = got.errors.first?.locations ?? []
                if gotLocation != want.locationSets.first ?? [] {
                    failures.append("\(testCase.id): parse error at \(gotLocation), expected \(want.locationSets)")
                }
            case .validate:
                let gotSets = Self.sortedSets(got.errors.map(\.locations))
                let wantSets = Self.sortedSets(want.locationSets)
                if gotSets != wantSets {
                    failures.append("\(testCase.id): errors at \(gotSets) \(got.errors.map(\.message)), expected \(wantSets)")
                }
            case .execute:
                break
            }
        }
        #expect(checked == 650)
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) failures:\n" + failures.joined(separator: "\n")))
    }
}
