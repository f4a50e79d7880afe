"""values_cases.py: the cases values_gen.py turns into WAT and C programs.

Program 0 ("main") prints many lines; every later program ends in a runtime error
(its stdout before the error, its stderr and its exit status are compared too).
"""

from values_gen import I, F, B, S, N, L, M, Desc, St


def build(g, op):
    p = g.program("main")

    def o(*a):
        op(p, *a)

    # ---- scalars and strings in every form ----
    ints = [I(0), I(1), I(-1), I(1023), I(-256), I((1 << 30) - 1), I(-(1 << 30)), I(1 << 30), I(-(1 << 30) - 1),
            I((1 << 63) - 1), I(-(1 << 63)), I(123456789012)]
    floats = [F(0.0), F(-0.0), F(1.5), F(-2.25), F(100.0), F(1e6), F(1e21), F(1e-5), F(0.1), F(123456.5),
              F(float("inf")), F(float("-inf")), F(float("nan")), F(2.0), F(3e-7), F(82 / 3), F(0.1 + 0.2), F(5e-324),
              F(1.7976931348623157e308), F(1e22), F(1e23), F(123456789.125), F(-1e-7), F(2 ** 53 + 2.0)]
    strs = [S(""), S("hello"), S('a"b\\c'), S("tab\tnl\ncr\r"), S("\x01\x7f"), S("héllo ☃"), S(b"bad\xffutf8"),
            S("<&>"), S("\u2028x"), S("1"), S("true")]
    scalars = ints + floats + [B(True), B(False), N()] + strs
    for v in scalars:
        o("all", v)
        o("truthy", v)
        o("len", v)

    # ---- lists of every bank, nested ----
    li = L("i64", [3, 1, 2, -5, 1 << 40, 0])
    lf = L("f64", [1.5, -0.0, 2.0, 1e21, 0.1])
    lb = L("bool", [True, False, True])
    lr = L("ref", [I(1), F(2.5), S("x"), N(), B(True), L("i64", [1, 2]), L("ref", [])])
    empty_i = L("i64", [])
    empty_r = L("ref", [])
    nested = L("ref", [L("ref", [L("i64", [1]), L("f64", [2.0])]), M([(S("k"), L("bool", [False]))])])
    for v in (li, lf, lb, lr, empty_i, empty_r, nested):
        o("all", v)
        o("len", v)
        o("truthy", v)

    # ---- maps ----
    m1 = M([(S("b"), I(2)), (S("a"), I(1)), (S("c"), F(3.0))])
    m_int = M([(I(10), S("ten")), (I(9), S("nine")), (I(100), S("hundred")), (I(-1), S("neg")), (I(-20), S("n20")),
               (I(1 << 40), S("big")), (I(-(1 << 63)), S("min"))], kk="i64")
    m_mixed = M([(I(1), S("int")), (S("1"), S("str")), (B(True), S("bool")), (S("true"), S("strue")), (F(1.5), S("f")),
                 (N(), S("nil")), (L("i64", [1, 2]), S("list")), (S("[1 2]"), S("lstr"))])
    m_nested = M([(S("inner"), M([(S("z"), L("i64", [1])), (S("y"), N())])), (S("e"), M([]))])
    m_empty = M([])
    m_keys_esc = M([(S('q"k'), I(1)), (S("nl\n"), I(2)), (S("ü"), I(3))])
    m_typed = M([(I(3), I(30)), (I(1), I(10)), (I(2), I(20))], kk="i64", vk="i64")
    m_fl = M([(S("x"), F(2.0)), (S("y"), F(0.5))], vk="f64")
    for v in (m1, m_int, m_mixed, m_nested, m_empty, m_keys_esc, m_typed, m_fl):
        o("all", v)
        o("len", v)
        o("keys", v, "ref")
        o("values", v, "ref")
    o("keys", m_typed, "i64")
    o("values", m_typed, "i64")
    o("values", m_fl, "f64")
    o("keys", m_int, "i64")

    # map updates, deletes (the last entry moves into the hole), re-inserts
    m_ops = M([(I(i), I(i * i)) for i in range(20)],
              ops=[("del", I(3)), ("del", I(19)), ("del", I(0)), ("set", I(3), S("back")), ("set", I(7), S("seven")),
                   ("del", I(42)), ("set", I(1 << 40), I(1)), ("del", I(5)), ("set", I(5), N())])
    o("fmt", m_ops)
    o("mlen", m_ops)
    for k in (I(3), I(5), I(19), I(0), I(1 << 40), I(42)):
        o("get", m_ops, k)
        o("has", m_ops, k)
    m_str_ops = M([(S("k%d" % i), I(i)) for i in range(40)],
                  ops=[("del", S("k%d" % i)) for i in range(0, 40, 3)] + [("set", S("k0"), I(-1))])
    o("fmt", m_str_ops)
    o("get", m_str_ops, S("k1"))
    o("get", m_str_ops, S("k3"))
    o("has", m_str_ops, S("k0"))
    # numeric keys: 1 and 1.0 are one key
    m_num = M([(I(1), S("a")), (F(1.0), S("b")), (F(2.5), S("c")), (I(2), S("d"))])
    o("fmt", m_num)
    o("get", m_num, F(2.0))
    o("get", m_num, I(1))
    o("map_eq", m1, M([(S("a"), I(1)), (S("c"), F(3.0)), (S("b"), I(2))]))
    o("map_eq", m1, M([(S("a"), I(1)), (S("c"), I(3)), (S("b"), I(2))]))
    o("map_eq", m1, M([(S("a"), I(1)), (S("c"), F(3.5)), (S("b"), I(2))]))
    o("map_eq", m1, M([(S("a"), I(1)), (S("b"), I(2))]))
    o("map_eq", m_typed, M([(I(1), I(10)), (I(2), I(20)), (I(3), I(30))]))

    # ---- structs and unions ----
    point = Desc("Point", [("y", "i64"), ("x", "i64")])
    person = Desc("Person", [("name", "ref"), ("age", "i64"), ("score", "f64"), ("ok", "bool"), ("Tags", "ref"),
                             ("_z", "ref"), ("ZZ", "i64")])
    leaf = Desc("Leaf", [], tag=0, union="Tree")
    node = Desc("Node", [("left", "ref"), ("value", "i64"), ("right", "ref")], tag=1, union="Tree")
    empty = Desc("Empty", [])
    p1 = St(point, [2, 1])
    p2 = St(point, [2, 1])
    p3 = St(point, [3, 1])
    bob = St(person, [S("Bob"), 42, 1.5, True, L("ref", [S("a"), S("b")]), N(), 7])
    lf_ = St(leaf, [])
    tree = St(node, [lf_, 5, St(node, [St(leaf, []), 7, lf_])])
    e = St(empty, [])
    rec = Desc("rec1", [("name", "ref"), ("id", "i64"), ("inner", "ref")], anonymous=True)
    rec0 = Desc("rec2", [], anonymous=True)
    point_anon = Desc("Point", [("y", "i64"), ("x", "i64")], anonymous=True)  # `let p: Point = {x: 1, y: 2}`
    o("all", St(point_anon, [2, 1]))
    o("eqall", St(point_anon, [2, 1]), p1)
    o("struct_eq", St(point_anon, [2, 1]), p1)
    o("struct_eq", St(point_anon, [2, 1]), p3)
    r1 = St(rec, [S("Al"), 3, St(rec, [S("B"), 4, p1])])
    for v in (p1, bob, lf_, tree, e, L("ref", [p1, p3]), M([(S("p"), p1)]), r1, St(rec0, []), L("ref", [r1, St(rec0, [])])):
        o("all", v)
    o("cmp", r1, St(rec, [S("Al"), 3, N()]))
    o("eqall", r1, St(rec, [S("Al"), 3, St(rec, [S("B"), 4, p2])]))
    o("struct_eq", p1, p2)
    o("struct_eq", p1, p3)
    o("eqall", p1, p2)
    o("eqall", p1, p3)
    o("eqall", tree, St(node, [St(leaf, []), 5, St(node, [lf_, 7, lf_])]))
    o("field", bob, "name")
    o("field", bob, "score")
    o("field", bob, "missing")
    o("field", m1, "b")
    o("field", m1, "zz")
    o("field", I(3), "x")
    o("index", bob, S("age"))
    o("len", tree)
    o("from_map", point, M([(S("x"), I(5)), (S("y"), I(6)), (S("extra"), I(0))]))
    o("from_any", point, M([(S("x"), I(7)), (S("y"), I(8))]))
    o("from_any", point, p3)
    o("from_any", point, N())
    o("from_map", person, M([(S("name"), S("Al")), (S("age"), I(3)), (S("score"), I(2)), (S("ok"), B(False)),
                             (S("Tags"), L("ref", [])), (S("_z"), N()), (S("ZZ"), I(-1))]))

    # ---- equality, order, hashing across kinds ----
    pairs = [(I(1), F(1.0)), (I(1), I(1)), (I(2), F(2.5)), (I(1 << 40), F(float(1 << 40))), (F(float("nan")), F(float("nan"))),
             (F(0.0), F(-0.0)), (S("a"), S("a")), (S("a"), S("b")), (S("ab"), S("a")), (S(""), N()), (N(), N()),
             (N(), I(0)), (I(0), N()), (B(True), B(True)), (B(False), B(True)), (B(True), I(1)), (S("1"), I(1)),
             (li, L("i64", [3, 1, 2, -5, 1 << 40, 0])), (L("i64", [1, 2]), L("f64", [1.0, 2.0])),
             (L("i64", [1, 2]), L("ref", [I(1), F(2.0)])), (L("i64", [1, 2]), L("i64", [1, 3])),
             (L("bool", [True]), L("ref", [B(True)])), (L("i64", [1]), L("i64", [1, 2])),
             (m1, M([(S("c"), F(3.0)), (S("b"), I(2)), (S("a"), I(1))])), (m1, m_mixed),
             (L("ref", [m1]), L("ref", [M([(S("a"), I(1)), (S("b"), I(2)), (S("c"), I(3))])])),
             (M([(I(1), I(1))]), M([(F(1.0), F(1.0))])), (L("i64", [10]), L("i64", [9])),
             (L("i64", [10]), S("[9]")), (p1, m1), (I(-(1 << 63)), I((1 << 63) - 1)), (F(1e21), I(5))]
    for a, b in pairs:
        o("eqall", a, b)

    # ---- dynamic arithmetic and access ----
    for a, b in [(I(7), I(2)), (I(-7), I(2)), (I(7), I(-2)), (I(1 << 30), I(1 << 30)), (I(-(1 << 30)), I(1)), (I(3), F(0.5)),
                 (F(7.5), F(2.0)), (F(-7.5), I(2)), (N(), I(1)), (I(1), N()), (I(-(1 << 63)), I(-1)),
                 (F(1e300), F(3.0)), (F(-0.0), F(1.0)), (F(5.5), F(-0.7)), (F(float("inf")), F(2.0)), (I(1 << 62), F(0.1))]:
        for k in ("add", "sub", "mul", "div", "mod"):
            if k in ("div", "mod") and isinstance(b, I) and b.v == -1 and a.v == -(1 << 63):
                if k == "mod":
                    o(k, a, b)
                continue
            if k in ("mul", "sub") and a is not None and isinstance(a, I) and a.v == -(1 << 63):
                continue
            o(k, a, b)
    o("add", S("ab"), S("cd"))
    o("add", L("i64", [1]), L("ref", [S("x")]))
    o("add", L("f64", [1.5]), L("i64", [2]))
    for v in (I(5), I(-(1 << 30)), F(2.5), F(-0.0), N(), I((1 << 63) - 1)):
        o("neg", v)
    o("index", li, I(1))
    o("index", li, I(-1))
    o("index", lf, I(0))
    o("index", lb, I(1))
    o("index", lr, I(3))
    o("index", S("héllo"), I(1))
    o("index", m1, S("a"))
    o("index", m1, S("nope"))
    o("index", m_int, I(10))
    o("index", N(), I(1))

    # ---- unboxing ----
    for v, k in [(I(5), "i64"), (I(1 << 40), "i64"), (I(3), "f64"), (F(2.5), "f64"), (B(True), "bool"), (B(False), "bool")]:
        o("unbox", v, k)
    for v, k in [(N(), "i64"), (N(), "f64"), (N(), "bool"), (I(4), "i64"), (I(4), "f64"), (B(True), "bool")]:
        o("unbox_or0", v, k)
    o("unbox_str", S("s"))
    o("unbox_str", N())
    o("unbox_map", m1)
    o("unbox_map", N())
    o("unbox_map_kv", m1, "ref", "f64")
    o("unbox_map_kv", m1, "ref", "ref")
    o("unbox_map_kv", m_typed, "i64", "i64")
    o("unbox_map_kv", m_typed, "f64", "f64")
    o("unbox_map_kv", M([(I(2), B(True)), (I(1), B(False))]), "i64", "bool")
    o("unbox_map_kv", N(), "i64", "i64")
    for v, k in [(li, "i64"), (li, "f64"), (li, "ref"), (lr, "ref"), (L("ref", [I(1), I(2)]), "i64"),
                 (L("ref", [I(1), F(2.5)]), "f64"), (lb, "ref"), (L("ref", [B(True)]), "bool"), (N(), "i64"), (lf, "ref")]:
        o("unbox_list", v, k)

    # ---- list builtins ----
    o("slice", li, 1, 3)
    o("slice", li, -2, 100)
    o("slice", li, 4, 2)
    o("slice", li, -100, -4)
    o("slice", lr, 2, 5)
    o("slice", lb, 0, 2)
    o("slice", lf, 1, -1)
    o("concat", li, L("i64", [9]))
    o("concat", li, lf)
    o("concat", lf, li)
    o("concat", lr, lb)
    o("concat", empty_i, empty_i)
    for l in (li, lf, lb, lr, empty_r):
        o("reverse", l)
    dup_i = L("i64", [3, 1, 3, 2, 1, 3, 1 << 40, 1 << 40])
    dup_f = L("f64", [1.5, float("nan"), 1.5, -0.0, 0.0, float("nan")])
    dup_r = L("ref", [I(1), F(1.0), S("1"), S("1"), L("i64", [1]), L("f64", [1.0]), N(), N(), B(True), I(1 << 40), F(float(1 << 40))])
    for l in (dup_i, dup_f, dup_r, lb):
        o("distinct", l)
    o("union", dup_i, L("i64", [7, 3, 8]))
    o("union", dup_r, L("ref", [S("new"), I(1)]))
    o("union", li, lf)
    o("except", dup_i, L("i64", [3, 99]))
    o("except", dup_r, L("ref", [I(1), N()]))
    o("except", L("i64", [1, 2, 3]), L("f64", [1.0, 2.5]))
    o("except", L("f64", [1.0, 2.0, 3.0]), L("i64", [1, 3]))
    o("intersect", dup_i, L("i64", [1, 3, 5, 3]))
    o("intersect", dup_r, L("ref", [F(1.0), S("1"), L("i64", [1])]))
    o("intersect", L("i64", [1, 2, 3]), L("ref", [I(2), S("3"), F(1.0)]))
    o("intersect", L("bool", [True, False, True]), L("ref", [B(False)]))
    o("contains", li, "i64", 2)
    o("contains", li, "i64", 99)
    o("contains", lf, "f64", 0.1)
    o("contains", lf, "f64", 0.0)
    o("contains", lb, "bool", False)
    o("contains", lr, "ref", S("x"))
    o("contains", lr, "ref", L("i64", [1, 2]))
    o("contains", lr, "ref", I(2))
    o("contains", lr, "ref", F(1.0))
    o("contains", empty_r, "ref", N())
    o("list_eq", li, L("i64", [3, 1, 2, -5, 1 << 40, 0]))
    o("list_eq", li, lf)
    o("list_eq", L("f64", [1.0, 2.0]), L("i64", [1, 2]))
    o("list_eq", L("bool", [True]), L("bool", [True]))
    o("list_eq", L("bool", [True]), L("bool", [False]))
    o("sum_i64", li)
    o("sum_i64", empty_i)
    o("sum_f64", lf)
    o("sum_f64", L("f64", []))
    o("sum_any", L("ref", [I(1), I(2), I(3)]))
    o("sum_any", L("ref", [I(1), F(2.5), I(3)]))
    o("sum_any", li)
    o("sum_any", lf)
    o("sum_any", L("ref", []))
    o("avg", li)
    o("avg", lf)
    o("avg", empty_i)
    o("avg", L("ref", [I(1), F(2.0), B(True)]))
    for l in (li, lf, lb, lr, empty_i, L("ref", [S("b"), S("a"), S("c")]), L("ref", [I(3), F(2.5), I(-1)]),
              L("f64", [float("nan"), 1.0, -1.0]), L("f64", [1.0, float("nan"), -1.0])):
        o("min", l)
        o("max", l)
    o("range", 0, 10, 3)
    o("range", 10, 0, -3)
    o("range", 5, 5, 1)
    o("range", 0, 5, -1)
    o("range", (1 << 63) - 5, (1 << 63) - 1, 2)
    o("range", -(1 << 63), -(1 << 63) + 10, 4)
    o("range", (1 << 63) - 3, -(1 << 63), -(1 << 62))

    # append leaves its operand alone; push grows in place
    base = L("i64", [1, 2, 3])
    o("append", base, "i64", 4)
    o("append", L("ref", [S("a")]), "ref", N())
    o("append", L("f64", []), "f64", 2.5)
    o("append", L("bool", [True]), "bool", False)
    grow = L("ref", [])
    o("push", grow, "ref", I(1), S("two"), L("i64", [3]), N(), F(5.5), I(6), I(7), I(8), I(9))
    growb = L("bool", [])
    o("push", growb, "bool", True, False, True, True, False)

    # ---- sorting: every key bank, stability, mixed kinds, NaN ----
    vals = L("ref", [S("a"), S("b"), S("c"), S("d"), S("e"), S("f"), S("g")])
    o("sort", vals, L("i64", [3, 1, 3, 2, 1, 0, 3]))
    o("sort", vals, L("f64", [0.5, float("nan"), -1.0, 0.5, float("nan"), 2.0, -0.0]))
    o("sort", vals, L("bool", [True, False, True, False, False, True, False]))
    o("sort", vals, L("ref", [S("b"), I(2), N(), F(1.5), B(False), S("a"), I(1)]))
    o("sort", vals, L("ref", [L("i64", [2]), L("i64", [10]), M([(S("a"), I(1))]), S("[1]"), p1, B(True), F(float("nan"))]))
    o("sort", L("i64", [5, 4, 3, 2, 1, 0, -1]), L("i64", [5, 4, 3, 2, 1, 0, -1]))
    o("sort", L("f64", [1.5, 0.5]), L("i64", [2, 1]))
    o("sort", L("bool", [True, False]), L("i64", [2, 1]))
    o("sort", empty_r, empty_r)
    big = [(i * 7919) % 1000 - 500 for i in range(300)]
    o("sort", L("i64", big), L("i64", big))
    fbig = [float(((i * 7919) % 97) / 4) if i % 11 else float("nan") for i in range(200)]
    o("sort", L("f64", fbig), L("f64", fbig))
    rbig = [S("s%d" % ((i * 31) % 50)) if i % 3 else I((i * 17) % 23) for i in range(150)]
    o("sort", L("ref", rbig), L("ref", rbig))

    # ---- group by ----
    o("group", [(S("a"), I(1)), (S("b"), I(2)), (S("a"), I(3)), (I(1), S("one")), (F(1.0), S("uno")),
                (L("i64", [1]), N()), (L("f64", [1.0]), B(True)), (N(), I(9))])
    o("group", [])

    # ---- main's C (issue 18) only: a struct of another type cast by its fields ----
    q = g.program("from_any other struct", needs_new_c=True)
    op(q, "from_any", Desc("XY", [("x", "i64"), ("y", "i64")]), p3)
    op(q, "from_any", Desc("XY", [("x", "i64"), ("y", "i64")]), L("ref", [p3]))

    # ---- runtime errors (each its own program) ----
    def err(name, *steps):
        q = g.program(name)
        op(q, "fmt", S("before"))
        for s in steps:
            op(q, *s)

    err("unbox int of string", ("unbox", S("x"), "i64"))
    err("unbox float of bool", ("unbox", B(True), "f64"))
    err("unbox bool of nil", ("unbox", N(), "bool"))
    err("unbox int of float", ("unbox", F(1.0), "i64"))
    err("unbox str of int", ("unbox_str", I(1)))
    err("unbox list of map", ("unbox_list", m1, "i64"))
    err("unbox list elem", ("unbox_list", L("ref", [I(1), S("x")]), "i64"))
    err("unbox map of list", ("unbox_map", li))
    err("unbox map value", ("unbox_map_kv", M([(S("a"), I(1)), (S("b"), S("x"))]), "ref", "i64"))
    err("unbox map key", ("unbox_map_kv", M([(S("a"), I(1)), (I(2), I(1))]), "i64", "i64"))
    err("unbox map nil value", ("unbox_map_kv", M([(S("a"), N())]), "ref", "f64"))
    err("any add overflow", ("add", I((1 << 63) - 1), I(1)))
    err("any sub overflow", ("sub", I(-(1 << 63)), I(1)))
    err("any mul overflow", ("mul", I(1 << 32), I(1 << 31)))
    err("any mul overflow min", ("mul", I(-(1 << 63)), I(-1)))
    err("any div zero", ("div", I(1), I(0)))
    err("any mod zero", ("mod", I(1), I(0)))
    err("any fdiv zero", ("div", F(1.5), I(0)))
    err("any fmod zero", ("mod", F(1.5), F(0.0)))
    err("any div overflow", ("div", I(-(1 << 63)), I(-1)))
    err("any neg overflow", ("neg", I(-(1 << 63))))
    err("bad operands add", ("add", I(1), S("x")))
    err("bad operands sub", ("sub", S("a"), S("b")))
    err("bad operands mul list", ("mul", li, I(2)))
    err("bad operands div map", ("div", m1, p1))
    err("bad operands mod bool", ("mod", B(True), F(1.0)))
    err("neg string", ("neg", S("x")))
    err("index list out of range", ("index", li, I(6)))
    err("index list negative", ("index", li, I(-7)))
    err("index list by string", ("index", li, S("0")))
    err("index string out of range", ("index", S("abc"), I(3)))
    err("index int", ("index", I(5), I(0)))
    err("index struct by int", ("index", p1, I(0)))
    err("sum overflow", ("sum_i64", L("i64", [(1 << 63) - 1, 1])))
    err("sum any overflow", ("sum_any", L("ref", [I((1 << 63) - 1), I(1)])))
    err("sum any string", ("sum_any", L("ref", [I(1), S("x")])))
    err("avg of lists", ("avg", L("ref", [L("i64", [])])))
    err("range step zero", ("range", 1, 5, 0))
    err("sort keys short", ("sort", li, L("i64", [1])))
    err("from_map bad field", ("from_map", point, M([(S("x"), S("no")), (S("y"), I(1))])))
    err("from_map missing int", ("from_map", point, M([(S("x"), I(1))])))
    err("from_any of an int", ("from_any", point, I(3)))
    err("error with location", ("line", 12), ("div", I(1), I(0)))
