// libFuzzer target `mochi-source` (scripts/fuzz): the front end on arbitrary bytes.
// Every input is compiled as `mochi-ir` compiles a program (parse, type-check and
// lower, then the -O1 passes). A rejected input must come with a diagnostic; an
// accepted one must verify before and after the passes and survive the binary
// round trip unchanged. A trap, sanitizer report or failed check is a bug, and
// libFuzzer keeps the input.

import MochiFrontend
import MochiIR
import MochiPasses

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = compileMochi(source: bytes, fileName: "fuzz.mochi")
    guard let m = result.module else {
        precondition(!result.diagnostics.isEmpty, "rejected without a diagnostic")
        return 0
    }
    let lowered = verify(m)
    precondition(lowered.isEmpty, "the lowered program does not verify: \(lowered[0])")
    optimize(m, level: .O1, printAfter: nil, dump: { _ in })
    let optimised = verify(m)
    precondition(optimised.isEmpty, "the optimised program does not verify: \(optimised[0])")
    let text = printModule(m)
    guard let back = try? decodeBinary(encodeBinary(m)) else { preconditionFailure("its binary form does not decode") }
    precondition(printModule(back) == text, "the binary round trip changed the module")
    return 0
}
