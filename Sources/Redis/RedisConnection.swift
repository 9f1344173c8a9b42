import CHiredis
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One connection to Redis through hiredis' blocking API, reconnecting on a later command after a failure.
///
/// hiredis blocks the calling thread, so every call runs on the connection's own serial queue, never on Swift's
/// cooperative pool or an event loop; the queue also serialises access to the C context. Concurrent callers queue up.
/// After a failed connect, further connects wait out a backoff (doubling from 50 ms to 2 s) and commands in between
/// fail at once, so a dead Redis costs callers nothing while they fall back.
public final class RedisConnection: RedisClient, @unchecked Sendable {
    // @unchecked: `context`, `failedConnects` and `retryAt` are only read or written on `queue`.
    public let settings: RedisSettings
    private let queue: DispatchQueue
    private var context: UnsafeMutablePointer<redisContext>?
    private var failedConnects = 0
    private var retryAt: ContinuousClock.Instant?

    /// Creates a connection that connects lazily, on the first command.
    public init(settings: RedisSettings) {
        self.settings = settings
        self.queue = DispatchQueue(label: "budgetai.redis.\(settings.host):\(settings.port)")
    }

    deinit {
        if let context { redisFree(context) }
    }

    /// Sends one command whose arguments are raw bytes.
    public func send(_ arguments: [[UInt8]]) async throws(RedisError) -> RESPValue {
        let result: Result<RESPValue, RedisError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.sendOnQueue(arguments))
            }
        }
        return try result.get()
    }

    /// Closes the socket; the next command reconnects.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.dropContext()
                continuation.resume()
            }
        }
    }

    private var address: String { "\(settings.host):\(settings.port)" }

    private func sendOnQueue(_ arguments: [[UInt8]]) -> Result<RESPValue, RedisError> {
        do {
            let context = try connectedContext()
            return try .success(command(arguments, on: context))
        } catch {
            return .failure(error)
        }
    }

    private func connectedContext() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        if let context, context.pointee.err == 0 { return context }
        dropContext()
        if let retryAt, ContinuousClock.now < retryAt {
            throw .connectionFailed(address, "not retrying yet after \(failedConnects) failed connects")
        }
        let timeout = Self.makeTimeval(settings.timeout)
        guard let fresh = redisConnectWithTimeout(settings.host, Int32(settings.port), timeout) else {
            throw .connectionFailed(address, "hiredis could not allocate a context")
        }
        if fresh.pointee.err != 0 {
            let message = Self.errorString(fresh)
            redisFree(fresh)
            failedConnects += 1
            retryAt = ContinuousClock.now + RedisBackoff.delay(afterFailures: failedConnects)
            throw .connectionFailed(address, message)
        }
        failedConnects = 0
        retryAt = nil
        // The same limit applies to every reply, so a hung server cannot block the queue for long.
        redisSetTimeout(fresh, timeout)
        context = fresh
        if let password = settings.password {
            _ = try command([Array("AUTH".utf8), Array(password.utf8)], on: fresh)
        }
        if settings.database != 0 {
            _ = try command([Array("SELECT".utf8), Array(String(settings.database).utf8)], on: fresh)
        }
        return fresh
    }

    private func command(_ arguments: [[UInt8]], on context: UnsafeMutablePointer<redisContext>) throws(RedisError) -> RESPValue {
        let reply = Self.withArgv(arguments) { argc, argv, lengths in
            redisCommandArgv(context, argc, argv, lengths)
        }
        guard let reply else {
            let message = Self.errorString(context)
            dropContext()
            throw .connectionFailed(address, message)
        }
        defer { freeReplyObject(reply) }
        let value = Self.convert(reply.assumingMemoryBound(to: redisReply.self))
        if case .failure(let error) = value { throw error }
        return try value.get()
    }

    private func dropContext() {
        if let context { redisFree(context) }
        context = nil
    }

    static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> Result<RESPValue, RedisError> {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STATUS:
            return .success(.simpleString(String(cString: r.str)))
        case REDIS_REPLY_ERROR:
            return .failure(.server(String(cString: r.str)))
        case REDIS_REPLY_STRING:
            let bytes = UnsafeRawBufferPointer(start: r.str, count: Int(r.len))
            return .success(.bulkString(Array(bytes)))
        case REDIS_REPLY_INTEGER:
            return .success(.integer(Int(r.integer)))
        case REDIS_REPLY_NIL:
            return .success(.null)
        case REDIS_REPLY_ARRAY:
            var elements: [RESPValue] = []
            elements.reserveCapacity(Int(r.elements))
            for index in 0..<Int(r.elements) {
                guard let element = r.element[index] else { elements.append(.null); continue }
                switch convert(element) {
                case .success(let value): elements.append(value)
                // An error inside an array (as from EXEC) is data, not a failure of the whole command.
                case .failure(.server(let message)): elements.append(.error(message))
                case .failure(let error): return .failure(error)
                }
            }
            return .success(.array(elements))
        default:
            return .failure(.unexpectedReply(command: "?", reply: "reply type \(r.type)"))
        }
    }

    static func withArgv<T>(
        _ arguments: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> T
    ) -> T {
        // hiredis takes lengths, so arguments may hold any bytes; each buffer lives until body returns.
        let buffers = arguments.map { bytes -> UnsafeMutableBufferPointer<CChar> in
            let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(bytes.count, 1))
            for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        var pointers: [UnsafePointer<CChar>?] = buffers.map { UnsafePointer($0.baseAddress) }
        let lengths = arguments.map(\.count)
        return pointers.withUnsafeMutableBufferPointer { argv in
            lengths.withUnsafeBufferPointer { lengthBuffer in
                body(Int32(arguments.count), argv.baseAddress!, lengthBuffer.baseAddress!)
            }
        }
    }

    static func errorString(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            let text = String(decoding: bytes, as: UTF8.self)
            return text.isEmpty ? "error \(context.pointee.err)" : text
        }
    }

    static func makeTimeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
