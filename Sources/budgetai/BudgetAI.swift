import ArgumentParser

/// The Budget AI command line: the server, the migration job and operator tools.
@main
struct BudgetAI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgetai",
        abstract: "Budget AI: multi-tenant budgeting backend.",
        subcommands: [
            ServeCommand.self,
            MigrateCommand.self,
            SeedDemoCommand.self,
            ConfigCommand.self,
            BenchTenancyCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
