// Parser tests: the shape of the tree for each construct of LANGUAGE.md §2-7 (through
// `dumpAST`), the exact text of syntax errors and their recovery, dense ids, the nesting
// cap, and a run over every program of the conformance corpus, which must parse with
// zero diagnostics.
import XCTest
@testable import MochiFrontend

final class ParserTests: XCTestCase {
    private func parse(_ text: String) -> (Program, DiagnosticEngine) {
        var diagnostics = DiagnosticEngine()
        let program = Parser.parse(text: text, path: "t.mochi", diagnostics: &diagnostics)
        return (program, diagnostics)
    }

    /// The dump of a program that must parse without errors, one statement per line.
    private func tree(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let (program, diagnostics) = parse(text)
        XCTAssertFalse(diagnostics.hasErrors, "\(diagnostics.diagnostics)", file: file, line: line)
        return dumpAST(program).trimmingCharacters(in: .newlines)
    }

    private func errors(_ text: String) -> [String] {
        parse(text).1.diagnostics.map(\.description)
    }

    func testPrecedence() {
        XCTAssertEqual(tree("a + b * c - d"), "(- (+ a (* b c)) d)")
        XCTAssertEqual(tree("-p.price * 2"), "(* (- (. p price)) 2)")
        XCTAssertEqual(tree("!!x && y || z"), "(|| (&& (! (! x)) y) z)")
        XCTAssertEqual(tree("a < b == c in d"), "(in (== (< a b) c) d)")
        XCTAssertEqual(tree("a ?? b || c"), "(?? a (|| b c))")
        XCTAssertEqual(tree("a union all b union c except d intersect e"),
                       "(intersect (except (union (union all a b) c) d) e)")
        XCTAssertEqual(tree("len(v) as float"), "(as (call len v) float)")
        XCTAssertEqual(tree("a + b as float"), "(+ a (as b float))")
        XCTAssertEqual(tree("x?.y?[0].z"), "(. (?[] (?. x y) 0) z)")
        XCTAssertEqual(tree("makeAdder(10)(7)"), "(call (call makeAdder 10) 7)")
    }

    func testIndexAndSlice() {
        XCTAssertEqual(tree("s[1:4]"), "(slice s 1 4)")
        XCTAssertEqual(tree("s[:2] s[1:] s[:] s[::2] s[a:b:c]"),
                       "(slice s _ 2)\n(slice s 1 _)\n(slice s _ _)\n(slice s _ _ 2)\n(slice s a b c)")
        XCTAssertEqual(tree("m[1][0] = 5"), "(= ([] ([] m 1) 0) 5)")
        XCTAssertEqual(tree("xs[i].name = \"a\""), "(= (. ([] xs i) name) \"a\")")
    }

    func testDeclarations() {
        XCTAssertEqual(tree("package demo\nlet x: int = 5 var y: list<int> var z"),
                       "(let x : int 5)\n(var y : list<int>)\n(var z)")
        XCTAssertEqual(tree("fun add<T>(a: T, b: int): T ! io { return a }"),
                       "(fun add<T> (a:T b:int) T {(return a)})")
        XCTAssertEqual(tree("fun f() { fun g(): int { return 1 } return }"),
                       "(fun f () {(fun g () int {(return 1)}) (return)})")
        XCTAssertEqual(tree("let f = fun(x: int): int => x * x"), "(let f (fun (x:int) int => (* x x)))")
        XCTAssertEqual(tree("let g = fun(x) { return x }"), "(let g (fun (x) {(return x)}))")
    }

    func testTypes() {
        XCTAssertEqual(tree("let a: [int] let b: map<string, list<int>> let c: fun(int, string): bool let d: {a: int}? let e: fun()"),
                       "(let a : list<int>)\n(let b : map<string,list<int>>)\n(let c : fun(int,string):bool)\n(let d : {a:int}?)\n(let e : fun())")
        XCTAssertEqual(tree("var m: map<string,int>= {}"), "(var m : map<string,int> {})")
    }

    func testTypeDeclarations() {
        XCTAssertEqual(tree("type P { name: string  age: int, fun greet(): string { return name } }"),
                       "(type P struct name:string age:int (fun greet () string {(return name)}))")
        XCTAssertEqual(tree("type Tree = Leaf | Node(left: Tree, value: int) | Box { v: int }"),
                       "(type Tree union (Leaf bare) (Node parenthesized left:Tree value:int) (Box braced v:int))")
        XCTAssertEqual(tree("type One = V(x: int)"), "(type One union (V parenthesized x:int))")
        XCTAssertEqual(tree("type Id = int type Pt = { x: float, y: float } type L = list<int>"),
                       "(type Id = int)\n(type Pt = {x:float,y:float})\n(type L = list<int>)")
    }

    func testLiterals() {
        XCTAssertEqual(tree("[1, 2, 3,] {\"a\": 1, b: 2, 1 + 1: 3,} none true"),
                       "[1 2 3]\n{\"a\":1 \"b\":2 (+ 1 1):3}\nnone\ntrue")
        XCTAssertEqual(tree("Person { name: \"Bob\", age: 42, }"), "(Person {name:\"Bob\" age:42})")
        XCTAssertEqual(tree("Empty {}"), "(Empty {})")
    }

    func testStructLiteralAmbiguity() {
        XCTAssertEqual(tree("if x { y }"), "(if x {y})")
        XCTAssertEqual(tree("if t == Leaf { return }"), "(if (== t Leaf) {(return)})")
        XCTAssertEqual(tree("while n { n = n - 1 }"), "(while n {(= n (- n 1))})")
        XCTAssertEqual(tree("for x in xs { print(x) }"), "(for x in xs {(call print x)})")
        XCTAssertEqual(tree("if p == (P { a: 1 }) { }"), "(if (== p (P {a:1})) {})")
        XCTAssertEqual(tree("if f(P { a: 1 }) { }"), "(if (call f (P {a:1})) {})")
    }

    func testControlFlow() {
        XCTAssertEqual(tree("if a { b } else if c { d } else { e }"), "(if a {b} else {(if c {d} else {e})})")
        XCTAssertEqual(tree("for i in i+1..n { break continue }"), "(for i (+ i 1)..n {(break) (continue)})")
        XCTAssertEqual(tree("test \"t\" { expect 1 == 1 }"), "(test \"t\" {(expect (== 1 1))})")
        XCTAssertEqual(tree("update people set { age: age + 1, status: \"a\" } where age >= 18"),
                       "(update people age:(+ age 1) status:\"a\" where (>= age 18))")
        XCTAssertEqual(tree("bench \"b\" { f() }"), "(bench \"b\" {(call f)})")
    }

    func testConditionalExpressions() {
        XCTAssertEqual(tree("let a = if c then 1 else if d then 2 else 3"), "(let a (if c 1 (if d 2 3)))")
        XCTAssertEqual(tree("let b = if c { 1 } else { 2 }"), "(let b (if c 1 2))")
        // §5.8: braces are optional after `else` ('else' ('{' expr '}' | expr)).
        XCTAssertEqual(tree("let d = if c { 1 } else 2 + x"), "(let d (if c 1 (+ 2 x)))")
        XCTAssertEqual(tree("let e = if c { 1 } else if d { 2 } else 3"), "(let e (if c 1 (if d 2 3)))")
    }

    func testMatch() {
        XCTAssertEqual(tree("match t { 1 => \"a\" \"s\" => 2 Leaf => 0 Node(l, _, r) => l _ => { print(1) } -1 => {} }"),
                       "(match t (1 => \"a\") (\"s\" => 2) (Leaf => 0) (Node(l,_,r) => l) (_ => {(call print 1)}) ((- 1) => {}))")
    }

    func testQuery() {
        XCTAssertEqual(tree("from x in xs from y in ys left join z in zs on z.a == x.a where x > 1 group by x.k, y into g having count(g) > 1 sort by -g.key skip 1 take 2 select distinct { k: g.key }"),
                       "(query (from x xs) (from y ys) (left-join z zs on (== (. z a) (. x a))) (where (> x 1)) (group (. x k) y into g having (> (call count g) 1)) (sort (- (. g key))) (skip 1) (take 2) (select distinct {\"k\":(. g key)}))")
        XCTAssertEqual(tree("exists(from o in orders join from c in cs on o.c == c.id order by o.x select o)"),
                       "(call exists (query (from o orders) (inner-join c cs on (== (. o c) (. c id))) (sort (. o x)) (select o)))")
    }

    func testFFIAndOutOfScope() {
        XCTAssertEqual(tree("import python \"math\" as math auto\nextern let math.pi: float\nextern fun math.sqrt(x: float): float"),
                       "(import python \"math\" math auto)\n(extern-let math.pi float)\n(extern-fun math.sqrt (x:float) float)")
        XCTAssertEqual(tree("stream Tick { n: int }\nlet d = load \"f.csv\" as T\nprint(d)\nmodel m {\n a: 1 }\nlet model = 1"),
                       "(out-of-scope stream)\n(let d (out-of-scope load))\n(call print d)\n(out-of-scope model)\n(let model 1)")
    }

    func testDenseIdsAndLocations() {
        let (program, diagnostics) = parse("let x = 1 + f(2)\nprint(x)")
        XCTAssertFalse(diagnostics.hasErrors)
        var ids: [Int] = []
        func walk(_ e: Expr) {
            ids.append(e.id)
            switch e.kind {
            case .binary(_, let l, let r): walk(l); walk(r)
            case .call(let c, let args): walk(c); args.forEach(walk)
            default: break
            }
        }
        for statement in program.statements {
            switch statement.kind {
            case .variable(let decl): walk(decl.initializer!)
            case .expression(let e): walk(e)
            default: XCTFail()
            }
        }
        XCTAssertEqual(ids.sorted(), Array(0..<program.exprCount))
        XCTAssertEqual(program.declCount, 1)
        XCTAssertEqual(program.statements[1].location, SourceLocation(file: 0, line: 2, column: 1, offset: 17))
    }

    func testErrorMessagesAreExact() {
        XCTAssertEqual(errors("let x = 1 +\n"), ["2:1: error: expected an expression, found end of file"])
        XCTAssertEqual(errors("let = 3"), ["1:5: error: expected identifier after 'let', found '='"])
        XCTAssertEqual(errors("f(1) = 2"),
                       ["1:6: error: invalid assignment target: expected a variable, an element 'x[i]' or a field 'x.f'"])
        XCTAssertEqual(errors("fun f( { }"), ["1:8: error: expected identifier for a parameter name, found '{'"])
        XCTAssertEqual(errors("if x {\n  print(1)\n"),
                       ["3:1: error: expected '}' to close the block opened at line 1"])
        XCTAssertEqual(errors("}"), ["1:1: error: unexpected '}' at top level"])
    }

    func testRecoveryReportsSeveralErrors() {
        let text = "let a = \nfun f() {\n  let = 1\n  print(2)\n}\nvar b = 3 +* 4\nprint(a)\n"
        XCTAssertEqual(errors(text), [
            "2:1: error: expected an expression, found 'fun'",
            "3:7: error: expected identifier after 'let', found '='",
            "6:12: error: expected an expression, found '*'",
        ])
        let (program, _) = parse(text)
        XCTAssertEqual(program.statements.count, 2) // fun f and print(a) survive
    }

    func testErrorCapStopsParsing() {
        let text = String(repeating: "let = 1\n", count: 1000)
        let (_, diagnostics) = parse(text)
        XCTAssertEqual(diagnostics.errorCount, 20)
        XCTAssertEqual(diagnostics.diagnostics.last?.message, "too many errors, stopping")
    }

    func testDeepNestingIsAnErrorNotACrash() {
        for text in [String(repeating: "(", count: 100_000) + "1",
                     String(repeating: "[", count: 100_000),
                     String(repeating: "-", count: 100_000) + "1",
                     "let x: " + String(repeating: "list<", count: 100_000),
                     String(repeating: "if a { ", count: 100_000),
                     String(repeating: "f(", count: 100_000),
                     "let x = " + String(repeating: "1 + ", count: 100_000) + "1"] {
            let (_, diagnostics) = parse(text)
            XCTAssertTrue(diagnostics.diagnostics.contains { $0.message.hasPrefix("nesting too deep") },
                          "\(text.prefix(20)): \(diagnostics.diagnostics.map(\.description))")
        }
        // Real programs nest far less than the cap.
        let nested = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        XCTAssertEqual(tree(nested), "1")
    }

    /// The conformance corpus (../shared/conformance relative to the package root).
    static func conformanceFiles() -> [URL] {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")
        var files: [URL] = []
        for folder in ["vm", "rosetta", "algorithms"] {
            let dir = root.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            files += names.filter { $0.hasSuffix(".mochi") }.sorted().map { dir.appendingPathComponent($0) }
        }
        return files
    }

    func testEveryConformanceProgramParses() throws {
        let files = Self.conformanceFiles()
        if files.isEmpty { throw XCTSkip("conformance corpus not found") }
        var failures: [String] = []
        for url in files {
            let bytes = [UInt8]((try? Data(contentsOf: url)) ?? Data())
            let file = SourceFile(path: url.lastPathComponent, bytes: bytes)
            var diagnostics = DiagnosticEngine()
            let program = Parser.parse(file, diagnostics: &diagnostics)
            if diagnostics.hasErrors {
                failures.append(render(diagnostics, file: file))
            } else if program.statements.isEmpty {
                failures.append("\(url.lastPathComponent): no statements")
            }
        }
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(files.count) files failed:\n" + failures.joined())
        XCTAssertGreaterThan(files.count, 250)
    }
}
