import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence

/// `budgetai import-fx-rates FILE`: load the ECB's euro reference rates (the daily eurofxref.csv or the full
/// eurofxref-hist.csv) into `control.fx_rates`; a rate already stored for the same pair and day is replaced.
struct ImportFXRatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-fx-rates",
        abstract: "Import ECB euro reference rates from eurofxref.csv or eurofxref-hist.csv (- reads standard input).",
        discussion: """
            Download https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip (or eurofxref.zip for the latest day), \
            unzip it and pass the CSV. The whole file is checked before anything is written, and written in one \
            transaction; re-importing replaces rates of the same pair and day. Audited as an operator action.
            """
    )

    @Argument(help: "The ECB CSV file, or - to read standard input.")
    var file: String

    func run() async throws {
        let name = file == "-" ? "standard input" : file
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw Self.failure("cannot read \(name): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Self.failure("\(name) is not UTF-8 text") }
        let rates: [FXRate]
        do {
            rates = try ECBRatesCSV.parse(text)
        } catch {
            throw Self.failure("\(name): \(error.message)")
        }
        guard let first = rates.map(\.day).min(), let last = rates.map(\.day).max() else {
            throw Self.failure("\(name) holds no rates")
        }
        let currencies = Set(rates.flatMap { [$0.base, $0.quote] }).subtracting([Currency(code: "EUR")!])
        let source = file == "-" ? "standard input" : URL(fileURLWithPath: file).lastPathComponent

        let (configuration, logger) = try startUp(label: "budgetai.fx")
        let outcome: Result<Int, ExitCode> = try await Database.withRunning(settings: configuration.database, logger: logger) { database in
            do {
                let audit = AuditEvent(
                    "admin.fx_rates_imported", origin: ClientOrigin(address: "cli"), targetType: "fx_rates",
                    details: [
                        "file": source, "rates": String(rates.count), "currencies": String(currencies.count),
                        "from": first.iso, "through": last.iso, "by": "budgetai import-fx-rates",
                    ])
                let count = try await FXRateStore(database: database, logger: logger).importRates(rates, audit: audit)
                return .success(count)
            } catch {
                return .failure(fail(error))
            }
        }
        switch outcome {
        case .success(let count):
            print("imported \(count) rates for \(currencies.count) currencies, \(first.iso)..\(last.iso)")
        case .failure(let exit):
            throw exit
        }
    }

    /// Prints `message` as one line on standard error and gives the exit status 1.
    private static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
        return ExitCode(1)
    }
}
