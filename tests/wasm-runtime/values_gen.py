#!/usr/bin/env python3
"""values_gen.py: builds the value/list/map runtime tests twice, as WAT and as C.

Each test case is a description of Mochi values (ints, floats, bools, strings, nil,
lists of every bank, maps, structs and union variants with their descriptors) and of
operations on them (print forms, equality, ordering, hashing, dynamic arithmetic and
access, list and map builtins, group-by, unboxing). From one description this script
writes
  * a WAT test fragment per program (a `$_start` that builds the values with the Wasm
    runtime's functions and prints one line per operation), and
  * one C driver (`driver.c`, program number in argv[1]) doing the same through the C
    runtime in Sources/MochiRuntime,
so values-test.sh can compare the two byte for byte (stdout, stderr, exit status).

The C runtime does not yet print structs with their "__name" entry (LANGUAGE.md §9;
another branch changes it). The C side therefore prints a struct through `pform`, a
deep copy turning every struct into the map LANGUAGE.md §9 says it prints as
(`{"__name": ..., fields...}`); operations that do not print (equality, len, field
access, struct_from_map) use the real C struct.

Usage: values_gen.py OUTDIR  (writes OUTDIR/tests.wat, OUTDIR/args.wat, OUTDIR/driver.c, OUTDIR/names)
       values_gen.py module ROOT TEST.wat OUT.wat [1]  (wraps TEST.wat with the runtime)
"""
import math
import os
import struct
import sys

# ---- values ----


class V:
    pass


class I(V):
    def __init__(self, v):
        self.v = v


class F(V):
    def __init__(self, v):
        self.v = v


class B(V):
    def __init__(self, v):
        self.v = 1 if v else 0


class S(V):
    def __init__(self, s):
        self.b = s.encode() if isinstance(s, str) else s


class N(V):
    pass


class L(V):
    """A list of bank 'i64', 'f64', 'bool' (python scalars) or 'ref' (V elements)."""

    def __init__(self, bank, elems):
        self.bank = bank
        self.elems = elems


class M(V):
    """A map; kk/vk are the C map's slot kinds ('ref' keys are anys)."""

    def __init__(self, pairs, kk="ref", vk="ref", ops=()):
        self.pairs = pairs
        self.kk = kk
        self.vk = vk
        self.ops = list(ops)


class Desc:
    """A struct or variant descriptor; anonymous: the twin of a struct type that the
    IR's record.new uses (map literals, query records): prints without "__name"."""

    def __init__(self, name, fields, tag=-1, union=None, anonymous=False):
        self.name = name
        self.fields = fields  # [(name, kind)]
        self.tag = tag
        self.union = union
        self.anonymous = anonymous


class St(V):
    def __init__(self, desc, vals):
        self.desc = desc
        self.vals = vals  # one per field: python scalar for i64/f64/bool, V for ref


KIND = {"i64": "MOCHI_K_I64", "f64": "MOCHI_K_F64", "bool": "MOCHI_K_BOOL", "ref": "MOCHI_K_REF"}
BANK = {"i64": 0, "f64": 1, "bool": 2, "ref": 3}


def wat_f64(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float.hex(v)


def c_f64(v):
    if math.isnan(v):
        return "NAN"
    if math.isinf(v):
        return "INFINITY" if v > 0 else "(-INFINITY)"
    return float.hex(v)


def c_i64(v):
    if v == -(1 << 63):
        return "(-9223372036854775807LL - 1)"
    return "%dLL" % v


def c_bytes(b):
    return '"' + "".join("\\x%02x" % c for c in b) + '"'


def ncp(b):
    return sum(1 for c in b if c & 0xC0 != 0x80)


def wat_str(b):
    """A (ref $str) constant expression."""
    items = " ".join("(i32.const %d)" % c for c in b)
    return "(struct.new $str (array.new_fixed $bytes %d %s) (i32.const %d))" % (len(b), items, ncp(b))


class Program:
    def __init__(self, gen, name, needs_new_c=False):
        self.gen = gen
        self.name = name
        self.needs_new_c = needs_new_c  # only main's C runtime (issue 18) behaves so
        self.wat = []  # statements in $_start
        self.c = []  # statements in the C program body


class Gen:
    def __init__(self):
        self.wat_defs = []  # functions/types/globals shared by all programs
        self.c_defs = []
        self.memo = {}
        self.n = 0
        self.descs = {}
        self.programs = []

    # -- descriptors --
    def desc(self, d):
        if id(d) in self.descs:
            return self.descs[id(d)]
        k = len(self.descs)
        t = "$t.S%d" % k
        self.descs[id(d)] = (t, k)
        fields = "".join(" (field $f%d (mut %s))" % (i, {"i64": "i64", "f64": "f64", "bool": "i32", "ref": "anyref"}[kd])
                         for i, (_, kd) in enumerate(d.fields))
        self.wat_defs.append("(type %s (sub final $struct (struct (field $desc (ref $desc))%s)))" % (t, fields))
        # getter / setter
        box = {"i64": "(call $mochi_box_i64 %s)", "f64": "(struct.new $box_f64 %s)",
               "bool": "(call $mochi_box_bool %s)", "ref": "%s"}
        unbox = {"i64": "(call $mochi_unbox_i64 %s)", "f64": "(call $mochi_unbox_f64 %s)",
                 "bool": "(call $mochi_unbox_bool %s)", "ref": "%s"}
        g = ["(func %s.get (type $getter) (param $s (ref $struct)) (param $i i32) (result anyref)" % t,
             "  (local $x (ref %s))" % t,
             "  (local.set $x (ref.cast (ref %s) (local.get $s)))" % t]
        st = ["(func %s.set (type $setter) (param $s (ref $struct)) (param $i i32) (param $v anyref)" % t,
              "  (local $x (ref %s))" % t,
              "  (local.set $x (ref.cast (ref %s) (local.get $s)))" % t]
        for i, (_, kd) in enumerate(d.fields):
            g.append("  (if (i32.eq (local.get $i) (i32.const %d)) (then (return %s)))"
                     % (i, box[kd] % ("(struct.get %s $f%d (local.get $x))" % (t, i))))
            st.append("  (if (i32.eq (local.get $i) (i32.const %d)) (then (struct.set %s $f%d (local.get $x) %s) (return)))"
                      % (i, t, i, unbox[kd] % "(local.get $v)"))
        g.append("  (unreachable))")
        st.append("  (unreachable))")
        self.wat_defs += g + st
        names = " ".join(wat_str(n.encode()) for n, _ in d.fields)
        self.wat_defs.append("(global %s.desc (ref $desc) (struct.new $desc %s (i32.const %d) (array.new_fixed $arr_str %d %s) (ref.func %s.get) (ref.func %s.set)))"
                             % (t, wat_str(d.name.encode()), -2 if d.anonymous else d.tag, len(d.fields), names, t, t))
        cn = ", ".join('"%s"' % n for n, _ in d.fields) or "NULL"
        ck = ", ".join(KIND[kd] for _, kd in d.fields) or "0"
        self.c_defs.append("static const MochiTypeDesc *desc%d(void) {\n  static const MochiTypeDesc *d;\n"
                           "  static const char *const names[] = {%s};\n  static const uint8_t kinds[] = {%s};\n"
                           "  if (!d) d = %s(mochi_desc_new(\"%s\", %d, names, kinds, %d, %s));\n  return d;\n}"
                           % (k, cn, ck, "anonymous" if d.anonymous else "", d.name, len(d.fields), d.tag,
                              '"%s"' % d.union if d.union else "NULL"))
        return self.descs[id(d)]

    # -- values: a WAT function and a C function building each --
    def val(self, v):
        if id(v) in self.memo:
            return self.memo[id(v)]
        self.n += 1
        w, c = "$t.v%d" % self.n, "v%d" % self.n
        self.memo[id(v)] = (w, c)
        self.keep = getattr(self, "keep", [])
        self.keep.append(v)
        if isinstance(v, I):
            self.wat_defs.append("(func %s (result anyref) (call $mochi_box_i64 (i64.const %d)))" % (w, v.v))
            self.c_defs.append("static mochi_ref %s(void) { return mochi_box_int(%s); }" % (c, c_i64(v.v)))
        elif isinstance(v, F):
            self.wat_defs.append("(func %s (result anyref) (struct.new $box_f64 (f64.const %s)))" % (w, wat_f64(v.v)))
            self.c_defs.append("static mochi_ref %s(void) { return mochi_box_float(%s); }" % (c, c_f64(v.v)))
        elif isinstance(v, B):
            self.wat_defs.append("(func %s (result anyref) (call $mochi_box_bool (i32.const %d)))" % (w, v.v))
            self.c_defs.append("static mochi_ref %s(void) { return mochi_box_bool(%d); }" % (c, v.v))
        elif isinstance(v, S):
            self.wat_defs.append("(func %s (result anyref) %s)" % (w, wat_str(v.b)))
            self.c_defs.append("static mochi_ref %s(void) { return mochi_str_new(%s, %d); }" % (c, c_bytes(v.b), len(v.b)))
        elif isinstance(v, N):
            self.wat_defs.append("(func %s (result anyref) (ref.null none))" % w)
            self.c_defs.append("static mochi_ref %s(void) { return NULL; }" % c)
        elif isinstance(v, L):
            ty = "$list_" + v.bank
            wl = ["(func %s (result anyref) (local $l (ref null %s))" % (w, ty),
                  "  (local.set $l (call $mochi_list_new_%s (i32.const 0)))" % v.bank]
            cl = ["static mochi_ref %s(void) {" % c, "  mochi_ref l = mochi_list_new(%s, 0);" % KIND[v.bank]]
            for e in v.elems:
                wl.append("  (call $mochi_list_push_%s (local.get $l) %s)" % (v.bank, self.wat_scalar(v.bank, e)))
                cl.append("  mochi_list_push(l, %s);" % self.c_slot(v.bank, e))
            wl.append("  (local.get $l))")
            cl.append("  return l;\n}")
            self.wat_defs += wl
            self.c_defs += cl
        elif isinstance(v, M):
            wl = ["(func %s (result anyref) (local $m (ref null $map))" % w,
                  "  (local.set $m (call $mochi_map_new (i32.const 0)))"]
            cl = ["static mochi_ref %s(void) {" % c, "  mochi_ref m = mochi_map_new(%s, %s);" % (KIND[v.kk], KIND[v.vk])]
            ops = [("set", k, x) for k, x in v.pairs] + v.ops
            for op in ops:
                if op[0] == "set":
                    wl.append("  (call $mochi_map_set (local.get $m) %s %s)" % (self.wat_any(op[1]), self.wat_any(op[2])))
                    cl.append("  mochi_map_set(m, %s, %s);" % (self.c_slot_v(v.kk, op[1]), self.c_slot_v(v.vk, op[2])))
                else:
                    wl.append("  (call $mochi_map_delete (local.get $m) %s)" % self.wat_any(op[1]))
                    cl.append("  mochi_map_delete(m, %s);" % self.c_slot_v(v.kk, op[1]))
            wl.append("  (local.get $m))")
            cl.append("  return m;\n}")
            self.wat_defs += wl
            self.c_defs += cl
        elif isinstance(v, St):
            t, k = self.desc(v.desc)
            fields = " ".join(self.wat_scalar(kd, x) for (_, kd), x in zip(v.desc.fields, v.vals))
            self.wat_defs.append("(func %s (result anyref) (struct.new %s (global.get %s.desc) %s))" % (w, t, t, fields))
            slots = ", ".join(self.c_slot(kd, x) for (_, kd), x in zip(v.desc.fields, v.vals))
            if v.desc.fields:
                self.c_defs.append("static mochi_ref %s(void) { mochi_slot s[] = {%s}; return mochi_struct_from(desc%d(), s); }"
                                   % (c, slots, k))
            else:
                self.c_defs.append("static mochi_ref %s(void) { return mochi_struct_from(desc%d(), NULL); }" % (c, k))
        else:
            raise TypeError(v)
        return w, c

    def wat_any(self, v):
        return "(call %s)" % self.val(v)[0]

    def c_any(self, v):
        return "%s()" % self.val(v)[1]

    def wat_scalar(self, bank, e):
        if bank == "i64":
            return "(i64.const %d)" % e
        if bank == "f64":
            return "(f64.const %s)" % wat_f64(e)
        if bank == "bool":
            return "(i32.const %d)" % (1 if e else 0)
        return self.wat_any(e)

    def c_slot(self, bank, e):
        if bank == "i64":
            return "(mochi_slot)%s" % c_i64(e)
        if bank == "f64":
            return "mochi_f2s(%s)" % c_f64(e)
        if bank == "bool":
            return "(mochi_slot)%d" % (1 if e else 0)
        return "mochi_r2s(%s)" % self.c_any(e)

    def c_slot_v(self, kind, v):
        """A V as a C slot of a (typed) map's kind."""
        if kind == "ref":
            return "mochi_r2s(%s)" % self.c_any(v)
        return "mochi_unbox(%s, %s)" % (self.c_any(v), KIND[kind])

    def program(self, name, needs_new_c=False):
        p = Program(self, name, needs_new_c)
        self.programs.append(p)
        return p


# ---- operations: each appends one or more printed lines to a program ----

def list_wat(g, v):
    return "(ref.cast (ref null $list) %s)" % g.wat_any(v)


def typed_wat(g, v, bank):
    return "(ref.cast (ref null $list_%s) %s)" % (bank, g.wat_any(v))


def op(p, kind, *a):
    g = p.gen
    W, C = p.wat.append, p.c.append
    if kind == "fmt":
        W("(call $t.p %s)" % g.wat_any(a[0]))
        C("p(%s);" % g.c_any(a[0]))
    elif kind == "str":
        W("(call $mochi_print_str (call $mochi_str_any %s))" % g.wat_any(a[0]))
        C("mochi_print_str(mochi_str_value(MOCHI_K_REF, mochi_r2s(pform(%s))));" % g.c_any(a[0]))
    elif kind == "json":
        W("(call $mochi_json_print_any %s)" % g.wat_any(a[0]))
        C("mochi_json_print(MOCHI_K_REF, mochi_r2s(pform(%s)));" % g.c_any(a[0]))
    elif kind == "tojson":
        W("(call $mochi_print_str (call $mochi_to_json_any %s))" % g.wat_any(a[0]))
        C("mochi_print_str(mochi_to_json_value(MOCHI_K_REF, mochi_r2s(pform(%s))));" % g.c_any(a[0]))
    elif kind == "all":  # the four forms
        for k in ("fmt", "str", "json", "tojson"):
            op(p, k, a[0])
    elif kind == "eq":
        W("(call $t.pb (call $mochi_any_eq %s %s))" % (g.wat_any(a[0]), g.wat_any(a[1])))
        C("pi(mochi_any_eq(%s, %s));" % (g.c_any(a[0]), g.c_any(a[1])))
    elif kind == "cmp":
        W("(call $t.psign (call $mochi_any_cmp %s %s))" % (g.wat_any(a[0]), g.wat_any(a[1])))
        C("psign(mochi_any_cmp(pform(%s), pform(%s)));" % (g.c_any(a[0]), g.c_any(a[1])))
    elif kind == "hash":  # equal values hash alike (C: nothing to compare with, prints 1)
        W("(call $t.pb (call $t.hashok %s %s))" % (g.wat_any(a[0]), g.wat_any(a[1])))
        C("pi(1);")
    elif kind == "eqall":  # eq, cmp and hash of a pair
        op(p, "eq", *a)
        op(p, "cmp", *a)
        op(p, "hash", *a)
    elif kind == "truthy":
        W("(call $t.pb (call $mochi_any_truthy %s))" % g.wat_any(a[0]))
        C("pi(mochi_any_truthy(%s));" % g.c_any(a[0]))
    elif kind == "len":
        W("(call $t.pi (call $mochi_any_len %s))" % g.wat_any(a[0]))
        C("pi(mochi_any_len(%s));" % g.c_any(a[0]))
    elif kind in ("add", "sub", "mul", "div", "mod"):
        W("(call $t.p (call $mochi_any_%s %s %s))" % (kind, g.wat_any(a[0]), g.wat_any(a[1])))
        C("p(mochi_any_%s(%s, %s));" % (kind, g.c_any(a[0]), g.c_any(a[1])))
    elif kind == "neg":
        W("(call $t.p (call $mochi_any_neg %s))" % g.wat_any(a[0]))
        C("p(mochi_any_neg(%s));" % g.c_any(a[0]))
    elif kind == "index":
        W("(call $t.p (call $mochi_any_index %s %s))" % (g.wat_any(a[0]), g.wat_any(a[1])))
        C("p(mochi_any_index(%s, %s));" % (g.c_any(a[0]), g.c_any(a[1])))
    elif kind == "field":
        W("(call $t.p (call $mochi_any_field %s %s))" % (g.wat_any(a[0]), wat_str(a[1].encode())))
        C('p(mochi_any_field(%s, "%s"));' % (g.c_any(a[0]), a[1]))
    elif kind == "sort":
        W("(call $t.p (call $mochi_list_sort_by %s %s))" % (list_wat(g, a[0]), list_wat(g, a[1])))
        C("p(mochi_list_sort_by(%s, %s));" % (g.c_any(a[0]), g.c_any(a[1])))
    elif kind in ("union", "except", "intersect", "concat"):
        W("(call $t.p (call $mochi_list_%s %s %s))" % (kind, list_wat(g, a[0]), list_wat(g, a[1])))
        C("p(mochi_list_%s(%s, %s));" % (kind, g.c_any(a[0]), g.c_any(a[1])))
    elif kind == "list_eq":
        W("(call $t.pb (call $mochi_list_eq %s %s))" % (list_wat(g, a[0]), list_wat(g, a[1])))
        C("pi(mochi_list_eq(%s, %s));" % (g.c_any(a[0]), g.c_any(a[1])))
    elif kind in ("distinct", "reverse"):
        W("(call $t.p (call $mochi_list_%s %s))" % (kind, list_wat(g, a[0])))
        C("p(mochi_list_%s(%s));" % (kind, g.c_any(a[0])))
    elif kind == "slice":
        W("(call $t.p (call $mochi_list_slice %s (i64.const %d) (i64.const %d)))" % (list_wat(g, a[0]), a[1], a[2]))
        C("p(mochi_list_slice(%s, %s, %s));" % (g.c_any(a[0]), c_i64(a[1]), c_i64(a[2])))
    elif kind == "contains":  # a[0] a list of bank a[1]; a[2] the element (python scalar or V)
        bank = a[1]
        elem = a[2]
        wv = g.wat_any(elem if isinstance(elem, V) else {"i64": I, "f64": F, "bool": B}[bank](elem))
        W("(call $t.pb (call $mochi_list_contains %s %s))" % (list_wat(g, a[0]), wv))
        C("pi(mochi_list_contains(%s, %s));" % (g.c_any(a[0]), g.c_slot(bank, elem)))
    elif kind == "sum_i64":
        W("(call $t.pi (call $mochi_list_sum_i64 %s))" % typed_wat(g, a[0], "i64"))
        C("pi(mochi_list_sum_i64(%s));" % g.c_any(a[0]))
    elif kind == "sum_f64":
        W("(call $t.pf (call $mochi_list_sum_f64 %s))" % typed_wat(g, a[0], "f64"))
        C("pf(mochi_list_sum_f64(%s));" % g.c_any(a[0]))
    elif kind == "sum_any":
        W("(call $t.p (call $mochi_list_sum_any %s))" % list_wat(g, a[0]))
        C("p(mochi_list_sum_any(%s));" % g.c_any(a[0]))
    elif kind == "avg":
        W("(call $t.pf (call $mochi_list_avg %s))" % list_wat(g, a[0]))
        C("pf(mochi_list_avg(%s));" % g.c_any(a[0]))
    elif kind in ("min", "max"):
        W("(call $t.p (call $mochi_list_%s %s))" % (kind, list_wat(g, a[0])))
        C("{ mochi_ref l = %s; p(mochi_list_len(l) ? mochi_box(mochi_list_kind(l), mochi_list_%s(l)) : NULL); }"
          % (g.c_any(a[0]), kind))
    elif kind == "range":
        W("(call $t.p (call $mochi_range3 (i64.const %d) (i64.const %d) (i64.const %d)))" % a)
        C("p(mochi_range3(%s, %s, %s));" % tuple(c_i64(x) for x in a))
    elif kind in ("keys", "values"):
        W("(call $t.p (call $mochi_map_%s %s (i32.const %d)))" % (kind, "(ref.cast (ref null $map) %s)" % g.wat_any(a[0]), BANK[a[1]]))
        C("p(mochi_list_from_any(mochi_map_%s(%s), %s));" % (kind, g.c_any(a[0]), KIND[a[1]]))
    elif kind == "get":
        W("(call $t.p (call $mochi_map_get (ref.cast (ref null $map) %s) %s))" % (g.wat_any(a[0]), g.wat_any(a[1])))
        C("p(mochi_map_get_any(%s, %s));" % (g.c_any(a[0]), g.c_slot_v(a[0].kk, a[1])))
    elif kind == "has":
        W("(call $t.pb (call $mochi_map_has (ref.cast (ref null $map) %s) %s))" % (g.wat_any(a[0]), g.wat_any(a[1])))
        C("pi(mochi_map_has(%s, %s));" % (g.c_any(a[0]), g.c_slot_v(a[0].kk, a[1])))
    elif kind == "mlen":
        W("(call $t.pi (call $mochi_map_len (ref.cast (ref null $map) %s)))" % g.wat_any(a[0]))
        C("pi(mochi_map_len(%s));" % g.c_any(a[0]))
    elif kind == "map_eq":
        W("(call $t.pb (call $mochi_map_eq (ref.cast (ref null $map) %s) (ref.cast (ref null $map) %s)))" % (g.wat_any(a[0]), g.wat_any(a[1])))
        C("pi(mochi_map_eq(%s, %s));" % (g.c_any(a[0]), g.c_any(a[1])))
    elif kind == "unbox_list":
        W("(call $t.p (call $mochi_unbox_list_%s %s))" % (a[1], g.wat_any(a[0])))
        C("p(unbox_ref(%s, 2, %s));" % (g.c_any(a[0]), KIND[a[1]]))
    elif kind == "unbox_str":
        W("(call $t.p (call $mochi_unbox_str %s))" % g.wat_any(a[0]))
        C("p(unbox_ref(%s, 1, 0));" % g.c_any(a[0]))
    elif kind == "unbox_map":
        W("(call $t.p (call $mochi_unbox_map %s))" % g.wat_any(a[0]))
        C("p(unbox_ref(%s, 3, 0x303));" % g.c_any(a[0]))
    elif kind == "unbox_map_kv":  # a[1], a[2]: the key and value banks
        W("(call $t.p (call $mochi_unbox_map_kv %s (i32.const %d) (i32.const %d)))" % (g.wat_any(a[0]), BANK[a[1]], BANK[a[2]]))
        C("p(unbox_ref(%s, 3, %s | (%s << 8)));" % (g.c_any(a[0]), KIND[a[1]], KIND[a[2]]))
    elif kind == "unbox":
        k = a[1]
        if k == "i64":
            W("(call $t.pi (call $mochi_unbox_i64 %s))" % g.wat_any(a[0]))
            C("pi((int64_t)mochi_unbox(%s, MOCHI_K_I64));" % g.c_any(a[0]))
        elif k == "f64":
            W("(call $t.pf (call $mochi_unbox_f64 %s))" % g.wat_any(a[0]))
            C("pf(mochi_s2f(mochi_unbox(%s, MOCHI_K_F64)));" % g.c_any(a[0]))
        else:
            W("(call $t.pb (call $mochi_unbox_bool %s))" % g.wat_any(a[0]))
            C("pi((int64_t)mochi_unbox(%s, MOCHI_K_BOOL));" % g.c_any(a[0]))
    elif kind == "unbox_or0":  # nil reads as the zero value
        k = a[1]
        if k == "i64":
            W("(call $t.pi (call $mochi_unbox_i64_or0 %s))" % g.wat_any(a[0]))
        elif k == "f64":
            W("(call $t.pf (call $mochi_unbox_f64_or0 %s))" % g.wat_any(a[0]))
        else:
            W("(call $t.pb (call $mochi_unbox_bool_or0 %s))" % g.wat_any(a[0]))
        C("{ mochi_ref x = %s; if (!x) { if (%d == 1) pf(0.0); else pi(0); } else if (%d == 0) pi((int64_t)mochi_unbox(x, MOCHI_K_I64)); "
          "else if (%d == 1) pf(mochi_s2f(mochi_unbox(x, MOCHI_K_F64))); else pi((int64_t)mochi_unbox(x, MOCHI_K_BOOL)); }"
          % (g.c_any(a[0]), BANK[k], BANK[k], BANK[k]))
    elif kind == "group":  # a[0]: [(key V, item V)]; prints the groups, then len and key of each
        wl = ["(local.set $gb (call $mochi_group_new))"]
        cl = ["{ mochi_ref b = mochi_groupby_new(MOCHI_K_REF);"]
        for k, it in a[0]:
            wl.append("(call $mochi_group_add (local.get $gb) %s %s)" % (g.wat_any(k), g.wat_any(it)))
            cl.append("  mochi_groupby_add(b, %s, mochi_r2s(%s));" % (g.c_any(k), g.c_any(it)))
        wl.append("(call $t.p (call $mochi_group_result (local.get $gb)))")
        wl.append("(call $t.groups (call $mochi_group_result (local.get $gb)))")
        cl.append("  mochi_ref r = mochi_groupby_result(b); p(r);")
        cl.append("  for (int64_t i = 0; i < mochi_list_len(r); i++) { mochi_ref gg = mochi_s2r(mochi_list_get(r, i));"
                  ' pi(mochi_any_len(gg)); p(mochi_any_field(gg, "key")); p(mochi_any_field(gg, "items")); } }')
        for x in wl:
            W(x)
        C("\n".join(cl))
    elif kind == "append":  # a[0] list V of bank a[1]; a[2] element
        bank = a[1]
        W("(call $t.p (call $mochi_list_append_%s %s %s))" % (bank, typed_wat(g, a[0], bank), g.wat_scalar(bank, a[2])))
        W("(call $t.p %s)" % g.wat_any(a[0]))
        C("p(mochi_list_append(%s, %s));" % (g.c_any(a[0]), g.c_slot(bank, a[2])))
        C("p(%s);" % g.c_any(a[0]))
    elif kind == "push":  # pushes a[2:] onto a[0] (bank a[1]), prints it
        bank = a[1]
        for e in a[2:]:
            W("(call $mochi_list_push_%s %s %s)" % (bank, typed_wat(g, a[0], bank), g.wat_scalar(bank, e)))
            C("mochi_list_push(%s, %s);" % (g.c_any(a[0]), g.c_slot(bank, e)))
        W("(call $t.p %s)" % g.wat_any(a[0]))
        C("p(%s);" % g.c_any(a[0]))
    elif kind == "struct_eq":
        W("(call $t.pb (call $mochi_struct_eq (ref.cast (ref null $struct) %s) (ref.cast (ref null $struct) %s)))" % (g.wat_any(a[0]), g.wat_any(a[1])))
        C("pi(mochi_struct_eq(%s, %s));" % (g.c_any(a[0]), g.c_any(a[1])))
    elif kind == "from_map":  # a[0] Desc, a[1] map V
        t, k = g.desc(a[0])
        zero = {"i64": "(i64.const 0)", "f64": "(f64.const 0)", "bool": "(i32.const 0)", "ref": "(ref.null none)"}
        proto = "(struct.new %s (global.get %s.desc) %s)" % (t, t, " ".join(zero[kd] for _, kd in a[0].fields))
        W("(call $t.p (call $mochi_struct_from_map (global.get %s.desc) (ref.cast (ref null $map) %s) %s))" % (t, g.wat_any(a[1]), proto))
        C("p(mochi_struct_from_map(desc%d(), %s));" % (k, g.c_any(a[1])))
    elif kind == "from_any":  # a[0] Desc, a[1] any V (main's C: mochi_struct_from_map takes any)
        t, k = g.desc(a[0])
        zero = {"i64": "(i64.const 0)", "f64": "(f64.const 0)", "bool": "(i32.const 0)", "ref": "(ref.null none)"}
        proto = "(struct.new %s (global.get %s.desc) %s)" % (t, t, " ".join(zero[kd] for _, kd in a[0].fields))
        W("(call $t.p (call $mochi_struct_from_any (global.get %s.desc) %s %s))" % (t, g.wat_any(a[1]), proto))
        C("p(mochi_struct_from_map(desc%d(), %s));" % (k, g.c_any(a[1])))
    elif kind == "line":  # set the error location line
        W("(global.set $mochi_loc_line (i32.const %d))" % a[0])
        C("mochi_loc_line = %d;" % a[0])
    else:
        raise ValueError(kind)


WAT_HELPERS = r"""
(func $t.p (param $a anyref) (call $mochi_print_str (call $mochi_fmt_any (local.get $a))))
(func $t.pi (param $x i64) (call $mochi_print_str (call $mochi_fmt_i64 (local.get $x))))
(func $t.pb (param $x i32) (call $t.pi (i64.extend_i32_u (local.get $x))))
(func $t.pf (param $x f64) (call $mochi_print_str (call $mochi_fmt_f64 (local.get $x))))
(func $t.psign (param $x i32)
  (call $t.pi (select (i64.const -1) (i64.extend_i32_u (i32.gt_s (local.get $x) (i32.const 0))) (i32.lt_s (local.get $x) (i32.const 0)))))
(func $t.hashok (param $a anyref) (param $b anyref) (result i32)
  (if (result i32) (call $mochi_any_eq (local.get $a) (local.get $b))
    (then (i32.eq (call $mochi_hash_any (local.get $a)) (call $mochi_hash_any (local.get $b))))
    (else (i32.const 1))))
(func $t.groups (param $r (ref $list_ref))
  (local $i i32)
  (local $g anyref)
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (struct.get $list_ref $len (local.get $r))))
    (local.set $g (array.get $arr_ref (struct.get $list_ref $data (local.get $r)) (local.get $i)))
    (call $t.pi (call $mochi_any_len (local.get $g)))
    (call $t.p (call $mochi_group_key (local.get $g)))
    (call $t.p (call $mochi_group_items (local.get $g)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next))))
"""

C_HEAD = r"""/* generated by tests/wasm-runtime/values_gen.py: the C side of the value/list/map tests */
#include "mochi_runtime.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pi(int64_t x) { mochi_print_str(mochi_str_from_int(x)); }
static void pf(double x) { mochi_print_str(mochi_fmt_value(MOCHI_K_F64, mochi_f2s(x))); }
static void psign(int64_t x) { pi(x < 0 ? -1 : x > 0); }

/* A C runtime that prints structs with "__name" itself (compiled with
 * -DMOCHI_C_PRINTS_NAME: it has mochi_desc_anonymous) is used as it is. For one that
 * does not yet, pform turns every struct into the map LANGUAGE.md §9 prints it as:
 * its fields plus "__name", unless the descriptor is anonymous (made by anonymous()
 * below, or the group descriptor). */
#ifdef MOCHI_C_PRINTS_NAME
static const MochiTypeDesc *anonymous(const MochiTypeDesc *d) { return mochi_desc_anonymous(d); }
static mochi_ref pform(mochi_ref v) { return v; }
#else
static const MochiTypeDesc *anon_descs[64];
static int anon_n;
static const MochiTypeDesc *anonymous(const MochiTypeDesc *d) {
    if (anon_n < 64) anon_descs[anon_n++] = d;
    return d;
}
static int is_anonymous(const MochiTypeDesc *d) {
    if (d == &mochi_group_desc) return 1;
    for (int i = 0; i < anon_n; i++)
        if (anon_descs[i] == d) return 1;
    return 0;
}
static mochi_ref pform(mochi_ref v) {
    switch (mochi_any_kind(v)) {
    case MOCHI_A_LIST: {
        if (mochi_list_kind(v) != MOCHI_K_REF) return v;
        mochi_ref out = mochi_list_new(MOCHI_K_REF, 0);
        for (int64_t i = 0; i < mochi_list_len(v); i++) mochi_list_push(out, mochi_r2s(pform(mochi_s2r(mochi_list_get(v, i)))));
        return out;
    }
    case MOCHI_A_MAP: {
        MochiSlotKind kk = mochi_map_key_kind(v), vk = mochi_map_val_kind(v);
        mochi_ref out = mochi_map_new(kk, vk);
        for (int64_t i = 0; i < mochi_map_len(v); i++) {
            mochi_slot k = mochi_map_key_at(v, i), x = mochi_map_value_at(v, i);
            if (kk == MOCHI_K_REF) k = mochi_r2s(pform(mochi_s2r(k)));
            if (vk == MOCHI_K_REF) x = mochi_r2s(pform(mochi_s2r(x)));
            mochi_map_set(out, k, x);
        }
        return out;
    }
    case MOCHI_A_STRUCT: {
        const MochiTypeDesc *d = mochi_struct_desc(v);
        mochi_ref out = mochi_map_new(MOCHI_K_REF, MOCHI_K_REF);
        if (!is_anonymous(d)) mochi_map_set(out, mochi_r2s(mochi_str_lit("__name")), mochi_r2s(mochi_str_lit(d->name)));
        for (int32_t i = 0; i < d->nfields; i++)
            mochi_map_set(out, mochi_r2s(mochi_str_lit(d->field_names[i])),
                          mochi_r2s(pform(mochi_box((MochiSlotKind)d->field_kinds[i], mochi_struct_get(v, i)))));
        return out;
    }
    default:
        return v;
    }
}
#endif

static void p(mochi_ref a) { mochi_print_str(mochi_fmt_any(pform(a))); }

/* mochi_emitc_unbox_ref checks 1-3 as generated C has them (Sources/MochiEmitC/EmitC.swift). */
static mochi_slot conv(mochi_slot v, MochiSlotKind from, MochiSlotKind to) {
    mochi_ref boxed;
    if (from == to) return v;
    if (from == MOCHI_K_REF) return mochi_unbox(mochi_s2r(v), to);
    boxed = mochi_box(from, v);
    if (to == MOCHI_K_REF) return mochi_r2s(boxed);
    return mochi_unbox(boxed, to);
}
static mochi_ref unbox_ref(mochi_ref x, int check, int elem) {
    static const char *const kinds[] = {"nil", "int", "float", "bool", "string", "list", "map", "struct", "function"};
    const char *to = "";
    char msg[256];
    if (!x) return x;
    int have = (int)mochi_any_kind(x);
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
            if (hk == wk && hv == wv) return x;
            mochi_ref m = mochi_map_new(wk, wv);
            for (int64_t i = 0; i < mochi_map_len(x); i++)
                mochi_map_set(m, conv(mochi_map_key_at(x, i), hk, wk), conv(mochi_map_value_at(x, i), hv, wv));
            return m;
        }
        to = "map";
        break;
    }
    snprintf(msg, sizeof msg, "invalid cast: %s to %s", kinds[have], to);
    mochi_rt_error(msg);
    return x;
}
"""


ARGS_IMPORTS = """(type $t.args_fn (func (param i32 i32) (result i32)))
(import "wasi_snapshot_preview1" "args_sizes_get" (func $t.args_sizes_get (type $t.args_fn)))
(import "wasi_snapshot_preview1" "args_get" (func $t.args_get (type $t.args_fn)))
"""

# The program number: argv[1] in decimal (argv read into core.wat's scratch memory).
WAT_ARGN = r"""
(func $t.argn (result i32)
  (local $argc i32)
  (local $p i32)
  (local $n i32)
  (local $c i32)
  (drop (call $t.args_sizes_get (i32.const 16) (i32.const 20)))
  (local.set $argc (i32.load (i32.const 16)))
  (if (i32.lt_u (local.get $argc) (i32.const 2)) (then (return (i32.const 0))))
  (if (i32.gt_u (i32.add (i32.mul (local.get $argc) (i32.const 4)) (i32.load (i32.const 20))) (i32.const 900)) (then (unreachable)))
  (drop (call $t.args_get (i32.const 64) (i32.add (i32.const 64) (i32.mul (local.get $argc) (i32.const 4)))))
  (local.set $p (i32.load (i32.const 68)))
  (block $done (loop $next
    (local.set $c (i32.load8_u (local.get $p)))
    (br_if $done (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 0)))
    (br_if $done (i32.gt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)))
    (local.set $n (i32.add (i32.mul (local.get $n) (i32.const 10)) (i32.sub (local.get $c) (i32.const 48))))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (br $next)))
  (local.get $n))
"""


def write(g, out):
    os.makedirs(out, exist_ok=True)
    names = []
    with open(os.path.join(out, "tests.wat"), "w") as f:
        f.write(";; generated by tests/wasm-runtime/values_gen.py\n")
        f.write("\n".join(g.wat_defs) + "\n" + WAT_HELPERS + WAT_ARGN)
        for i, p in enumerate(g.programs):
            body = "\n".join("  " + s for s in p.wat)
            f.write("(func $t.prog%d (local $gb anyref)\n%s)\n" % (i, body))
            names.append(("new-c " if p.needs_new_c else "") + p.name)
        f.write("(func $_start\n  (local $k i32)\n  (local.set $k (call $t.argn))\n")
        for i in range(len(g.programs)):
            f.write("  (if (i32.eq (local.get $k) (i32.const %d)) (then (call $t.prog%d)))\n" % (i, i))
        f.write("  (call $mochi_out_flush))\n")
    with open(os.path.join(out, "args.wat"), "w") as f:
        f.write(ARGS_IMPORTS)
    with open(os.path.join(out, "driver.c"), "w") as f:
        f.write(C_HEAD)
        f.write("\n".join(g.c_defs) + "\n\n")
        for i, p in enumerate(g.programs):
            f.write("static void prog%d(void) {\n%s\n}\n\n" % (i, "\n".join("  " + s for s in p.c)))
        f.write("int main(int argc, char **argv) {\n  int k = argc > 1 ? atoi(argv[1]) : 0;\n"
                "  mochi_rt_init(argc, argv, __builtin_frame_address(0));\n  mochi_gc_pause(1);\n  switch (k) {\n")
        for i in range(len(g.programs)):
            f.write("  case %d: prog%d(); break;\n" % (i, i))
        f.write("  }\n  return mochi_rt_finish();\n}\n")
    with open(os.path.join(out, "names"), "w") as f:
        f.write("\n".join(names) + "\n")


def module(root, test_text, out, worktree=False, imports=ARGS_IMPORTS):
    """Writes OUT: (module types.wat + IMPORTS + the runtime fragments + TEST_TEXT). value.wat,
    list.wat and map.wat come from the work tree; the other engineers' fragments as
    committed (HEAD), so a half-written fragment of theirs cannot break a run
    (worktree=True: every fragment from the work tree)."""
    import subprocess
    rt = os.path.join(root, "Sources/MochiWasm/runtime")
    mine = {"value.wat", "list.wat", "map.wat"}

    def git(*a):
        r = subprocess.run(["git", "-C", root] + list(a), capture_output=True, text=True)
        return r.stdout if r.returncode == 0 else None

    names = set(f for f in os.listdir(rt) if f.endswith(".wat"))
    names |= set(os.path.basename(l) for l in (git("ls-tree", "--name-only", "HEAD", "Sources/MochiWasm/runtime/") or "").split()
                 if l.endswith(".wat"))

    def text_of(f):
        if f in mine or worktree:
            p = os.path.join(rt, f)
            return open(p).read() if os.path.exists(p) else None
        return git("show", "HEAD:Sources/MochiWasm/runtime/" + f)

    with open(out, "w") as o:
        o.write("(module\n" + text_of("types.wat") + "\n")
        # the test's WASI imports must precede every definition (core.wat's too)
        o.write(imports)
        # core.wat declares the runtime's imports: first among the fragments
        for f in sorted(names - {"types.wat"}, key=lambda f: (f != "core.wat", f)):
            t = text_of(f)
            if t is not None:
                o.write(";; ---- %s\n%s\n" % (f, t))
        o.write(";; ---- the test\n%s\n" % test_text)
        o.write('(export "_start" (func $_start))\n)\n')


def main(out):
    import values_cases
    g = Gen()
    values_cases.build(g, op)
    write(g, out)


if __name__ == "__main__":
    # run as the module values_cases imports (one set of value classes)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import values_gen
    if sys.argv[1] == "module":  # module ROOT TEST.wat OUT.wat [1]: TEST.wat gets $t.argn
        values_gen.module(sys.argv[2], open(sys.argv[3]).read() + values_gen.WAT_ARGN, sys.argv[4],
                          len(sys.argv) > 5 and sys.argv[5] == "1")
    else:
        values_gen.main(sys.argv[1])
