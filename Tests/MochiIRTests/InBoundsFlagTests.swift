// The `inbounds` mark on list.get / list.set (Inst.inBounds): printed and parsed in
// the text form, carried by the binary form (version 3, bit 7 of the immediate-kind
// byte), version 2 files still read, and the verifier keeping it to list accesses.

import XCTest
@testable import MochiIR

final class InBoundsFlagTests: XCTestCase {
    // A loop over 0..len(v0): the verifier accepts the marks only where they are
    // proved (the third access is proved too, but left unmarked).
    private let text = """
        mochi-ir 1

        func @f(v0: list<i64>) -> i64 {
        b0(v0: list<i64>):
          v1: i64 = iconst 0
          v2: i64 = iconst 1
          jump b1(v1)
        b1(v3: i64):
          v4: i64 = list.len v0
          v5: bool = icmp lt v3, v4
          brif v5, b2, b3
        b2:
          v6: i64 = list.get inbounds v0, v3 !3:7
          list.set inbounds v0, v3, v6
          v7: i64 = list.get v0, v3
          v8: i64 = iadd v3, v2
          jump b1(v8)
        b3:
          ret v1
        }

        """

    private func flags(_ m: Module) -> [Bool] {
        m.functions[0].insts.filter { $0.op == .listGet || $0.op == .listSet }.map(\.inBounds)
    }

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

    func testVerifierRefusesAnUnprovedMark() throws {
        // The index is a parameter: nothing bounds it, so the mark is a false claim
        // (a backend reading it would access out of range).
        let m = try parseModule("""
            mochi-ir 1
            func @g(v0: list<i64>, v1: i64) -> i64 {
            b0(v0: list<i64>, v1: i64):
              v2: i64 = list.get inbounds v0, v1 !4:9
              ret v2
            }

            """)
        XCTAssertEqual(verify(m).map(\.description),
                       ["@g b0 inst 0 !4:9: list.get is marked inbounds, but its index is not proved in range here "
                        + "(the mark is only valid where the bce pass can prove it)"])
        // The upper bound alone is not enough: i < len(xs) with i possibly negative.
        let lowerMissing = try parseModule(text.replacingOccurrences(of: "v1: i64 = iconst 0", with: "v1: i64 = iconst -1"))
        XCTAssertEqual(verify(lowerMissing).count, 2)
        // A mark on the other list of two is refused too.
        let otherList = try parseModule(text.replacingOccurrences(of: "v4: i64 = list.len v0", with: "v9: list<i64> = list.new\n  v4: i64 = list.len v9"))
        XCTAssertEqual(verify(otherList).count, 2)
    }
}
