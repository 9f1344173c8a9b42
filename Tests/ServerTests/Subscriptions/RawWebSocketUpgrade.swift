import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A WebSocket upgrade written and read byte by byte over a blocking socket, for the one case a WebSocket client
/// library cannot be trusted with: a server that closes in the same breath as it upgrades (the 101 response, the
/// close frame and the end of the stream can arrive in one read, and a client's upgrade handler may lose the frame).
enum RawWebSocketUpgrade {
    struct Answer: Equatable {
        /// The HTTP status of the upgrade response.
        var status: Int
        /// The code of the close frame that followed it, if one did.
        var closeCode: Int?
    }

    enum Failure: Error, CustomStringConvertible {
        case socket(String, errno: Int32)
        case noResponse(received: String)

        var description: String {
            switch self {
            case .socket(let what, let code): "socket: \(what) failed (errno \(code))"
            case .noResponse(let received): "no complete upgrade response within the timeout; received: \(received)"
            }
        }
    }

    /// Sends an upgrade for `path` offering `subprotocols` (none: no header), then reads the response and the first
    /// frame, giving up after `timeout` seconds without data.
    static func upgrade(port: Int, path: String = "/graphql", subprotocols: [String] = [], timeout: Int = 10) throws -> Answer {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket", errno: errno) }
        defer { close(fd) }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.socket("connect", errno: errno) }

        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if !subprotocols.isEmpty { request += "Sec-WebSocket-Protocol: \(subprotocols.joined(separator: ", "))\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw Failure.socket("send", errno: errno) }

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let answer = parse(received) { return answer }
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        // The stream ended (or timed out): a response without a following frame is still an answer.
        if let end = headerEnd(received), let status = status(Array(received[..<end])) { return Answer(status: status, closeCode: nil) }
        throw Failure.noResponse(received: String(decoding: received, as: UTF8.self))
    }

    /// The answer once the response head and a whole close frame's code are in; nil while more is needed.
    private static func parse(_ received: [UInt8]) -> Answer? {
        guard let end = headerEnd(received), let status = status(Array(received[..<end])) else { return nil }
        let frame = received[end...]
        guard frame.count >= 4 else { return nil }
        let start = frame.startIndex
        // RFC 6455 section 5.2: opcode in the low bits of the first byte, 0x8 is close; a server's frames are unmasked.
        guard frame[start] & 0x0F == 0x8 else { return Answer(status: status, closeCode: nil) }
        return Answer(status: status, closeCode: Int(frame[start + 2]) << 8 | Int(frame[start + 3]))
    }

    private static func headerEnd(_ received: [UInt8]) -> Int? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard received.count >= 4 else { return nil }
        for index in 0...(received.count - 4) where Array(received[index..<index + 4]) == marker { return index + 4 }
        return nil
    }

    private static func status(_ head: [UInt8]) -> Int? {
        let line = String(decoding: head, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = line.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}
