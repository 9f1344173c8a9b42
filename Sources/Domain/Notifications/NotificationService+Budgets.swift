import Foundation

extension NotificationService {
    /// Tells the workspace's owners and admins, and the member whose write crossed them, about budget thresholds just
    /// crossed: the new alerts `BudgetService.recordThresholdCrossings` returned (`budget_alerts` stays the
    /// workspace's own record, once per budget, period and threshold). Reaching 100 % or more is HIGH priority.
    /// Failures are logged, never thrown: the spending that crossed them is already committed.
    @discardableResult
    public func budgetThresholdsCrossed(_ alerts: [BudgetAlert], access: WorkspaceAccess, budgets: BudgetService) async -> [UserNotification] {
        guard !alerts.isEmpty else { return [] }
        return await producing("budget thresholds") {
            let names = try await budgets.budgets(access, ids: Array(Set(alerts.map(\.budgetID)))).mapValues(\.name)
            return try await notifyMembers(of: access.workspace.id, roles: [.owner, .admin], alsoUserID: access.userID) { userID, workspaceName in
                alerts.map { alert in
                    Self.budgetDraft(
                        alert, budgetName: names[alert.budgetID] ?? "A budget", userID: userID, workspaceID: access.workspace.id,
                        workspaceName: workspaceName)
                }
            }
        }
    }

    static func budgetDraft(_ alert: BudgetAlert, budgetName: String, userID: UUID, workspaceID: UUID, workspaceName: String) -> NotificationDraft {
        let title = switch alert.threshold {
        case ..<100: "“\(budgetName)” is at \(alert.threshold) % of its budget"
        case 100: "“\(budgetName)” has used its whole budget"
        default: "“\(budgetName)” is over budget: \(alert.threshold) %"
        }
        return NotificationDraft(
            userID: userID, workspaceID: workspaceID, type: .budgetThreshold, priority: alert.threshold >= 100 ? .high : .normal, title: title,
            body: "\(alert.spent) spent of \(alert.available) available in the period from \(alert.periodStart.iso), in \(workspaceName).",
            data: [
                "budgetId": alert.budgetID.uuidString.lowercased(), "periodStart": alert.periodStart.iso, "threshold": String(alert.threshold),
                "spent": alert.spent.decimalString, "available": alert.available.decimalString, "currency": alert.spent.currency.code,
            ])
    }
}
