// libFuzzer entry point for the Wasm reader (target `wasm` of scripts/fuzz, not built by
// SwiftPM): every input must be rejected with a WasmReadError or read into a module
// that encodes, re-reads to the same bytes, prints and annotates. Any trap, sanitizer
// report or precondition failure is a bug, and libFuzzer saves the input.

@testable import MochiWasm

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let m = try? readWasmModule(bytes) {
        guard let again = try? encodeWasmModule(m) else { preconditionFailure("a module the reader accepted does not encode") }
        guard let reread = try? readWasmModule(again), let third = try? encodeWasmModule(reread) else {
            preconditionFailure("the encoding of a module the reader accepted does not read back")
        }
        precondition(third == again, "re-reading changed the module")
        _ = WATPrinter(m).moduleText()
    }
    _ = annotateWasmModule(bytes)
    return 0
}
