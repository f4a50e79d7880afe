// The JIT's stencil key table (LoadedStencils.index(prefix, tokens), Compiler.swift)
// pinned to the stencil name lookup it replaced: for every stencil of the library,
// every way its name splits into a prefix and a suffix made of name tokens must
// select, through the key table, the stencil the name selects, both when the key
// is first seen (built into a name) and when it is found in the table. And the
// token texts must be the letters and condition names the lowering means by them.

import XCTest
import MochiIR
@testable import MochiJIT
@testable import MochiStencil
#if canImport(Glibc)
import Glibc
#endif

final class StencilKeyTests: XCTestCase {
    /// The token texts are what the lowering's tokens stand for: a location
    /// token is the register file's letter for that home, a condition token
    /// the condition's name, in the order the lowering numbers conditions.
    func testTokenTextsMatchLettersAndConditions() {
        for home in Int8(-1)...13 {
            XCTAssertEqual(stencilTokenText[Int(StencilToken.location(home))], RegisterFile.letter(home), "home \(home)")
        }
        for c in CondCode.allCases {
            XCTAssertEqual(stencilTokenText[Int(StencilToken.cond(condIndexOf(c)))], c.rawValue)
        }
        XCTAssertEqual(stencilTokenText[Int(StencilToken.m)], "m")
        XCTAssertEqual(stencilTokenText[Int(StencilToken.underscore)], "_")
        XCTAssertEqual(stencilTokenText[Int(StencilToken.s)], "s")
        XCTAssertEqual(stencilTokenText[Int(StencilToken.i)], "i")
        XCTAssertEqual(stencilTokenText[Int(StencilToken.k)], "k")
        XCTAssertEqual(stencilTokenText[Int(StencilToken.ka)], "ka")
        XCTAssertEqual(StencilToken.pack(1, 2, 3, 4, 5, 6), 0x0605_0403_0201)
    }

    /// Every stencil, by every prefix of its name whose rest is made of tokens
    /// (each such rest tokenised two ways where it can be: longest and shortest
    /// tokens first), found through the key table: the name's own stencil.
    func testKeyTableAgreesWithNameLookupForEveryStencil() throws {
        let bytes = try Fixtures.library(.x86_64Linux).encoded()
        let library = try LazyStencilLibrary(bytes: bytes)
        XCTAssertGreaterThan(library.count, 1000)
        // One C string per distinct prefix text, alive to the end of the test:
        // a key names its prefix by address.
        var prefixAt: [String: UnsafeMutablePointer<CChar>] = [:]
        defer { for p in prefixAt.values { free(p) } }
        var keys: [(prefix: UnsafePointer<CChar>, tokens: UInt64, expected: Int32, name: String)] = []
        var covered = [Bool](repeating: false, count: library.count)
        for i in 0..<library.count {
            let name = Array(library.name(i).utf8)
            guard let expected = library.index(of: library.name(i)) else { return XCTFail("\(library.name(i)) not found by name") }
            XCTAssertEqual(expected, i, "names are unique")
            for split in 1...name.count {
                let rest = Array(name[split...])
                var forms: [UInt64] = []
                for longestFirst in [true, false] {
                    if let t = tokenise(rest, longestFirst: longestFirst), !forms.contains(t) { forms.append(t) }
                }
                guard !forms.isEmpty else { continue }
                let prefix = String(decoding: name[..<split], as: UTF8.self)
                if prefixAt[prefix] == nil { prefixAt[prefix] = strdup(prefix) }
                for t in forms { keys.append((UnsafePointer(prefixAt[prefix]!), t, Int32(i), library.name(i))) }
                covered[i] = true
            }
        }
        // Every stencil has at least its whole name as a key (no tokens).
        XCTAssertEqual(covered.filter { !$0 }.count, 0)
        XCTAssertGreaterThan(keys.count, library.count)
        // In batches that fit the table (it holds keys up to half its
        // capacity, and looks names up past that): each key looked up twice,
        // once inserted and once found, and then the whole batch again.
        var checked = 0
        var start = 0
        while start < keys.count {
            let end = min(start + stencilKeyCapacity / 2 - 1, keys.count)
            let loaded = try LoadedStencils(lazy: LazyStencilLibrary(bytes: bytes))
            for k in start..<end {
                let key = keys[k]
                XCTAssertEqual(try loaded.index(prefixAt: key.prefix, key.tokens), key.expected, key.name)
                XCTAssertEqual(try loaded.index(prefixAt: key.prefix, key.tokens), key.expected, key.name)
            }
            XCTAssertEqual(loaded.keysHeld, end - start, "every key of the batch is held in the table")
            for k in start..<end {
                XCTAssertEqual(try loaded.index(prefixAt: keys[k].prefix, keys[k].tokens), keys[k].expected, keys[k].name)
                checked += 1
            }
            start = end
        }
        XCTAssertEqual(checked, keys.count)
    }

    /// The lowering's own keys (static prefixes) select the stencils their
    /// names do, and a key that names no stencil is an error, not a stencil.
    func testStaticKeysAndUnknownKeys() throws {
        let library = try LazyStencilLibrary(bytes: try Fixtures.library(.x86_64Linux).encoded())
        let loaded = try LoadedStencils(lazy: library)
        let cases: [(StaticString, UInt64, String)] = [
            ("move_", StencilToken.pack(StencilToken.location(0), StencilToken.m), "move_0m"),
            ("move_m", StencilToken.pack(StencilToken.location(6)), "move_ma"),
            ("ret_", StencilToken.pack(StencilToken.m), "ret_m"),
            ("ret_void", 0, "ret_void"),
            ("jump", 0, "jump"),
        ]
        for (prefix, tokens, name) in cases {
            guard let expected = library.index(of: name) else { continue } // not in this library
            XCTAssertEqual(try loaded.index(prefix, tokens), Int32(expected), name)
            XCTAssertEqual(try loaded.index(prefix, tokens), Int32(expected), name)
        }
        XCTAssertThrowsError(try loaded.index("no_such_stencil_", StencilToken.pack(StencilToken.m)))
        XCTAssertThrowsError(try loaded.index("move_", 0xff)) // a token past the text table
    }

    /// The tokens (StencilToken codes, packed first at the low end) that spell
    /// `text`, preferring the longest or the shortest token at each step (with
    /// backtracking); nil when none do or more than eight are needed.
    private static let tokenTexts = stencilTokenText.enumerated().dropFirst()
        .map { (code: UInt64($0.offset), bytes: Array($0.element.utf8)) }
    private static let longestFirst = tokenTexts.sorted { $0.bytes.count > $1.bytes.count }
    private static let shortestFirst = tokenTexts.sorted { $0.bytes.count < $1.bytes.count }

    private func tokenise(_ text: [UInt8], longestFirst: Bool) -> UInt64? {
        let order = longestFirst ? Self.longestFirst : Self.shortestFirst
        func go(_ at: Int, _ depth: Int) -> UInt64? {
            if at == text.count { return 0 }
            if depth == 8 { return nil }
            for t in order where at + t.bytes.count <= text.count && Array(text[at..<at + t.bytes.count]) == t.bytes {
                if let rest = go(at + t.bytes.count, depth + 1) { return t.code | rest << 8 }
            }
            return nil
        }
        return go(0, 0)
    }
}
