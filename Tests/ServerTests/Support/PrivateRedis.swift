import Foundation

/// A redis-server of this test's own, on a random loopback port, that the test may stop and start again without
/// disturbing the shared one (scripts/stack.sh) other suites use.
final class PrivateRedis: @unchecked Sendable {
    // @unchecked: `process` is only touched by the test that owns this value, one call at a time.
    let port: Int
    private var process: Process?

    init() {
        port = Int.random(in: 41000..<49000)
    }

    var url: String { "redis://127.0.0.1:\(port)/0" }

    /// Starts redis-server and waits until it accepts connections.
    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        for _ in 0..<200 {
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw PrivateRedisError.didNotStart(port)
    }

    /// Stops redis-server and waits for it to exit. SIGKILL: a child of the test process inherits its blocked
    /// signals, SIGTERM among them.
    func stop() async throws {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        self.process = nil
    }

    deinit { if let process { kill(process.processIdentifier, SIGKILL) } }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

enum PrivateRedisError: Error {
    case didNotStart(Int)
}
