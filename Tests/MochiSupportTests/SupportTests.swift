// The shared tool support: SHA-256 against the FIPS 180-4 vectors (one
// implementation for the whole project), option values, colour decisions.

import MochiSupport
import XCTest

final class SupportTests: XCTestCase {
    func hex(_ s: String) -> String { var h = SHA256(); h.update(s); return h.hexDigest() }

    func testSHA256Vectors() {
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A million 'a's fed in odd-sized pieces: block boundaries inside updates.
        var h = SHA256()
        let piece = [UInt8](repeating: 0x61, count: 1000)
        var fed = 0
        var size = 1
        while fed < 1_000_000 {
            let n = min(size, 1_000_000 - fed)
            h.update(Array(piece[0..<min(n, 1000)]))
            fed += min(n, 1000)
            size = size % 997 + 7
        }
        XCTAssertEqual(h.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        XCTAssertEqual(SHA256.hex(SHA256.hash(Array("abc".utf8))), hex("abc"))
    }

    func testOptionValue() {
        XCTAssertEqual(optionValue("--color=never", "--color"), "never")
        XCTAssertEqual(optionValue("--color=", "--color"), "")
        XCTAssertNil(optionValue("--colour=never", "--color"))
        XCTAssertNil(optionValue("--color", "--color"))
    }

    func testColorMode() {
        let none: (String) -> String? = { _ in nil }
        XCTAssertTrue(ColorMode.always.enabled(fd: -1, environment: none))
        XCTAssertFalse(ColorMode.never.enabled(fd: -1, environment: none))
        // auto: not a terminal (fd -1), NO_COLOR, TERM=dumb all say no.
        XCTAssertFalse(ColorMode.auto.enabled(fd: -1, environment: none))
        XCTAssertFalse(ColorMode.auto.enabled(fd: 1, environment: { $0 == "NO_COLOR" ? "1" : nil }))
        XCTAssertFalse(ColorMode.auto.enabled(fd: 1, environment: { $0 == "TERM" ? "dumb" : nil }))
    }

    func testReadMissingFileNamesIt() {
        XCTAssertThrowsError(try readFileOrStdin("/nonexistent/mochi-support-test")) { e in
            XCTAssertTrue("\(e)".hasPrefix("/nonexistent/mochi-support-test: "))
        }
    }
}
