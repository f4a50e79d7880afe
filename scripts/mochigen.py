#!/usr/bin/env python3
"""mochigen: a generator of random well-typed Mochi programs, for differential
testing of the execution modes (scripts/gendiff, `scripts/differential --generate`).

    python3 scripts/mochigen.py [--seed=S] [--size=N]     prints one program

Programs are deterministic for a given seed (the generator carries its own
SplitMix64; nothing depends on Python's hashing or `random`). They cover what the
modes most often get wrong (issue 16): integer arithmetic at the overflow edges
(through CSmith-style guarded helpers, so most programs run to the end, plus raw
operations that may trap), division and modulo by negative numbers, floats with
NaN, infinities and -0.0 and formatting edges, strings with multi-byte code points,
slicing and indexing, typed and `any` lists, maps with int and string keys, structs
(shared references), unions with `match`, closures (captured mutable variables),
partial application, higher-order functions, recursion, `for`/`while` with
`break`/`continue`, queries (`where`, `sort by`, `group by`, `skip`/`take`, joins)
and runtime errors on purpose.

Termination and size: every loop is bounded by construction (ranges of small
constants, while loops over a counter that the minimiser may not remove), calls
only go to functions declared earlier (plus bounded self-recursion with a
decreasing fuel argument), and a cost estimate per function keeps the work of a
program to a few thousand statements.

A program is a tree of statement nodes (`Line` and `Block`), so the minimiser can
delete statements at every nesting level (delta debugging over statements) and
print the rest; `Program.render()` writes the source.
"""

import sys

INT_MAX = 9223372036854775807
INT_MIN = -INT_MAX - 1


class Rand:
    """SplitMix64: small, seedable, identical on every platform and Python version."""

    def __init__(self, seed):
        self.state = (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        return 0 if n <= 1 else self.next() % n

    def chance(self, p):
        return self.below(1 << 20) < int(p * (1 << 20))

    def pick(self, xs):
        return xs[self.below(len(xs))]

    def weighted(self, pairs):
        """pairs: [(weight, value)]; weights of 0 are skipped."""
        total = sum(w for w, _ in pairs if w > 0)
        k = self.below(total)
        for w, v in pairs:
            if w <= 0:
                continue
            if k < w:
                return v
            k -= w
        return pairs[-1][1]

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)


# ---------------------------------------------------------------- program tree

class Line:
    """One statement (possibly several source lines), removed or kept as a whole."""

    def __init__(self, text, pinned=False):
        self.text = text
        self.pinned = pinned


class Block:
    """A statement with bodies: parts alternate header text and statement lists,
    e.g. ["if c {", [...], "} else {", [...], "}"]."""

    def __init__(self, parts, pinned=False):
        self.parts = parts
        self.pinned = pinned


def render_nodes(nodes, indent, out):
    pad = "  " * indent
    for n in nodes:
        if isinstance(n, Line):
            for ln in n.text.split("\n"):
                out.append(pad + ln if ln else "")
        else:
            for p in n.parts:
                if isinstance(p, list):
                    render_nodes(p, indent + 1, out)
                else:
                    out.append(pad + p)


class Program:
    def __init__(self, nodes, seed):
        self.nodes = nodes
        self.seed = seed

    def render(self, header=None):
        out = []
        if header:
            out.extend(header)
        render_nodes(self.nodes, 0, out)
        return "\n".join(out) + "\n"

    def lists(self):
        """Every statement list in the tree (the top level first)."""
        found = []

        def walk(nodes):
            found.append(nodes)
            for n in nodes:
                if isinstance(n, Block):
                    for p in n.parts:
                        if isinstance(p, list):
                            walk(p)
        walk(self.nodes)
        return found


# ---------------------------------------------------------------- types

INT, FLOAT, BOOL, STRING, ANY = "int", "float", "bool", "string", "any"
BIGINT, BIGRAT = "bigint", "bigrat"


def List(t):
    return ("list", t)


def Map(k, v):
    return ("map", k, v)


def Fun(params, ret):
    return ("fun", tuple(params), ret)


def is_list(t):
    return isinstance(t, tuple) and t[0] == "list"


def is_map(t):
    return isinstance(t, tuple) and t[0] == "map"


def is_fun(t):
    return isinstance(t, tuple) and t[0] == "fun"


def is_struct(t):
    return isinstance(t, tuple) and t[0] == "struct"


def is_union(t):
    return isinstance(t, tuple) and t[0] == "union"


def has_any(t):
    if t == ANY:
        return True
    if isinstance(t, tuple):
        if t[0] in ("list", "map"):
            return any(has_any(x) for x in t[1:])
        if t[0] == "fun":
            return any(has_any(x) for x in t[1]) or has_any(t[2])
    return False


def tname(t):
    if isinstance(t, str):
        return t
    if t[0] == "list":
        return "list<%s>" % tname(t[1])
    if t[0] == "map":
        return "map<%s, %s>" % (tname(t[1]), tname(t[2]))
    if t[0] == "fun":
        r = "" if t[2] is None else ": " + tname(t[2])
        return "fun(%s)%s" % (", ".join(tname(p) for p in t[1]), r)
    return t[1]


# ---------------------------------------------------------------- literals

EDGE_INTS = [0, 1, -1, 2, -2, 3, 7, -7, 10, 100, -100, 255, 256, 1000, 65535, 2147483647, -2147483648,
             2147483648, 4294967295, 4294967296, 9007199254740993, -9007199254740993,
             INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1, 4611686018427387904, -4611686018427387904,
             3037000499, 3037000500, -3037000500]
FLOAT_LITS = ["0.0", "1.0", "0.5", "1.5", "2.5", "-2.5", "0.1", "0.2", "0.3", "3.14159", "100.0",
              "1e6", "1e21", "1e-7", "1e-5", "0.0001", "123456789.0", "1.7976931348623157e308",
              "5e-324", "2.2250738585072014e-308", "9007199254740993.0", "1e15", "1e16",
              "0.1e1", "12345.6789", "1e100", "4.9e-324", "33.333333333333336"]
STRING_PIECES = ["", "a", "b", "abc", "héllo", "日本語", "🎉", "e\u0301", "Ω≈ç", " pad ", "a,b,c",
                 "x\ty", "line\nbreak", "q\"uote", "back\\slash", "ÿ", "💩x", "MiXeD", "ß", "ﬁ",
                 "0", "-12", "42", "3.5", "ab" * 5, "z", "\u0000nul", "tab\t", "Ünïcödé", "한국어"]


def int_lit(v):
    if v == INT_MIN:
        return "(-9223372036854775807 - 1)"
    if v < 0:
        return "(%d)" % v
    return str(v)


def str_lit(s, rng=None):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif c < 0x20:
            out.append("\\x%02x" % c)
        elif c > 0x7F and rng is not None and rng.chance(0.2):
            out.append("\\u%04x" % c if c <= 0xFFFF else "\\U%08x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


# ---------------------------------------------------------------- scopes

class Var:
    def __init__(self, name, t, mutable, nonempty=False):
        self.name = name
        self.t = t
        self.mutable = mutable
        self.nonempty = nonempty   # list/string variables that are never empty


class FunSig:
    def __init__(self, name, params, ret, cost, recursive=False):
        self.name = name
        self.params = params     # [(name, type)]
        self.ret = ret           # type or None
        self.cost = cost
        self.recursive = recursive


class Ctx:
    """Where a statement is being generated. `mult` is how many times the current
    statement runs per call of the enclosing function (the product of the enclosing
    loops' trip counts); the root context (a function, or the top level) adds up the
    estimated statements executed."""

    def __init__(self, frames, fn=None, loops=0, mult=1, depth=0, root=None):
        self.frames = frames     # [dict name -> Var], innermost last
        self.fn = fn             # the FunSig being generated, or None at top level
        self.loops = loops       # enclosing loops (break/continue allowed when > 0)
        self.mult = mult
        self.depth = depth       # nesting depth of blocks
        self.root = root if root is not None else self
        self.selfcalls = 0       # recursive calls still allowed (recursive functions)
        self.cost = 0

    def child(self, loop=False, times=1):
        c = Ctx(self.frames + [{}], self.fn, self.loops + (1 if loop else 0), self.mult * times,
                self.depth + 1, self.root)
        return c

    def add_cost(self, n):
        self.root.cost += n * self.mult

    def total_cost(self):
        return self.root.cost

    def declare(self, v):
        self.frames[-1][v.name] = v

    def vars(self, pred=lambda v: True):
        out = []
        for f in self.frames:
            for v in f.values():
                if pred(v):
                    out.append(v)
        return out


# ---------------------------------------------------------------- the generator

class Generator:
    # Cost limits (estimated statements executed): per function call and per program.
    FUNCTION_COST = 4000
    PROGRAM_COST = 60000

    def __init__(self, seed, size=None):
        self.seed = seed
        self.r = Rand(seed)
        self.size = size if size is not None else self.r.between(6, 22)
        self.n = 0
        self.helpers = set()
        self.structs = {}   # name -> [(field, type)]
        self.unions = {}    # name -> [(variant, [(field, type)])]
        self.funcs = []     # FunSig, in declaration order
        self.error_planted = False

    def fresh(self, prefix="v"):
        self.n += 1
        return "%s%d" % (prefix, self.n)

    # ------------------------------------------------------------ types

    def scalar_type(self):
        return self.r.weighted([(5, INT), (2, FLOAT), (2, BOOL), (3, STRING)])

    def elem_type(self):
        choices = [(6, INT), (2, FLOAT), (3, STRING), (1, BOOL), (2, ANY), (1, BIGINT), (1, BIGRAT)]
        if self.structs:
            choices.append((2, ("struct", self.r.pick(sorted(self.structs)))))
        if self.unions:
            choices.append((1, ("union", self.r.pick(sorted(self.unions)))))
        return self.r.weighted(choices)

    def value_type(self, depth=0):
        """A type for a variable or parameter."""
        choices = [(8, INT), (3, FLOAT), (2, BOOL), (5, STRING), (2, BIGINT), (2, BIGRAT)]
        if depth < 2:
            choices += [(4, "list"), (2, "map")]
        if self.structs:
            choices.append((2, "struct"))
        if self.unions:
            choices.append((2, "union"))
        choices.append((1, ANY))
        k = self.r.weighted(choices)
        if k == "list":
            if self.r.chance(0.15) and depth == 0:
                return List(List(INT))
            return List(self.elem_type())
        if k == "map":
            key = self.r.pick([STRING, STRING, INT])
            if self.r.chance(0.1):
                key = BIGINT
            return Map(key, self.r.weighted([(4, INT), (2, STRING), (1, FLOAT), (1, List(INT)), (1, BIGINT),
                                             (1, BIGRAT)]))
        if k == "struct":
            return ("struct", self.r.pick(sorted(self.structs)))
        if k == "union":
            return ("union", self.r.pick(sorted(self.unions)))
        return k

    def fun_type(self):
        ps = [self.r.pick([INT, INT, STRING, FLOAT]) for _ in range(self.r.between(1, 2))]
        return Fun(ps, self.r.pick([INT, INT, STRING, BOOL]))

    # ------------------------------------------------------------ helpers (guarded arithmetic)

    HELPER_SOURCE = {
        "add_": """fun add_(a: int, b: int): int {
  if b > 0 && a > 9223372036854775807 - b { return a }
  if b < 0 && a < (-9223372036854775807 - 1) - b { return a }
  return a + b
}""",
        "sub_": """fun sub_(a: int, b: int): int {
  if b < 0 && a > 9223372036854775807 + b { return a }
  if b > 0 && a < (-9223372036854775807 - 1) + b { return a }
  return a - b
}""",
        "mul_": """fun mul_(a: int, b: int): int {
  if a == 0 || b == 0 { return 0 }
  if a > 0 && b > 0 && a > 9223372036854775807 / b { return a }
  if a < 0 && b < 0 && a < 9223372036854775807 / b { return a }
  if a > 0 && b < 0 && b < (-9223372036854775807 - 1) / a { return a }
  if a < 0 && b > 0 && a < (-9223372036854775807 - 1) / b { return a }
  return a * b
}""",
        "div_": """fun div_(a: int, b: int): int {
  if b == 0 { return a }
  if b == -1 && a == -9223372036854775807 - 1 { return a }
  return a / b
}""",
        "mod_": """fun mod_(a: int, b: int): int {
  if b == 0 { return a }
  return a % b
}""",
        "neg_": """fun neg_(a: int): int {
  if a == -9223372036854775807 - 1 { return a }
  return -a
}""",
        "fdiv_": """fun fdiv_(a: float, b: float): float {
  if b == 0.0 { return a }
  return a / b
}""",
        "fmod_": """fun fmod_(a: float, b: float): float {
  if b == 0.0 { return a }
  return a % b
}""",
        "ftoi_": """fun ftoi_(x: float): int {
  if x != x { return 0 }
  if x >= 9223372036854775807.0 || x <= -9223372036854775807.0 { return 7 }
  return int(x)
}""",
        "clamp_": """fun clamp_(i: int, n: int): int {
  if i < 0 { return 0 }
  if i > n { return n }
  return i
}""",
        "small_": """fun small_(x: int): int {
  return x % 1000
}""",
        "cap_": """fun cap_(s: string): string {
  if len(s) > 64 { return substring(s, 0, 64) }
  return s
}""",
        "capb_": """fun capb_(x: bigint): bigint {
  return x % ("1000000000000000000000000000000000000000" as bigint)
}""",
        "capr_": """fun capr_(r: bigrat): bigrat {
  if denom(r) > ("1000000000000000000000" as bigint) || abs(num(r)) > ("1000000000000000000000000" as bigint) {
    return ((num(r) % ("1000000007" as bigint)) as bigrat) / ((denom(r) % ("998244353" as bigint)) + 1)
  }
  return r
}""",
        "bdiv_": """fun bdiv_(a: bigint, b: bigint): bigint {
  if b == 0 { return a }
  return a / b
}""",
        "rdiv_": """fun rdiv_(a: bigrat, b: bigrat): bigrat {
  if b == 0 { return a }
  return a / b
}""",
        "any_": """fun any_(x: any): any {
  return x
}""",
        "anyl_": """fun anyl_(xs: list<any>): list<any> {
  return xs
}""",
    }

    def helper(self, name):
        self.helpers.add(name)
        return name

    def cut(self, helper, x):
        """x passed through a cutting helper (cap_, capb_, capr_), or x itself."""
        if helper is None:
            return x
        self.helper(helper)
        return "%s(%s)" % (helper, x)

    def capped(self, t, ctx, d):
        """An expression of type t for a place that keeps its value (a variable,
        field, element or a function's result): strings and lists are cut to a few
        dozen items, so `s = s + s` in a loop or recursion stays small."""
        if t == STRING:
            self.helper("cap_")
            return "cap_(%s)" % self.string_expr(ctx, d), False
        if t == BIGINT:
            self.helper("capb_")
            return "capb_(%s)" % self.bigint_expr(ctx, d), False
        if t == BIGRAT:
            self.helper("capr_")
            return "capr_(%s)" % self.bigrat_expr(ctx, d), False
        if is_list(t):
            text, nonempty = self.list_expr(t, ctx, d, False)
            # Elements are cut too: `xs = [s + join(xs, ""), s]` in a function
            # called from a loop would otherwise grow xs geometrically (one
            # generated program printed 1.4 GB that way).
            cut = {STRING: "cap_", BIGINT: "capb_", BIGRAT: "capr_"}.get(t[1])
            if self.r.chance(0.5) and not text.startswith("["):
                x = self.fresh("t")
                n = self.r.between(1, 12)
                return "(from %s in %s take %d select %s)" % (x, text, n, self.cut(cut, x)), nonempty
            if text.startswith("[") or text.startswith("anyl_(["):
                if cut is None or not nonempty:
                    return text, nonempty
                x = self.fresh("t")
                return "(from %s in %s select %s)" % (x, text, self.cut(cut, x)), nonempty
            x = self.fresh("t")
            n = self.r.between(1, 12)
            return "(from %s in %s take %d select %s)" % (x, text, n, self.cut(cut, x)), nonempty
        return self.expr(t, ctx, d, True), False

    # ------------------------------------------------------------ expressions

    def expr(self, t, ctx, d, typed=False):
        """Source text of an expression of type t (d: remaining depth). `typed`: the
        context gives the checker the type (an annotation, a parameter, a field), so
        empty literals and `any` elements may appear bare; elsewhere the checker
        infers the type from the text, and the text must not leave it open."""
        if t == INT:
            return self.int_expr(ctx, d)[0]
        if t == FLOAT:
            return self.float_expr(ctx, d)
        if t == BOOL:
            return self.bool_expr(ctx, d)
        if t == STRING:
            return self.string_expr(ctx, d)
        if t == ANY:
            return self.any_expr(ctx, d, typed)
        if t == BIGINT:
            return self.bigint_expr(ctx, d)
        if t == BIGRAT:
            return self.bigrat_expr(ctx, d)
        if is_list(t):
            return self.list_expr(t, ctx, d, typed)[0]
        if is_map(t):
            return self.map_expr(t, ctx, d, typed)
        if is_struct(t):
            return self.struct_expr(t, ctx, d)
        if is_union(t):
            return self.union_expr(t, ctx, d)
        if is_fun(t):
            return self.fun_expr(t, ctx, d)
        raise ValueError("no expression of type %r" % (t,))

    def var_of(self, ctx, t, pred=lambda v: True):
        vs = ctx.vars(lambda v: v.t == t and pred(v))
        return self.r.pick(vs) if vs else None

    def call_of(self, ctx, t, d):
        """A call of an earlier function returning t, if the cost allows."""
        limit = self.PROGRAM_COST if ctx.fn is None else self.FUNCTION_COST
        cands = [f for f in self.funcs if f.ret == t and f.cost * ctx.mult + ctx.total_cost() < limit
                 and (not f.recursive or ctx.mult <= 4)]
        if ctx.fn is not None and ctx.fn.recursive and ctx.fn.ret == t and ctx.root.selfcalls > 0 and ctx.loops == 0:
            cands.append(ctx.fn)
        if not cands:
            return None
        f = self.r.pick(cands)
        args = []
        for i, (pn, pt) in enumerate(f.params):
            if f.recursive and i == 0:
                if f is ctx.fn:
                    ctx.root.selfcalls -= 1
                    args.append("%s - %d" % (f.params[0][0], self.r.between(1, 2) if f.cost < 100 else 1))
                else:
                    args.append(str(self.r.between(0, f.fuel)))
            elif f is ctx.fn:
                # Arguments of a self call are cut like stored values: a list
                # doubled at every level would grow exponentially.
                args.append(self.capped(pt, ctx, d - 1)[0])
            else:
                args.append(self.expr(pt, ctx, d - 1, True))
        if f is not ctx.fn:
            ctx.add_cost(f.cost)
        return "%s(%s)" % (f.name, ", ".join(args))

    def int_expr(self, ctx, d):
        """(text, bound): bound is a known limit on |value|, or None."""
        r = self.r
        if d <= 0:
            v = self.var_of(ctx, INT)
            if v and r.chance(0.6):
                return v.name, None
            x = r.pick(EDGE_INTS) if r.chance(0.3) else r.between(-20, 20)
            return int_lit(x), abs(x)
        k = r.weighted([(3, "lit"), (5, "var"), (6, "safe"), (5, "bounded"), (2, "raw"), (2, "divneg"),
                        (2, "len"), (2, "call"), (1, "if"), (1, "match"), (1, "index"), (1, "aggr"),
                        (1, "conv"), (1, "strfn"), (1, "closure"), (1, "mapget"), (1, "field"), (1, "query")])
        if k == "lit":
            x = r.pick(EDGE_INTS) if r.chance(0.5) else r.between(-1000, 1000)
            return int_lit(x), abs(x)
        if k == "var":
            v = self.var_of(ctx, INT)
            if v:
                return v.name, None
            return self.int_expr(ctx, 0)
        if k == "safe":
            op = r.pick(["add_", "sub_", "mul_", "div_", "mod_", "neg_"])
            self.helper(op)
            if op == "neg_":
                return "neg_(%s)" % self.int_expr(ctx, d - 1)[0], None
            return "%s(%s, %s)" % (op, self.int_expr(ctx, d - 1)[0], self.int_expr(ctx, d - 1)[0]), None
        if k == "bounded":
            # Operands reduced modulo a constant keep raw arithmetic away from overflow.
            a = self.small_int(ctx, d - 1)
            b = self.small_int(ctx, d - 1)
            op = r.pick(["+", "-", "*", "+", "-"])
            return "(%s %s %s)" % (a[0], op, b[0]), (a[1] + b[1] if op != "*" else a[1] * b[1])
        if k == "raw":
            # May overflow: a runtime error on purpose (rarely, so most programs finish).
            a, ab = self.int_expr(ctx, d - 1)
            b, bb = self.int_expr(ctx, d - 1)
            op = r.pick(["+", "-", "*"])
            if ab is not None and bb is not None:
                bound = ab * bb if op == "*" else ab + bb
                if bound <= INT_MAX:
                    return "(%s %s %s)" % (a, op, b), bound
            if not r.chance(0.15):
                return self.int_expr(ctx, d - 1)
            return "(%s %s %s)" % (a, op, b), None
        if k == "divneg":
            a, ab = self.int_expr(ctx, d - 1)
            c = r.pick([-1, -2, -3, -7, 2, 3, 5, -10, 1000, -1000000007])
            op = r.pick(["/", "%"])
            if c == -1 and op == "/" and ab is None and not r.chance(0.1):
                c = -2   # MIN / -1 overflows: rarely on purpose
            return "(%s %s %s)" % (a, op, int_lit(c)), ab
        if k == "len":
            return self.len_expr(ctx, d), 1 << 30
        if k == "call":
            c = self.call_of(ctx, INT, d)
            if c:
                return c, None
            return self.int_expr(ctx, d - 1)
        if k == "if":
            a, ab = self.int_expr(ctx, d - 1)
            b, bb = self.int_expr(ctx, d - 1)
            return "(if %s then %s else %s)" % (self.bool_expr(ctx, d - 1), a, b), \
                (max(ab, bb) if ab is not None and bb is not None else None)
        if k == "match":
            return self.match_expr(INT, ctx, d), None
        if k == "index":
            e = self.index_expr(INT, ctx, d)
            return (e, None) if e else self.int_expr(ctx, d - 1)
        if k == "aggr":
            lst = self.list_var_or_lit(List(INT), ctx, d - 1, nonempty=True)
            f = r.pick(["min", "max", "len", "count", "sum"])
            if f == "sum":
                return "sum(from x%d in %s select x%d %% 1000)" % (self.n, lst, self.n), None
            return "%s(%s)" % (f, lst), None
        if k == "conv":
            c = r.pick(["ftoi", "strint", "bool", "ord"])
            if c == "ftoi" and r.chance(0.2):
                # A bigint that fits (mod 2^32), or rarely one that may not (overflow).
                if r.chance(0.9):
                    return "((%s %% (4294967296 as bigint)) as int)" % self.bigint_expr(ctx, d - 1), 1 << 32
                return "(%s as int)" % self.bigint_expr(ctx, d - 1), None
            if c == "ftoi":
                self.helper("ftoi_")
                return "ftoi_(%s)" % self.float_expr(ctx, d - 1), None
            if c == "strint":
                return r.pick(['int("%d")' % r.between(-99999, 99999), '("%d" as int)' % r.between(-500, 500),
                               'parseIntStr("%s", 16)' % r.pick(["ff", "-7f", "0", "10"]),
                               'parseIntStr("%s", 2)' % r.pick(["101", "-1", "0"])]), 1 << 20
            if c == "bool":
                if r.chance(0.5):
                    return "pow(%d, %d)" % (r.between(-3, 3), r.between(0, 39)), 1 << 62
                return "(if %s then 1 else 0)" % self.bool_expr(ctx, d - 1), 1
            return 'ord(%s)' % str_lit(r.pick(["a", "é", "日", "🎉", "Z"])), 1 << 21
        if k == "strfn":
            s = self.string_expr(ctx, d - 1)
            f = r.pick(["len", "indexOf"])
            if f == "len":
                return "len(%s)" % s, 1 << 30
            return "indexOf(%s, %s)" % (s, self.string_expr(ctx, d - 1)), 1 << 30
        if k == "closure":
            e = self.closure_call(INT, ctx, d)
            return (e, None) if e else self.int_expr(ctx, d - 1)
        if k == "mapget":
            e = self.map_get(INT, ctx, d)
            return (e, None) if e else self.int_expr(ctx, d - 1)
        if k == "field":
            e = self.field_expr(INT, ctx, d)
            return (e, None) if e else self.int_expr(ctx, d - 1)
        if k == "query":
            lst = self.list_var_or_lit(List(INT), ctx, d - 1)
            x = self.fresh("q")
            return "len(from %s in %s where %s select %s)" % (x, lst, self.cond_on(x, INT, ctx), x), 1 << 30
        return self.int_expr(ctx, 0)

    BIG_LITS = ["0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                "18446744073709551616", "123456789012345678901234567890", "-99999999999999999999",
                "340282366920938463463374607431768211456", "1000000007"]
    RAT_LITS = ["1/3", "-2/7", "22/7", "1/1000000000000000000000", "5", "-1/2", "3/6", "0",
                "123456789012345678901/2", "7/9"]

    def bigint_expr(self, ctx, d):
        r = self.r
        v = self.var_of(ctx, BIGINT)
        if d <= 0:
            if v and r.chance(0.6):
                return v.name
            return '("%s" as bigint)' % r.pick(self.BIG_LITS)
        k = r.weighted([(3, "lit"), (4, "var"), (2, "fromint"), (5, "arith"), (2, "div"), (1, "pow"), (1, "num"),
                        (1, "abs"), (1, "call"), (1, "if"), (1, "field"), (1, "mapget")])
        if k == "lit":
            return '("%s" as bigint)' % r.pick(self.BIG_LITS)
        if k == "var" and v:
            return v.name
        if k == "fromint":
            return "(%s as bigint)" % self.int_expr(ctx, d - 1)[0]
        if k == "arith":
            a = self.bigint_expr(ctx, d - 1)
            b = self.expr(r.pick([BIGINT, BIGINT, INT]), ctx, d - 1)
            if r.chance(0.3):
                a, b = b, a
            return "(%s %s %s)" % (a, r.pick(["+", "-", "*"]), b)
        if k == "div":
            if r.chance(0.5):
                return "(%s %s %s)" % (self.bigint_expr(ctx, d - 1), r.pick(["/", "%"]),
                                       r.pick(['("-7" as bigint)', "3", '("18446744073709551616" as bigint)', "(-2)"]))
            self.helper("bdiv_")
            return "bdiv_(%s, %s)" % (self.bigint_expr(ctx, d - 1), self.bigint_expr(ctx, d - 1))
        if k == "pow":
            return "pow(%s, %d)" % (r.pick(["(2 as bigint)", "(3 as bigint)", "(-10 as bigint)", "(7 as bigint)"]),
                                    r.between(0, 130))
        if k == "num":
            return r.pick(["num(%s)", "denom(%s)"]) % self.bigrat_expr(ctx, d - 1)
        if k == "abs":
            return "abs(%s)" % self.bigint_expr(ctx, d - 1)
        if k == "call":
            return self.call_of(ctx, BIGINT, d) or '("%s" as bigint)' % r.pick(self.BIG_LITS)
        if k == "if":
            return "(if %s then %s else %s)" % (self.bool_expr(ctx, d - 1), self.bigint_expr(ctx, d - 1),
                                               self.bigint_expr(ctx, d - 1))
        if k == "field":
            return self.field_expr(BIGINT, ctx, d) or "(5 as bigint)"
        if k == "mapget":
            return self.map_get(BIGINT, ctx, d) or "(6 as bigint)"
        return '("%s" as bigint)' % r.pick(self.BIG_LITS)

    def bigrat_expr(self, ctx, d):
        r = self.r
        v = self.var_of(ctx, BIGRAT)
        if d <= 0:
            if v and r.chance(0.6):
                return v.name
            return '("%s" as bigrat)' % r.pick(self.RAT_LITS)
        k = r.weighted([(3, "lit"), (4, "var"), (2, "conv"), (5, "arith"), (2, "div"), (1, "call"), (1, "if"),
                        (1, "abs"), (1, "mapget")])
        if k == "lit":
            return '("%s" as bigrat)' % r.pick(self.RAT_LITS)
        if k == "var" and v:
            return v.name
        if k == "conv":
            src = r.pick(["int", "bigint", "float"])
            if src == "int":
                return "(%s as bigrat)" % self.int_expr(ctx, d - 1)[0]
            if src == "bigint":
                return "(%s as bigrat)" % self.bigint_expr(ctx, d - 1)
            return "(%s as bigrat)" % r.pick(["0.1", "0.5", "(-1.25)", "1e-10", "3.0", "1e20"])
        if k == "arith":
            a = self.bigrat_expr(ctx, d - 1)
            b = self.expr(r.pick([BIGRAT, BIGRAT, INT, BIGINT]), ctx, d - 1)
            if r.chance(0.3):
                a, b = b, a
            return "(%s %s %s)" % (a, r.pick(["+", "-", "*"]), b)
        if k == "div":
            if r.chance(0.5):
                return "(%s / %s)" % (self.bigrat_expr(ctx, d - 1), r.pick(["3", "(-7)", '("2/3" as bigrat)']))
            self.helper("rdiv_")
            return "rdiv_(%s, %s)" % (self.bigrat_expr(ctx, d - 1), self.bigrat_expr(ctx, d - 1))
        if k == "call":
            return self.call_of(ctx, BIGRAT, d) or '("1/7" as bigrat)'
        if k == "if":
            return "(if %s then %s else %s)" % (self.bool_expr(ctx, d - 1), self.bigrat_expr(ctx, d - 1),
                                               self.bigrat_expr(ctx, d - 1))
        if k == "abs":
            return "abs(%s)" % self.bigrat_expr(ctx, d - 1)
        if k == "mapget":
            return self.map_get(BIGRAT, ctx, d) or '("2/9" as bigrat)'
        return '("%s" as bigrat)' % r.pick(self.RAT_LITS)

    def small_int(self, ctx, d):
        e, b = self.int_expr(ctx, d)
        if b is not None and b < 1000000:
            return e, b
        m = self.r.pick([10, 100, 1000, 3, 7, 1000000])
        return "(%s %% %d)" % (e, m), m - 1

    def len_expr(self, ctx, d):
        r = self.r
        k = r.pick(["list", "string", "map"])
        if k == "list":
            return "len(%s)" % self.list_expr(List(self.elem_type()), ctx, d - 1)[0]
        if k == "map":
            return "len(%s)" % self.map_expr(Map(STRING, INT), ctx, d - 1)
        return "len(%s)" % self.string_expr(ctx, d - 1)

    def float_expr(self, ctx, d):
        r = self.r
        if d <= 0:
            v = self.var_of(ctx, FLOAT)
            if v and r.chance(0.6):
                return v.name
            return self.float_lit()
        k = r.weighted([(3, "lit"), (4, "var"), (5, "arith"), (2, "div"), (1, "special"), (2, "conv"),
                        (1, "math"), (1, "call"), (1, "if"), (1, "aggr"), (1, "index"), (1, "field"),
                        (1, "closure"), (1, "match")])
        if k == "lit":
            return self.float_lit()
        if k == "var":
            v = self.var_of(ctx, FLOAT)
            return v.name if v else self.float_lit()
        if k == "arith":
            return "(%s %s %s)" % (self.float_expr(ctx, d - 1), r.pick(["+", "-", "*"]), self.float_expr(ctx, d - 1))
        if k == "div":
            if r.chance(0.5):
                return "(%s %s %s)" % (self.float_expr(ctx, d - 1), r.pick(["/", "%"]),
                                       r.pick(["2.0", "(-3.0)", "0.1", "1e-300", "(-0.5)", "7.0", "1e300"]))
            h = self.helper(r.pick(["fdiv_", "fmod_"]))
            return "%s(%s, %s)" % (h, self.float_expr(ctx, d - 1), self.float_expr(ctx, d - 1))
        if k == "special":
            return r.pick(["INF_", "(-INF_)", "NAN_", "NEGZERO_", "(0.0 * (-1.0))", "(INF_ * 0.0)"])
        if k == "conv":
            if r.chance(0.2):
                return "(%s as float)" % self.expr(r.pick([BIGINT, BIGRAT]), ctx, d - 1)
            e = self.int_expr(ctx, d - 1)[0]
            return r.pick(["float(%s)", "(%s as float)"]) % e
        if k == "math":
            f = r.pick(["sqrt", "abs", "floor", "ceil", "round"])
            if f == "round" and r.chance(0.3):
                return "round(%s, %d)" % (self.float_expr(ctx, d - 1), r.between(0, 3))
            if f == "sqrt":
                return "sqrt(abs(%s))" % self.float_expr(ctx, d - 1)
            return "%s(%s)" % (f, self.float_expr(ctx, d - 1))
        if k == "call":
            return self.call_of(ctx, FLOAT, d) or self.float_expr(ctx, d - 1)
        if k == "if":
            return "(if %s then %s else %s)" % (self.bool_expr(ctx, d - 1), self.float_expr(ctx, d - 1),
                                               self.float_expr(ctx, d - 1))
        if k == "aggr":
            f = r.pick(["avg", "sum", "min", "max"])
            if f == "avg":
                return "avg(%s)" % self.list_var_or_lit(List(INT), ctx, d - 1)
            return "%s(%s)" % (f, self.list_var_or_lit(List(FLOAT), ctx, d - 1, nonempty=f != "sum"))
        if k == "index":
            return self.index_expr(FLOAT, ctx, d) or self.float_lit()
        if k == "field":
            return self.field_expr(FLOAT, ctx, d) or self.float_lit()
        if k == "closure":
            return self.closure_call(FLOAT, ctx, d) or self.float_lit()
        if k == "match":
            return self.match_expr(FLOAT, ctx, d)
        return self.float_lit()

    def float_lit(self):
        r = self.r
        if r.chance(0.6):
            s = r.pick(FLOAT_LITS)
        else:
            s = "%d.%d" % (r.between(0, 999), r.between(0, 99))
        if r.chance(0.3):
            return "(-%s)" % s
        return s

    def bool_expr(self, ctx, d):
        r = self.r
        if d <= 0:
            v = self.var_of(ctx, BOOL)
            if v and r.chance(0.5):
                return v.name
            return r.pick(["true", "false"])
        k = r.weighted([(2, "lit"), (3, "var"), (5, "icmp"), (2, "fcmp"), (2, "scmp"), (2, "logic"), (1, "bcmp"),
                        (1, "not"), (2, "in"), (1, "eq"), (1, "call"), (1, "exists"), (1, "contains"),
                        (1, "index"), (1, "field")])
        if k == "lit":
            return r.pick(["true", "false"])
        if k == "var":
            v = self.var_of(ctx, BOOL)
            return v.name if v else r.pick(["true", "false"])
        if k == "icmp":
            return "(%s %s %s)" % (self.int_expr(ctx, d - 1)[0], r.pick(["<", "<=", ">", ">=", "==", "!="]),
                                   self.int_expr(ctx, d - 1)[0])
        if k == "fcmp":
            return "(%s %s %s)" % (self.float_expr(ctx, d - 1), r.pick(["<", "<=", ">", ">=", "==", "!="]),
                                   self.float_expr(ctx, d - 1))
        if k == "bcmp":
            t = r.pick([BIGINT, BIGRAT])
            other = r.pick([t, INT, FLOAT, BIGINT])
            return "(%s %s %s)" % (self.expr(t, ctx, d - 1), r.pick(["<", "<=", ">", ">=", "==", "!="]),
                                   self.expr(other, ctx, d - 1))
        if k == "scmp":
            return "(%s %s %s)" % (self.string_expr(ctx, d - 1), r.pick(["<", "<=", ">", ">=", "==", "!="]),
                                   self.string_expr(ctx, d - 1))
        if k == "logic":
            return "(%s %s %s)" % (self.bool_expr(ctx, d - 1), r.pick(["&&", "||"]), self.bool_expr(ctx, d - 1))
        if k == "not":
            return "!(%s)" % self.bool_expr(ctx, d - 1)
        if k == "in":
            t = self.r.pick([INT, STRING])
            if r.chance(0.5):
                return "(%s in %s)" % (self.expr(t, ctx, d - 1), self.list_expr(List(t), ctx, d - 1)[0])
            return "(%s in %s)" % (self.expr(t, ctx, d - 1), self.map_expr(Map(t, INT), ctx, d - 1))
        if k == "eq":
            t = self.value_type(1)
            if is_fun(t) or has_any(t):
                t = INT
            return "(%s %s %s)" % (self.expr(t, ctx, d - 1), r.pick(["==", "!="]), self.expr(t, ctx, d - 1))
        if k == "call":
            return self.call_of(ctx, BOOL, d) or "true"
        if k == "exists":
            return "exists(%s)" % self.list_expr(List(self.elem_type()), ctx, d - 1)[0]
        if k == "contains":
            s = self.string_expr(ctx, d - 1)
            return r.pick(["contains(%s, %s)", "%s.contains(%s)", "(%s in %s)"]) % (self.string_expr(ctx, d - 1), s) \
                if r.chance(0.1) else r.pick(["contains(%s, %s)", "%s.contains(%s)"]) % (s, self.string_expr(ctx, d - 1))
        if k == "index":
            return self.index_expr(BOOL, ctx, d) or "false"
        if k == "field":
            return self.field_expr(BOOL, ctx, d) or "true"
        return "true"

    def string_expr(self, ctx, d):
        r = self.r
        if d <= 0:
            v = self.var_of(ctx, STRING)
            if v and r.chance(0.6):
                return v.name
            return str_lit(r.pick(STRING_PIECES), r)
        k = r.weighted([(3, "lit"), (4, "var"), (4, "concat"), (3, "str"), (2, "slice"), (2, "index"),
                        (2, "fn"), (1, "call"), (1, "if"), (1, "match"), (1, "join"), (1, "field"),
                        (1, "closure"), (1, "mapget"), (1, "substr")])
        if k == "lit":
            return str_lit(r.pick(STRING_PIECES) + (r.pick(STRING_PIECES) if r.chance(0.3) else ""), r)
        if k == "var":
            v = self.var_of(ctx, STRING)
            return v.name if v else str_lit(r.pick(STRING_PIECES), r)
        if k == "concat":
            return "(%s + %s)" % (self.string_expr(ctx, d - 1), self.string_expr(ctx, d - 1))
        if k == "str":
            t = self.value_type(1)
            if is_fun(t):
                t = FLOAT
            if t in (BIGINT, BIGRAT) and r.chance(0.3):
                return "(%s as string)" % self.expr(t, ctx, d - 1)
            return "str(%s)" % self.expr(t, ctx, d - 1)
        if k == "slice":
            v = self.var_of(ctx, STRING)
            if v:
                self.helper("clamp_")
                a = self.small_int(ctx, d - 1)[0]
                form = r.pick(["both", "from", "to"])
                lo = "clamp_(%s, len(%s))" % (a, v.name)
                hi = "clamp_(%s, len(%s))" % (self.small_int(ctx, d - 1)[0], v.name)
                if form == "from":
                    return "%s[%s:]" % (v.name, lo)
                if form == "to":
                    return "%s[:%s]" % (v.name, hi)
                # a > b: str.slice of an empty or reversed range.
                return "%s[%s:%s]" % (v.name, lo, hi)
            return str_lit(r.pick(STRING_PIECES), r)
        if k == "substr":
            v = self.var_of(ctx, STRING)
            if v:
                self.helper("clamp_")
                lo = "clamp_(%s, len(%s))" % (self.small_int(ctx, d - 1)[0], v.name)
                return "substring(%s, %s, len(%s))" % (v.name, lo, v.name)
            return str_lit(r.pick(STRING_PIECES), r)
        if k == "index":
            v = self.var_of(ctx, STRING, lambda v: v.nonempty)
            if v:
                return "%s[%s %% len(%s)]" % (v.name, self.int_expr(ctx, d - 1)[0], v.name)
            return self.index_expr(STRING, ctx, d) or str_lit("i")
        if k == "fn":
            f = r.pick(["upper", "lower", "trim", "reverse", "repeat", "padStart", "chr"])
            s = self.string_expr(ctx, d - 1)
            if f == "repeat":
                return "repeat(%s, %d)" % (s, r.between(0, 4))
            if f == "padStart":
                return "padStart(%s, %d, %s)" % (s, r.between(0, 12), str_lit(r.pick(["0", " ", "é", "ab"])))
            if f == "chr":
                return "chr(%d)" % r.pick([65, 97, 233, 0x65E5, 0x1F389, 48, 32])
            return "%s(%s)" % (f, s)
        if k == "call":
            return self.call_of(ctx, STRING, d) or str_lit("c")
        if k == "if":
            return "(if %s then %s else %s)" % (self.bool_expr(ctx, d - 1), self.string_expr(ctx, d - 1),
                                               self.string_expr(ctx, d - 1))
        if k == "match":
            return self.match_expr(STRING, ctx, d)
        if k == "join":
            return "join(%s, %s)" % (self.list_expr(List(STRING), ctx, d - 1)[0], str_lit(r.pick([",", "", " - ", "é"])))
        if k == "field":
            return self.field_expr(STRING, ctx, d) or str_lit("f")
        if k == "closure":
            return self.closure_call(STRING, ctx, d) or str_lit("k")
        if k == "mapget":
            return self.map_get(STRING, ctx, d) or str_lit("m")
        return str_lit("x")

    def any_expr(self, ctx, d, typed=False):
        r = self.r
        v = self.var_of(ctx, ANY)
        if v and r.chance(0.3):
            return v.name
        if d > 1 and r.chance(0.2):
            # Dynamic arithmetic on `any` operands (numbers, so it rarely fails).
            self.helper("any_")
            a = "any_(%s)" % self.expr(r.pick([INT, FLOAT]), ctx, d - 2)
            b = "any_(%s)" % self.expr(r.pick([INT, FLOAT]), ctx, d - 2)
            return "(%s %s %s)" % (a, r.pick(["+", "-", "*"]), b)
        t = r.pick([INT, FLOAT, STRING, BOOL, List(INT), Map(STRING, INT)])
        e = "nil" if r.chance(0.1) else self.expr(t, ctx, d - 1)
        if typed:
            return e
        self.helper("any_")
        return "any_(%s)" % e

    def list_var_or_lit(self, t, ctx, d, nonempty=False):
        v = self.var_of(ctx, t, (lambda v: v.nonempty) if nonempty else (lambda v: True))
        if v and self.r.chance(0.6):
            return v.name
        return self.list_lit(t, ctx, d, nonempty)

    def list_lit(self, t, ctx, d, nonempty=False, typed=False):
        n = self.r.between(1 if nonempty or not typed else 0, 5)
        if n == 0:
            return "[]"
        if has_any(t[1]) and not typed:
            # The checker would infer the elements' own type: a call of the
            # identity on list<any> gives the literal its type.
            self.helper("anyl_")
            return "anyl_([%s])" % ", ".join(self.expr(t[1], ctx, d - 1, True) for _ in range(n))
        return "[%s]" % ", ".join(self.expr(t[1], ctx, d - 1, typed) for _ in range(n))

    def list_expr(self, t, ctx, d, typed=False):
        """(text, nonempty)."""
        r = self.r
        et = t[1]
        if d <= 0:
            v = self.var_of(ctx, t)
            if v:
                return v.name, v.nonempty
            return self.list_lit(t, ctx, 0, True), True
        k = r.weighted([(4, "lit"), (4, "var"), (3, "append"), (1, "concat"), (1, "slice"), (1, "rev"),
                        (2, "query"), (1, "setop"), (1, "call"), (1, "range"), (1, "keys"), (1, "split"),
                        (1, "distinct"), (1, "field"), (1, "index"), (1, "mapget")])
        if k == "mapget":
            # A missing key gives a null list: every read must see the empty list.
            e = self.map_get(t, ctx, d)
            if e:
                return e, False
            return self.list_lit(t, ctx, d, True), True
        if k == "lit":
            lit = self.list_lit(t, ctx, d, r.chance(0.8), typed)
            return lit, lit != "[]"
        if k == "var":
            v = self.var_of(ctx, t)
            if v:
                return v.name, v.nonempty
            return self.list_lit(t, ctx, d, True), True
        if k == "append":
            return "append(%s, %s)" % (self.list_expr(t, ctx, d - 1)[0], self.expr(et, ctx, d - 1)), True
        if k == "concat":
            a, an = self.list_expr(t, ctx, d - 1)
            b, bn = self.list_expr(t, ctx, d - 1)
            return "concat(%s, %s)" % (a, b), an or bn
        if k == "slice":
            v = self.var_of(ctx, t)
            if v:
                self.helper("clamp_")
                return "%s[clamp_(%s, len(%s)):]" % (v.name, self.small_int(ctx, d - 1)[0], v.name), False
            return self.list_lit(t, ctx, d, True), True
        if k == "rev":
            a, an = self.list_expr(t, ctx, d - 1)
            return "reverse(%s)" % a, an
        if k == "distinct":
            a, an = self.list_expr(t, ctx, d - 1)
            return "distinct(%s)" % a, an
        if k == "query":
            return self.query_expr(t, ctx, d), False
        if k == "setop":
            if et in (INT, STRING, FLOAT, BOOL):
                op = r.pick(["union", "union all", "except", "intersect"])
                return "(%s %s %s)" % (self.list_expr(t, ctx, d - 1)[0], op, self.list_expr(t, ctx, d - 1)[0]), False
            return self.list_lit(t, ctx, d, True), True
        if k == "call":
            c = self.call_of(ctx, t, d)
            return (c, False) if c else (self.list_lit(t, ctx, d, True), True)
        if k == "range" and et == INT:
            if r.chance(0.2):
                return "sha256(%s)" % self.string_expr(ctx, d - 1), True
            a = r.between(-5, 5)
            b = a + r.between(0, 8)
            if r.chance(0.2):
                return "range(%s, %s, %d)" % (int_lit(b), int_lit(a), -r.between(1, 3)), b > a
            if r.chance(0.3):
                return "range(%s, %s, %d)" % (int_lit(a), int_lit(b), r.pick([1, 2, 3])), b > a
            return "range(%s, %s)" % (int_lit(a), int_lit(b)), b > a
        if k == "keys":
            if et in (INT, STRING):
                return "keys(%s)" % self.map_expr(Map(et, INT), ctx, d - 1), False
            if et in (FLOAT,) or is_list(et):
                return "values(%s)" % self.map_expr(Map(STRING, et), ctx, d - 1), False
        if k == "split" and et == STRING:
            return "split(%s, %s)" % (self.string_expr(ctx, d - 1), str_lit(r.pick([",", "a", "é", " "]))), True
        if k == "field":
            e = self.field_expr(t, ctx, d)
            if e:
                return e, False
        if k == "index" and et == INT:
            e = self.index_expr(List(INT), ctx, d)
            if e:
                return e, False
        return self.list_lit(t, ctx, d, True), True

    def query_expr(self, t, ctx, d):
        """A query whose result is list<t[1]>."""
        r = self.r
        et = t[1]
        x = self.fresh("q")
        if et in (INT, STRING, FLOAT) and r.chance(0.6):
            src = self.list_expr(t, ctx, d - 1)[0]
            parts = ["from %s in %s" % (x, src)]
            if r.chance(0.6):
                parts.append("where %s" % self.cond_on(x, et, ctx))
            if r.chance(0.6):
                parts.append("sort by %s" % self.key_on(x, et))
            if r.chance(0.3):
                parts.append("skip %d" % r.between(0, 3))
            if r.chance(0.3):
                parts.append("take %d" % r.between(0, 4))
            parts.append("select %s" % self.map_on(x, et))
            return "(" + " ".join(parts) + ")"
        if et == INT and r.chance(0.5):
            # group by: one int per group.
            src = self.list_expr(List(INT), ctx, d - 1)[0]
            g = self.fresh("g")
            sel = r.pick(["count(%s)" % g, "len(%s.items)" % g, "%s.key" % g,
                          "sum(from y in %s select y %% 100)" % g])
            having = " having count(%s) > %d" % (g, r.between(0, 1)) if r.chance(0.3) else ""
            sort = " sort by -count(%s)" % g if r.chance(0.3) else ""
            return "(from %s in %s group by %s %% %d into %s%s%s select %s)" % (
                x, src, x, r.between(2, 4), g, having, sort, sel)
        if et == STRING and r.chance(0.5):
            # a join of two lists, one string per matching pair
            y = self.fresh("q")
            a = self.list_expr(List(INT), ctx, d - 1)[0]
            b = self.list_expr(List(STRING), ctx, d - 1)[0]
            kind = r.pick(["join", "join", "left join"])
            if kind == "left join":
                return "(from %s in %s left join %s in %s on len(%s) == %s select str(%s) + \":\" + str(%s))" % (
                    x, a, y, b, y, x, x, y)
            return "(from %s in %s %s %s in %s on len(%s) %s %s select str(%s) + %s)" % (
                x, a, kind, y, b, y, r.pick(["==", "<", ">="]), x, x, y)
        src = self.list_expr(t, ctx, d - 1)[0]
        return "(from %s in %s select %s)" % (x, src, x)

    def cond_on(self, x, t, ctx):
        r = self.r
        if t == INT:
            return r.pick(["%s %% 2 == 0" % x, "%s > %d" % (x, r.between(-5, 5)), "%s != 0" % x,
                           "%s %% 3 != 1" % x])
        if t == STRING:
            return r.pick(["len(%s) > 1" % x, "%s != \"\"" % x, "%s < \"m\"" % x, "contains(%s, \"a\")" % x])
        if t == FLOAT:
            return r.pick(["%s > 0.0" % x, "%s == %s" % (x, x), "%s < 100.0" % x])
        return "true"

    def key_on(self, x, t):
        r = self.r
        if t == INT:
            return r.pick(["%s" % x, "-%s" % x, "%s %% 3" % x, "str(%s)" % x])
        if t == STRING:
            return r.pick(["%s" % x, "len(%s)" % x, "reverse(%s)" % x])
        if t == FLOAT:
            return r.pick(["%s" % x, "-%s" % x])
        return x

    def map_on(self, x, t):
        r = self.r
        if t == INT:
            return r.pick([x, "%s %% 10" % x, "%s / 3" % x])
        if t == STRING:
            return r.pick([x, "upper(%s)" % x, "%s + \"!\"" % x])
        if t == FLOAT:
            return r.pick([x, "%s * 2.0" % x])
        return x

    def map_expr(self, t, ctx, d, typed=False):
        r = self.r
        kt, vt = t[1], t[2]
        v = self.var_of(ctx, t)
        if v and (d <= 0 or r.chance(0.5)):
            return v.name
        if d > 0 and r.chance(0.1):
            c = self.call_of(ctx, t, d)
            if c:
                return c
        n = r.between(0 if d > 0 and typed else 1, 4)
        if n == 0:
            return "{}"
        entries = []
        for _ in range(n):
            if kt == STRING and r.chance(0.4):
                key = r.pick(["a", "b", "k", "zz", "é"])
                key = str_lit(key)
            else:
                # Parenthesised: a bare identifier key would be a string key.
                key = "(%s)" % self.expr(kt, ctx, min(d - 1, 1))
            entries.append("%s: %s" % (key, self.expr(vt, ctx, d - 1, typed)))
        return "{%s}" % ", ".join(entries)

    def struct_expr(self, t, ctx, d):
        v = self.var_of(ctx, t)
        if v and (d <= 0 or self.r.chance(0.5)):
            return v.name
        if d > 0 and self.r.chance(0.15):
            c = self.call_of(ctx, t, d)
            if c:
                return c
        fields = self.structs[t[1]]
        order = list(fields)
        if self.r.chance(0.3):
            order.reverse()
        return "%s { %s }" % (t[1], ", ".join("%s: %s" % (fn, self.expr(ft, ctx, d - 1, True)) for fn, ft in order))

    def union_expr(self, t, ctx, d):
        r = self.r
        v = self.var_of(ctx, t)
        if v and (d <= 0 or r.chance(0.5)):
            return v.name
        if d > 0 and r.chance(0.15):
            c = self.call_of(ctx, t, d)
            if c:
                return c
        variants = self.unions[t[1]]
        name, fields = r.pick(variants)
        if d <= 0:
            leaves = [vv for vv in variants if not any(ft == t for _, ft in vv[1])]
            name, fields = r.pick(leaves)
        if not fields:
            return name
        return "%s { %s }" % (name, ", ".join("%s: %s" % (fn, self.expr(ft, ctx, d - 1, True)) for fn, ft in fields))

    def fun_expr(self, t, ctx, d):
        r = self.r
        v = self.var_of(ctx, t)
        if v and r.chance(0.5):
            return v.name
        params, ret = t[1], t[2]
        # Partial application of an earlier function with more parameters.
        if r.chance(0.3):
            for f in self.funcs:
                if f.recursive or f.ret != ret or len(f.params) <= len(params):
                    continue
                extra = len(f.params) - len(params)
                if [pt for _, pt in f.params[extra:]] == list(params) and \
                        f.cost * ctx.mult * 3 + ctx.total_cost() < self.PROGRAM_COST:
                    ctx.add_cost(f.cost * 3)
                    return "%s(%s)" % (f.name, ", ".join(self.expr(pt, ctx, d - 1) for _, pt in f.params[:extra]))
        names = [self.fresh("p") for _ in params]
        inner = ctx.child()
        for n, pt in zip(names, params):
            inner.declare(Var(n, pt, False))
        sig = ", ".join("%s: %s" % (n, tname(pt)) for n, pt in zip(names, params))
        body = self.expr(ret, inner, min(d - 1, 2))
        return "fun(%s): %s => %s" % (sig, tname(ret), body)

    def closure_call(self, t, ctx, d):
        vs = ctx.vars(lambda v: is_fun(v.t) and v.t[2] == t)
        if not vs:
            return None
        v = self.r.pick(vs)
        return "%s(%s)" % (v.name, ", ".join(self.expr(pt, ctx, d - 1, True) for pt in v.t[1]))

    def map_get(self, t, ctx, d):
        vs = ctx.vars(lambda v: is_map(v.t) and v.t[2] == t)
        if not vs:
            return None
        v = self.r.pick(vs)
        return "%s[%s]" % (v.name, self.expr(v.t[1], ctx, d - 1))

    def field_expr(self, t, ctx, d):
        cands = []
        for v in ctx.vars(lambda v: is_struct(v.t)):
            for fn, ft in self.structs[v.t[1]]:
                if ft == t:
                    cands.append("%s.%s" % (v.name, fn))
        if not cands:
            return None
        return self.r.pick(cands)

    def index_expr(self, t, ctx, d):
        """An element of a non-empty list variable of element type t."""
        vs = ctx.vars(lambda v: v.t == List(t) and v.nonempty)
        if vs:
            v = self.r.pick(vs)
            return "%s[%s %% len(%s)]" % (v.name, self.int_expr(ctx, d - 1)[0], v.name)
        vs = ctx.vars(lambda v: v.t == List(List(t)) and v.nonempty)
        if vs:
            v = self.r.pick(vs)
            # Inner lists may be empty: guard with a conditional.
            return None if t not in (INT,) else \
                "(if len(%s[0]) > 0 then %s[0][0] else 0)" % (v.name, v.name)
        return None

    def match_expr(self, t, ctx, d):
        r = self.r
        unions = [v for v in ctx.vars(lambda v: is_union(v.t))]
        if unions and r.chance(0.7):
            v = r.pick(unions)
            cases = []
            variants = self.unions[v.t[1]]
            wild = r.chance(0.3)
            for i, (name, fields) in enumerate(variants):
                if wild and i == len(variants) - 1:
                    cases.append("_ => %s" % self.expr(t, ctx, d - 1))
                    break
                inner = ctx.child()
                binds = []
                for fn, ft in fields:
                    b = self.fresh("m")
                    binds.append(b)
                    inner.declare(Var(b, ft, False))
                pat = name if not fields else "%s(%s)" % (name, ", ".join(binds))
                cases.append("%s => %s" % (pat, self.expr(t, inner, d - 1)))
            if not wild:
                # A match without `_` may match nothing (null, LANGUAGE.md 5.9), so the
                # checker types it `any`, which a typed builtin around it refuses
                # (`denom(r + (match u { V => 1 }))`); the arm after every variant
                # never runs.
                cases.append("_ => %s" % self.expr(t, ctx, d - 1))
            return "(match %s { %s })" % (v.name, " ".join(cases))
        # literal patterns on an int or a string
        if r.chance(0.5):
            subj = self.int_expr(ctx, d - 1)[0]
            lits = sorted(set(r.between(0, 5) for _ in range(3)))
            cases = ["%d => %s" % (x, self.expr(t, ctx, d - 1)) for x in lits]
        else:
            subj = self.string_expr(ctx, d - 1)
            lits = sorted(set(r.pick(["a", "", "héllo", "abc", "日本語"]) for _ in range(3)))
            cases = ["%s => %s" % (str_lit(x), self.expr(t, ctx, d - 1)) for x in lits]
        cases.append("_ => %s" % self.expr(t, ctx, d - 1))
        return "(match %s { %s })" % (subj, " ".join(cases))

    # ------------------------------------------------------------ statements

    def print_stmt(self, ctx, d=3):
        r = self.r
        n = r.weighted([(5, 1), (3, 2), (2, 3)])
        args = []
        for _ in range(n):
            t = self.value_type()
            if is_fun(t):
                t = INT
            args.append(self.expr(t, ctx, d))
        if r.chance(0.08):
            return Line("json(%s)" % args[0])
        if r.chance(0.1):
            return Line("print(%s)" % self.opaque_query(ctx, d))
        return Line("print(%s)" % ", ".join(args))

    def opaque_query(self, ctx, d):
        """A query whose rows are records (printed, never typed by the generator)."""
        r = self.r
        structs = [v for v in ctx.vars(lambda v: is_list(v.t) and is_struct(v.t[1]))]
        x, y = self.fresh("q"), self.fresh("q")
        if structs:
            v = r.pick(structs)
            fields = self.structs[v.t[1][1]]
            f1, ft1 = r.pick(fields)
            f2 = r.pick([fn for fn, ft in fields if ft == ft1])
            kind = r.pick(["plain", "group", "join", "left"])
            if kind == "plain":
                return "from %s in %s sort by %s.%s select { a: %s.%s, b: %s.%s }" % (x, v.name, x, f1, x, f1, x, f2)
            if kind == "group":
                return "from %s in %s group by %s.%s into g select { key: g.key, n: count(g) }" % (x, v.name, x, f1)
            if kind == "left":
                return "from %s in %s left join %s in %s on %s.%s == %s.%s select { l: %s.%s, r: %s }" % (
                    x, v.name, y, v.name, x, f1, y, f2, x, f2, y)
            return "from %s in %s join %s in %s on %s.%s == %s.%s select [%s.%s, %s.%s]" % (
                x, v.name, y, v.name, x, f1, y, f1, x, f2, y, f2)
        a = self.list_expr(List(INT), ctx, d - 1)[0]
        b = self.list_expr(List(STRING), ctx, d - 1)[0]
        return r.pick([
            "from %s in %s from %s in %s where %s %% 2 == 0 select { n: %s, s: %s }" % (x, a, y, b, x, x, y),
            "from %s in %s group by %s %% 3 into g sort by g.key select { k: g.key, items: g.items }" % (x, a, x),
            "from %s in %s outer join %s in %s on %s == len(%s) select [%s, %s]" % (x, a, y, b, x, y, x, y),
            "from %s in %s right join %s in %s on %s == len(%s) select { x: %s, y: %s }" % (x, a, y, b, x, y, x, y),
        ])

    def decl_stmt(self, ctx, d=3):
        r = self.r
        t = self.value_type()
        if r.chance(0.08):
            t = self.fun_type()
        name = self.fresh()
        mutable = r.chance(0.5)
        nonempty = False
        annotate = r.chance(0.5) or is_fun(t) or has_any(t)
        if is_list(t):
            text, nonempty = self.list_expr(t, ctx, d, annotate)
            if text == "[]":
                nonempty = False
        else:
            text = self.expr(t, ctx, d, annotate)
        kw = "var" if mutable else "let"
        line = "%s %s%s = %s" % (kw, name, (": " + tname(t)) if annotate else "", text)
        ctx.declare(Var(name, t, mutable, nonempty))
        return Line(line)

    def assign_stmt(self, ctx, d=3):
        r = self.r
        muts = ctx.vars(lambda v: v.mutable)
        k = r.weighted([(4, "var"), (2, "index"), (2, "map"), (2, "field"), (1, "compound")])
        if k == "var" and muts:
            v = r.pick(muts)
            text, ne = self.capped(v.t, ctx, d)
            if is_list(v.t) and v.nonempty and not ne:
                text = "append(%s, %s)" % (text, self.expr(v.t[1], ctx, 1, True))
            return Line("%s = %s" % (v.name, text))
        if k == "index":
            lists = ctx.vars(lambda v: is_list(v.t) and v.nonempty)
            if lists:
                v = r.pick(lists)
                return Line("%s[%s %% len(%s)] = %s" % (v.name, self.int_expr(ctx, d - 1)[0], v.name,
                                                      self.capped(v.t[1], ctx, d - 1)[0]))
        if k == "map":
            maps = ctx.vars(lambda v: is_map(v.t))
            if maps:
                v = r.pick(maps)
                return Line("%s[%s] = %s" % (v.name, self.expr(v.t[1], ctx, 1), self.capped(v.t[2], ctx, d - 1)[0]))
        if k == "field":
            ss = ctx.vars(lambda v: is_struct(v.t))
            if ss:
                v = r.pick(ss)
                fn, ft = r.pick(self.structs[v.t[1]])
                return Line("%s.%s = %s" % (v.name, fn, self.capped(ft, ctx, d - 1)[0]))
        if k == "compound":
            ints = [v for v in muts if v.t == INT]
            if ints:
                v = r.pick(ints)
                self.helper("add_")
                return Line("%s = add_(%s, %s)" % (v.name, v.name, self.int_expr(ctx, d - 1)[0]))
        return self.print_stmt(ctx)

    def stmts(self, ctx, n, d=3):
        out = []
        for _ in range(n):
            s = self.stmt(ctx, d)
            if isinstance(s, list):
                out.extend(s)
            elif s is not None:
                out.append(s)
        return out

    def stmt(self, ctx, d=3):
        r = self.r
        ctx.add_cost(1)
        deep = ctx.depth >= 3 or ctx.total_cost() > self.PROGRAM_COST // 2
        choices = [(6, "decl"), (5, "print"), (4, "assign"), (2, "if"), (2, "call")]
        if not deep:
            choices += [(2, "for"), (1, "forin"), (1, "while"), (1, "formap"), (1, "forstr")]
        if ctx.loops > 0:
            choices += [(1, "break"), (1, "continue")]
        if ctx.fn is not None:
            choices.append((1, "return"))
        if ctx.fn is None and ctx.depth == 0:
            choices += [(1, "expect"), (1, "update")]
        k = r.weighted(choices)
        if k == "decl":
            return self.decl_stmt(ctx, d)
        if k == "call":
            # A call for its effects (the only way a function without a result runs).
            limit = self.PROGRAM_COST if ctx.fn is None else self.FUNCTION_COST
            cands = [f for f in self.funcs if f.cost * ctx.mult + ctx.total_cost() < limit
                     and (not f.recursive or ctx.mult <= 4)]
            if not cands:
                return self.print_stmt(ctx, d)
            f = r.pick(cands)
            args = []
            for i, (pn, pt) in enumerate(f.params):
                if f.recursive and i == 0:
                    args.append(str(self.r.between(0, f.fuel)))
                else:
                    args.append(self.expr(pt, ctx, d - 1, True))
            ctx.add_cost(f.cost)
            return Line("%s(%s)" % (f.name, ", ".join(args)))
        if k == "print":
            return self.print_stmt(ctx, d)
        if k == "assign":
            return self.assign_stmt(ctx, d)
        if k == "if":
            c = self.bool_expr(ctx, d)
            body = self.stmts(ctx.child(), r.between(1, 3), d)
            if r.chance(0.5):
                return Block(["if %s {" % c, body, "}"])
            if r.chance(0.3):
                c2 = self.bool_expr(ctx, d)
                return Block(["if %s {" % c, body, "} else if %s {" % c2, self.stmts(ctx.child(), r.between(1, 2), d),
                              "} else {", self.stmts(ctx.child(), r.between(1, 2), d), "}"])
            return Block(["if %s {" % c, body, "} else {", self.stmts(ctx.child(), r.between(1, 3), d), "}"])
        if k == "for":
            i = self.fresh("i")
            lo = r.between(-3, 3)
            n = r.between(0, 6)
            inner = ctx.child(loop=True, times=max(n, 1))
            inner.declare(Var(i, INT, False))
            body = self.loop_body(inner, d)
            hi = "%s" % int_lit(lo + n) if r.chance(0.7) else "%s + %d" % (int_lit(lo), n)
            return Block(["for %s in %s..%s {" % (i, int_lit(lo), hi), body, "}"])
        if k == "forin":
            t = List(self.elem_type())
            src, _ = self.list_expr(t, ctx, 2)
            x = self.fresh("e")
            inner = ctx.child(loop=True, times=5)
            inner.declare(Var(x, t[1], False))
            return Block(["for %s in %s {" % (x, src), self.loop_body(inner, d), "}"])
        if k == "formap":
            t = Map(r.pick([STRING, INT]), INT)
            src = self.map_expr(t, ctx, 2)
            x = self.fresh("k")
            inner = ctx.child(loop=True, times=4)
            inner.declare(Var(x, t[1], False))
            return Block(["for %s in %s {" % (x, src), self.loop_body(inner, d), "}"])
        if k == "forstr":
            src = self.string_expr(ctx, 2)
            x = self.fresh("c")
            inner = ctx.child(loop=True, times=6)
            inner.declare(Var(x, STRING, False, nonempty=True))
            return Block(["for %s in %s {" % (x, src), self.loop_body(inner, d), "}"])
        if k == "while":
            w = self.fresh("w")
            n = r.between(0, 6)
            inner = ctx.child(loop=True, times=max(n, 1))
            # The counter moves first, so `continue` cannot skip it; the minimiser
            # keeps it (pinned), so no reduced program loops forever.
            step = Line("%s = %s + 1" % (w, w), pinned=True)
            body = [step] + self.loop_body(inner, d)
            ctx.declare(Var(w, INT, False))
            return [Line("var %s = 0" % w), Block(["while %s < %d {" % (w, n), body, "}"])]
        if k == "break":
            return Block(["if %s {" % self.bool_expr(ctx, 1), [Line("break")], "}"])
        if k == "continue":
            return Block(["if %s {" % self.bool_expr(ctx, 1), [Line("continue")], "}"])
        if k == "return":
            f = ctx.fn
            ret = "return" if f.ret is None else "return %s" % self.capped(f.ret, ctx, d)[0]
            return Block(["if %s {" % self.bool_expr(ctx, 1), [Line(ret)], "}"])
        if k == "expect":
            return Line("expect %s" % self.bool_expr(ctx, 2)) if r.chance(0.05) else \
                Line("expect %s == %s" % ((lambda e: (e, e))(self.int_expr(ctx, 1)[0])))
        if k == "update":
            ss = ctx.vars(lambda v: is_list(v.t) and is_struct(v.t[1]))
            if ss:
                v = r.pick(ss)
                fields = self.structs[v.t[1][1]]
                ints = [fn for fn, ft in fields if ft == INT]
                if ints:
                    f = r.pick(ints)
                    self.helper("small_")
                    return Line("update %s set { %s: small_(%s + 1) } where %s %% 2 == 0" % (v.name, f, f, f))
            return self.print_stmt(ctx, d)
        return self.print_stmt(ctx, d)

    def loop_body(self, ctx, d):
        out = []
        for _ in range(self.r.between(1, 3)):
            s = self.stmt(ctx, d - 1 if d > 2 else d)
            if isinstance(s, list):
                out.extend(s)
            elif s is not None:
                out.append(s)
        return out

    # ------------------------------------------------------------ declarations

    def gen_types(self):
        r = self.r
        out = []
        for k in range(r.between(0, 2)):
            name = "S%d" % k
            nf = r.between(1, 4)
            fields = []
            for j in range(nf):
                ft = r.pick([INT, INT, STRING, FLOAT, BOOL, List(INT), BIGINT])
                fields.append(("f%d" % j, ft))
            self.structs[name] = fields
            sep = r.pick([", ", "\n  "])
            if sep == ", ":
                out.append(Line("type %s { %s }" % (name, ", ".join("%s: %s" % (f, tname(t)) for f, t in fields))))
            else:
                out.append(Line("type %s {\n  %s\n}" % (name, "\n  ".join("%s: %s" % (f, tname(t)) for f, t in fields))))
        for k in range(r.between(0, 2)):
            name = "U%d" % k
            t = ("union", name)
            variants = []
            for j in range(r.between(1, 4)):
                fs = []
                for m in range(r.between(0, 3)):
                    ft = r.pick([INT, STRING, FLOAT, t] if j > 0 else [INT, STRING, FLOAT])
                    fs.append(("x%d" % m, ft))
                variants.append(("V%d_%d" % (k, j), fs))
            self.unions[name] = variants

            def vtext(v):
                return v[0] if not v[1] else "%s(%s)" % (v[0], ", ".join("%s: %s" % (f, tname(ft)) for f, ft in v[1]))
            out.append(Line("type %s = %s" % (name, " | ".join(vtext(v) for v in variants))))
        return out

    def gen_function(self, globals_ctx):
        r = self.r
        name = self.fresh("f")
        kind = r.weighted([(6, "plain"), (2, "rec"), (1, "higher")])
        params = []
        ctx = Ctx([dict(globals_ctx.frames[0])] + [{}])
        if kind == "rec":
            params.append(("n", INT))
        if kind == "higher":
            ft = self.fun_type()
            params.append((self.fresh("h"), ft))
        for _ in range(r.between(0 if params else 1, 3)):
            params.append((self.fresh("a"), self.value_type()))
        ret = None if r.chance(0.15) else self.value_type()
        if is_fun(ret):
            ret = INT
        sig = FunSig(name, params, ret, 0, recursive=(kind == "rec"))
        ctx.fn = sig
        for pn, pt in params:
            ctx.declare(Var(pn, pt, False))
        body = []
        if kind == "rec":
            sig.fuel = r.pick([3, 5, 8, 10, 30, 200, 2000]) if True else 5
            ctx.root.selfcalls = 1 if sig.fuel > 10 else 2
            base = "return" if ret is None else "return %s" % self.expr(ret, ctx, 1, True)
            body.append(Block(["if n <= 0 {", [Line(base, pinned=True)], "}"], pinned=True))
        if kind == "higher":
            hn, ht = params[0]
            args = ", ".join(self.expr(pt, ctx, 1) for pt in ht[1])
            tmp = self.fresh()
            ctx.declare(Var(tmp, ht[2], False))
            body.append(Line("let %s = %s(%s)" % (tmp, hn, args)))
        nested = None
        if kind == "plain" and r.chance(0.25):
            # A nested function closing over the parameters, called from the body.
            nested = self.fresh("n")
            nps = [(self.fresh("p"), r.pick([INT, STRING])) for _ in range(r.between(1, 2))]
            nret = r.pick([INT, STRING, BOOL])
            inner = ctx.child()
            for pn, pt in nps:
                inner.declare(Var(pn, pt, False))
            before = ctx.total_cost()
            e = self.expr(nret, inner, 2, True)
            body.append(Line("fun %s(%s): %s {\n  return %s\n}" % (
                nested, ", ".join("%s: %s" % (pn, tname(pt)) for pn, pt in nps), tname(nret), e)))
            nsig = FunSig(nested, nps, nret, 2 + ctx.total_cost() - before)
            self.funcs.append(nsig)
        if kind == "rec" and sig.fuel > 10:
            # Deep linear recursion: one self call, straight-line body.
            body += self.stmts_nonloop(ctx, r.between(1, 3))
        else:
            for s in self.stmts(ctx, r.between(2, 6)):
                if isinstance(s, list):
                    body.extend(s)
                else:
                    body.append(s)
        if ret is not None:
            body.append(Line("return %s" % self.capped(ret, ctx, 3)[0], pinned=True))
        if nested is not None:
            self.funcs.remove(nsig)
        elif kind == "rec" and ctx.root.selfcalls > 0:
            body.append(Line("%s(n - 1%s)" % (name, "".join(", " + self.capped(pt, ctx, 1)[0] for _, pt in params[1:]))))
        body_cost = max(ctx.cost, 1)
        if kind == "rec":
            fanout = 2 - ctx.root.selfcalls if sig.fuel <= 10 else 1
            calls = (2 ** min(sig.fuel, 12)) if fanout >= 2 else sig.fuel
            sig.cost = body_cost * calls + 1
            if sig.cost > self.PROGRAM_COST:
                sig.fuel = min(sig.fuel, 6)
                sig.cost = body_cost * (2 ** sig.fuel) + 1
        else:
            sig.cost = body_cost + 1
        plist = ", ".join("%s: %s" % (pn, tname(pt)) for pn, pt in params)
        head = "fun %s(%s)%s {" % (name, plist, "" if ret is None else ": " + tname(ret))
        self.funcs.append(sig)
        return Block([head, body, "}"], pinned=False)

    def stmts_nonloop(self, ctx, n):
        out = []
        for _ in range(n):
            k = self.r.pick(["decl", "print", "assign"])
            out.append(getattr(self, k + "_stmt")(ctx, 2))
        return out

    def error_stmt(self, ctx):
        """A statement that fails at run time on purpose."""
        r = self.r
        k = r.pick(["overflow", "divzero", "index", "cast", "expect", "error", "stack", "modzero", "fdivzero",
                    "strindex", "negmin", "mulover"])
        v = self.fresh()
        if k == "overflow":
            return Line("let %s = %s\nprint(%s + %s)" % (v, int_lit(r.pick([INT_MAX, INT_MAX - 3])), v, r.between(4, 100)))
        if k == "mulover":
            return Line("let %s = 3037000500\nprint(%s * %s)" % (v, v, v))
        if k == "negmin":
            return Line("let %s = %s\nprint(-%s)" % (v, int_lit(INT_MIN), v))
        if k == "divzero":
            return Line("let %s = %d - %d\nprint(%d / %s)" % (v, 3, 3, r.between(-9, 9), v))
        if k == "modzero":
            return Line("let %s = 0\nprint(%s %% %s)" % (v, int_lit(r.pick([7, -7, INT_MIN])), v))
        if k == "fdivzero":
            return Line("let %s = 0.0\nprint(%s / %s)" % (v, self.float_lit(), v))
        if k == "index":
            return Line("let %s = [1, 2, 3]\nprint(%s[%d])" % (v, v, r.pick([3, -4, 100, INT_MAX])))
        if k == "strindex":
            return Line("let %s = \"héllo\"\nprint(%s[%d])" % (v, v, r.pick([5, -6, 99])))
        if k == "cast":
            return Line("print(%s as int)" % str_lit(r.pick(["x", "1.5", "", "12a", "99999999999999999999"])))
        if k == "expect":
            return Line("expect %s" % r.pick(["1 == 2", "len(\"é\") == 2", "false"]))
        if k == "error":
            return Line("%s(%s)" % (r.pick(["error", "panic"]), str_lit(r.pick(["boom", "héllo wörld", "a\tb"]))))
        return Line("fun %s(n: int): int {\n  if n == 0 { return 0 }\n  return %s(n - 1) + 1\n}\nprint(%s(1000000))"
                    % (v, v, v))

    def program(self):
        r = self.r
        nodes = []
        nodes += self.gen_types()
        top = Ctx([{}])
        prelude = [Line("let INF_ = 1e308 * 10.0"), Line("let NAN_ = INF_ - INF_"), Line("let NEGZERO_ = -0.0")]
        for v in ("INF_", "NAN_", "NEGZERO_"):
            top.declare(Var(v, FLOAT, False))
        # Globals visible to every function: a few declared up front.
        globs = []
        for _ in range(r.between(1, 4)):
            s = self.decl_stmt(top, 2)
            globs.append(s)
        nodes += prelude + globs
        error_at = r.below(self.size) if r.chance(0.15) else -1
        for k in range(self.size):
            if r.chance(0.3):
                nodes.append(self.gen_function(top))
            s = self.stmt(top, 3)
            if isinstance(s, list):
                nodes.extend(s)
            elif s is not None:
                nodes.append(s)
            if k == error_at:
                nodes.append(self.error_stmt(top))
        # A closing print of every top-level variable, so wrong values show.
        finals = [v for v in top.vars() if not is_fun(v.t) and not v.name.endswith("_")]
        for v in finals[-6:]:
            nodes.append(Line("print(%s)" % v.name))
        helpers = [Line(self.HELPER_SOURCE[h]) for h in sorted(self.helpers)]
        return Program(helpers + nodes, self.seed)


def generate(seed, size=None):
    return Generator(seed, size).program()


def main(argv):
    seed, size = 1, None
    for a in argv:
        if a.startswith("--seed="):
            seed = int(a.split("=", 1)[1], 0)
        elif a.startswith("--size="):
            size = int(a.split("=", 1)[1])
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            print("mochigen: unknown argument '%s'" % a, file=sys.stderr)
            return 2
    sys.stdout.write(generate(seed, size).render())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
