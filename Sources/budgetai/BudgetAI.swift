import ArgumentParser
import Foundation

/// Writes one line to standard output at once: progress must reach a log file as it happens, unbuffered.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The Budget AI command line: the server, the migration job and operator tools.
@main
struct BudgetAI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgetai",
        abstract: "Budget AI: multi-tenant budgeting backend.",
        subcommands: [
            ServeCommand.self,
            WorkerCommand.self,
            MigrateCommand.self,
            SeedDemoCommand.self,
            GrantPlatformRoleCommand.self,
            NewSigningKeyCommand.self,
            ImportFXRatesCommand.self,
            MaterializeRecurringCommand.self,
            ConfigCommand.self,
            BenchTenancyCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
