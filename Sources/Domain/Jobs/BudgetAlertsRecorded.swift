/// Told about the budget alerts a job just recorded, with the workspace they belong to, so people can be notified.
/// Recording is done by then; a hook that fails must handle its failure itself.
public typealias BudgetAlertsRecorded = @Sendable (_ alerts: [BudgetAlert], _ access: WorkspaceAccess) async -> Void
