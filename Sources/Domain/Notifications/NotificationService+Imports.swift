import Foundation

extension NotificationService {
    /// Tells the user who committed a statement import that it is written, with what it added.
    @discardableResult
    public func importFinished(_ statement: StatementImport, access: WorkspaceAccess) async -> UserNotification? {
        guard statement.status == .committed else { return nil }
        return await producing("import finished") {
            let workspaceName = try await workspaceName(access.workspace.id)
            let added = statement.addedCount ?? 0, duplicates = statement.duplicateCount ?? 0
            let name = statement.fileName.isEmpty ? "your statement" : statement.fileName
            return try await notify([NotificationDraft(
                userID: access.userID, workspaceID: access.workspace.id, type: .importFinished, priority: .low,
                title: "Import of \(name) finished",
                body: "\(added) transaction\(added == 1 ? "" : "s") added and \(duplicates) already in the account skipped, "
                    + "from \(statement.rowCount ?? added + duplicates) rows, in \(workspaceName).",
                data: [
                    "importId": statement.id.uuidString.lowercased(), "accountId": statement.accountID?.uuidString.lowercased() ?? "",
                    "addedCount": String(added), "duplicateCount": String(duplicates), "rowCount": String(statement.rowCount ?? 0),
                ])])
        }.first
    }
}
