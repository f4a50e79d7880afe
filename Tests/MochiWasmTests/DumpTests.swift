// objdump on Wasm through MochiDump's entry point: detection by the \0asm magic, the
// section list, the byte view and the WAT listing with names; a malformed module is
// one error line naming the byte offset.

import XCTest
import MochiDump
@testable import MochiWasm

final class DumpTests: XCTestCase {
    func testDetectsWasmByMagic() {
        XCTAssertEqual(detectFormat([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]), .wasm)
        XCTAssertEqual(detectFormat([0x00, 0x61, 0x73, 0x6D]), .wasm)
        XCTAssertNil(detectFormat([0x00, 0x61, 0x73]))
    }

    func testHelloWorldDump() throws {
        let bytes = try BuilderTests.helloWorld().encode()
        let text = try dump(bytes: bytes)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "format: WebAssembly module (binary format version 1), \(bytes.count) bytes")
        XCTAssertEqual(lines[1], "6 rec groups, 6 types, 2 imports, 2 functions, 1 globals, 2 exports")
        XCTAssertEqual(lines[3], "sections:")
        // 6 types of 3+7+8+4+5+3 bytes and their count.
        XCTAssertEqual(lines[4], "  type             id  1  at 0x00000008  size      31  entries 6")
        XCTAssertTrue(lines.contains("  offset | bytes                    | meaning"))
        XCTAssertTrue(lines.contains("00000000 | 00 61 73 6d 01 00 00 00  | magic \\0asm, version 1"))
        XCTAssertTrue(lines.contains("00000008 | 01 1f                    | type section, 31 bytes"))
        XCTAssertTrue(lines.contains("0000000b | 5e 78 01                 |   type 0: (array (mut i8))"))
        XCTAssertTrue(lines.contains("  (type $pair (;1;) (struct (field $text (ref $bytes)) (field $count (mut i64))))"))
        XCTAssertTrue(lines.contains("  (func $start (;3;) (type 5)"))
        XCTAssertTrue(lines.contains("      loop $copy"))
        // Without the byte view or the listing.
        let brief = try dump(bytes: bytes, options: DumpOptions(bytes: false, listing: false))
        XCTAssertFalse(brief.contains("offset | bytes"))
        XCTAssertFalse(brief.contains("(module"))
        XCTAssertTrue(brief.contains("  code             id 10"))
    }

    func testMalformedWasmIsOneErrorLine() throws {
        var bytes = try BuilderTests.helloWorld().encode()
        bytes = Array(bytes.prefix(40))
        XCTAssertThrowsError(try dump(bytes: bytes)) {
            XCTAssertEqual("\($0)", "at byte 8 (0x8): type section size 31 exceeds the 30 bytes left")
        }
        XCTAssertThrowsError(try dump(bytes: [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x0A, 0x01, 0x80])) {
            XCTAssertEqual("\($0)", "at byte 10 (0xa): unexpected end of the code section reading function body count")
        }
    }
}
