import Hummingbird
import Prometheus

extension Router {
    /// Adds /metrics: every metric in `registry`, in Prometheus' text exposition format.
    func addMetricsRoute(registry: PrometheusCollectorRegistry) {
        get(RouterPath(OperationalPath.metrics)) { _, _ -> Response in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
    }
}
