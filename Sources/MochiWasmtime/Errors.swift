// Wasmtime's errors and traps as Swift errors.
//
// Every `wasmtime_error_t *` and `wasm_trap_t *` the C API hands back is turned
// into a value here and deleted at once, so no C object outlives the call that
// produced it. A trap keeps Wasmtime's message, its trap code when it is an
// instruction trap, and the frames of its backtrace with the function names the
// module's `name` section gives (Mochi modules name their functions after the
// Mochi functions), so a trap can be reported as "in function 'fib'". A WASI
// `proc_exit(n)` reaches the host as an error carrying an exit status; it
// becomes `.exit(n)`, which a runner turns into the process status, not a failure.

/// Why an instruction trapped (`wasmtime_trap_code_t`, wasmtime/trap.h).
public enum TrapCode: UInt8, Sendable {
    case stackOverflow = 0
    case memoryOutOfBounds = 1
    case heapMisaligned = 2
    case tableOutOfBounds = 3
    case indirectCallToNull = 4
    case badSignature = 5
    case integerOverflow = 6
    case integerDivisionByZero = 7
    case badConversionToInteger = 8
    case unreachableCodeReached = 9
    case interrupt = 10
    case outOfFuel = 11
    case atomicWaitNonSharedMemory = 12
    case nullReference = 13
    case arrayOutOfBounds = 14
    case allocationTooLarge = 15
    case castFailure = 16
    case cannotEnterComponent = 17
    case noAsyncResult = 18
    case unhandledTag = 19
    case continuationAlreadyConsumed = 20
    case disabledOpcode = 21
    case asyncDeadlock = 22
    case cannotLeaveComponent = 23
}

/// One frame of a trap's backtrace, innermost first.
public struct TrapFrame: Equatable, Sendable {
    /// The function's index in the module's function index space.
    public var functionIndex: UInt32
    /// Its name from the module's `name` section, when the module has one.
    public var functionName: String?
    /// Byte offset of the trapping instruction in the module.
    public var moduleOffset: Int

    /// `'name'`, or `#index` for an unnamed function.
    public var displayName: String { functionName.map { "'\($0)'" } ?? "#\(functionIndex)" }
}

/// A WebAssembly trap: Wasmtime's message, the trap code, the backtrace.
public struct Trap: Error, Equatable, Sendable, CustomStringConvertible {
    /// Wasmtime's message on one line, without the backtrace ("wasm trap: integer divide by zero").
    public var message: String
    public var code: TrapCode?
    public var frames: [TrapFrame]

    /// The innermost function with a name: where a Mochi program failed.
    public var function: TrapFrame? { frames.first }

    /// One line: the message and the function it happened in.
    public var description: String {
        guard let f = function else { return message }
        return "\(message) (in function \(f.displayName))"
    }
}

public enum WasmtimeError: Error, Equatable, CustomStringConvertible {
    /// The library is missing, unloadable, of another version, or lacks a symbol.
    case library(String)
    /// Wasmtime refused something (validation, compilation, linking,
    /// instantiation, a host-side failure); its own message.
    case wasmtime(String)
    /// A `.cwasm` this library and configuration cannot load: which, and what to do.
    case incompatible(String)
    /// The module trapped.
    case trap(Trap)
    /// The module called WASI `proc_exit(status)`.
    case exit(Int32)
    /// The embedding was used wrongly (wrong argument types, missing export).
    case usage(String)
    /// A sandbox limit was reached (fuel, deadline, memory).
    case limit(String)

    public var description: String {
        switch self {
        case .library(let m), .wasmtime(let m), .incompatible(let m), .usage(let m), .limit(let m): return m
        case .trap(let t): return t.description
        case .exit(let s): return "exited with status \(s)"
        }
    }
}

extension CAPI {
    /// Consumes a `wasmtime_error_t *`: the exit status of a WASI exit, else
    /// the message (with the backtrace's innermost named function when there is one).
    func consume(error: OpaquePointer) -> WasmtimeError {
        defer { wasmtime_error_delete(error) }
        var status: Int32 = 0
        if wasmtime_error_exit_status(error, &status) { return .exit(status) }
        var msg = CByteVec()
        wasmtime_error_message(error, &msg)
        let text = oneLine(String(decoding: take(&msg), as: UTF8.self))
        var trace = CPointerVec()
        wasmtime_error_wasm_trace(error, &trace)
        let frames = self.frames(&trace)
        if !frames.isEmpty { return .trap(Trap(message: text, code: nil, frames: frames)) }
        return .wasmtime(text)
    }

    /// Consumes a `wasm_trap_t *`.
    func consume(trap: OpaquePointer) -> Trap {
        defer { wasm_trap_delete(trap) }
        var msg = CByteVec()
        wasm_trap_message(trap, &msg)
        var bytes = take(&msg)
        while bytes.last == 0 { bytes.removeLast() } // wasm_message_t counts its NUL
        var raw: UInt8 = 0
        let code = wasmtime_trap_code(trap, &raw) ? TrapCode(rawValue: raw) : nil
        var trace = CPointerVec()
        wasm_trap_trace(trap, &trace)
        return Trap(message: oneLine(String(decoding: bytes, as: UTF8.self)), code: code, frames: frames(&trace))
    }

    /// The frames of a `wasm_frame_vec_t`, which is deleted.
    func frames(_ vec: inout CPointerVec) -> [TrapFrame] {
        defer { wasm_frame_vec_delete(&vec) }
        guard let data = vec.data else { return [] }
        var out: [TrapFrame] = []
        for i in 0..<vec.size {
            guard let f = data[i] else { continue }
            out.append(TrapFrame(functionIndex: wasm_frame_func_index(f), functionName: string(wasmtime_frame_func_name(f)),
                                 moduleOffset: wasm_frame_module_offset(f)))
        }
        return out
    }

    /// Throws the error a C call returned, if any.
    func check(_ error: OpaquePointer?) throws {
        if let e = error { throw consume(error: e) }
    }
}
