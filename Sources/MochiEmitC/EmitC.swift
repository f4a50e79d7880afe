// IR -> one C99 translation unit (DESIGN.md §6): the module-level half of the C
// emitter. It names everything (functions `mochi_fn_<name>`, globals `mochi_g_<name>`,
// type descriptors `mochi_desc_<type>[_<variant>]`), lays the unit out in a fixed
// order, and writes what the functions share:
//   * type descriptors as static `MochiTypeDesc` data, same field order and names as
//     the IR TypeDecls (so printing and equality match the interpreter's);
//   * globals as static C variables of their bank's type, reference ones registered
//     with the collector as roots at start-up;
//   * string constants made once at start-up into a slot array the collector scans
//     as a root range (as the interpreter's constant pool is);
//   * one trampoline per (function, capture count) used by `closure.new`: every
//     closure's code pointer has the single signature `mochi_tramp`, and the
//     trampoline unpacks captures then arguments into a direct call;
//   * the recursion guard (the call depth as a parameter, checked before every call
//     as the interpreter checks it, and a stack-address probe at calls that can
//     recurse, so runaway recursion ends in `error: stack overflow`; the usable
//     stack is raised where it can be, so every depth the interpreter allows fits);
//   * `main`: runtime init with the stack base, `@main`, `mochi_rt_exit(0)`.
// Small C helpers (list/struct fast paths, unbox checks) are written only when some
// function uses them, so the unit compiles without unused-function warnings.
// Everything is emitted in declaration order: the output is a function of the
// module's bytes alone.

import MochiIR

public struct EmitCOptions: Sendable {
    /// Write `#line N "file.mochi"` directives so debuggers and compiler messages
    /// point at Mochi lines (needs the module's source file name).
    public var lineDirectives = true
    public init() {}
}

/// Translates a verified module into one C translation unit that includes
/// "mochi_runtime.h" and defines `main`.
public func emitC(_ module: Module, options: EmitCOptions = EmitCOptions()) throws -> String {
    var e = ModuleEmitter(module: module, options: options)
    return try e.emit()
}

/// C helpers written on demand, in this (declaration) order.
enum CHelper: Int, CaseIterable, Comparable {
    case listGetSlow, listSetSlow, listbGetSlow, listbSetSlow, listPushSlow, listFillSlow, listGet, listSet, listbGet, listbSet, listPush,
         listbPush, pushRoom, variantTag, fieldGet, fieldSet, callClosure, unboxRef, ftoi
    static func < (a: CHelper, b: CHelper) -> Bool { a.rawValue < b.rawValue }

    var code: String {
        switch self {
        case .listGetSlow:
            return """
            /* xs[i] and xs[i] = v out of line: negative or bad indices (and the error, at
             * `line`), copy-on-write, in the runtime. Generated code does the common case
             * inline (mochi_emitc_list_get below, or through a list's header in locals). */
            static MOCHI_COLD mochi_slot mochi_emitc_list_get_slow(mochi_ref l, int64_t i, int32_t line) {
                mochi_loc_line = line;
                return mochi_list_get(l, i);
            }

            """
        case .listSetSlow:
            return """
            static MOCHI_COLD void mochi_emitc_list_set_slow(mochi_ref l, int64_t i, mochi_slot v, int32_t line) {
                mochi_loc_line = line;
                mochi_list_set(l, i, v);
            }

            """
        case .listGet:
            return """
            /* xs[i]: the element load inline (mochi_emitc_list_get_slow above). */
            static inline mochi_slot mochi_emitc_list_get(mochi_ref l, int64_t i, int32_t line) {
                MochiList *L = (MochiList *)l;
                if (L && (uint64_t)i < (uint64_t)L->len) return L->data[i];
                return mochi_emitc_list_get_slow(l, i, line);
            }

            """
        case .listSet:
            return """
            /* In place below the writable length (wlen <= len, 0 while the store is
             * shared); copy-on-write and everything else are the runtime's. */
            static inline void mochi_emitc_list_set(mochi_ref l, int64_t i, mochi_slot v, int32_t line) {
                MochiList *L = (MochiList *)l;
                if (L && (uint64_t)i < (uint64_t)L->wlen) L->data[i] = v;
                else mochi_emitc_list_set_slow(l, i, v, line);
            }

            """
        case .listbGetSlow:
            return """
            /* The same for a list<bool>, which keeps one byte an element. */
            static MOCHI_COLD int64_t mochi_emitc_listb_get_slow(mochi_ref l, int64_t i, int32_t line) {
                mochi_loc_line = line;
                return (int64_t)mochi_list_get(l, i);
            }

            """
        case .listbSetSlow:
            return """
            static MOCHI_COLD void mochi_emitc_listb_set_slow(mochi_ref l, int64_t i, int64_t v, int32_t line) {
                mochi_loc_line = line;
                mochi_list_set(l, i, (mochi_slot)v);
            }

            """
        case .listPushSlow:
            return """
            /* A push out of line: growing, a nil list (the error, at `line`), a store
             * another list shares; mochi_emitc_list_push below does the common case. */
            static MOCHI_COLD void mochi_emitc_list_push_slow(mochi_ref l, mochi_slot v, int32_t line, int kind) {
                mochi_loc_line = line;
                mochi_list_push_kind(l, v, kind);
            }

            """
        case .listFillSlow:
            return """
            /* A filling loop's push out of line (FillLoops.swift): as the push above, and
             * when the store must grow it grows once for the loop's `more` pushes after
             * this one. */
            static MOCHI_COLD void mochi_emitc_list_fill_slow(mochi_ref l, mochi_slot v, int32_t line, int kind, int64_t more) {
                mochi_loc_line = line;
                mochi_list_push_reserve(l, v, kind, more);
            }

            """
        case .listbGet:
            return """
            static inline int64_t mochi_emitc_listb_get(mochi_ref l, int64_t i, int32_t line) {
                MochiList *L = (MochiList *)l;
                if (L && (uint64_t)i < (uint64_t)L->len) return ((const uint8_t *)L->data)[i];
                return mochi_emitc_listb_get_slow(l, i, line);
            }

            """
        case .listbSet:
            return """
            static inline void mochi_emitc_listb_set(mochi_ref l, int64_t i, int64_t v, int32_t line) {
                MochiList *L = (MochiList *)l;
                if (L && (uint64_t)i < (uint64_t)L->wlen) ((uint8_t *)L->data)[i] = (uint8_t)(v != 0);
                else mochi_emitc_listb_set_slow(l, i, v, line);
            }

            """
        case .variantTag:
            return """
            /* A union value's variant tag inline (mochi_struct_tag: -1 for nil or a
             * value that is not a struct). */
            static inline int64_t mochi_emitc_variant_tag(mochi_ref s) {
                const MochiTypeDesc *d = s && s->kind == MOCHI_O_STRUCT ? MOCHI_STRUCT_DESC(s) : NULL;
                return d ? d->tag : -1;
            }

            """
        case .listPush:
            return """
            /* A push (append in place) inline in the common case, as the runtime's own
             * fast path: room left in a store whose end this list owns. Growing, a nil
             * list (the error, at `line`) and everything else go to mochi_list_push. */
            static inline void mochi_emitc_list_push(mochi_ref l, mochi_slot v, int32_t line, int kind) {
                MochiList *L = (MochiList *)l;
                MochiSlots *st = L ? (MochiSlots *)L->store : NULL;
                int64_t n;
                if (st && (n = L->len) < L->cap && st->s + st->used == L->data + n) {
                    L->data[n] = v;
                    L->len = n + 1;
                    if (!L->shared) L->wlen = (uint32_t)(n + 1);
                    st->used++;
                    return;
                }
                mochi_emitc_list_push_slow(l, v, line, kind);
            }

            """
        case .pushRoom:
            return """
            /* How long list l may grow by pushes in place (its length stays below
             * this): its capacity when it is unshared and ends at its store's
             * high-water mark (as mochi_emitc_list_push requires), else 0. */
            static inline int64_t mochi_emitc_push_room(mochi_ref l, int bytes) {
                MochiList *L = (MochiList *)l;
                MochiSlots *st = L ? (MochiSlots *)L->store : NULL;
                if (!st || L->shared) return 0;
                if (bytes) return (uint8_t *)st->s + st->used == (uint8_t *)L->data + L->len ? L->cap : 0;
                return st->s + st->used == L->data + L->len ? L->cap : 0;
            }

            """
        case .listbPush:
            return """
            /* The same for a list<bool> (one byte an element). */
            static inline void mochi_emitc_listb_push(mochi_ref l, int64_t v, int32_t line) {
                MochiList *L = (MochiList *)l;
                MochiSlots *st = L ? (MochiSlots *)L->store : NULL;
                int64_t n;
                if (st && (n = L->len) < L->cap && (uint8_t *)st->s + st->used == (uint8_t *)L->data + n) {
                    ((uint8_t *)L->data)[n] = (uint8_t)(v != 0);
                    L->len = n + 1;
                    if (!L->shared) L->wlen = (uint32_t)(n + 1);
                    st->used++;
                    return;
                }
                mochi_emitc_list_push_slow(l, (mochi_slot)v, line, MOCHI_K_BOOL);
            }

            """
        case .fieldGet:
            return """
            /* s.f: a load; a nil struct goes to the runtime, which reports the error at `line`. */
            static MOCHI_COLD mochi_slot mochi_emitc_field_get_slow(mochi_ref s, int64_t i, int32_t line) {
                mochi_loc_line = line;
                return mochi_struct_get(s, i);
            }
            static inline mochi_slot mochi_emitc_field_get(mochi_ref s, int64_t i, int32_t line) {
                if (s) return ((MochiStruct *)s)->f[i];
                return mochi_emitc_field_get_slow(s, i, line);
            }

            """
        case .fieldSet:
            return """
            static MOCHI_COLD void mochi_emitc_field_set_slow(mochi_ref s, int64_t i, mochi_slot v, int32_t line) {
                mochi_loc_line = line;
                mochi_struct_set(s, i, v);
            }
            static inline void mochi_emitc_field_set(mochi_ref s, int64_t i, mochi_slot v, int32_t line) {
                if (s) ((MochiStruct *)s)->f[i] = v;
                else mochi_emitc_field_set_slow(s, i, v, line);
            }

            """
        case .callClosure:
            return """
            /* call.closure: every closure made here has a mochi_tramp code pointer;
             * mochi_closure_code reports a call of a non-function value. */
            static mochi_slot mochi_emitc_call_closure(mochi_ref c, const mochi_slot *args) {
                void *code = mochi_closure_code(c);
                if (!code) mochi_rt_error("unreachable code reached");
                return ((mochi_tramp)code)(c, args);
            }

            """
        case .unboxRef:
            return """
            /* A slot of one kind as another: boxing into any, unboxing out of it (a bad
             * cast is the runtime's error), or through a box between scalar kinds. */
            static mochi_slot mochi_emitc_convert(mochi_slot v, MochiSlotKind from, MochiSlotKind to) {
                mochi_ref boxed;
                if (from == to) return v;
                if (from == MOCHI_K_REF) return mochi_unbox(mochi_s2r(v), to);
                boxed = mochi_box(from, v);
                if (to == MOCHI_K_REF) return mochi_r2s(boxed);
                return mochi_unbox(boxed, to);
            }

            /* unbox to a reference type: the interpreter's checks and wording; lists and
             * maps are converted (copied) to the representation the result type needs
             * (`{}` is a map<any, any>; `{} as map<string, int>` stores unboxed ints). */
            static mochi_ref mochi_emitc_unbox_ref(mochi_ref x, int check, int elem, const char *name) {
                static const char *const kinds[] = {"nil", "int", "float", "bool", "string", "list", "map", "struct",
                                                    "function", "bigint", "bigrat"};
                const char *to = name;
                int have;
                char msg[4096];
                if (!x) return x;
                have = (int)mochi_any_kind(x);
                switch (check) {
                case 1: if (have == MOCHI_A_STR) return x; to = "string"; break;
                case 2:
                    if (have == MOCHI_A_LIST) {
                        if ((int)mochi_list_kind(x) == elem) return x;
                        if (elem == MOCHI_K_REF) return mochi_list_to_any(x);
                        return mochi_list_from_any(x, (MochiSlotKind)elem);
                    }
                    to = "list";
                    break;
                case 3:
                    if (have == MOCHI_A_MAP) {
                        MochiSlotKind wk = (MochiSlotKind)(elem & 0xff), wv = (MochiSlotKind)(elem >> 8);
                        MochiSlotKind hk = mochi_map_key_kind(x), hv = mochi_map_val_kind(x);
                        mochi_ref m;
                        int64_t i, n;
                        if (hk == wk && hv == wv) return x;
                        m = mochi_map_new(wk, wv);
                        n = mochi_map_len(x);
                        for (i = 0; i < n; i++) {
                            mochi_slot k = mochi_emitc_convert(mochi_map_key_at(x, i), hk, wk);
                            mochi_slot v = mochi_emitc_convert(mochi_map_value_at(x, i), hv, wv);
                            mochi_map_set(m, k, v);
                        }
                        return m;
                    }
                    to = "map";
                    break;
                case 4:
                    if (have == MOCHI_A_STRUCT) {
                        const MochiTypeDesc *d = mochi_struct_desc(x);
                        const char *own = d ? (d->union_name ? d->union_name : d->name) : NULL;
                        if (!own || strcmp(own, name) == 0) return x;
                    }
                    break;
                case 5: if (have == MOCHI_A_CLOSURE) return x; to = "function"; break;
                case 6: return mochi_bigint_from_any(x); /* an int converts */
                case 7: return mochi_bigrat_from_any(x); /* an int or bigint converts */
                default: return x;
                }
                snprintf(msg, sizeof msg, "invalid cast: %s to %s", have >= 0 && have < 11 ? kinds[have] : "value", to);
                mochi_rt_error(msg);
                return x; /* not reached; for compilers that do not know mochi_rt_error is noreturn */
            }

            """
        case .ftoi:
            return """
            /* float -> int, truncating; NaN and values outside [-2^63, 2^63) overflow. */
            static inline int64_t mochi_emitc_ftoi(double x, int32_t line) {
                if (MOCHI_UNLIKELY(!(x >= -9223372036854775808.0 && x < 9223372036854775808.0))) mochi_err_overflow_at(line);
                return (int64_t)x;
            }

            """
        }
    }
}

struct ModuleEmitter {
    let module: Module
    let options: EmitCOptions
    let symbols: SymbolIndex
    var namer = CNamer()
    var functionNames: [String] = []
    var globalNames: [String] = []
    /// C name of the descriptor of (type, variant); variant -1 for structs, -2 for a
    /// struct's anonymous twin (`record.new`: prints without "__name").
    var descNames: [String: [Int32: String]] = [:]
    var strings: [String] = []
    var stringIndex: [String: Int] = [:]
    /// Trampolines in first-use order: (function index, capture count).
    var trampolines: [(function: Int, captures: Int)] = []
    var trampolineNames: [Int: [Int: String]] = [:]
    var helpers: Set<CHelper> = []
    /// Descriptors of field-less structs some code makes: each gets a static that
    /// holds the runtime's one shared instance, fetched on first use.
    var emptyStructs: Set<String> = []
    /// Variant descriptors some tag test compares ids with (FunctionEmitter.tagTest):
    /// registered at start-up, so their ids are set before any test reads them.
    var tagTestDescs: Set<String> = []
    /// Functions that may be re-entered while active (see recursionAnalysis): only
    /// calls to these, and closure calls, check the stack.
    var recursive: [Bool] = []
    /// Per function: it calls something, so it takes its call depth as a last
    /// parameter `mochi_depth` (see the prelude).
    var takesDepth: [Bool] = []
    /// Per function: calls of it probe the stack only every 8th depth (its frame,
    /// with what a C compiler may inline into it, is estimated small); else at
    /// every call that can recurse.
    var sparseProbe: [Bool] = []
    /// Per function: written `static inline` (see selfRecursiveHint).
    var inlineHint: [Bool] = []
    /// Per function: no call of it can change a list's header (every instruction
    /// keeps list headers, it writes no list element, whose slow path may give a
    /// list a new store, and every call in it is to such a function), so a caller
    /// keeps its list headers in locals across the call.
    var keepsListHeaders: [Bool] = []

    init(module: Module, options: EmitCOptions) {
        self.module = module
        self.options = options
        self.symbols = module.symbolIndex()
    }

    /// The file name as a C string literal, or nil when the module names none.
    var fileLiteral: String? { module.sourceFile.isEmpty ? nil : cStringLiteral(module.sourceFile) }

    mutating func stringConstant(_ s: String) -> Int {
        if let i = stringIndex[s] { return i }
        strings.append(s)
        stringIndex[s] = strings.count - 1
        return strings.count - 1
    }

    mutating func trampoline(function fi: Int, captures: Int) -> String {
        if let n = trampolineNames[fi]?[captures] { return n }
        let n = namer.make("mochi_tramp_", module.functions[fi].name + "_\(captures)")
        trampolineNames[fi, default: [:]][captures] = n
        trampolines.append((fi, captures))
        return n
    }

    mutating func emit() throws -> String {
        guard let mainIndex = symbols.functions["main"] else {
            throw EmitCError("the module has no @main function")
        }
        guard module.functions[mainIndex].paramTypes.isEmpty else {
            throw EmitCError("@main must take no parameters")
        }
        // Names first, in declaration order, so they do not depend on use order.
        for f in module.functions { functionNames.append(namer.make("mochi_fn_", f.name)) }
        for g in module.globals { globalNames.append(namer.make("mochi_g_", g.name)) }
        for d in module.types {
            switch d.kind {
            case .structure:
                descNames[d.name, default: [:]][-1] = namer.make("mochi_desc_", d.name)
                descNames[d.name, default: [:]][-2] = namer.make("mochi_desc_", d.name + "_anon")
            case .union(let vs):
                for (tag, v) in vs.enumerated() {
                    descNames[d.name, default: [:]][Int32(tag)] = namer.make("mochi_desc_", d.name + "_" + v.name)
                }
            }
        }

        recursive = recursionAnalysis()
        keepsListHeaders = listHeaderAnalysis()
        takesDepth = module.functions.map { f in f.insts.contains { $0.op == .call || $0.op == .callClosure } }
        sparseProbe = frameAnalysis().map { $0 <= 8192 }
        inlineHint = module.functions.indices.map { selfRecursiveHint($0) }

        // Function bodies first: they discover strings, trampolines and helpers.
        var bodies: [String] = []
        for (i, f) in module.functions.enumerated() {
            var fe = FunctionEmitter(function: f, index: i, module: self)
            bodies.append(try fe.emit())
            self = fe.module
        }

        var out = ""
        out += "/* Generated by mochi-emitc from the Mochi IR of "
            + (module.sourceFile.isEmpty ? "an unnamed module" : "'" + sanitizedComment(module.sourceFile) + "'")
            + ". Do not edit.\n"
        out += " * One C function per IR function, blocks as labels, typed SSA values as C locals;\n"
        out += " * everything else is a call into the Mochi runtime (mochi_runtime.h). */\n"
        out += "#include \"mochi_runtime.h\"\n"
        out += "#include <stdint.h>\n#include <stddef.h>\n#include <stdio.h>\n#include <string.h>\n#include <math.h>\n"
        out += "#if defined(__linux__)\n#include <sys/resource.h>\n#endif\n"
        // A Mochi function that always calls itself is a valid program (it ends in the
        // runtime's stack overflow error), not a mistake to warn about here.
        out += "#if defined(__clang__)\n#pragma clang diagnostic ignored \"-Winfinite-recursion\"\n"
            + "#elif defined(__GNUC__) && __GNUC__ >= 12\n#pragma GCC diagnostic ignored \"-Winfinite-recursion\"\n#endif\n\n"
        out += prelude()
        out += descriptors()
        if !emptyStructs.isEmpty {
            out += "/* The one instance of each field-less struct made here (the runtime's, outside the heap). */\n"
            for d in emptyStructs.sorted() { out += "static mochi_ref mochi_one_\(d);\n" }
            out += "\n"
        }
        out += globalsDecl()
        if !strings.isEmpty {
            out += "/* String constants, made at start-up; a root range the collector scans. */\n"
            out += "static mochi_slot mochi_strs[\(strings.count)];\nstatic size_t mochi_strs_count;\n\n"
        }
        out += "/* The program's functions. */\n"
        for (i, f) in module.functions.enumerated() {
            out += (inlineHint[i] ? "static inline " : "static ") + prototype(f, i) + ";\n"
        }
        out += "\n"
        for h in CHelper.allCases where helpers.contains(h) { out += h.code }
        for t in trampolines { out += trampolineCode(t.function, t.captures) }
        for b in bodies { out += b }
        out += initAndMain(mainIndex)
        return out
    }

    /// The functions that can be part of a call cycle: those in a strongly connected
    /// component of the direct-call graph with a cycle (two or more members, or a
    /// self call), and every function a closure is made of (call.closure can reach
    /// it from anywhere). Every cycle of calls at run time then contains a call to
    /// one of these or a closure call, so checking the stack at those call sites
    /// (and nowhere else) ends runaway recursion in `error: stack overflow`.
    func recursionAnalysis() -> [Bool] {
        var result = module.directCallCycles()
        for f in module.functions {
            for inst in f.insts where inst.op == .closureNew {
                if case .function(let name) = inst.imm, let fi = symbols.functions[name] { result[fi] = true }
            }
        }
        return result
    }

    /// A generous estimate of each function's C frame in bytes: 8 per SSA value and
    /// per slot of its largest slot array, plus the frames of the functions outside
    /// call cycles that it calls (a C compiler may inline them), plus 256. A callee
    /// in a cycle is not counted: a compiler does not inline it whole.
    func frameAnalysis() -> [Int] {
        var memo: [Int?] = Array(repeating: nil, count: module.functions.count)
        func own(_ f: Function) -> Int {
            var slots = 1
            for inst in f.insts { slots = max(slots, inst.args.count) }
            return 8 * (f.valueTypes.count + slots) + 256
        }
        // Callees outside cycles form a DAG (a cycle would make them recursive), so
        // the walk ends; memoised, it is linear.
        func frame(_ fi: Int) -> Int {
            if let m = memo[fi] { return m }
            let f = module.functions[fi]
            var total = own(f)
            for inst in f.insts where inst.op == .call {
                guard case .function(let name) = inst.imm, let g = symbols.functions[name], g != fi, !recursive[g] else {
                    continue
                }
                total = min(total + frame(g), 1 << 30)
            }
            memo[fi] = total
            return total
        }
        return module.functions.indices.map { frame($0) }
    }

    /// A small function whose every call is a direct call of itself (fib, and fib's
    /// accumulating loop after -O1's accum pass) is written `static inline`. The
    /// hint is what lets gcc -O2 inline such a function into itself (up to 8 levels:
    /// --param max-inline-recursive-depth, growth capped by max-inline-insns-recursive),
    /// as it does unasked for hand-written fib, whose body is smaller than the
    /// checked one (overflow, call depth) and so within max-inline-insns-auto:
    /// fib(32) under gcc 12 -O2, 143.1M -> 87.1M instructions. The call depth is
    /// still counted and checked at every call (the checks inline with the body), and
    /// the stack probe at every 8th depth stays sound: a C frame then holds up to 9
    /// levels of a function whose frame is estimated at most 8 KiB (sparseProbe),
    /// far less than the 1 MiB (256 KiB on Windows and Wasm) the stack floor keeps
    /// in reserve. clang does not inline recursive functions into themselves, so
    /// the hint changes nothing there beyond inlining the function into its callers,
    /// as for any small function.
    func selfRecursiveHint(_ i: Int) -> Bool {
        let f = module.functions[i]
        guard sparseProbe[i], f.insts.count <= 64 else { return false }
        var calls = 0
        for inst in f.insts {
            switch inst.op {
            case .callClosure, .closureNew: return false
            case .call:
                guard case .function(let name) = inst.imm, name == f.name else { return false }
                calls += 1
            default: break
            }
        }
        return calls > 0
    }

    /// keepsListHeaders by a fixpoint from "every function keeps them": a function
    /// with an instruction that may change a header, or a call of one that may, may.
    func listHeaderAnalysis() -> [Bool] {
        var keeps = Array(repeating: true, count: module.functions.count)
        var changed = true
        while changed {
            changed = false
            for (fi, f) in module.functions.enumerated() where keeps[fi] {
                for inst in f.insts {
                    // list.set keeps headers only in the function that does it (its
                    // slow path reloads them there); a caller's may be stale after it.
                    if FunctionEmitter.keepsListHeaders(inst.op) && inst.op != .listSet { continue }
                    if inst.op == .call, case .function(let name) = inst.imm, let g = symbols.functions[name], keeps[g] {
                        continue
                    }
                    keeps[fi] = false
                    changed = true
                    break
                }
            }
        }
        return keeps
    }

    func sanitizedComment(_ s: String) -> String {
        // No control characters (a newline would end a // comment) and no `*/`.
        var r = ""
        var prev: Unicode.Scalar = " "
        for ch in s.unicodeScalars {
            if ch == "/" && prev == "*" { r.unicodeScalars.append(" ") }
            r.unicodeScalars.append(ch.value < 0x20 || ch.value == 0x7F ? "?" : ch)
            prev = ch
        }
        return r
    }

    func prototype(_ f: Function, _ i: Int) -> String {
        let ret = f.returnType == .unit ? "void" : f.returnType.cType
        let params: String
        if f.paramTypes.isEmpty {
            params = "void"
        } else if let e = f.entry {
            params = f[e].params.map { f.type(of: $0).cType + " v\($0.index)" }.joined(separator: ", ")
        } else {
            params = f.paramTypes.enumerated().map { $0.element.cType + " p\($0.offset)" }.joined(separator: ", ")
        }
        if takesDepth[i] {
            return "\(ret) \(functionNames[i])(\(f.paramTypes.isEmpty ? "" : params + ", ")int64_t mochi_depth)"
        }
        return "\(ret) \(functionNames[i])(\(params))"
    }

    func prelude() -> String {
        return """
        /* A closure's code pointer: every closure made by this program points at a
         * trampoline of this one signature (captures come from the closure). */
        typedef mochi_slot (*mochi_tramp)(mochi_ref clo, const mochi_slot *args);

        /* Recursion guard. The call depth is counted at every call of a Mochi function,
         * as the interpreter and the JIT count it, so recursion stops at the same call
         * (depth 100,000) with the same output in every mode: a function that calls
         * something takes its own depth as a last parameter `mochi_depth` (main runs
         * at 0) and passes mochi_depth + 1 on; a leaf takes none. A call checks
         * mochi_depth < 100000 first, which a C compiler hoists out of loops (no
         * counter in memory). Calls that can recurse (to a function in a call cycle,
         * or through a closure) also compare the stack address with a floor, so a
         * frame too large for the stack at that depth ends in the same error before
         * the machine stack runs out: at every such call through a closure or to a
         * function with a large frame, else at every 8th depth only (100,000 is a
         * multiple of 8, so the depth check there is exact), in a cold function of
         * its own so the calling function needs no frame pointer. A closure's depth
         * travels in mochi_closure_depth, stored just before the call. */
        #define MOCHI_MAX_DEPTH 100000
        static uintptr_t mochi_stack_floor;
        static int64_t mochi_closure_depth;
        #define MOCHI_DEPTH_CHECK(d, line) do { \\
            if (MOCHI_UNLIKELY((d) >= MOCHI_MAX_DEPTH)) mochi_err_stack_overflow_at(line); } while (0)
        #if defined(__GNUC__) || defined(__clang__)
        #define MOCHI_STACK_CHECK(line) do { \\
            if (MOCHI_UNLIKELY((uintptr_t)__builtin_frame_address(0) < mochi_stack_floor)) \\
                mochi_err_stack_overflow_at(line); } while (0)
        #else
        #define MOCHI_STACK_CHECK(line) do { char mochi_probe_; \\
            if ((uintptr_t)&mochi_probe_ < mochi_stack_floor) mochi_err_stack_overflow_at(line); } while (0)
        #endif
        static MOCHI_COLD void mochi_emitc_probe(int64_t d, int32_t line) {
            char here_;
            if (d >= MOCHI_MAX_DEPTH || (uintptr_t)&here_ < mochi_stack_floor) mochi_err_stack_overflow_at(line);
        }
        #define MOCHI_SPARSE_CHECK(d, line) do { \\
            if (MOCHI_UNLIKELY(((d) & 7) == 0)) mochi_emitc_probe(d, line); } while (0)

        /* The usable stack below top: on Linux the soft limit is raised (the main
         * thread's stack grows on demand up to it) so recursion as deep as the
         * interpreter allows fits; elsewhere a conservative 7 MiB (768 KiB on
         * Windows and Wasm, whose default stacks are 1 MiB). */
        static void mochi_emitc_stack_setup(char *top) {
            size_t budget = (size_t)7 << 20;
        #if defined(__linux__)
            struct rlimit rl;
            const rlim_t want = (rlim_t)120 << 20;
            if (getrlimit(RLIMIT_STACK, &rl) == 0) {
                if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
                    rlim_t cur = rl.rlim_cur;
                    rl.rlim_cur = (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want) ? want : rl.rlim_max;
                    if (setrlimit(RLIMIT_STACK, &rl) != 0) rl.rlim_cur = cur;
                }
                if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > want) rl.rlim_cur = want;
                if (rl.rlim_cur > ((rlim_t)2 << 20)) budget = (size_t)rl.rlim_cur - ((size_t)1 << 20);
            }
        #elif defined(_WIN32) || defined(__wasm__)
            budget = (size_t)768 << 10; /* 1 MiB default stacks */
        #endif
            mochi_stack_floor = (uintptr_t)top > budget ? (uintptr_t)top - budget : 0;
            (void)mochi_closure_depth; /* used by every program, even one without closures */
            (void)mochi_emitc_probe;
        }


        """
    }

    func descriptors() -> String {
        var out = ""
        if !module.types.isEmpty { out += "/* Struct and union-variant descriptors, fields in declaration order. */\n" }
        for d in module.types {
            switch d.kind {
            case .structure(let fs):
                out += descriptor(descNames[d.name]![-1]!, name: d.name, fields: fs, tag: -1, union: nil,
                                  twin: descNames[d.name]![-2]!)
            case .union(let vs):
                for (tag, v) in vs.enumerated() {
                    out += descriptor(descNames[d.name]![Int32(tag)]!, name: v.name, fields: v.fields,
                                      tag: tag, union: d.name)
                }
            }
        }
        return out.isEmpty ? out : out + "\n"
    }

    /// A descriptor and, for a struct, its anonymous twin (the same arrays, flag set).
    func descriptor(_ cname: String, name: String, fields: [FieldDecl], tag: Int, union: String?,
                    twin: String? = nil) -> String {
        var out = ""
        var names = "NULL", kinds = "NULL"
        if !fields.isEmpty {
            out += "static const char *const \(cname)_names[] = {"
                + fields.map { cStringLiteral($0.name) }.joined(separator: ", ") + "};\n"
            out += "static const uint8_t \(cname)_kinds[] = {"
                + fields.map { $0.type.cKind }.joined(separator: ", ") + "};\n"
            names = cname + "_names"
            kinds = cname + "_kinds"
        }
        let body = "\(cStringLiteral(name)), \(fields.count), \(tag), \(names), \(kinds), \(union.map(cStringLiteral) ?? "NULL")"
        // Not const: the runtime writes each descriptor's id on its first struct.
        out += "static MochiTypeDesc \(cname) = {\(body), 0, 0};\n"
        if let twin { out += "static MochiTypeDesc \(twin) = {\(body), 1, 0};\n" }
        return out
    }

    func globalsDecl() -> String {
        if module.globals.isEmpty { return "" }
        var out = "/* Module globals (reference ones are collector roots). */\n"
        for (i, g) in module.globals.enumerated() {
            out += "static \(g.type.cType) \(globalNames[i]);\n"
        }
        return out + "\n"
    }

    func trampolineCode(_ fi: Int, _ ncap: Int) -> String {
        let f = module.functions[fi]
        let name = trampolineNames[fi]![ncap]!
        var out = "/* Closure entry of @\(sanitizedComment(f.name)) over \(ncap) capture(s). */\n"
        out += "static mochi_slot \(name)(mochi_ref clo, const mochi_slot *args) {\n"
        if ncap == 0 { out += "    (void)clo;\n" }
        if ncap >= f.paramTypes.count { out += "    (void)args;\n" }
        var actuals: [String] = []
        for (k, t) in f.paramTypes.enumerated() {
            if k < ncap {
                actuals.append(t.fromSlot("((MochiClosure *)clo)->caps[\(k)]"))
            } else {
                actuals.append(t.fromSlot("args[\(k - ncap)]"))
            }
        }
        if takesDepth[fi] { actuals.append("mochi_closure_depth") }
        let call = "\(functionNames[fi])(\(actuals.joined(separator: ", ")))"
        if f.returnType == .unit {
            out += "    \(call);\n    return 0;\n"
        } else {
            out += "    return \(f.returnType.toSlot(call));\n"
        }
        return out + "}\n\n"
    }

    func initAndMain(_ mainIndex: Int) -> String {
        var out = "/* Start-up: roots for globals and string constants, made once. */\n"
        out += "static void mochi_emitc_init(void) {\n"
        for d in tagTestDescs.sorted() { out += "    (void)mochi_desc_id(&\(d));\n" }
        for (i, g) in module.globals.enumerated() where g.type.isReference {
            out += "    mochi_gc_add_root(&\(globalNames[i]));\n"
        }
        if !strings.isEmpty {
            // Counted as roots one at a time, so a collection while they are being made
            // never scans a half-written entry.
            out += "    mochi_gc_register_range(mochi_strs, &mochi_strs_count);\n"
            for (i, s) in strings.enumerated() {
                out += "    mochi_strs[\(i)] = mochi_r2s(mochi_str_new(\(cStringLiteral(s)), \(s.utf8.count))); mochi_strs_count = \(i + 1);\n"
            }
        }
        out += "}\n\n"
        out += "int main(int argc, char **argv) {\n"
        out += "    char mochi_stack_top = 0;\n"
        out += "    mochi_rt_init(argc, argv, &mochi_stack_top);\n"
        out += "    mochi_emitc_stack_setup(&mochi_stack_top);\n"
        // Functions and descriptors nothing else names (or only a function itself) would
        // be "defined but not used"; a (void) use keeps every one of them warning-free.
        let unused = module.functions.indices.filter { $0 != mainIndex }.map { "(void)\(functionNames[$0]);" }
            + module.types.flatMap { d -> [String] in
                let vs: [Int32] = { if case .union(let v) = d.kind { return v.indices.map(Int32.init) } else { return [-1, -2] } }()
                return vs.map { "(void)&\(descNames[d.name]![$0]!);" }
            }
        if !unused.isEmpty { out += "    " + unused.joined(separator: " ") + "\n" }
        out += "    mochi_loc_file = \(fileLiteral ?? "NULL");\n"
        out += "    mochi_loc_line = 0;\n"
        out += "    mochi_emitc_init();\n"
        out += "    \(functionNames[mainIndex])(\(takesDepth[mainIndex] ? "0" : ""));\n"
        out += "    mochi_rt_exit(0);\n"
        out += "    return 0;\n}\n"
        return out
    }
}
