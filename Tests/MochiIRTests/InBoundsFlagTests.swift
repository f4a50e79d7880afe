// The `inbounds` mark on list.get / list.set (Inst.inBounds): printed and parsed in
// the text form, carried by the binary form (version 3, bit 7 of the immediate-kind
// byte), version 2 files still read, and the verifier keeping it to list accesses.

import XCTest
@testable import MochiIR

final class InBoundsFlagTests: XCTestCase {
    private let text = """
        mochi-ir 1

        func @f(v0: list<i64>, v1: i64) -> i64 {
        b0(v0: list<i64>, v1: i64):
          v2: i64 = list.get inbounds v0, v1 !3:7
          list.set inbounds v0, v1, v2
          v3: i64 = list.get v0, v1
          ret v3
        }

        """

    private func flags(_ m: Module) -> [Bool] { m.functions[0].insts.map(\.inBounds) }

    func testTextRoundTrip() throws {
        let m = try parseModule(text)
        XCTAssertEqual(flags(m), [true, true, false])
        XCTAssertEqual(printModule(m), text)
        XCTAssertEqual(verify(m).map(\.description), [])
    }

    func testBinaryRoundTrip() throws {
        let m = try parseModule(text)
        let bin = encodeBinary(m)
        XCTAssertEqual(Array(bin[4..<6]), [3, 0], "written as version 3")
        let decoded = try decodeBinary(bin)
        XCTAssertEqual(flags(decoded), [true, true, false])
        XCTAssertEqual(printModule(decoded), text)
        XCTAssertEqual(encodeBinary(decoded), bin)
    }

    func testVersion2FilesStillRead() throws {
        // A version 2 file is a version 3 file with no flag set and the old header.
        let plain = try parseModule(text.replacingOccurrences(of: " inbounds", with: ""))
        var bin = encodeBinary(plain)
        bin[4] = 2
        let decoded = try decodeBinary(bin)
        XCTAssertEqual(flags(decoded), [false, false, false])
        XCTAssertEqual(printModule(decoded), printModule(plain))
        // In version 2 the flag bit does not exist: a kind byte with it set is refused.
        var flagged = encodeBinary(try parseModule(text))
        flagged[4] = 2
        XCTAssertThrowsError(try decodeBinary(flagged)) { e in
            XCTAssertTrue("\(e)".contains("unknown immediate kind 128"), "\(e)")
        }
    }

    func testVerifierKeepsTheMarkToListAccesses() throws {
        let m = try parseModule("""
            mochi-ir 1
            func @g(v0: i64) -> i64 {
            b0(v0: i64):
              v1: i64 = iadd inbounds v0, v0
              ret v1
            }

            """)
        XCTAssertEqual(m.functions[0].insts[0].inBounds, true)
        XCTAssertEqual(verify(m).map(\.description),
                       ["@g b0 inst 0: iadd cannot be marked inbounds (only list.get and list.set)"])
    }
}
