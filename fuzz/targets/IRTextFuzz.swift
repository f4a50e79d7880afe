// libFuzzer target `ir-text` (scripts/fuzz): the IR text parser, the verifier and
// the passes on arbitrary text. Parsing must throw or give a module that prints;
// a module that verifies must print canonically (print, parse, print is the
// identity), round-trip through the binary form, and stay valid through the -O1
// passes, as `mochi-ir FILE.mir` runs them. The fast verifier may only accept a
// function the full verifier accepts.

@testable import MochiIR
import MochiPasses

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let m = try? parseModule(bytes: bytes) else { return 0 }
    checkParsedModule(m)
    return 0
}
