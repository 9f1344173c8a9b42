import CHiredis
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One connection in subscriber mode, served by its own thread: it subscribes to channels as they are asked for,
/// hands every message to `onMessage`, and after a broken connection reconnects with backoff and subscribes again to
/// every channel it had. Messages published while it was disconnected are lost (Redis pub/sub keeps nothing), which
/// `onStateChange` reports so the owner can say so.
public final class RedisSubscriber: @unchecked Sendable {
    // @unchecked: `context` belongs to the reader thread; everything shared lives in `shared` or is immutable.
    public typealias MessageHandler = @Sendable (_ channel: String, _ payload: [UInt8]) -> Void
    public typealias StateHandler = @Sendable (_ state: State) -> Void

    /// Whether the subscriber is connected.
    public enum State: Sendable, Equatable {
        case connected
        case disconnected(RedisError)
    }

    public let settings: RedisSettings
    /// The connection's name in `CLIENT LIST`, so operators (and tests) can tell it apart.
    public let clientName: String
    private let onMessage: MessageHandler
    private let onStateChange: StateHandler
    private let shared = Mutex(Shared())
    /// A pipe whose read end the thread polls beside the socket, so a new subscription or `stop()` wakes it at once.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private var context: UnsafeMutablePointer<redisContext>?

    private struct Shared {
        var channels: Set<String> = []
        var toSubscribe: Set<String> = []
        var toUnsubscribe: Set<String> = []
        var stopping = false
        var started = false
    }

    /// A subscriber that reports messages and state changes through the handlers; call `start()` to run it.
    public init(
        settings: RedisSettings, clientName: String = "budgetai-subscriber", onMessage: @escaping MessageHandler,
        onStateChange: @escaping StateHandler = { _ in }
    ) {
        self.settings = settings
        self.clientName = clientName
        self.onMessage = onMessage
        self.onStateChange = onStateChange
        var fds: [Int32] = [0, 0]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        if wakeRead >= 0 { _ = fcntl(wakeRead, F_SETFL, fcntl(wakeRead, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        if wakeRead >= 0 { Glibc.close(wakeRead) }
        if wakeWrite >= 0 { Glibc.close(wakeWrite) }
    }

    /// Starts the reader thread (once).
    public func start() {
        let first = shared.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started
        }
        guard first else { return }
        let thread = Thread { [self] in run() }
        thread.name = "budgetai.redis.subscriber"
        thread.start()
    }

    /// Subscribes to `channel` (again after every reconnect) until `unsubscribe`.
    public func subscribe(_ channel: String) {
        shared.withLock { state in
            guard state.channels.insert(channel).inserted else { return }
            state.toUnsubscribe.remove(channel)
            state.toSubscribe.insert(channel)
        }
        wake()
    }

    /// Stops receiving `channel`.
    public func unsubscribe(_ channel: String) {
        shared.withLock { state in
            guard state.channels.remove(channel) != nil else { return }
            state.toSubscribe.remove(channel)
            state.toUnsubscribe.insert(channel)
        }
        wake()
    }

    /// Ends the thread and closes the connection; messages stop.
    public func stop() {
        shared.withLock { $0.stopping = true }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private var address: String { "\(settings.host):\(settings.port)" }

    // MARK: - The reader thread

    private func run() {
        var failures = 0
        var reported: State?
        func report(_ state: State) {
            if state != reported { onStateChange(state) }
            reported = state
        }
        while !shared.withLock({ $0.stopping }) {
            if context == nil {
                do {
                    try connect()
                    failures = 0
                    report(.connected)
                } catch {
                    failures += 1
                    report(.disconnected(error))
                    waitForWake(timeout: RedisBackoff.delay(afterFailures: failures))
                    continue
                }
            }
            do {
                try sendPendingCommands()
                try drainReplies()
                try waitForData()
            } catch {
                dropContext()
                report(.disconnected(error))
            }
        }
        dropContext()
    }

    /// Connects, authenticates and subscribes to every channel wanted so far.
    private func connect() throws(RedisError) {
        let timeout = RedisConnection.makeTimeval(settings.timeout)
        guard let fresh = redisConnectWithTimeout(settings.host, Int32(settings.port), timeout) else {
            throw .connectionFailed(address, "hiredis could not allocate a context")
        }
        if fresh.pointee.err != 0 {
            let message = RedisConnection.errorString(fresh)
            redisFree(fresh)
            throw .connectionFailed(address, message)
        }
        context = fresh
        var setup: [[String]] = [["CLIENT", "SETNAME", clientName]]
        if let password = settings.password { setup.insert(["AUTH", password], at: 0) }
        for command in setup {
            let reply = RedisConnection.withArgv(command.map { Array($0.utf8) }) { argc, argv, lengths in
                redisCommandArgv(fresh, argc, argv, lengths)
            }
            guard let reply else {
                dropContext()
                throw .connectionFailed(address, "\(command[0]) got no reply")
            }
            let result = RedisConnection.convert(reply.assumingMemoryBound(to: redisReply.self))
            freeReplyObject(reply)
            if case .failure(let error) = result {
                dropContext()
                throw error
            }
        }
        shared.withLock { state in
            state.toSubscribe = state.channels
            state.toUnsubscribe = []
        }
    }

    private func sendPendingCommands() throws(RedisError) {
        guard let context else { return }
        let (subscribe, unsubscribe) = shared.withLock { state -> ([String], [String]) in
            defer {
                state.toSubscribe = []
                state.toUnsubscribe = []
            }
            return (Array(state.toSubscribe), Array(state.toUnsubscribe))
        }
        for (command, channels) in [("SUBSCRIBE", subscribe), ("UNSUBSCRIBE", unsubscribe)] where !channels.isEmpty {
            let arguments = [Array(command.utf8)] + channels.map { Array($0.utf8) }
            let status = RedisConnection.withArgv(arguments) { argc, argv, lengths in
                redisAppendCommandArgv(context, argc, argv, lengths)
            }
            if status != REDIS_OK { throw .connectionFailed(address, RedisConnection.errorString(context)) }
        }
        var done: Int32 = 0
        while done == 0 {
            if redisBufferWrite(context, &done) != REDIS_OK { throw .connectionFailed(address, RedisConnection.errorString(context)) }
        }
    }

    /// Hands over every reply already read into hiredis' buffer.
    private func drainReplies() throws(RedisError) {
        guard let context else { return }
        while true {
            var raw: UnsafeMutableRawPointer?
            if redisReaderGetReply(context.pointee.reader, &raw) != REDIS_OK {
                throw .connectionFailed(address, "unreadable reply from the server")
            }
            guard let raw else { return }
            let reply = RedisConnection.convert(raw.assumingMemoryBound(to: redisReply.self))
            freeReplyObject(raw)
            if case .success(.array(let parts)) = reply, parts.count == 3, parts[0].string == "message",
               let channel = parts[1].string, case .bulkString(let payload) = parts[2]
            {
                onMessage(channel, payload)
            }
        }
    }

    /// Waits up to a second for the socket or the wake pipe, then reads what arrived into hiredis' buffer.
    private func waitForData() throws(RedisError) {
        guard let context else { return }
        var fds = [
            pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, 2, 1_000)
        if ready < 0 { return }
        if fds[1].revents != 0 { drainWakePipe() }
        if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
            if redisBufferRead(context) != REDIS_OK { throw .connectionFailed(address, RedisConnection.errorString(context)) }
        }
    }

    private func waitForWake(timeout: Duration) {
        var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        let (seconds, attoseconds) = timeout.components
        _ = poll(&fds, 1, Int32(seconds * 1_000 + attoseconds / 1_000_000_000_000_000))
        drainWakePipe()
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }

    private func dropContext() {
        if let context { redisFree(context) }
        context = nil
    }
}
