import CCurl
import Dispatch
import Foundation

/// Sends one message at a time over SMTP with libcurl: STARTTLS or TLS when configured, AUTH when the URL carries
/// credentials, bounded by connect and overall timeouts. libcurl blocks, so each send runs on a Dispatch queue, off
/// Swift's cooperative thread pool, and the caller awaits it.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    public let from: MailboxAddress

    /// A client sending as `from` through the server of `settings`.
    public init(settings: SMTPSettings, from: MailboxAddress) {
        self.settings = settings
        self.from = from
    }

    /// Blocking libcurl calls run here; a concurrent queue, so one slow server does not hold up another client.
    private static let queue = DispatchQueue(label: "budgetai.smtp", attributes: .concurrent)

    /// curl_global_init, once per process, before the first handle.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Sends `message` to its recipient; throws `SMTPError` with libcurl's reason and the server's last reply code.
    public func send(_ message: MailMessage) async throws(SMTPError) {
        let payload = Array(message.rendered().utf8)
        let settings = settings
        let sender = from.address
        let result: Result<Void, SMTPError> = await withCheckedContinuation { continuation in
            Self.queue.async {
                continuation.resume(returning: Self.perform(settings: settings, sender: sender, recipient: message.to, payload: payload))
            }
        }
        try result.get()
    }

    /// One SMTP transaction on the calling thread (blocking).
    private static func perform(settings: SMTPSettings, sender: String, recipient: String, payload: [UInt8]) -> Result<Void, SMTPError> {
        guard globalInit == CURLE_OK, let handle = curl_easy_init() else {
            return .failure(SMTPError(curlCode: -1, replyCode: 0, message: "libcurl could not be initialised"))
        }
        defer { curl_easy_cleanup(handle) }
        var recipients: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }
        let body = Unmanaged.passRetained(MessageBody(payload))
        defer { body.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            // String options are copied by libcurl, so temporary C strings are fine.
            var setup = budgetai_curl_set_string(handle, CURLOPT_URL, settings.curlURL)
            setup = setup == CURLE_OK ? budgetai_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps") : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>") : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients) : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_long(handle, CURLOPT_UPLOAD, 1) : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_read_function(handle, readMessageBody) : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_pointer(handle, CURLOPT_READDATA, body.toOpaque()) : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_long(handle, CURLOPT_NOSIGNAL, 1) : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout.wholeMilliseconds)) : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(settings.timeout.wholeMilliseconds)) : setup
            setup = setup == CURLE_OK ? budgetai_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress) : setup
            if setup == CURLE_OK, settings.security != .none {
                // CURLUSESSL_ALL: STARTTLS (or TLS) or fail; never fall back to plain text.
                setup = budgetai_curl_set_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
            }
            if setup == CURLE_OK, let username = settings.username {
                setup = budgetai_curl_set_string(handle, CURLOPT_USERNAME, username)
                setup = setup == CURLE_OK ? budgetai_curl_set_string(handle, CURLOPT_PASSWORD, settings.password ?? "") : setup
            }
            guard setup == CURLE_OK else { return setup }
            return curl_easy_perform(handle)
        }
        var reply = 0
        _ = budgetai_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            return .failure(SMTPError(curlCode: Int(code.rawValue), replyCode: reply, message: reason))
        }
        return .success(())
    }
}

/// The rendered message, handed to libcurl piece by piece through the read callback.
private final class MessageBody {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// libcurl's CURLOPT_READFUNCTION: copies the next piece of the message; 0 ends it.
private func readMessageBody(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let context else { return 0 }
    let body = Unmanaged<MessageBody>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, body.bytes.count - body.offset)
    guard length > 0 else { return 0 }
    body.bytes.withUnsafeBufferPointer { source in
        UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + body.offset, byteCount: length)
    }
    body.offset += length
    return length
}

extension Duration {
    /// Whole milliseconds, for libcurl's *_MS options.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
