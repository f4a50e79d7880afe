// Where x86-64 code lands relative to 64-byte lines: each function starts on a
// line, and so does each loop header (the start of a block that a later branch
// jumps back to), the gap before it filled with multi-byte NOPs that run once
// when the code before falls through into the loop, never inside it. Eager
// (Compiler.swift) and on-demand (Tiers.swift) layouts both place code this
// way, so a loop sits at the same offsets within its lines however its
// function came to be compiled. Before, an eagerly laid out function started
// wherever the one before it ended and a lazily compiled one on a fresh line,
// and a hot loop could span a line more in one mode than in the other: nsieve
// 10's inner loop (in @nsieve when tiered, inlined into @main when eager) ran
// 1.11x slower tiered with the same instructions executed. Headers on 32-byte
// boundaries instead fixed nsieve but made prime_count's divide loop span four
// lines instead of three (1.29x slower in both modes).

enum CodePlacement {
    /// A function's first byte is a multiple of this.
    static let functionAlignment = 64
    /// A loop header's first byte is a multiple of this.
    static let loopAlignment = 64

    /// Per instruction of `insts`: whether it is a loop header, the start of
    /// a block (`blockStart`) that a branch at or after it jumps back to. (A
    /// slow path laid out after the function's end also jumps back, to the
    /// middle of a block: padding there would run on every iteration of the
    /// loop around it.) Nil when there is none.
    static func loopHeaders(_ insts: UnsafeBufferPointer<JInst>, blockStart: [Int32]) -> [Bool]? {
        let n = insts.count
        var loops = false
        for k in 0..<n {
            let t = Int(insts[k].target)
            if t >= 0 && t <= k { loops = true; break }
        }
        guard loops else { return nil }
        // Per instruction: 1 a branch jumps back to it, 2 that and a block starts there.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { mark -> [Bool]? in
            mark.initialize(repeating: 0)
            for k in 0..<n {
                let t = Int(insts[k].target)
                if t >= 0 && t <= k { mark[t] = 1 }
            }
            var any = false
            for s in blockStart where s >= 0 && Int(s) < n && mark[Int(s)] != 0 {
                mark[Int(s)] = 2
                any = true
            }
            guard any else { return nil }
            var headers = [Bool](repeating: false, count: n)
            for k in 0..<n where mark[k] == 2 { headers[k] = true }
            return headers
        }
    }

    /// `offset` moved up to the next multiple of `alignment` (a power of two).
    @inline(__always)
    static func align(_ offset: Int, _ alignment: Int) -> Int { (offset + alignment - 1) & ~(alignment - 1) }

    /// Fills `count` bytes at `at` with x86-64 NOPs, as few as the recommended
    /// forms allow (the longest, 0f 1f with a 66 prefix, is 9 bytes).
    static func fillNops(_ at: UnsafeMutableRawPointer, count: Int) {
        var p = at, left = count
        while left > 0 {
            let n = min(left, 9)
            let form = nops[n]
            for (k, b) in form.enumerated() { p.storeBytes(of: b, toByteOffset: k, as: UInt8.self) }
            p += n
            left -= n
        }
    }

    /// The recommended x86-64 NOP of each length, 1 to 9 bytes.
    private static let nops: [[UInt8]] = [
        [],
        [0x90],
        [0x66, 0x90],
        [0x0f, 0x1f, 0x00],
        [0x0f, 0x1f, 0x40, 0x00],
        [0x0f, 0x1f, 0x44, 0x00, 0x00],
        [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
        [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
        [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
        [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    ]
}
