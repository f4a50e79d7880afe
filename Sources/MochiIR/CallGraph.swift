// The direct-call graph of a module, for passes and backends that treat recursion
// specially (generated C probes the stack only at calls that may recurse).

extension Module {
    /// For each function (by index), whether it is in a cycle of direct calls: a
    /// strongly connected component of the `call` graph with two or more members, or a
    /// function that calls itself. Closure calls are not edges (a backend treats every
    /// closure call, or every function made into a closure, as it needs).
    public func directCallCycles() -> [Bool] {
        let symbols = symbolIndex()
        let n = functions.count
        var edges: [[Int]] = Array(repeating: [], count: n)
        var result = Array(repeating: false, count: n)
        for (i, f) in functions.enumerated() {
            for inst in f.insts where inst.op == .call {
                guard case .function(let name) = inst.imm, let fi = symbols.functions[name] else { continue }
                edges[i].append(fi)
            }
        }
        // Tarjan's algorithm, iterative (deep call chains must not overflow this stack).
        var index = Array(repeating: -1, count: n), low = Array(repeating: 0, count: n)
        var onStack = Array(repeating: false, count: n)
        var stack: [Int] = []
        var counter = 0
        for root in 0..<n where index[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let top = work.last {
                let v = top.node
                if top.next < edges[v].count {
                    work[work.count - 1].next += 1
                    let w = edges[v][top.next]
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[v]) }
                if low[v] == index[v] {
                    var members: [Int] = []
                    while true {
                        let w = stack.removeLast()
                        onStack[w] = false
                        members.append(w)
                        if w == v { break }
                    }
                    if members.count > 1 || edges[v].contains(v) {
                        for m in members { result[m] = true }
                    }
                }
            }
        }
        return result
    }
}
