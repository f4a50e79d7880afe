// The programs that exercise every family of JIT ops (integers, calls and
// loops; floats and libm; strings, lists and maps; structs, unions, closures and
// queries; unboxing), shared by the in-process JIT's tests (JITTests) and the
// AArch64 image's (AArch64Tests), so both backends run the same texts.

enum OpFamilyPrograms {
    static let integersCallsAndLoops = """
        fun fib(n: int): int {
          if n < 2 { return n }
          return fib(n - 1) + fib(n - 2)
        }
        var total = 0
        for i in 0..100 { total = total + i * 3 - i / 2 + i % 7 }
        print(fib(20), total, -total)
        var x = 1
        while x < 1000 { x = x * 2 }
        print(x, x == 1024, x != 3, x >= 1024, !(x < 3))
        """

    static let floatsAndMath = """
        import python "math" as math
        extern fun math.sqrt(x: float): float
        extern fun math.pow(x: float, y: float): float
        extern fun math.floor(x: float): float
        var s = 0.0
        for i in 1..50 { s = s + 1.0 / (i as float) }
        print(s, -s, s * 2.5, s - 1.0, s > 4.0)
        print(math.sqrt(2.0), math.pow(2.0, 10.0), math.floor(3.7))
        print(int(7.9), float(3) / 2.0)
        """

    static let stringsListsMaps = """
        let s = "hello, world"
        print(len(s), s[0], s[1:5], upper(s), s + "!", "lo" in s)
        var xs = [3, 1, 2]
        xs = append(xs, 10)
        xs[0] = 7
        print(xs, len(xs), xs[1], sum(xs), min(xs), max(xs), reverse(xs))
        var m = {"a": 1, "b": 2}
        m["c"] = 3
        print(m, len(m), m["b"], "a" in m, keys(m), values(m))
        let words = ["x", "yy", "zzz"]
        print(join(words, "-"), str(xs), json(m))
        """

    static let structsUnionsClosuresQueries = """
        type Point { x: int, y: int }
        type Shape = Circle(r: float) | Rect(w: float, h: float)
        fun area(s: Shape): float {
          return match s {
            Circle(r) => 3.0 * r * r
            Rect(w, h) => w * h
          }
        }
        fun adder(k: int): fun(int): int { return fun(x: int): int => x + k }
        var p = Point { x: 1, y: 2 }
        p.x = 5
        print(p, p.x + p.y)
        print(area(Circle { r: 2.0 }), area(Rect { w: 2.0, h: 3.0 }))
        let add5 = adder(5)
        print(add5(10))
        let people = [{"name": "a", "age": 30}, {"name": "b", "age": 20}, {"name": "c", "age": 30}]
        let groups = from p in people group by p["age"] into g select { "age": g.key, "n": count(g) }
        print(groups)
        let sorted = from p in people sort by p["name"] select p["name"]
        print(sorted)
        """

    static let unboxConvertsRepresentations = """
        var m = {} as map<string, int>
        m["a"] = 1
        m["b"] = m["a"] + 41
        print(m, m["b"] * 2)
        let xs = [1, 2, 3] as list<any>
        print(xs, len(xs))
        """

    static let all = [integersCallsAndLoops, floatsAndMath, stringsListsMaps, structsUnionsClosuresQueries,
                  unboxConvertsRepresentations]
}
