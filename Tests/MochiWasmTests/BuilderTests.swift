// The builder and linker: a GC + WASI hello-world built only through the builder API
// runs under the wasmtime CLI and node 24 with the same output and exit status;
// tree shaking keeps exactly what the roots reach; names resolve (functions, locals,
// labels, fields, types across modules); the type-identity rules hold; link errors
// name what is wrong; output is deterministic. Every linked module is validated
// with wasm-tools.

import XCTest
@testable import MochiWasm

final class BuilderTests: XCTestCase {
    /// Hello world through Wasm GC: the text is a passive data segment turned into an
    /// i8 array, stored in a struct, copied to linear memory and written with fd_write;
    /// then proc_exit(3).
    static func helloWorld() -> WasmModuleBuilder {
        let m = WasmModuleBuilder(name: "hello")
        let bytes = m.addArray("bytes", FieldType(.i8, mutable: true))
        let pair = m.addStruct("pair", [("text", FieldType(.ref(bytes))), ("count", FieldType(.i64, mutable: true))])
        m.importFunction("fd_write", module: "wasi_snapshot_preview1", field: "fd_write", params: [.i32, .i32, .i32, .i32], results: [.i32])
        m.importFunction("proc_exit", module: "wasi_snapshot_preview1", field: "proc_exit", params: [.i32], results: [])
        m.importFunction("sched_yield", module: "wasi_snapshot_preview1", field: "sched_yield", params: [], results: [.i32])
        m.exportMemory("memory", m.addMemory("memory", min: 1))
        let text = Array("Hello from Wasm GC!\n".utf8)
        let hello = m.addData("hello", text)
        m.addData("unused_text", Array("never used".utf8))
        m.addGlobal("counter", GlobalType(.i64, mutable: true), [.i64Const(0)])

        // print(s): copy the array to memory at 16, an iovec at 0, fd_write(1, 0, 1, 8).
        let p = m.addFunction("print", params: [Local("s", .ref(bytes))])
        let i = p.addLocal(.i32, name: "i")
        p.block(label: "done") { p in
            p.loop(label: "copy") { p in
                p.localGet(i); p.localGet("s"); p.arrayLen(); p.emit(.i32GeU); p.brIf("done")
                p.i32Const(16); p.localGet(i); p.emit(.i32Add)
                p.localGet("s"); p.localGet(i); p.arrayGetU(bytes)
                p.emit(.memory(.i32Store8))
                p.localGet(i); p.i32Const(1); p.emit(.i32Add); p.localSet(i)
                p.br("copy")
            }
        }
        p.i32Const(0); p.i32Const(16); p.emit(.memory(.i32Store))
        p.i32Const(4); p.localGet("s"); p.arrayLen(); p.emit(.memory(.i32Store))
        p.i32Const(1); p.i32Const(0); p.i32Const(1); p.i32Const(8); p.call("fd_write"); p.drop()
        p.globalGet("counter"); p.i64Const(1); p.emit(.i64Add); p.globalSet("counter")

        let s = m.addFunction("start")
        let obj = s.addLocal(.ref(null: pair), name: "obj")
        s.i32Const(0); s.i32Const(Int32(text.count)); s.arrayNewData(bytes, hello)
        s.i64Const(1); s.structNew(pair); s.localSet(obj)
        s.localGet(obj); s.structGet(pair, "text"); s.call("print")
        s.emit(.i32Const(3)); s.call("proc_exit")
        m.exportFunction("_start", "start")

        let dead = m.addFunction("dead", results: [.i32])
        dead.call("sched_yield")
        return m
    }

    func testHelloWorldRunsUnderWasmtimeAndNode() throws {
        let bytes = try BuilderTests.helloWorld().encode()
        try assertValid(bytes, "hello world")
        XCTAssertEqual(bytes, try BuilderTests.helloWorld().encode(), "the same input gives the same bytes")
        let path = try Tools.write(bytes, "hello.wasm")

        let wasmtime = try Tools.requireWasmtime()
        let r = try Tools.run(wasmtime, ["run", path])
        XCTAssertEqual(r.stdout, "Hello from Wasm GC!\n")
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.status, 3)

        let node = try Tools.requireNode()
        let n = try Tools.run(node, [Tools.root + "/scripts/wasi-node.mjs", path])
        XCTAssertEqual(n.stdout, "Hello from Wasm GC!\n")
        XCTAssertEqual(n.stderr, "")
        XCTAssertEqual(n.status, 3)
    }

    func testHelloWorldIsTreeShaken() throws {
        let m = try BuilderTests.helloWorld().link()
        let names = m.names!
        XCTAssertEqual(names.functions.map(\.name), ["fd_write", "proc_exit", "print", "start"])
        XCTAssertEqual(m.imports.map(\.name), ["fd_write", "proc_exit"]) // sched_yield only served $dead
        XCTAssertEqual(names.data.map(\.name), ["hello"])
        XCTAssertEqual(m.dataCount, 1) // array.new_data names a data segment
        XCTAssertEqual(names.globals.map(\.name), ["counter"])
        XCTAssertEqual(names.types.map(\.name), ["bytes", "pair"])
        XCTAssertEqual(names.fields.count, 1)
        XCTAssertEqual(names.fields[0].names.map(\.name), ["text", "count"])
        XCTAssertEqual(names.locals.map(\.index), [2, 3])
        XCTAssertEqual(names.locals[0].names.map(\.name), ["s", "i"])
        XCTAssertEqual(names.module, "hello")
        // Implicit func types: (i32 i32 i32 i32) -> i32, (i32) -> (), (ref $bytes) -> (), () -> ().
        XCTAssertEqual(m.types.count, 6)

        let all = try BuilderTests.helloWorld().link(LinkOptions(treeShake: false))
        XCTAssertEqual(all.names!.functions.map(\.name), ["fd_write", "proc_exit", "sched_yield", "print", "start", "dead"])
        XCTAssertEqual(all.data.count, 2)
        try assertValid(try encodeWasmModule(all), "unshaken hello world")
    }

    /// A runtime fragment declares what it needs; the program uses part of it.
    func testTreeShakingAcrossModules() throws {
        var rt = SymbolicModule(origin: "runtime")
        rt.types = [TypeGroup([TypeDef("str", SubType(.array(FieldType(.i8, mutable: true))))]),
                    TypeGroup([TypeDef("box", SubType(.struct([FieldType(.i64)])), fieldNames: ["v"])])]
        rt.globals = [SymbolicGlobal(name: "used_g", GlobalType(.i32), initializer: [.i32Const(7)]),
                      SymbolicGlobal(name: "unused_g", GlobalType(.i32), initializer: [.i32Const(8)])]
        rt.functions = [
            SymbolicFunction(name: "str_len", type: .signature([.ref("str")], [.i32]),
                             body: [.localGet(0), Instruction(.arrayLen), .globalGet("used_g"), Instruction(.i32Add)]),
            SymbolicFunction(name: "box_new", type: .signature([.i64], [.ref("box")]), body: [.localGet(0), .structNew("box")]),
            SymbolicFunction(name: "helper", type: .signature([], [])),
            SymbolicFunction(name: "indirect_user", type: .signature([], []), body: [.refFunc("helper"), Instruction(.drop)]),
        ]
        let b = WasmModuleBuilder()
        b.addType("str", SubType(.array(FieldType(.i8, mutable: true)))) // the same declaration again: merged
        let f = b.addFunction("main", results: [.i32])
        f.i32Const(3); f.emit(.arrayNewDefault("str")); f.call("str_len")
        b.exportFunction("main", "main")
        b.merge(rt)
        let m = try b.link()
        XCTAssertEqual(m.names!.functions.map(\.name), ["main", "str_len"])
        XCTAssertEqual(m.names!.types.map(\.name), ["str"]) // $box went with box_new
        XCTAssertEqual(m.names!.globals.map(\.name), ["used_g"])
        XCTAssertTrue(m.elements.isEmpty)
        try assertValid(try encodeWasmModule(m), "shaken runtime")

        // Rooting indirect_user pulls in helper and a declarative segment for ref.func.
        b.addRoot(.function, "indirect_user")
        let m2 = try b.link()
        XCTAssertEqual(m2.names!.functions.map(\.name), ["main", "str_len", "helper", "indirect_user"])
        XCTAssertEqual(m2.elements, [ElementSegment(.declarative, .functions([2]))])
        try assertValid(try encodeWasmModule(m2), "rooted runtime")
    }

    func testImplicitTypesAreDeduplicatedAndRecGroupsKept() throws {
        let b = WasmModuleBuilder()
        b.addFuncType("i2i", [.i64], [.i64])
        // Two structurally equal types in one rec group stay two types.
        b.addRecGroup([TypeDef("a", SubType(.struct([FieldType(.i64)]))), TypeDef("b", SubType(.struct([FieldType(.i64)])))])
        for name in ["f", "g"] {
            let f = b.addFunction(name, params: [Local("x", .i64)], results: [.i64])
            f.localGet("x")
            b.exportFunction(name, .name(name))
        }
        let h = b.addFunction("h", params: [Local(nil, .ref(null: "a")), Local(nil, .ref(null: "b"))], results: [])
        h.block(.inline(FuncType([], [.i64, .i64]))) { $0.i64Const(1); $0.i64Const(2) }
        h.drop(); h.drop()
        b.exportFunction("h", "h")
        let m = try b.link()
        // f and g share the explicit (i64) -> i64; h gets (ref null a, ref null b) -> () and
        // its block (-> i64 i64), both implicit.
        XCTAssertEqual(m.functions.map(\.type), [0, 0, 3]) // the rec group holds types 1 and 2
        XCTAssertEqual(m.types.count, 4)
        XCTAssertEqual(m.types[1].types.count, 2)
        XCTAssertTrue(m.types[1].explicitRec)
        XCTAssertEqual(m.functions[2].body[0], .block(.type(4)))
        try assertValid(try encodeWasmModule(m), "dedup")
    }

    func testTypesAreOrderedAfterWhatTheyReferTo() throws {
        let b = WasmModuleBuilder()
        b.addStruct("outer", [("inner", FieldType(.ref(null: "inner")))])
        b.addStruct("inner", [("v", FieldType(.i32))], final: false)
        b.addStruct("sub", [("v", FieldType(.i32))], supertype: "inner")
        let f = b.addFunction("f", params: [Local("o", .ref("outer"))], results: [.i32])
        f.localGet("o"); f.structGet("outer", "inner"); f.refCast(.to("sub")); f.structGet("sub", "v")
        b.exportFunction("f", "f")
        let m = try b.link()
        XCTAssertEqual(m.names!.types.map(\.name), ["inner", "outer", "sub"])
        try assertValid(try encodeWasmModule(m), "ordered types")
    }

    func testLabelsLocalsAndFieldsResolve() throws {
        let b = WasmModuleBuilder()
        b.addStruct("p", [("x", FieldType(.i32, mutable: true)), ("y", FieldType(.i32, mutable: true))])
        let f = b.addFunction("f", params: [Local("q", .ref("p"))], results: [.i32])
        let acc = f.addLocal(.i32, name: "acc")
        let tmp = f.addLocal(.i32)
        XCTAssertEqual(tmp, .index(2))
        f.block(label: "out") { f in
            f.loop(label: "top") { f in
                f.localGet("q"); f.structGet("p", "y"); f.brIf("out")
                f.block { f in f.br(1) } // numeric depth 1: the loop
                f.localGet(acc); f.emit(.i32Eqz); f.brIf("top")
            }
        }
        f.localGet("q"); f.structGet("p", 0); f.localTee(tmp)
        b.exportFunction("f", "f")
        let m = try b.link()
        XCTAssertEqual(m.functions[0].body, [
            .block(), .loop(),
            .localGet(0), .structGet(0, 1), .brIf(1),
            .block(), .br(1), Instruction(.end),
            .localGet(1), Instruction(.i32Eqz), .brIf(0),
            Instruction(.end), Instruction(.end),
            .localGet(0), .structGet(0, 0), .localTee(2),
        ])
        try assertValid(try encodeWasmModule(m), "labels")
    }

    func testLinkErrors() {
        func expect(_ message: String, _ build: (WasmModuleBuilder) -> Void, line: UInt = #line) {
            let b = WasmModuleBuilder()
            build(b)
            XCTAssertThrowsError(try b.link(), line: line) { XCTAssertEqual("\($0)", message, line: line) }
        }
        expect("builder: unknown function $nope") { b in
            b.addFunction("f").call("nope"); b.exportFunction("f", "f")
        }
        expect("builder: function $f: unknown local $y") { b in
            b.addFunction("f", params: [Local("x", .i32)]).localGet("y")
        }
        expect("builder: function $f: unknown label $l") { b in b.addFunction("f").br("l") }
        expect("builder: function $f: 1 block(s) not closed by 'end'") { b in b.addFunction("f").block() }
        expect("builder: function $f: 'end' without a block to close (instruction 0)") { b in b.addFunction("f").end() }
        expect("builder: function $f: the struct type has no field $z") { b in
            b.addStruct("s", [("x", FieldType(.i32))])
            let f = b.addFunction("f", params: [Local(nil, .ref("s"))], results: [.i32])
            f.localGet(0); f.structGet("s", "z")
        }
        expect("builder: function $f: instruction 0 (call): immediate none does not fit it") { b in b.addFunction("f").emit(.call) }
        expect("builder: unknown type $missing") { b in b.addStruct("s", [(nil, FieldType(.ref("missing")))]) }
        expect("builder: function import added after a function definition; add imports first") { b in
            _ = b.addFunction("f")
            b.importFunction("g", module: "env", field: "g", params: [], results: [])
        }
        expect("builder: import \"wasi_snapshot_preview1\" \"proc_exit\": a WASI import's type must be a final func type in a rec group of its own (the host's types are)") { b in
            b.addRecGroup([TypeDef("exit_t", SubType(.func(FuncType([.i32], [])))), TypeDef("other", SubType(.struct([])))])
            b.importFunction("proc_exit", module: "wasi_snapshot_preview1", field: "proc_exit", type: "exit_t")
        }
        expect("types $a, $b refer to each other across rec groups; put them in one (rec ...)") { b in
            b.addStruct("a", [(nil, FieldType(.ref(null: "b")))])
            b.addStruct("b", [(nil, FieldType(.ref(null: "a")))])
            let f = b.addFunction("f", params: [Local(nil, .ref(null: "a"))])
            f.localGet(0); f.drop()
            b.exportFunction("f", "f")
        }
        expect("builder: duplicate export \"f\"") { b in
            _ = b.addFunction("f")
            b.exportFunction("f", "f"); b.exportFunction("f", "f")
        }
    }

    func testConflictingDefinitionsAcrossModules() {
        var one = SymbolicModule(origin: "one.wat")
        one.types = [TypeGroup([TypeDef("t", SubType(.struct([FieldType(.i32)])))])]
        one.functions = [SymbolicFunction(name: "f", type: .signature([], []))]
        var two = SymbolicModule(origin: "two.wat")
        two.types = [TypeGroup([TypeDef("t", SubType(.struct([FieldType(.i64)])))])]
        XCTAssertThrowsError(try linkWasm([one, two])) { XCTAssertEqual("\($0)", "two.wat: type $t is already defined in one.wat differently") }
        var three = SymbolicModule(origin: "three.wat")
        three.functions = [SymbolicFunction(name: "f", type: .signature([], []))]
        XCTAssertThrowsError(try linkWasm([one, three])) { XCTAssertEqual("\($0)", "three.wat: function $f is already defined in one.wat") }
        // The same import declared twice is one import.
        var a = SymbolicModule(origin: "a")
        a.imports = [SymbolicImport(name: "exit", module: "wasi_snapshot_preview1", field: "proc_exit", .function(.signature([.i32])))]
        a.functions = [SymbolicFunction(name: "main", type: .signature([]), body: [.i32Const(0), .call("exit")])]
        a.exports = [Export("_start", .function, "main")]
        var c = a
        c.origin = "c"
        c.functions = [SymbolicFunction(name: "other", type: .signature([]), body: [.i32Const(1), .call(0)])]
        c.exports = [Export("other", .function, "other")]
        XCTAssertNoThrow(try {
            let m = try linkWasm([a, c])
            XCTAssertEqual(m.imports.count, 1)
            XCTAssertEqual(m.functions[1].body, [.i32Const(1), .call(0)])
            try assertValid(try encodeWasmModule(m), "merged imports")
        }())
    }

    /// The example of docs/WASM-ENCODING.md §5, as written there.
    func testDocumentationExample() throws {
        let runtimeText = """
        (func $str_concat (param $x i64) (result i64) (local.get $x))
        (func $main)
        (func $keep_me)
        (func $dropped)
        """
        let m = WasmModuleBuilder(name: "prog")
        let bytes_ = m.addArray("bytes", FieldType(.i8, mutable: true))
        let node = m.addStruct("node", [("left", FieldType(.ref(null: "node"))), ("val", FieldType(.i64, mutable: true))])
        m.addRecGroup([TypeDef("a", SubType(final: false, .struct([]))), TypeDef("b", SubType(supertypes: ["a"], .struct([])))])
        m.importFunction("fd_write", module: "wasi_snapshot_preview1", field: "fd_write",
                         params: [.i32, .i32, .i32, .i32], results: [.i32])
        m.exportMemory("memory", m.addMemory("memory", min: 1))
        let hello = m.addData("hello", Array("hi\n".utf8))          // passive
        m.addGlobal("count", GlobalType(.i64, mutable: true), [.i64Const(0)])

        let f = m.addFunction("sum", params: [Local("n", .ref(null: node))], results: [.i64])
        let acc = f.addLocal(.i64, name: "acc")
        f.block(label: "done") { f in
            f.loop(label: "next") { f in
                f.localGet("n"); f.emit(.refIsNull); f.brIf("done")
                f.localGet(acc); f.localGet("n"); f.structGet(node, "val"); f.emit(.i64Add); f.localSet(acc)
                f.localGet("n"); f.structGet(node, "left"); f.localSet("n")
                f.br("next")
            }
        }
        f.localGet(acc)
        f.emit(.call("str_concat"))            // any instruction value; any op without immediates: f.emit(.i64Add)
        try m.merge(wat: runtimeText, origin: "runtime.wat")   // WAT fragments: the runtime
        m.exportFunction("_start", "main")
        m.addRoot(.function, "keep_me")
        let module = try m.link()              // or: let bytes = try m.encode()

        _ = (bytes_, hello)
        m.exportFunction("sum", "sum")
        let linked = try m.link()
        XCTAssertEqual(module.names?.functions.map(\.name), ["main", "keep_me"])
        XCTAssertEqual(linked.names?.functions.map(\.name), ["sum", "str_concat", "main", "keep_me"])
        try assertValid(try encodeWasmModule(linked), "documentation example")
    }
}
