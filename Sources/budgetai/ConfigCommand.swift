import ArgumentParser
import Foundation
import Server

/// `budgetai config`: what the program reads from the environment, and whether the current values are valid.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the environment's configuration, or list the variables the program reads."
    )

    @Flag(help: "List every environment variable with its default and meaning.")
    var listEnv = false

    @Flag(help: "Print the deployment contract as JSON: variables, secrets, HTTP port, probe paths.")
    var contract = false

    func run() async throws {
        if contract {
            print(Self.contractJSON())
            return
        }
        if listEnv {
            for variable in EnvironmentVariable.all {
                let secret = variable.isSecret ? " (secret)" : ""
                print("\(variable.name)=\(variable.defaultValue ?? "")\t\(variable.summary)\(secret)")
            }
            return
        }
        let configuration = try loadConfiguration()
        print("configuration OK: http://\(configuration.httpHost):\(configuration.httpPort), database \(configuration.database.redactedURL), redis \(configuration.redis.redactedURL)")
    }

    /// The facts deployments must agree with, read by scripts/check-deploy.py.
    static func contractJSON() -> String {
        struct Contract: Encodable {
            let env: [String]
            let secretEnv: [String]
            let defaultHTTPPort: Int
            let livenessPath: String
            let readinessPath: String
            let metricsPath: String
        }
        let contract = Contract(
            env: EnvironmentVariable.all.map(\.name),
            secretEnv: EnvironmentVariable.all.filter(\.isSecret).map(\.name),
            defaultHTTPPort: Int(EnvironmentVariable.httpPort.defaultValue ?? "") ?? 0,
            livenessPath: OperationalPath.liveness,
            readinessPath: OperationalPath.readiness,
            metricsPath: OperationalPath.metrics
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(contract)) ?? Data(), as: UTF8.self)
    }
}
