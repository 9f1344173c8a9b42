/// What a workspace is for; stored as text in `control.workspaces.kind`.
public enum WorkspaceKind: String, Sendable, CaseIterable, Codable {
    case personal = "PERSONAL"
    case business = "BUSINESS"
    case advisor = "ADVISOR"
}
