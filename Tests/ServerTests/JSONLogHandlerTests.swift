import Foundation
import Logging
import Synchronization
import XCTest
@testable import Server

final class JSONLogHandlerTests: XCTestCase {
    func testWritesOneParseableObjectPerLine() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "test") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "request_id"] = "abc-123"
        logger.debug("hidden below the level")
        logger.info("hello \"world\"\nsecond line", metadata: ["count": "3", "nested": ["a": "b"]])
        let written = lines.withLock { $0 }
        XCTAssertEqual(written.count, 1)
        XCTAssertFalse(written[0].contains("\n"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        XCTAssertEqual(object["message"] as? String, "hello \"world\"\nsecond line")
        XCTAssertEqual(object["level"] as? String, "info")
        XCTAssertEqual(object["label"] as? String, "test")
        XCTAssertEqual(object["request_id"] as? String, "abc-123")
        XCTAssertEqual(object["count"] as? String, "3")
        XCTAssertEqual(object["nested"] as? [String: String], ["a": "b"])
        XCTAssertNotNil(object["time"] as? String)
    }

    func testControlCharactersAreEscaped() {
        XCTAssertEqual(JSONLogHandler.quote("a\u{01}b\t"), "\"a\\u0001b\\t\"")
    }
}
