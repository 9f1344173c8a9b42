import Foundation
import Hummingbird

/// Paths of the operational endpoints; deployments' probes use the same ones (checked by scripts/check-deploy.py).
public enum OperationalPath {
    public static let liveness = "/healthz"
    public static let readiness = "/readyz"
    public static let metrics = "/metrics"
}

extension Router {
    /// Adds /healthz (the process is up) and /readyz (dependencies reachable, 503 when a required one is not).
    func addHealthRoutes(readiness: ReadinessChecker) {
        get(RouterPath(OperationalPath.liveness)) { _, _ -> Response in
            jsonResponse(status: .ok, body: ["status": "ok"])
        }
        get(RouterPath(OperationalPath.readiness)) { _, context -> Response in
            let report = await readiness.check()
            if report.status != .ready {
                context.logger.warning("not fully ready", metadata: ["status": "\(report.status.rawValue)", "checks": "\(report.checks)"])
            }
            return jsonResponse(status: report.status == .notReady ? .serviceUnavailable : .ok, body: report)
        }
    }
}

/// A JSON response from an Encodable value, keys sorted for stable output.
func jsonResponse(status: HTTPResponse.Status, body: some Encodable) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(body)) ?? Data("{}".utf8)
    return Response(
        status: status,
        headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
    )
}
