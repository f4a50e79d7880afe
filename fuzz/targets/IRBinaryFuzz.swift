// libFuzzer target `ir-binary` (scripts/fuzz): the binary IR reader and the
// verifier on arbitrary bytes, with a structure-aware mutator (IRMutator.swift)
// beside libFuzzer's byte mutations, so edited modules reach the verifier and the
// passes. Decoding must throw or give a module that prints; a module that verifies
// must re-encode to the same bytes (the encoding is canonical), print and parse
// back, and stay valid through the -O1 passes. The fast verifier may only accept
// a function the full verifier accepts.

@testable import MochiIR
import MochiPasses

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let m = try? decodeBinary(bytes) else { return 0 }
    if verify(m).isEmpty {
        let once = encodeBinary(m)
        guard let again = try? decodeBinary(once) else { preconditionFailure("the encoding of a valid module does not decode") }
        precondition(encodeBinary(again) == once, "encoding a valid module is not canonical")
    }
    checkParsedModule(m)
    return 0
}

@_cdecl("LLVMFuzzerCustomMutator")
public func customMutator(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    mutateIRInput(data, size, maxSize, seed)
}
