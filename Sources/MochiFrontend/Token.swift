// Tokens of the Mochi lexical syntax (LANGUAGE.md §1).
//
// A `Token` is a small POD value (kind, byte range, line, column, payload) stored in one
// contiguous array, so lexing allocates nothing per token. Identifier tokens carry their
// interned name id in `payload`; literal values are decoded from the byte range by the
// parser only when it builds the node. Contextual words (`from`, `where`, `union`, ...)
// are ordinary identifiers; only the reserved keywords of §1 get their own kinds.

public enum TokenKind: UInt8, Sendable {
    case endOfFile
    case identifier
    case integer
    case float
    case string
    /// Bytes that form no token; the lexer has already reported an error for them.
    case invalid

    // Bool literals.
    case trueKeyword, falseKeyword

    // Reserved keywords (LANGUAGE.md §1).
    case testKeyword, expectKeyword, agentKeyword, intentKeyword, onKeyword, streamKeyword
    case emitKeyword, typeKeyword, funKeyword, externKeyword, importKeyword, returnKeyword
    case breakKeyword, continueKeyword, letKeyword, varKeyword, ifKeyword, elseKeyword
    case thenKeyword, forKeyword, whileKeyword, inKeyword, generateKeyword, matchKeyword
    case fetchKeyword, loadKeyword, saveKeyword, packageKeyword, exportKeyword
    case factKeyword, ruleKeyword, allKeyword, noneKeyword

    // Punctuation.
    case equalEqual, bangEqual, lessEqual, greaterEqual, ampAmp, pipePipe, fatArrow
    case colonMinus, dotDot, questionQuestion, minus, plus, star, slash, percent, equal
    case less, greater, bang, pipe, leftBrace, rightBrace, leftBracket, rightBracket
    case leftParen, rightParen, comma, dot, colon, question

    /// How the token is spelled in messages ("'{'", "identifier", ...).
    public var displayName: String {
        switch self {
        case .endOfFile: return "end of file"
        case .identifier: return "identifier"
        case .integer: return "integer literal"
        case .float: return "float literal"
        case .string: return "string literal"
        case .invalid: return "invalid token"
        default:
            if let spelling = TokenKind.spellings[self] { return "'\(spelling)'" }
            return "token"
        }
    }

    /// Spelling of every keyword and punctuation kind; the lexer builds its keyword
    /// table from this, so the two cannot drift apart.
    public static let spellings: [TokenKind: String] = [
        .trueKeyword: "true", .falseKeyword: "false",
        .testKeyword: "test", .expectKeyword: "expect", .agentKeyword: "agent",
        .intentKeyword: "intent", .onKeyword: "on", .streamKeyword: "stream",
        .emitKeyword: "emit", .typeKeyword: "type", .funKeyword: "fun",
        .externKeyword: "extern", .importKeyword: "import", .returnKeyword: "return",
        .breakKeyword: "break", .continueKeyword: "continue", .letKeyword: "let",
        .varKeyword: "var", .ifKeyword: "if", .elseKeyword: "else", .thenKeyword: "then",
        .forKeyword: "for", .whileKeyword: "while", .inKeyword: "in",
        .generateKeyword: "generate", .matchKeyword: "match", .fetchKeyword: "fetch",
        .loadKeyword: "load", .saveKeyword: "save", .packageKeyword: "package",
        .exportKeyword: "export", .factKeyword: "fact", .ruleKeyword: "rule",
        .allKeyword: "all", .noneKeyword: "none",
        .equalEqual: "==", .bangEqual: "!=", .lessEqual: "<=", .greaterEqual: ">=",
        .ampAmp: "&&", .pipePipe: "||", .fatArrow: "=>", .colonMinus: ":-", .dotDot: "..",
        .questionQuestion: "??", .minus: "-", .plus: "+", .star: "*", .slash: "/",
        .percent: "%", .equal: "=", .less: "<", .greater: ">", .bang: "!", .pipe: "|",
        .leftBrace: "{", .rightBrace: "}", .leftBracket: "[", .rightBracket: "]",
        .leftParen: "(", .rightParen: ")", .comma: ",", .dot: ".", .colon: ":",
        .question: "?",
    ]

    public var isKeyword: Bool {
        rawValue >= TokenKind.trueKeyword.rawValue && rawValue <= TokenKind.noneKeyword.rawValue
    }
}

public struct Token: Sendable {
    public var kind: TokenKind
    /// Byte range `start..<end` in the source file.
    public var start: Int32
    public var end: Int32
    public var line: Int32
    public var column: Int32
    /// For identifiers: the interned `Name.id`. Unused otherwise.
    public var payload: Int32

    public init(kind: TokenKind, start: Int32, end: Int32, line: Int32, column: Int32,
                payload: Int32 = 0) {
        self.kind = kind
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.payload = payload
    }

    public func location(file: Int32) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column, offset: start)
    }
}
