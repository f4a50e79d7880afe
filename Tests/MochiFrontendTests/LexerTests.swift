// Unit tests for the Mochi lexer: token kinds, number forms and their errors (P042,
// P043, P045, P046), string escapes, comments and byte-level robustness. Literal values
// are checked through the parser because the lexer leaves decoding to it.
import XCTest
@testable import MochiFrontend

final class LexerTests: XCTestCase {
    private func lex(_ text: String) -> (LexedFile, DiagnosticEngine) {
        var diagnostics = DiagnosticEngine()
        let lexed = Lexer.tokenize(SourceFile(path: "t.mochi", text: text), diagnostics: &diagnostics)
        return (lexed, diagnostics)
    }

    private func kinds(_ text: String) -> [TokenKind] {
        lex(text).0.tokens.map(\.kind)
    }

    /// Messages as `LINE:COL: error: MESSAGE [CODE]`.
    private func errors(_ text: String) -> [String] {
        lex(text).1.diagnostics.map(\.description)
    }

    /// The value of a single-expression program, dumped.
    private func value(_ text: String) -> String {
        var diagnostics = DiagnosticEngine()
        let program = Parser.parse(text: text, diagnostics: &diagnostics)
        XCTAssertFalse(diagnostics.hasErrors, "\(diagnostics.diagnostics)")
        return dumpAST(program).trimmingCharacters(in: .newlines)
    }

    func testPunctuationUsesLongestMatch() {
        XCTAssertEqual(kinds("== != <= >= && || => :- .. ?? - + * / % = < > ! | { } [ ] ( ) , . : ?"),
                       [.equalEqual, .bangEqual, .lessEqual, .greaterEqual, .ampAmp, .pipePipe, .fatArrow,
                        .colonMinus, .dotDot, .questionQuestion, .minus, .plus, .star, .slash, .percent,
                        .equal, .less, .greater, .bang, .pipe, .leftBrace, .rightBrace, .leftBracket,
                        .rightBracket, .leftParen, .rightParen, .comma, .dot, .colon, .question, .endOfFile])
    }

    func testKeywordsBoolsAndContextualWords() {
        XCTAssertEqual(kinds("let var fun true false none from select in"),
                       [.letKeyword, .varKeyword, .funKeyword, .trueKeyword, .falseKeyword, .noneKeyword,
                        .identifier, .identifier, .inKeyword, .endOfFile])
        XCTAssertEqual(kinds("letter _x x1 model"), [.identifier, .identifier, .identifier, .identifier, .endOfFile])
    }

    func testIdentifiersAreInterned() {
        let (lexed, _) = lex("abc def abc")
        XCTAssertEqual(lexed.tokens[0].payload, lexed.tokens[2].payload)
        XCTAssertNotEqual(lexed.tokens[0].payload, lexed.tokens[1].payload)
        XCTAssertEqual(lexed.names.lookup("def")?.id, lexed.tokens[1].payload)
    }

    func testUnicodeIdentifiers() {
        let (lexed, diagnostics) = lex("let π = 3 ✓x")
        XCTAssertFalse(diagnostics.hasErrors)
        XCTAssertEqual(lexed.tokens.map(\.kind), [.letKeyword, .identifier, .equal, .integer, .identifier, .endOfFile])
        XCTAssertEqual(lexed.names.names[Int(lexed.tokens[4].payload)].text, "✓x")
    }

    func testSemicolonsAndCommentsAreTrivia() {
        XCTAssertEqual(kinds("a; b // c\n# d\n/* e\n f */ g"), [.identifier, .identifier, .identifier, .endOfFile])
    }

    func testLocationsAreOneBasedByteColumns() {
        let (lexed, _) = lex("a\n  bc \"x\ny\" d")
        let positions = lexed.tokens.map { "\($0.line):\($0.column)" }
        XCTAssertEqual(positions, ["1:1", "2:3", "2:6", "3:4", "3:5"])
    }

    func testNumbers() {
        XCTAssertEqual(value("123"), "123")
        XCTAssertEqual(value("0x1F"), "31")
        XCTAssertEqual(value("0b101"), "5")
        XCTAssertEqual(value("0o17"), "15")
        XCTAssertEqual(value("9223372036854775807"), "9223372036854775807")
        XCTAssertEqual(value("0x7FFFFFFFFFFFFFFF"), "9223372036854775807")
        XCTAssertEqual(value("1.5"), "1.5")
        XCTAssertEqual(value("1e9"), "1000000000.0")
        XCTAssertEqual(value("1.0e-3"), "0.001")
        XCTAssertEqual(value("2E+2"), "200.0")
        XCTAssertEqual(kinds("1..4"), [.integer, .dotDot, .integer, .endOfFile])
        XCTAssertEqual(kinds("5."), [.integer, .dot, .endOfFile])
        XCTAssertEqual(kinds(".5"), [.dot, .integer, .endOfFile])
    }

    func testNumberErrors() {
        XCTAssertEqual(errors("9223372036854775808"),
                       ["1:1: error: integer literal '9223372036854775808' overflows a 64-bit signed int [P045]"])
        XCTAssertEqual(errors("0x10000000000000000"),
                       ["1:1: error: integer literal '0x10000000000000000' overflows a 64-bit signed int [P045]"])
        XCTAssertEqual(errors("x = 1_000"),
                       ["1:5: error: malformed number '1_000': a number cannot be glued to an identifier [P043]"])
        XCTAssertEqual(errors("1e"),
                       ["1:1: error: malformed number '1e': a number cannot be glued to an identifier [P043]"])
        XCTAssertEqual(errors("0x"),
                       ["1:1: error: malformed number '0x': a number cannot be glued to an identifier [P046]"])
        // A malformed number is still one literal token, so the parser adds no error.
        var diagnostics = DiagnosticEngine()
        _ = Parser.parse(text: "let x = 123abc + 1", diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.diagnostics.count, 1)
    }

    func testHugeLiteralIsOneError() {
        let huge = String(repeating: "9", count: 100_000)
        let messages = errors(huge)
        XCTAssertEqual(messages.count, 1)
        XCTAssertTrue(messages[0].hasSuffix("...' overflows a 64-bit signed int [P045]"))
    }

    func testUnterminatedBlockComment() {
        XCTAssertEqual(errors("a /* never\nclosed"), ["1:3: error: unterminated block comment [P042]"])
    }

    func testStringEscapes() {
        XCTAssertEqual(value(#""a\n\t\\\"\'b""#), #""a\n\t\\\"'b""#)
        XCTAssertEqual(value(#""\x41\101\u00e9\U0001F600""#), "\"AAé😀\"")
        XCTAssertEqual(value("\"multi\nline\""), #""multi\nline""#)
    }

    func testStringErrors() {
        var diagnostics = DiagnosticEngine()
        _ = Parser.parse(text: #"let s = "a\qb""#, diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.diagnostics.map(\.description),
                       [#"1:11: error: unknown escape sequence '\q' in string literal"#])
        XCTAssertEqual(errors("let s = \"open"), ["1:9: error: unterminated string literal"])
        diagnostics = DiagnosticEngine()
        _ = Parser.parse(text: #"let s = "\uD800""#, diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.diagnostics.map(\.description),
                       ["1:10: error: invalid Unicode code point in string literal escape"])
    }

    func testInvalidBytes() {
        XCTAssertEqual(errors("a @ b"), ["1:3: error: unexpected character '@'"])
        let (lexed, diagnostics) = lex("a \u{1} b")
        XCTAssertEqual(diagnostics.diagnostics.map(\.description), ["1:3: error: unexpected byte 0x01 in source"])
        XCTAssertEqual(lexed.tokens.map(\.kind), [.identifier, .invalid, .identifier, .endOfFile])
        var bad = DiagnosticEngine()
        let file = SourceFile(path: "t", bytes: [0x61, 0x20, 0xFF, 0xFE, 0xC3, 0x20, 0x62])
        let badLexed = Lexer.tokenize(file, diagnostics: &bad)
        XCTAssertEqual(bad.diagnostics.map(\.description), ["1:3: error: invalid UTF-8 byte 0xFF in source"])
        XCTAssertEqual(badLexed.tokens.map(\.kind), [.identifier, .invalid, .identifier, .endOfFile])
    }

    func testByteOrderMarkIsSkipped() {
        let file = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("x".utf8))
        var diagnostics = DiagnosticEngine()
        let lexed = Lexer.tokenize(file, diagnostics: &diagnostics)
        XCTAssertFalse(diagnostics.hasErrors)
        XCTAssertEqual(lexed.tokens.map(\.kind), [.identifier, .endOfFile])
    }

    func testRendering() {
        let file = SourceFile(path: "f.mochi", text: "let x = 1\n\tlet y = @\n")
        var diagnostics = DiagnosticEngine()
        _ = Lexer.tokenize(file, diagnostics: &diagnostics)
        XCTAssertEqual(render(diagnostics, file: file),
                       "f.mochi:2:10: error: unexpected character '@'\n\tlet y = @\n\t        ^\n")
    }

    /// Spellings that differ in bytes but are equal as Strings (canonically equivalent
    /// Unicode) are one name, as `NameTable.intern` makes them; names after them keep
    /// dense ids.
    func testCanonicallyEquivalentSpellingsShareAName() {
        let (lexed, diagnostics) = lex("caf\u{E9} cafe\u{301} x caf\u{E9} y")
        XCTAssertFalse(diagnostics.hasErrors)
        let ids = lexed.tokens.filter { $0.kind == .identifier }.map { $0.payload }
        XCTAssertEqual(ids, [0, 0, 1, 0, 2])
        XCTAssertEqual(lexed.names.names.map(\.text), ["caf\u{E9}", "x", "y"])
        XCTAssertEqual(lexed.names.lookup("cafe\u{301}")?.id, 0)
    }
}
