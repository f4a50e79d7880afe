// The Mochi parser: tokens -> `Program` (the AST of AST.swift), with error recovery.
//
// Recursive descent over the token array, precedence climbing for binary operators
// (LANGUAGE.md §5.1). Design points:
//
// * Newlines are not significant in Mochi (the reference grammar skips them), so the
//   parser never looks at line breaks except in two heuristics noted where they occur.
// * Struct literal ambiguity: in condition position (`if c {`, `while c {`, `for x in xs {`,
//   `match e {`) a `Name {` is never a struct literal, as in Rust; parentheses, brackets
//   and braces lift the restriction. Elsewhere `Name {` starts a struct literal only if
//   the brace is followed by `}` or `ident :`.
// * A syntax error throws `SyntaxError` after being reported; the statement loop catches
//   it and skips to the next statement start or the closing brace of the enclosing block,
//   so several independent errors are reported. Every loop consumes at least one token
//   per iteration, and parsing stops once the diagnostic engine is full.
// * Nesting depth (expressions, statements, types together) is capped at `maxDepth` so
//   that hostile input gets an error instead of a stack overflow.

/// Marker thrown after a syntax error has been reported; carries no information.
struct SyntaxError: Error {}

public struct Parser {
    /// Default nesting cap (tree depth, counting every level of parentheses, blocks,
    /// operator chains and postfix chains): far above any real program (the corpus stays
    /// under 30), and a debug build needs ~17 KiB of stack per level, so 200 levels fit
    /// in the 8 MiB main-thread stack with room left for the passes that walk the tree.
    public static let defaultMaxDepth = 200

    /// Parses one source file. Diagnostics go to `diagnostics`; the returned program is
    /// complete (erroneous parts become `.invalid` nodes or are skipped).
    public static func parse(_ file: SourceFile, diagnostics: inout DiagnosticEngine,
                             maxDepth: Int = defaultMaxDepth) -> Program {
        let lexed = Lexer.tokenize(file, diagnostics: &diagnostics)
        var parser = Parser(file: file, lexed: lexed, maxDepth: maxDepth)
        let statements = parser.parseProgram(diagnostics: &diagnostics)
        return Program(file: file, packageName: parser.packageName, statements: statements,
                       exprCount: parser.nextExprID, declCount: parser.nextDeclID, names: parser.names)
    }

    /// Convenience for tests and tools: parse text under a display path.
    public static func parse(text: String, path: String = "<input>",
                             diagnostics: inout DiagnosticEngine) -> Program {
        parse(SourceFile(path: path, text: text), diagnostics: &diagnostics)
    }

    // MARK: State

    private let file: SourceFile
    private let bytes: [UInt8]
    private var tokens: [Token]
    private var index = 0
    private var names: NameTable
    private var nextExprID = 0
    private var nextDeclID = 0
    private var packageName: Name?
    private var depth = 0
    private let maxDepth: Int
    /// True while parsing a condition, where `Name {` opens the block, not a literal.
    private var noStructLiteral = false
    private var diagnosticsFull = false
    private let words: ContextualWords

    /// Interned ids of the contextual words, compared by integer.
    private struct ContextualWords {
        let from, whereWord, select, join, left, right, outer, group, by, into, having: Int32
        let sort, order, skip, take, distinct, asWord, union, except, intersect, set: Int32
        let update, bench, model, auto, underscore, object: Int32

        init(_ names: inout NameTable) {
            func id(_ text: String) -> Int32 { names.intern(text).id }
            from = id("from"); whereWord = id("where"); select = id("select"); join = id("join")
            left = id("left"); right = id("right"); outer = id("outer"); group = id("group")
            by = id("by"); into = id("into"); having = id("having"); sort = id("sort")
            order = id("order"); skip = id("skip"); take = id("take"); distinct = id("distinct")
            asWord = id("as"); union = id("union"); except = id("except")
            intersect = id("intersect"); set = id("set"); update = id("update")
            bench = id("bench"); model = id("model"); auto = id("auto"); underscore = id("_")
            object = id("object")
        }
    }

    private init(file: SourceFile, lexed: LexedFile, maxDepth: Int) {
        self.file = file
        self.bytes = file.bytes
        self.tokens = lexed.tokens
        var names = lexed.names
        self.words = ContextualWords(&names)
        self.names = names
        self.maxDepth = maxDepth
    }

    // MARK: Token helpers

    private var current: Token { tokens[index] }
    private var kind: TokenKind { tokens[index].kind }

    private func peekKind(_ ahead: Int) -> TokenKind {
        let i = index + ahead
        return i < tokens.count ? tokens[i].kind : .endOfFile
    }

    private func peekToken(_ ahead: Int) -> Token {
        tokens[min(index + ahead, tokens.count - 1)]
    }

    private var location: SourceLocation { current.location(file: file.id) }

    private func location(of token: Token) -> SourceLocation { token.location(file: file.id) }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private mutating func accept(_ k: TokenKind) -> Bool {
        if kind == k { advance(); return true }
        return false
    }

    private func isWord(_ id: Int32, at ahead: Int = 0) -> Bool {
        let token = peekToken(ahead)
        return token.kind == .identifier && token.payload == id
    }

    private mutating func acceptWord(_ id: Int32) -> Bool {
        if isWord(id) { advance(); return true }
        return false
    }

    private func name(of token: Token) -> Name { names.names[Int(token.payload)] }

    /// A short rendering of the current token for messages.
    private func describeCurrent() -> String {
        let token = current
        switch token.kind {
        case .endOfFile: return "end of file"
        case .identifier: return "identifier '\(name(of: token).text)'"
        case .integer, .float:
            let end = min(Int(token.end), Int(token.start) + 32)
            return "'\(String(decoding: bytes[Int(token.start)..<end], as: UTF8.self))'"
        case .string: return "string literal"
        case .invalid: return "invalid token"
        default: return token.kind.displayName
        }
    }

    private mutating func fail(_ message: String, _ loc: SourceLocation?,
                               _ diagnostics: inout DiagnosticEngine) -> SyntaxError {
        diagnostics.error(message, at: loc ?? location)
        if diagnostics.isFull { diagnosticsFull = true }
        return SyntaxError()
    }

    @discardableResult
    private mutating func expect(_ k: TokenKind, _ context: String,
                                 _ diagnostics: inout DiagnosticEngine) throws -> Token {
        let token = current
        if token.kind == k {
            advance()
            return token
        }
        throw fail("expected \(k.displayName) \(context), found \(describeCurrent())", nil, &diagnostics)
    }

    private mutating func expectIdentifier(_ context: String,
                                           _ diagnostics: inout DiagnosticEngine) throws -> (Name, SourceLocation) {
        let token = current
        guard token.kind == .identifier else {
            throw fail("expected identifier \(context), found \(describeCurrent())", nil, &diagnostics)
        }
        advance()
        return (name(of: token), location(of: token))
    }

    private mutating func expectWord(_ id: Int32, _ spelling: String, _ context: String,
                                     _ diagnostics: inout DiagnosticEngine) throws {
        guard acceptWord(id) else {
            throw fail("expected '\(spelling)' \(context), found \(describeCurrent())", nil, &diagnostics)
        }
    }

    private mutating func enter(_ diagnostics: inout DiagnosticEngine) throws {
        depth += 1
        if depth > maxDepth {
            throw fail("nesting too deep (more than \(maxDepth) levels)", nil, &diagnostics)
        }
    }

    private mutating func makeExpr(_ kind: ExprKind, _ loc: SourceLocation) -> Expr {
        let expr = Expr(id: nextExprID, location: loc, kind: kind)
        nextExprID += 1
        return expr
    }

    private mutating func newDeclID() -> DeclID {
        nextDeclID += 1
        return nextDeclID - 1
    }

    // MARK: Program and blocks

    private mutating func parseProgram(diagnostics: inout DiagnosticEngine) -> [Stmt] {
        var statements: [Stmt] = []
        if kind == .packageKeyword {
            advance()
            if kind == .identifier {
                packageName = name(of: current)
                advance()
            } else {
                _ = fail("expected package name after 'package', found \(describeCurrent())", nil, &diagnostics)
            }
        }
        while kind != .endOfFile && !diagnosticsFull {
            if kind == .rightBrace {
                _ = fail("unexpected '}' at top level", nil, &diagnostics)
                advance()
                continue
            }
            parseStatementRecovering(into: &statements, &diagnostics)
        }
        return statements
    }

    /// Parses one statement; on error skips to a synchronisation point. Always makes
    /// progress unless it stops at a `}` that the caller consumes.
    private mutating func parseStatementRecovering(into statements: inout [Stmt],
                                                   _ diagnostics: inout DiagnosticEngine) {
        let start = index
        let savedDepth = depth
        let savedRestriction = noStructLiteral
        do {
            statements.append(try parseStatement(&diagnostics))
        } catch {
            depth = savedDepth
            noStructLiteral = savedRestriction
            synchronize(from: start)
        }
    }

    /// Skips to the next token that can start a statement outside any bracket opened
    /// after the error, or to a `}` that closes the enclosing block. Newlines mean nothing
    /// to the grammar, but a token that starts a line is the best guess at a statement
    /// start, so recovery uses them.
    private mutating func synchronize(from start: Int) {
        if index == start { advance() }
        var nesting = 0
        var previousLine = index > 0 ? tokens[index - 1].line : 0
        while kind != .endOfFile {
            if nesting == 0, current.line != previousLine, kind == .identifier {
                return
            }
            previousLine = current.line
            switch kind {
            case .leftBrace, .leftParen, .leftBracket:
                nesting += 1
            case .rightBrace:
                if nesting == 0 { return }
                nesting -= 1
            case .rightParen, .rightBracket:
                if nesting > 0 { nesting -= 1 }
            case .letKeyword, .varKeyword, .funKeyword, .typeKeyword, .ifKeyword, .whileKeyword,
                 .forKeyword, .returnKeyword, .breakKeyword, .continueKeyword, .testKeyword,
                 .expectKeyword, .importKeyword, .externKeyword:
                if nesting == 0 { return }
            default:
                break
            }
            advance()
        }
    }

    /// `{ statements }`
    private mutating func parseBlock(_ context: String, _ diagnostics: inout DiagnosticEngine) throws -> [Stmt] {
        let entryDepth = depth
        defer { depth = entryDepth }
        try enter(&diagnostics)
        let open = current
        try expect(.leftBrace, context, &diagnostics)
        let saved = noStructLiteral
        noStructLiteral = false
        defer { noStructLiteral = saved }
        var statements: [Stmt] = []
        while kind != .rightBrace {
            if kind == .endOfFile {
                throw fail("expected '}' to close the block opened at line \(open.line)", nil, &diagnostics)
            }
            if diagnosticsFull { throw SyntaxError() }
            parseStatementRecovering(into: &statements, &diagnostics)
        }
        advance()
        return statements
    }

    // MARK: Statements

    private mutating func parseStatement(_ diagnostics: inout DiagnosticEngine) throws -> Stmt {
        let entryDepth = depth
        defer { depth = entryDepth }
        try enter(&diagnostics)
        let loc = location
        switch kind {
        case .letKeyword, .varKeyword:
            return Stmt(location: loc, kind: .variable(try parseVarDecl(&diagnostics)))
        case .funKeyword where peekKind(1) == .identifier:
            return Stmt(location: loc, kind: .function(try parseFunDecl(exported: false, &diagnostics)))
        case .typeKeyword:
            return Stmt(location: loc, kind: .type(try parseTypeDecl(&diagnostics)))
        case .exportKeyword:
            advance()
            if kind == .funKeyword {
                return Stmt(location: loc, kind: .function(try parseFunDecl(exported: true, &diagnostics)))
            }
            if kind == .letKeyword || kind == .varKeyword {
                return Stmt(location: loc, kind: .variable(try parseVarDecl(&diagnostics)))
            }
            if kind == .typeKeyword {
                return Stmt(location: loc, kind: .type(try parseTypeDecl(&diagnostics)))
            }
            throw fail("expected 'fun', 'let', 'var' or 'type' after 'export', found \(describeCurrent())",
                       nil, &diagnostics)
        case .ifKeyword:
            return try parseIfStatement(&diagnostics)
        case .whileKeyword:
            advance()
            let condition = try parseCondition(&diagnostics)
            let body = try parseBlock("to open the body of 'while'", &diagnostics)
            return Stmt(location: loc, kind: .whileLoop(condition: condition, body: body))
        case .forKeyword:
            return try parseForStatement(&diagnostics)
        case .returnKeyword:
            let returnToken = current
            advance()
            var value: Expr?
            if canStartExpression(current), current.line == returnToken.line
                || (kind != .ifKeyword && kind != .funKeyword && kind != .matchKeyword) {
                value = try parseExpression(&diagnostics)
            }
            return Stmt(location: loc, kind: .returnValue(value))
        case .breakKeyword:
            advance()
            return Stmt(location: loc, kind: .breakLoop)
        case .continueKeyword:
            advance()
            return Stmt(location: loc, kind: .continueLoop)
        case .testKeyword:
            advance()
            let title = try parseStringLiteralToken("after 'test'", &diagnostics)
            let body = try parseBlock("to open the body of 'test'", &diagnostics)
            return Stmt(location: loc, kind: .test(name: title, body: body))
        case .expectKeyword:
            advance()
            return Stmt(location: loc, kind: .expect(try parseExpression(&diagnostics)))
        case .importKeyword:
            return Stmt(location: loc, kind: .importDecl(try parseImport(&diagnostics)))
        case .externKeyword:
            return Stmt(location: loc, kind: .externDecl(try parseExtern(&diagnostics)))
        case .packageKeyword:
            throw fail("'package' must be the first declaration of the file", nil, &diagnostics)
        case .fetchKeyword, .loadKeyword, .saveKeyword, .generateKeyword, .agentKeyword,
             .streamKeyword, .onKeyword, .emitKeyword, .factKeyword, .ruleKeyword, .intentKeyword:
            let feature = kind.displayName.trimmingQuotes
            skipOutOfScopeConstruct()
            return Stmt(location: loc, kind: .outOfScope(feature: feature))
        case .identifier:
            if isWord(words.bench), peekKind(1) == .string {
                advance()
                let title = try parseStringLiteralToken("after 'bench'", &diagnostics)
                let body = try parseBlock("to open the body of 'bench'", &diagnostics)
                return Stmt(location: loc, kind: .bench(name: title, body: body))
            }
            if isWord(words.update), peekKind(1) == .identifier, isWord(words.set, at: 2) {
                return try parseUpdate(&diagnostics)
            }
            if isWord(words.model), peekKind(1) == .identifier, peekKind(2) == .leftBrace {
                skipOutOfScopeConstruct()
                return Stmt(location: loc, kind: .outOfScope(feature: "model"))
            }
        default:
            break
        }
        if !canStartExpression(current) {
            throw fail("expected a statement, found \(describeCurrent())", nil, &diagnostics)
        }
        let expr = try parseExpression(&diagnostics)
        if kind == .equal {
            let equalLocation = location
            advance()
            let value = try parseExpression(&diagnostics)
            guard isAssignable(expr) else {
                throw fail("invalid assignment target: expected a variable, an element 'x[i]' or a field 'x.f'",
                           equalLocation, &diagnostics)
            }
            return Stmt(location: loc, kind: .assignment(target: expr, value: value))
        }
        return Stmt(location: loc, kind: .expression(expr))
    }

    /// `Name`, `target[i]`, `target.f` chains rooted at a name (no calls, slices or `?.`).
    private func isAssignable(_ expr: Expr) -> Bool {
        var node = expr
        while true {
            switch node.kind {
            case .name: return true
            case .index(let base, _, let optional) where !optional: node = base
            case .field(let base, _, _, let optional) where !optional: node = base
            default: return false
            }
        }
    }

    private mutating func parseVarDecl(_ diagnostics: inout DiagnosticEngine) throws -> VarDecl {
        let isMutable = kind == .varKeyword
        let keyword = isMutable ? "var" : "let"
        advance()
        let (name, loc) = try expectIdentifier("after '\(keyword)'", &diagnostics)
        var type: TypeExpr?
        if accept(.colon) { type = try parseType(&diagnostics) }
        var value: Expr?
        if accept(.equal) { value = try parseExpression(&diagnostics) }
        return VarDecl(name: name, location: loc, declID: newDeclID(), isMutable: isMutable,
                       type: type, initializer: value)
    }

    private mutating func parseFunDecl(exported: Bool, _ diagnostics: inout DiagnosticEngine) throws -> FunDecl {
        try expect(.funKeyword, "to start a function", &diagnostics)
        let (name, loc) = try expectIdentifier("after 'fun'", &diagnostics)
        let declID = newDeclID()
        let generics = try parseGenericParams(&diagnostics)
        let params = try parseParams(&diagnostics)
        var effects = try parseEffects(&diagnostics)
        var returnType: TypeExpr?
        if accept(.colon) { returnType = try parseType(&diagnostics) }
        effects += try parseEffects(&diagnostics)
        let body = try parseBlock("to open the body of function '\(name.text)'", &diagnostics)
        return FunDecl(name: name, location: loc, declID: declID, genericParams: generics, params: params,
                       returnType: returnType, effects: effects, body: body, isExported: exported)
    }

    /// `! io, net` (MEP-15): accepted and ignored by later passes.
    private mutating func parseEffects(_ diagnostics: inout DiagnosticEngine) throws -> [Name] {
        guard accept(.bang) else { return [] }
        var effects: [Name] = []
        repeat {
            effects.append(try expectIdentifier("in effect list", &diagnostics).0)
        } while accept(.comma)
        return effects
    }

    private mutating func parseGenericParams(_ diagnostics: inout DiagnosticEngine) throws -> [GenericParam] {
        guard accept(.less) else { return [] }
        var params: [GenericParam] = []
        while kind != .greater {
            let (name, loc) = try expectIdentifier("in generic parameter list", &diagnostics)
            params.append(GenericParam(name: name, location: loc, declID: newDeclID()))
            if !accept(.comma) { break }
        }
        try expectClosingAngle("to close the generic parameter list", &diagnostics)
        return params
    }

    /// `( name [: Type], ... )`
    private mutating func parseParams(_ diagnostics: inout DiagnosticEngine) throws -> [Param] {
        try expect(.leftParen, "to open the parameter list", &diagnostics)
        var params: [Param] = []
        while kind != .rightParen {
            let (name, loc) = try expectIdentifier("for a parameter name", &diagnostics)
            var type: TypeExpr?
            if accept(.colon) { type = try parseType(&diagnostics) }
            params.append(Param(name: name, location: loc, declID: newDeclID(), type: type))
            if !accept(.comma) { break }
        }
        try expect(.rightParen, "to close the parameter list", &diagnostics)
        return params
    }

    private mutating func parseTypeDecl(_ diagnostics: inout DiagnosticEngine) throws -> TypeDecl {
        advance() // type
        let (name, loc) = try expectIdentifier("after 'type'", &diagnostics)
        let declID = newDeclID()
        let generics = try parseGenericParams(&diagnostics)
        if kind == .leftBrace {
            advance()
            var fields: [FieldDecl] = []
            var methods: [FunDecl] = []
            while kind != .rightBrace {
                if kind == .funKeyword {
                    try enter(&diagnostics)
                    methods.append(try parseFunDecl(exported: false, &diagnostics))
                    depth -= 1
                } else if accept(.comma) {
                    continue
                } else {
                    fields.append(try parseFieldDecl(&diagnostics))
                }
            }
            advance()
            return TypeDecl(name: name, location: loc, declID: declID, genericParams: generics,
                            kind: .structure(fields: fields, methods: methods))
        }
        try expect(.equal, "or '{' after the type name", &diagnostics)
        let leadingPipe = accept(.pipe)
        let isUnion = kind == .identifier && (leadingPipe || peekKind(1) == .leftParen
            || peekKind(1) == .leftBrace || peekKind(1) == .pipe)
        if !isUnion {
            return TypeDecl(name: name, location: loc, declID: declID, genericParams: generics,
                            kind: .alias(try parseType(&diagnostics)))
        }
        var variants: [VariantDecl] = []
        repeat {
            let (variantName, variantLocation) = try expectIdentifier("for a union variant", &diagnostics)
            var form = VariantForm.bare
            var fields: [FieldDecl] = []
            if accept(.leftParen) {
                form = .parenthesized
                while kind != .rightParen {
                    fields.append(try parseFieldDecl(&diagnostics))
                    if !accept(.comma) { break }
                }
                try expect(.rightParen, "to close the variant's fields", &diagnostics)
            } else if accept(.leftBrace) {
                form = .braced
                while kind != .rightBrace {
                    if accept(.comma) { continue }
                    fields.append(try parseFieldDecl(&diagnostics))
                }
                advance()
            }
            variants.append(VariantDecl(name: variantName, location: variantLocation, declID: newDeclID(),
                                        form: form, fields: fields))
        } while accept(.pipe)
        return TypeDecl(name: name, location: loc, declID: declID, genericParams: generics,
                        kind: .union(variants))
    }

    private mutating func parseFieldDecl(_ diagnostics: inout DiagnosticEngine) throws -> FieldDecl {
        let (name, loc) = try expectIdentifier("for a field name", &diagnostics)
        try expect(.colon, "after field name '\(name.text)'", &diagnostics)
        return FieldDecl(name: name, location: loc, type: try parseType(&diagnostics))
    }

    private mutating func parseIfStatement(_ diagnostics: inout DiagnosticEngine) throws -> Stmt {
        let loc = location
        advance() // if
        let condition = try parseCondition(&diagnostics)
        if kind == .thenKeyword {
            // `if c then a else b` used as a statement: an expression statement.
            let value = try parseConditionalTail(condition: condition, loc, &diagnostics)
            return Stmt(location: loc, kind: .expression(value))
        }
        let thenBody = try parseBlock("to open the body of 'if'", &diagnostics)
        var elseBody: [Stmt]?
        if accept(.elseKeyword) {
            if kind == .ifKeyword {
                try enter(&diagnostics)
                elseBody = [try parseIfStatement(&diagnostics)]
                depth -= 1
            } else {
                elseBody = try parseBlock("or 'if' after 'else'", &diagnostics)
            }
        }
        return Stmt(location: loc, kind: .ifElse(condition: condition, thenBody: thenBody, elseBody: elseBody))
    }

    private mutating func parseForStatement(_ diagnostics: inout DiagnosticEngine) throws -> Stmt {
        let loc = location
        advance() // for
        let (variable, variableLocation) = try expectIdentifier("for the loop variable", &diagnostics)
        try expect(.inKeyword, "after the loop variable", &diagnostics)
        let declID = newDeclID()
        let source = try parseCondition(&diagnostics)
        if accept(.dotDot) {
            let end = try parseCondition(&diagnostics)
            let body = try parseBlock("to open the body of 'for'", &diagnostics)
            return Stmt(location: loc, kind: .forRange(variable: variable, variableLocation: variableLocation,
                                                       declID: declID, start: source, end: end, body: body))
        }
        let body = try parseBlock("to open the body of 'for'", &diagnostics)
        return Stmt(location: loc, kind: .forIn(variable: variable, variableLocation: variableLocation,
                                                declID: declID, source: source, body: body))
    }

    private mutating func parseUpdate(_ diagnostics: inout DiagnosticEngine) throws -> Stmt {
        let loc = location
        advance() // update
        let (target, targetLocation) = try expectIdentifier("after 'update'", &diagnostics)
        advance() // set
        try expect(.leftBrace, "after 'set'", &diagnostics)
        let fields = try parseFieldInits(&diagnostics)
        var condition: Expr?
        if acceptWord(words.whereWord) { condition = try parseExpression(&diagnostics) }
        return Stmt(location: loc, kind: .update(target: target, targetLocation: targetLocation,
                                                 assignments: fields, condition: condition))
    }

    private mutating func parseImport(_ diagnostics: inout DiagnosticEngine) throws -> ImportDecl {
        let loc = location
        advance() // import
        var language: Name?
        if kind == .identifier {
            language = name(of: current)
            advance()
        }
        let path = try parseStringLiteralToken("for the import path", &diagnostics)
        var alias: Name?
        var aliasDeclID: DeclID?
        if acceptWord(words.asWord) {
            alias = try expectIdentifier("after 'as'", &diagnostics).0
            aliasDeclID = newDeclID()
        }
        let isAuto = acceptWord(words.auto)
        return ImportDecl(language: language, path: path, alias: alias, aliasDeclID: aliasDeclID,
                          isAuto: isAuto, location: loc)
    }

    private mutating func parseExtern(_ diagnostics: inout DiagnosticEngine) throws -> ExternDecl {
        advance() // extern
        switch kind {
        case .letKeyword, .varKeyword:
            let isMutable = kind == .varKeyword
            advance()
            let path = try parseDottedPath(&diagnostics)
            try expect(.colon, "before the type of the extern value", &diagnostics)
            return .value(path: path, declID: newDeclID(), type: try parseType(&diagnostics), isMutable: isMutable)
        case .funKeyword:
            advance()
            let path = try parseDottedPath(&diagnostics)
            let declID = newDeclID()
            let params = try parseParams(&diagnostics)
            var returnType: TypeExpr?
            if accept(.colon) { returnType = try parseType(&diagnostics) }
            return .function(path: path, declID: declID, params: params, returnType: returnType)
        case .typeKeyword:
            advance()
            return .type(name: try expectIdentifier("after 'extern type'", &diagnostics).0, declID: newDeclID())
        case .identifier where isWord(words.object):
            advance()
            return .type(name: try expectIdentifier("after 'extern object'", &diagnostics).0, declID: newDeclID())
        default:
            throw fail("expected 'let', 'var', 'fun' or 'type' after 'extern', found \(describeCurrent())",
                       nil, &diagnostics)
        }
    }

    private mutating func parseDottedPath(_ diagnostics: inout DiagnosticEngine) throws -> [Name] {
        var path = [try expectIdentifier("for the extern name", &diagnostics).0]
        while accept(.dot) {
            path.append(try expectIdentifier("after '.'", &diagnostics).0)
        }
        return path
    }

    /// Skips an unsupported construct: its first token, then every following token on the
    /// same line or inside brackets opened meanwhile, stopping before a closing bracket
    /// that it did not open. Line breaks are the only end marker these forms have.
    private mutating func skipOutOfScopeConstruct() {
        var lastLine = current.line
        var nesting = 0
        advance()
        while kind != .endOfFile {
            switch kind {
            case .leftBrace, .leftParen, .leftBracket:
                nesting += 1
            case .rightBrace, .rightParen, .rightBracket:
                if nesting == 0 { return }
                nesting -= 1
                if nesting == 0 {
                    lastLine = current.line
                    advance()
                    continue
                }
            default:
                if nesting == 0 && current.line != lastLine { return }
            }
            lastLine = current.line
            advance()
        }
    }

    private mutating func parseStringLiteralToken(_ context: String,
                                                  _ diagnostics: inout DiagnosticEngine) throws -> String {
        guard kind == .string else {
            throw fail("expected string literal \(context), found \(describeCurrent())", nil, &diagnostics)
        }
        let token = current
        advance()
        return decodeString(token, &diagnostics)
    }

    // MARK: Types

    private mutating func parseType(_ diagnostics: inout DiagnosticEngine) throws -> TypeExpr {
        let entryDepth = depth
        defer { depth = entryDepth }
        try enter(&diagnostics)
        let loc = location
        var type: TypeExpr
        switch kind {
        case .leftBracket:
            advance()
            let element = try parseType(&diagnostics)
            try expect(.rightBracket, "to close the list type", &diagnostics)
            type = TypeExpr(location: loc, kind: .list(element))
        case .leftBrace:
            advance()
            var fields: [FieldDecl] = []
            while kind != .rightBrace {
                if accept(.comma) { continue }
                fields.append(try parseFieldDecl(&diagnostics))
            }
            advance()
            type = TypeExpr(location: loc, kind: .record(fields))
        case .leftParen:
            advance()
            type = try parseType(&diagnostics)
            try expect(.rightParen, "to close the parenthesised type", &diagnostics)
        case .funKeyword:
            advance()
            try expect(.leftParen, "after 'fun' in a function type", &diagnostics)
            var parameters: [TypeExpr] = []
            while kind != .rightParen {
                // Parameter names are allowed and ignored: `fun(x: int): int`.
                if kind == .identifier, peekKind(1) == .colon { advance(); advance() }
                parameters.append(try parseType(&diagnostics))
                if !accept(.comma) { break }
            }
            try expect(.rightParen, "to close the function type's parameters", &diagnostics)
            var result: TypeExpr?
            if accept(.colon) { result = try parseType(&diagnostics) }
            type = TypeExpr(location: loc, kind: .function(parameters: parameters, result: result))
        case .identifier:
            let name = self.name(of: current)
            advance()
            var arguments: [TypeExpr] = []
            if accept(.less) {
                while kind != .greater && kind != .greaterEqual {
                    arguments.append(try parseType(&diagnostics))
                    if !accept(.comma) { break }
                }
                try expectClosingAngle("to close the type arguments", &diagnostics)
            }
            switch (name.text, arguments.count) {
            case ("list", 1): type = TypeExpr(location: loc, kind: .list(arguments[0]))
            case ("map", 2): type = TypeExpr(location: loc, kind: .map(key: arguments[0], value: arguments[1]))
            default: type = TypeExpr(location: loc, kind: .named(name, arguments: arguments))
            }
        default:
            throw fail("expected a type, found \(describeCurrent())", nil, &diagnostics)
        }
        while kind == .question {
            try enter(&diagnostics)
            advance()
            type = TypeExpr(location: loc, kind: .optional(type))
        }
        return type
    }

    /// Accepts `>`; splits a `>=` token so `map<K, V>= e`-style text still parses.
    private mutating func expectClosingAngle(_ context: String, _ diagnostics: inout DiagnosticEngine) throws {
        if kind == .greaterEqual {
            tokens[index].kind = .equal
            tokens[index].start += 1
            tokens[index].column += 1
            return
        }
        try expect(.greater, context, &diagnostics)
    }

    // MARK: Expressions

    private func canStartExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier, .integer, .float, .string, .trueKeyword, .falseKeyword, .noneKeyword,
             .leftParen, .leftBracket, .leftBrace, .minus, .bang, .ifKeyword, .matchKeyword,
             .funKeyword, .fetchKeyword, .loadKeyword, .generateKeyword:
            return true
        default:
            return false
        }
    }

    /// An expression in condition position: `Name {` is not a struct literal here.
    private mutating func parseCondition(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let saved = noStructLiteral
        noStructLiteral = true
        defer { noStructLiteral = saved }
        return try parseExpression(&diagnostics)
    }

    /// An expression with the struct-literal restriction lifted (inside brackets).
    private mutating func parseNestedExpression(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let saved = noStructLiteral
        noStructLiteral = false
        defer { noStructLiteral = saved }
        return try parseExpression(&diagnostics)
    }

    mutating func parseExpression(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let entryDepth = depth
        defer { depth = entryDepth }
        try enter(&diagnostics)
        return try parseBinary(minimumPrecedence: 0, &diagnostics)
    }

    /// The binary operator at the current token and how many tokens it spans.
    private func currentBinaryOperator() -> (BinaryOperator, Int)? {
        switch kind {
        case .star: return (.multiply, 1)
        case .slash: return (.divide, 1)
        case .percent: return (.remainder, 1)
        case .plus: return (.add, 1)
        case .minus: return (.subtract, 1)
        case .less: return (.less, 1)
        case .lessEqual: return (.lessEqual, 1)
        case .greater: return (.greater, 1)
        case .greaterEqual: return (.greaterEqual, 1)
        case .equalEqual: return (.equal, 1)
        case .bangEqual: return (.notEqual, 1)
        case .inKeyword: return (.contains, 1)
        case .ampAmp: return (.and, 1)
        case .pipePipe: return (.or, 1)
        case .questionQuestion: return (.coalesce, 1)
        case .identifier:
            let id = current.payload
            if id == words.union {
                return peekKind(1) == .allKeyword ? (.unionAll, 2) : (.union, 1)
            }
            if id == words.except { return (.except, 1) }
            if id == words.intersect { return (.intersect, 1) }
            return nil
        default: return nil
        }
    }

    private mutating func parseBinary(minimumPrecedence: Int, _ diagnostics: inout DiagnosticEngine) throws -> Expr {
        var lhs = try parseUnary(&diagnostics)
        // Each operator of a left-associative chain makes the tree one level deeper, so it
        // counts against the nesting cap like a parenthesis would (later passes recurse).
        let entryDepth = depth
        defer { depth = entryDepth }
        while let (op, width) = currentBinaryOperator(), op.precedence >= minimumPrecedence {
            let loc = location
            for _ in 0..<width { advance() }
            try enter(&diagnostics)
            let rhs = try parseBinary(minimumPrecedence: op.precedence + 1, &diagnostics)
            lhs = makeExpr(.binary(op, lhs, rhs), loc)
        }
        return lhs
    }

    private mutating func parseUnary(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        var operators: [(UnaryOperator, SourceLocation)] = []
        let entryDepth = depth
        defer { depth = entryDepth }
        while kind == .minus || kind == .bang {
            operators.append((kind == .minus ? .negate : .not, location))
            advance()
            try enter(&diagnostics)
        }
        var expr = try parsePostfix(&diagnostics)
        for (op, loc) in operators.reversed() {
            expr = makeExpr(.unary(op, expr), loc)
        }
        return expr
    }

    private mutating func parsePostfix(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        var expr = try parsePrimary(&diagnostics)
        let entryDepth = depth
        defer { depth = entryDepth }
        while true {
            let loc = location
            if kind == .leftParen || kind == .leftBracket || kind == .dot || kind == .question
                || (kind == .identifier && current.payload == words.asWord) {
                try enter(&diagnostics) // a postfix chain deepens the tree like nesting does
            }
            switch kind {
            case .leftParen:
                advance()
                let arguments = try parseExpressionList(closing: .rightParen, "to close the argument list", &diagnostics)
                expr = makeExpr(.call(callee: expr, arguments: arguments), loc)
            case .leftBracket:
                advance()
                expr = try parseIndexOrSlice(base: expr, optional: false, loc, &diagnostics)
            case .dot:
                advance()
                let (name, nameLocation) = try expectIdentifier("after '.'", &diagnostics)
                expr = makeExpr(.field(base: expr, name: name, nameLocation: nameLocation, isOptionalChain: false), loc)
            case .question where peekKind(1) == .dot:
                advance(); advance()
                let (name, nameLocation) = try expectIdentifier("after '?.'", &diagnostics)
                expr = makeExpr(.field(base: expr, name: name, nameLocation: nameLocation, isOptionalChain: true), loc)
            case .question where peekKind(1) == .leftBracket:
                advance(); advance()
                expr = try parseIndexOrSlice(base: expr, optional: true, loc, &diagnostics)
            case .identifier where current.payload == words.asWord:
                advance()
                expr = makeExpr(.cast(expr, try parseType(&diagnostics)), loc)
            default:
                return expr
            }
        }
    }

    /// After `[`: `i]`, `a:b]`, `a:b:c]` with every slice part optional.
    private mutating func parseIndexOrSlice(base: Expr, optional: Bool, _ loc: SourceLocation,
                                            _ diagnostics: inout DiagnosticEngine) throws -> Expr {
        var start: Expr?
        if kind != .colon { start = try parseNestedExpression(&diagnostics) }
        if let index = start, accept(.rightBracket) {
            return makeExpr(.index(base: base, index: index, isOptionalChain: optional), loc)
        }
        try expect(.colon, "or ']' in index expression", &diagnostics)
        var end: Expr?
        var step: Expr?
        if kind != .colon && kind != .rightBracket { end = try parseNestedExpression(&diagnostics) }
        if accept(.colon), kind != .rightBracket { step = try parseNestedExpression(&diagnostics) }
        try expect(.rightBracket, "to close the slice", &diagnostics)
        return makeExpr(.slice(base: base, start: start, end: end, step: step), loc)
    }

    /// Comma-separated expressions up to `closing` (consumed); trailing comma allowed.
    private mutating func parseExpressionList(closing: TokenKind, _ context: String,
                                              _ diagnostics: inout DiagnosticEngine) throws -> [Expr] {
        var items: [Expr] = []
        while kind != closing {
            items.append(try parseNestedExpression(&diagnostics))
            if !accept(.comma) { break }
        }
        try expect(closing, context, &diagnostics)
        return items
    }

    private mutating func parsePrimary(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let token = current
        let loc = location
        switch token.kind {
        case .integer:
            advance()
            return makeExpr(.int(decodeInteger(token)), loc)
        case .float:
            advance()
            return makeExpr(.float(decodeFloat(token)), loc)
        case .string:
            advance()
            return makeExpr(.string(decodeString(token, &diagnostics)), loc)
        case .trueKeyword:
            advance()
            return makeExpr(.bool(true), loc)
        case .falseKeyword:
            advance()
            return makeExpr(.bool(false), loc)
        case .noneKeyword:
            advance()
            return makeExpr(.null, loc)
        case .identifier:
            if token.payload == words.from, peekKind(1) == .identifier, peekKind(2) == .inKeyword {
                return try parseQuery(&diagnostics)
            }
            advance()
            let name = self.name(of: token)
            if kind == .leftBrace, !noStructLiteral, looksLikeFieldList(after: index) {
                advance()
                let fields = try parseFieldInits(&diagnostics)
                return makeExpr(.structLiteral(type: name, typeLocation: loc, fields: fields), loc)
            }
            return makeExpr(.name(name), loc)
        case .leftParen:
            advance()
            let inner = try parseNestedExpression(&diagnostics)
            try expect(.rightParen, "to close the parenthesised expression", &diagnostics)
            return inner
        case .leftBracket:
            advance()
            let items = try parseExpressionList(closing: .rightBracket, "to close the list literal", &diagnostics)
            return makeExpr(.list(items), loc)
        case .leftBrace:
            advance()
            return try parseMapLiteral(loc, &diagnostics)
        case .ifKeyword:
            advance()
            let condition = try parseCondition(&diagnostics)
            return try parseConditionalTail(condition: condition, loc, &diagnostics)
        case .matchKeyword:
            return try parseMatch(&diagnostics)
        case .funKeyword where peekKind(1) != .identifier: // `fun name` is a declaration
            return try parseFunctionExpression(&diagnostics)
        case .fetchKeyword, .loadKeyword, .generateKeyword, .saveKeyword:
            let feature = token.kind.displayName.trimmingQuotes
            skipOutOfScopeConstruct()
            return makeExpr(.outOfScope(feature: feature), loc)
        default:
            throw fail("expected an expression, found \(describeCurrent())", nil, &diagnostics)
        }
    }

    /// True if the `{` at `brace` opens `}` or `ident :` (a struct or record body).
    private func looksLikeFieldList(after brace: Int) -> Bool {
        guard brace + 1 < tokens.count else { return false }
        let next = tokens[brace + 1].kind
        if next == .rightBrace { return true }
        return next == .identifier && brace + 2 < tokens.count && tokens[brace + 2].kind == .colon
    }

    /// After `{`: `name: value, ...}` (commas optional, trailing comma allowed).
    private mutating func parseFieldInits(_ diagnostics: inout DiagnosticEngine) throws -> [FieldInit] {
        let saved = noStructLiteral
        noStructLiteral = false
        defer { noStructLiteral = saved }
        var fields: [FieldInit] = []
        while kind != .rightBrace {
            if accept(.comma) { continue }
            let (name, loc) = try expectIdentifier("for a field name", &diagnostics)
            try expect(.colon, "after field name '\(name.text)'", &diagnostics)
            fields.append(FieldInit(name: name, location: loc, value: try parseExpression(&diagnostics)))
            if kind != .rightBrace && kind != .comma && kind != .identifier {
                throw fail("expected ',' or '}' after field '\(name.text)', found \(describeCurrent())",
                           nil, &diagnostics)
            }
        }
        advance()
        return fields
    }

    /// After `{`: map literal entries. A bare identifier key is a string key.
    private mutating func parseMapLiteral(_ loc: SourceLocation, _ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let saved = noStructLiteral
        noStructLiteral = false
        defer { noStructLiteral = saved }
        var entries: [MapEntry] = []
        while kind != .rightBrace {
            if accept(.comma) { continue }
            let key: Expr
            var isIdentifierKey = false
            if kind == .identifier, peekKind(1) == .colon {
                key = makeExpr(.string(name(of: current).text), location)
                isIdentifierKey = true
                advance()
            } else {
                key = try parseExpression(&diagnostics)
            }
            try expect(.colon, "after map key", &diagnostics)
            let value = try parseExpression(&diagnostics)
            entries.append(MapEntry(key: key, value: value, isIdentifierKey: isIdentifierKey))
            if kind != .rightBrace && kind != .comma && !canStartExpression(current) {
                throw fail("expected ',' or '}' in map literal, found \(describeCurrent())", nil, &diagnostics)
            }
        }
        advance()
        return makeExpr(.map(entries), loc)
    }

    /// After `if cond`: `then a [else b]` or `{ a } [else { b } | else if ...]`.
    private mutating func parseConditionalTail(condition: Expr, _ loc: SourceLocation,
                                               _ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let thenValue: Expr
        var elseValue: Expr?
        if accept(.thenKeyword) {
            thenValue = try parseExpression(&diagnostics)
            if accept(.elseKeyword) { elseValue = try parseExpression(&diagnostics) }
        } else {
            try expect(.leftBrace, "or 'then' after the condition of an 'if' expression", &diagnostics)
            thenValue = try parseNestedExpression(&diagnostics)
            try expect(.rightBrace, "after the value of an 'if' expression branch", &diagnostics)
            if accept(.elseKeyword) {
                // The reference grammar: 'else' ('{' expr '}' | expr), so the braces
                // are optional after `else` (`if c { a } else b`, `else if ...`).
                if kind == .leftBrace {
                    advance()
                    elseValue = try parseNestedExpression(&diagnostics)
                    try expect(.rightBrace, "after the value of an 'else' branch", &diagnostics)
                } else {
                    elseValue = try parseExpression(&diagnostics)
                }
            }
        }
        return makeExpr(.conditional(condition: condition, thenValue: thenValue, elseValue: elseValue), loc)
    }

    private mutating func parseMatch(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let loc = location
        advance() // match
        let subject = try parseCondition(&diagnostics)
        try expect(.leftBrace, "to open the cases of 'match'", &diagnostics)
        let saved = noStructLiteral
        noStructLiteral = false
        defer { noStructLiteral = saved }
        var cases: [MatchCase] = []
        while kind != .rightBrace {
            if accept(.comma) { continue }
            if kind == .endOfFile {
                throw fail("expected '}' to close 'match'", nil, &diagnostics)
            }
            let patternLocation = location
            let patternExpr = try parseCondition(&diagnostics)
            try expect(.fatArrow, "after a match pattern", &diagnostics)
            let body: MatchBody
            if kind == .leftBrace, !looksLikeMapLiteral(at: index) {
                body = .block(try parseBlock("to open the case body", &diagnostics))
            } else {
                body = .expression(try parseExpression(&diagnostics))
            }
            cases.append(MatchCase(pattern: makePattern(patternExpr), patternLocation: patternLocation, body: body))
        }
        advance()
        return makeExpr(.match(subject: subject, cases: cases), loc)
    }

    /// A `{` opening `}` or `key :` is a map literal; otherwise a block.
    private func looksLikeMapLiteral(at brace: Int) -> Bool {
        guard brace + 2 < tokens.count else { return false }
        let next = tokens[brace + 1].kind
        if next == .rightBrace { return true }
        switch next {
        case .identifier, .string, .integer, .float, .trueKeyword, .falseKeyword:
            return tokens[brace + 2].kind == .colon
        default:
            return false
        }
    }

    private mutating func makePattern(_ expr: Expr) -> Pattern {
        switch expr.kind {
        case .name(let name):
            if name.id == words.underscore { return .wildcard }
            return .name(name, declID: newDeclID())
        case .call(let callee, let arguments):
            guard case .name(let variant) = callee.kind else { return .expression(expr) }
            var bindings: [PatternBinding?] = []
            for argument in arguments {
                guard case .name(let binding) = argument.kind else { return .expression(expr) }
                if binding.id == words.underscore {
                    bindings.append(nil)
                } else {
                    bindings.append(PatternBinding(name: binding, location: argument.location, declID: newDeclID()))
                }
            }
            return .variant(variant, bindings: bindings)
        default:
            return .expression(expr)
        }
    }

    private mutating func parseFunctionExpression(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let loc = location
        advance() // fun
        let params = try parseParams(&diagnostics)
        var returnType: TypeExpr?
        if accept(.colon) { returnType = try parseType(&diagnostics) }
        _ = try parseEffects(&diagnostics)
        let body: FunctionBody
        if accept(.fatArrow) {
            body = .expression(try parseNestedExpression(&diagnostics))
        } else if kind == .leftBrace {
            body = .block(try parseBlock("to open the function body", &diagnostics))
        } else {
            throw fail("expected '=>' or '{' after the function signature, found \(describeCurrent())",
                       nil, &diagnostics)
        }
        return makeExpr(.function(FunctionExpr(params: params, returnType: returnType, body: body)), loc)
    }

    private mutating func parseQuerySourceClause(_ diagnostics: inout DiagnosticEngine) throws -> QuerySource {
        let (variable, loc) = try expectIdentifier("for the query variable", &diagnostics)
        try expect(.inKeyword, "after the query variable", &diagnostics)
        let source = try parseExpression(&diagnostics)
        return QuerySource(variable: variable, location: loc, declID: newDeclID(), source: source)
    }

    private mutating func parseQuery(_ diagnostics: inout DiagnosticEngine) throws -> Expr {
        let loc = location
        let saved = noStructLiteral
        noStructLiteral = false
        defer { noStructLiteral = saved }
        advance() // from
        var sources = [try parseQuerySourceClause(&diagnostics)]
        while isWord(words.from), peekKind(1) == .identifier {
            advance()
            sources.append(try parseQuerySourceClause(&diagnostics))
        }
        var joins: [JoinClause] = []
        while true {
            var joinKind = JoinKind.inner
            var width = 0
            if isWord(words.join) {
                width = 1
            } else if isWord(words.join, at: 1) {
                if isWord(words.left) { joinKind = .left; width = 2 }
                else if isWord(words.right) { joinKind = .right; width = 2 }
                else if isWord(words.outer) { joinKind = .outer; width = 2 }
            }
            if width == 0 { break }
            for _ in 0..<width { advance() }
            _ = acceptWord(words.from)
            let (variable, variableLocation) = try expectIdentifier("for the join variable", &diagnostics)
            try expect(.inKeyword, "after the join variable", &diagnostics)
            let source = try parseExpression(&diagnostics)
            try expect(.onKeyword, "before the join condition", &diagnostics)
            let condition = try parseExpression(&diagnostics)
            joins.append(JoinClause(kind: joinKind, variable: variable, location: variableLocation,
                                    declID: newDeclID(), source: source, condition: condition))
        }
        var filter: Expr?
        if acceptWord(words.whereWord) { filter = try parseExpression(&diagnostics) }
        var group: GroupClause?
        if isWord(words.group), isWord(words.by, at: 1) {
            advance(); advance()
            var keys = [try parseExpression(&diagnostics)]
            while accept(.comma) { keys.append(try parseExpression(&diagnostics)) }
            try expectWord(words.into, "into", "after the group keys", &diagnostics)
            let (variable, variableLocation) = try expectIdentifier("for the group variable", &diagnostics)
            let declID = newDeclID()
            var having: Expr?
            if acceptWord(words.having) { having = try parseExpression(&diagnostics) }
            group = GroupClause(keys: keys, variable: variable, location: variableLocation,
                                declID: declID, having: having)
        }
        var sortKey: Expr?
        if (isWord(words.sort) || isWord(words.order)), isWord(words.by, at: 1) {
            advance(); advance()
            sortKey = try parseExpression(&diagnostics)
        }
        var skip: Expr?
        if acceptWord(words.skip) { skip = try parseExpression(&diagnostics) }
        var take: Expr?
        if acceptWord(words.take) { take = try parseExpression(&diagnostics) }
        try expectWord(words.select, "select", "to end the query", &diagnostics)
        let isDistinct = acceptWord(words.distinct)
        let select = try parseExpression(&diagnostics)
        let query = QueryExpr(sources: sources, joins: joins, filter: filter, group: group, sortKey: sortKey,
                              skip: skip, take: take, isDistinct: isDistinct, select: select)
        return makeExpr(.query(query), loc)
    }

    // MARK: Literal decoding

    private func decodeInteger(_ token: Token) -> Int64 {
        if token.payload & malformedLiteralFlag != 0 { return 0 }
        var i = Int(token.start)
        let end = Int(token.end)
        var radix: Int64 = 10
        if end - i > 2, bytes[i] == 0x30 {
            switch bytes[i + 1] | 0x20 {
            case 0x78: radix = 16; i += 2
            case 0x62: radix = 2; i += 2
            case 0x6F: radix = 8; i += 2
            default: break
            }
        }
        var value: Int64 = 0
        while i < end {
            let b = bytes[i] | 0x20
            let digit = b <= 0x39 ? Int64(b &- 0x30) : Int64(b &- 0x61 &+ 10)
            value = value &* radix &+ digit // the lexer already rejected overflow
            i += 1
        }
        return value
    }

    private func decodeFloat(_ token: Token) -> Double {
        if token.payload & malformedLiteralFlag != 0 { return 0 }
        return Double(String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)) ?? 0
    }

    /// Unquotes a string token with Go `strconv.Unquote` escapes (plus `\'`).
    private func decodeString(_ token: Token, _ diagnostics: inout DiagnosticEngine) -> String {
        if token.payload & malformedLiteralFlag != 0 { return "" }
        let start = Int(token.start) + 1
        let end = Int(token.end) - 1
        guard start <= end else { return "" }
        var hasEscape = false
        for i in start..<end where bytes[i] == 0x5C { hasEscape = true; break }
        if !hasEscape { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = bytes[i]
            if b != 0x5C {
                out.append(b)
                i += 1
                continue
            }
            let escapeOffset = i
            i += 1
            guard i < end else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case 0x6E: out.append(0x0A)          // \n
            case 0x74: out.append(0x09)          // \t
            case 0x72: out.append(0x0D)          // \r
            case 0x5C: out.append(0x5C)          // \\
            case 0x22: out.append(0x22)          // \"
            case 0x27: out.append(0x27)          // \'
            case 0x61: out.append(0x07)          // \a
            case 0x62: out.append(0x08)          // \b
            case 0x66: out.append(0x0C)          // \f
            case 0x76: out.append(0x0B)          // \v
            case 0x78, 0x75, 0x55:               // \xHH \uHHHH \UHHHHHHHH
                let digits = e == 0x78 ? 2 : (e == 0x75 ? 4 : 8)
                var value: UInt32 = 0
                var ok = i + digits <= end
                if ok {
                    for j in i..<(i + digits) {
                        let d = bytes[j]
                        guard isHexDigitByte(d) else { ok = false; break }
                        value = value << 4 | UInt32(d <= 0x39 ? d - 0x30 : (d | 0x20) - 0x61 + 10)
                    }
                }
                guard ok else {
                    diagnostics.error("invalid escape sequence in string literal: expected \(digits) hex digits",
                                      at: file.location(ofOffset: escapeOffset))
                    return ""
                }
                i += digits
                if e == 0x78 {
                    out.append(UInt8(value))
                } else if let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                } else {
                    diagnostics.error("invalid Unicode code point in string literal escape",
                                      at: file.location(ofOffset: escapeOffset))
                    return ""
                }
            case 0x30...0x37:                    // \ooo
                var value: UInt32 = UInt32(e - 0x30)
                var ok = i + 2 <= end
                if ok {
                    for j in i..<(i + 2) {
                        let d = bytes[j]
                        guard d >= 0x30, d <= 0x37 else { ok = false; break }
                        value = value << 3 | UInt32(d - 0x30)
                    }
                }
                guard ok, value <= 255 else {
                    diagnostics.error("invalid octal escape in string literal: expected 3 octal digits up to \\377",
                                      at: file.location(ofOffset: escapeOffset))
                    return ""
                }
                i += 2
                out.append(UInt8(value))
            default:
                let shown = e >= 0x20 && e < 0x7F ? String(UnicodeScalar(e)) : "\\x\(e)"
                diagnostics.error("unknown escape sequence '\\\(shown)' in string literal",
                                  at: file.location(ofOffset: escapeOffset))
                return ""
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

@inline(__always) private func isHexDigitByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66)
}

private extension String {
    /// `'fetch'` -> `fetch` (token display names are quoted).
    var trimmingQuotes: String {
        var text = self
        if text.hasPrefix("'") { text.removeFirst() }
        if text.hasSuffix("'") { text.removeLast() }
        return text
    }
}
