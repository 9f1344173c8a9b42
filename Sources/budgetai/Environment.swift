import ArgumentParser
import Foundation
import Logging
import Persistence
import Server

/// Reads the configuration from the environment, or stops with one line naming the bad variable.
func loadConfiguration() throws -> AppConfiguration {
    do {
        return try AppConfiguration.parse(environment: ProcessInfo.processInfo.environment)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}

/// Loads configuration and installs logging, for every command that talks to the database.
func startUp(label: String) throws -> (AppConfiguration, Logger) {
    let configuration = try loadConfiguration()
    bootstrapLogging(format: configuration.logFormat, level: configuration.logLevel)
    return (configuration, Logger(label: label))
}

/// Reads the migrations folder, or stops with one line saying what is wrong with it.
func loadMigrations(_ configuration: AppConfiguration) throws -> MigrationSet {
    do {
        return try MigrationSet.load(from: URL(fileURLWithPath: configuration.migrationsDirectory))
    } catch {
        FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
        throw ExitCode(2)
    }
}

/// Prints a failure as one line on standard error and exits with status 1.
func fail(_ error: any Error) -> ExitCode {
    let message = (error as? MigrationError)?.description ?? describeDatabaseError(error)
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    return ExitCode(1)
}
