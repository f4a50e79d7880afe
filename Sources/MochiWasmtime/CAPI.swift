// The slice of Wasmtime's C API this embedding calls, declared by hand: the
// `wasmtime` wheel ships `_libwasmtime.so` without headers, and the library is
// opened with dlopen at run time so nothing links against it.
//
// Every declaration mirrors crates/c-api/include (wasm.h, wasmtime/*.h) of
// Wasmtime 51, the version the pinned wheel holds. The value-carrying structs
// are laid out here byte for byte as C lays them out on a 64-bit target; their
// private fields are kept as opaque words because only Wasmtime interprets them.
// LayoutTests checks these sizes and offsets, and checks against the loaded
// library that it writes exactly these sizes (canary bytes past each struct).
// Owned pointers (engine, store, module, linker, errors, traps, types) are
// `OpaquePointer`s whose owner is a Swift class with a `deinit`.

#if canImport(Glibc)
import Glibc
#endif

/// `wasm_byte_vec_t` / `wasm_name_t` / `wasm_message_t`: `{ size_t size; wasm_byte_t *data; }`.
struct CByteVec {
    var size: Int = 0
    var data: UnsafeMutablePointer<UInt8>? = nil
}

/// Every `wasm_*_vec_t` of pointers (`wasm_valtype_vec_t`, `wasm_frame_vec_t`,
/// `wasm_exporttype_vec_t`, `wasm_importtype_vec_t`): `{ size_t size; T **data; }`.
struct CPointerVec {
    var size: Int = 0
    var data: UnsafeMutablePointer<OpaquePointer?>? = nil
}

/// `wasmtime_func_t`: `{ uint64_t store_id; size_t __private; }` (16 bytes).
struct CFunc {
    var storeID: UInt64 = 0
    var opaque: UInt64 = 0
}

/// `wasmtime_instance_t`: `{ uint64_t store_id; size_t __private; }` (16 bytes).
struct CInstance {
    var storeID: UInt64 = 0
    var opaque: UInt64 = 0
}

/// `wasmtime_memory_t`: `{ struct { uint64_t store_id; uint32_t __private1; }; uint32_t __private2; }`.
/// The inner struct is padded to 16 bytes, so `__private2` sits at offset 16 and
/// the whole is 24 bytes: three opaque words, not `{u64, u32, u32}` (16 bytes).
struct CMemory {
    var storeID: UInt64 = 0
    var opaque1: UInt64 = 0
    var opaque2: UInt64 = 0
}

/// `wasmtime_extern_t`: `{ uint8_t kind; wasmtime_extern_union_t of; }`. The
/// union's largest members (`wasmtime_memory_t`, `wasmtime_table_t`,
/// `wasmtime_global_t`, `wasmtime_tag_t`) are 24 bytes with 8-byte alignment,
/// so `of` is at offset 8 and the struct is 32 bytes.
struct CExtern {
    var kind: UInt8 = 0
    var of: (UInt64, UInt64, UInt64) = (0, 0, 0)
}

/// `wasmtime_val_t`: `{ uint8_t kind; wasmtime_valunion_t of; }`. The union's
/// largest members are the GC references (`{ uint64_t store_id; uint32_t;
/// uint32_t; void *; }`, 24 bytes, 8-aligned), so `of` is at offset 8 and the
/// struct is 32 bytes. Numbers are stored little-endian at the start of `of`.
struct CVal {
    var kind: UInt8 = 0
    var of: (UInt64, UInt64, UInt64) = (0, 0, 0)
}

/// `wasmtime_valtype_t` (wasmtime/types/val.h): `{ uint8_t kind; wasmtime_reftype_t
/// reftype; }` where `wasmtime_reftype_t` is `{ bool nullable; wasmtime_heaptype_t
/// heaptype; }` and `wasmtime_heaptype_t` is `{ uint8_t kind; union { pointers } of; }`:
/// kind at 0, nullable at 8, the heap type's kind at 16, its payload at 24; 32 bytes.
/// The only safe way to learn a GC reference type: `wasm_valtype_kind` aborts the
/// process on any reference type other than externref and funcref.
struct CValType {
    var kind: UInt8 = 0
    var words: (UInt64, UInt64, UInt64) = (0, 0, 0)

    var heapTypeKind: UInt8 { UInt8(truncatingIfNeeded: words.1) }
}

/// `wasmtime_extern_kind_t` values (wasmtime/extern.h).
enum CExternKind {
    static let function: UInt8 = 0
    static let global: UInt8 = 1
    static let table: UInt8 = 2
    static let memory: UInt8 = 3
    static let sharedMemory: UInt8 = 4
    static let tag: UInt8 = 5
}

/// `wasmtime_valkind_t` values (wasmtime/val.h).
enum CValKind {
    static let i32: UInt8 = 0
    static let i64: UInt8 = 1
    static let f32: UInt8 = 2
    static let f64: UInt8 = 3
    static let v128: UInt8 = 4
    static let funcref: UInt8 = 5
    static let externref: UInt8 = 6
    static let anyref: UInt8 = 7
    static let exnref: UInt8 = 8
}

/// `wasm_valkind_t` values (wasm.h), used to build function types.
enum CWasmValKind {
    static let i32: UInt8 = 0
    static let i64: UInt8 = 1
    static let f32: UInt8 = 2
    static let f64: UInt8 = 3
    static let externref: UInt8 = 128
    static let funcref: UInt8 = 129
}

/// `wasm_externkind_t` values (wasm.h), what `wasm_externtype_kind` returns.
enum CWasmExternKind {
    static let function: UInt8 = 0
    static let global: UInt8 = 1
    static let table: UInt8 = 2
    static let memory: UInt8 = 3
    static let tag: UInt8 = 4
}

typealias CFinalizer = @convention(c) (UnsafeMutableRawPointer?) -> Void
/// `wasmtime_func_callback_t`: (env, caller, args, nargs, results, nresults) -> trap or NULL.
typealias CHostCallback = @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafeRawPointer?, Int,
                                          UnsafeMutableRawPointer?, Int) -> OpaquePointer?

/// The resolved entry points. One instance per loaded library; every wrapper
/// holds a reference to it (through its engine), so the library stays open as
/// long as anything made by it lives.
final class CAPI {
    // config.h / engine.h
    let wasm_config_new: @convention(c) () -> OpaquePointer?
    let wasm_config_delete: @convention(c) (OpaquePointer) -> Void
    let wasm_engine_new_with_config: @convention(c) (OpaquePointer) -> OpaquePointer?
    let wasm_engine_delete: @convention(c) (OpaquePointer) -> Void
    let wasmtime_engine_increment_epoch: @convention(c) (OpaquePointer) -> Void
    let wasmtime_config_wasm_gc_set: @convention(c) (OpaquePointer, Bool) -> Void
    let wasmtime_config_wasm_function_references_set: @convention(c) (OpaquePointer, Bool) -> Void
    let wasmtime_config_wasm_reference_types_set: @convention(c) (OpaquePointer, Bool) -> Void
    let wasmtime_config_wasm_tail_call_set: @convention(c) (OpaquePointer, Bool) -> Void
    let wasmtime_config_consume_fuel_set: @convention(c) (OpaquePointer, Bool) -> Void
    let wasmtime_config_epoch_interruption_set: @convention(c) (OpaquePointer, Bool) -> Void
    let wasmtime_config_strategy_set: @convention(c) (OpaquePointer, UInt8) -> Void
    let wasmtime_config_cranelift_opt_level_set: @convention(c) (OpaquePointer, UInt8) -> Void
    let wasmtime_config_max_wasm_stack_set: @convention(c) (OpaquePointer, Int) -> Void
    let wasmtime_config_async_stack_size_set: @convention(c) (OpaquePointer, Int) -> Void

    // store.h
    let wasmtime_store_new: @convention(c) (OpaquePointer, UnsafeMutableRawPointer?, CFinalizer?) -> OpaquePointer?
    let wasmtime_store_context: @convention(c) (OpaquePointer) -> OpaquePointer?
    let wasmtime_store_delete: @convention(c) (OpaquePointer) -> Void
    let wasmtime_store_limiter: @convention(c) (OpaquePointer, Int64, Int64, Int64, Int64, Int64) -> Void
    let wasmtime_context_get_data: @convention(c) (OpaquePointer) -> UnsafeMutableRawPointer?
    let wasmtime_context_set_fuel: @convention(c) (OpaquePointer, UInt64) -> OpaquePointer?
    let wasmtime_context_get_fuel: @convention(c) (OpaquePointer, UnsafeMutablePointer<UInt64>) -> OpaquePointer?
    let wasmtime_context_set_epoch_deadline: @convention(c) (OpaquePointer, UInt64) -> Void
    let wasmtime_context_set_wasi: @convention(c) (OpaquePointer, OpaquePointer) -> OpaquePointer?
    let wasmtime_context_gc: @convention(c) (OpaquePointer) -> OpaquePointer?

    // wasi.h
    let wasi_config_new: @convention(c) () -> OpaquePointer?
    let wasi_config_delete: @convention(c) (OpaquePointer) -> Void
    let wasi_config_set_argv: @convention(c) (OpaquePointer, Int, UnsafePointer<UnsafePointer<CChar>?>?) -> Bool
    let wasi_config_inherit_stdin: @convention(c) (OpaquePointer) -> Void
    let wasi_config_inherit_stdout: @convention(c) (OpaquePointer) -> Void
    let wasi_config_inherit_stderr: @convention(c) (OpaquePointer) -> Void
    let wasi_config_inherit_env: @convention(c) (OpaquePointer) -> Void

    // module.h
    let wasmtime_module_new: @convention(c) (OpaquePointer, UnsafePointer<UInt8>?, Int,
                                             UnsafeMutablePointer<OpaquePointer?>) -> OpaquePointer?
    let wasmtime_module_validate: @convention(c) (OpaquePointer, UnsafePointer<UInt8>?, Int) -> OpaquePointer?
    let wasmtime_module_serialize: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> OpaquePointer?
    let wasmtime_module_deserialize: @convention(c) (OpaquePointer, UnsafePointer<UInt8>?, Int,
                                                     UnsafeMutablePointer<OpaquePointer?>) -> OpaquePointer?
    let wasmtime_module_deserialize_file: @convention(c) (OpaquePointer, UnsafePointer<CChar>,
                                                          UnsafeMutablePointer<OpaquePointer?>) -> OpaquePointer?
    let wasmtime_module_delete: @convention(c) (OpaquePointer) -> Void
    let wasmtime_module_exports: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Void
    let wasmtime_module_imports: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Void
    let wasm_exporttype_name: @convention(c) (OpaquePointer) -> UnsafeRawPointer?
    let wasm_exporttype_type: @convention(c) (OpaquePointer) -> OpaquePointer?
    let wasm_exporttype_vec_delete: @convention(c) (UnsafeMutableRawPointer) -> Void
    let wasm_importtype_module: @convention(c) (OpaquePointer) -> UnsafeRawPointer?
    let wasm_importtype_name: @convention(c) (OpaquePointer) -> UnsafeRawPointer?
    let wasm_importtype_type: @convention(c) (OpaquePointer) -> OpaquePointer?
    let wasm_importtype_vec_delete: @convention(c) (UnsafeMutableRawPointer) -> Void
    let wasm_externtype_kind: @convention(c) (OpaquePointer) -> UInt8
    let wasm_externtype_as_functype_const: @convention(c) (OpaquePointer) -> OpaquePointer?

    // wasm.h vectors and types
    let wasm_byte_vec_delete: @convention(c) (UnsafeMutableRawPointer) -> Void
    let wasm_valtype_new: @convention(c) (UInt8) -> OpaquePointer?
    let wasmtime_valtype_new: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Void
    let wasmtime_valtype_delete: @convention(c) (UnsafeMutableRawPointer) -> Void
    let wasm_valtype_vec_new: @convention(c) (UnsafeMutableRawPointer, Int, UnsafePointer<OpaquePointer?>?) -> Void
    let wasm_functype_new: @convention(c) (UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> OpaquePointer?
    let wasm_functype_delete: @convention(c) (OpaquePointer) -> Void
    let wasm_functype_params: @convention(c) (OpaquePointer) -> UnsafeRawPointer?
    let wasm_functype_results: @convention(c) (OpaquePointer) -> UnsafeRawPointer?

    // error.h / trap.h
    let wasmtime_error_message: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Void
    let wasmtime_error_delete: @convention(c) (OpaquePointer) -> Void
    let wasmtime_error_exit_status: @convention(c) (OpaquePointer, UnsafeMutablePointer<Int32>) -> Bool
    let wasmtime_error_wasm_trace: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Void
    let wasm_trap_message: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Void
    let wasm_trap_trace: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Void
    let wasm_trap_delete: @convention(c) (OpaquePointer) -> Void
    let wasmtime_trap_code: @convention(c) (OpaquePointer, UnsafeMutablePointer<UInt8>) -> Bool
    let wasmtime_trap_new: @convention(c) (UnsafePointer<CChar>?, Int) -> OpaquePointer?
    let wasm_frame_vec_delete: @convention(c) (UnsafeMutableRawPointer) -> Void
    let wasm_frame_func_index: @convention(c) (OpaquePointer) -> UInt32
    let wasm_frame_module_offset: @convention(c) (OpaquePointer) -> Int
    let wasmtime_frame_func_name: @convention(c) (OpaquePointer) -> UnsafeRawPointer?

    // linker.h / instance.h / func.h / memory.h / val.h / extern.h
    let wasmtime_linker_new: @convention(c) (OpaquePointer) -> OpaquePointer?
    let wasmtime_linker_delete: @convention(c) (OpaquePointer) -> Void
    let wasmtime_linker_define_wasi: @convention(c) (OpaquePointer) -> OpaquePointer?
    let wasmtime_linker_define_func: @convention(c) (OpaquePointer, UnsafePointer<CChar>?, Int, UnsafePointer<CChar>?, Int,
                                                     OpaquePointer, CHostCallback, UnsafeMutableRawPointer?,
                                                     CFinalizer?) -> OpaquePointer?
    let wasmtime_linker_instantiate: @convention(c) (OpaquePointer, OpaquePointer, OpaquePointer,
                                                     UnsafeMutableRawPointer,
                                                     UnsafeMutablePointer<OpaquePointer?>) -> OpaquePointer?
    let wasmtime_instance_export_get: @convention(c) (OpaquePointer, UnsafeRawPointer, UnsafePointer<CChar>?, Int,
                                                      UnsafeMutableRawPointer) -> Bool
    let wasmtime_instance_export_nth: @convention(c) (OpaquePointer, UnsafeRawPointer, Int,
                                                      UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                                                      UnsafeMutablePointer<Int>, UnsafeMutableRawPointer) -> Bool
    let wasmtime_extern_delete: @convention(c) (UnsafeMutableRawPointer) -> Void
    let wasmtime_caller_context: @convention(c) (OpaquePointer) -> OpaquePointer?
    let wasmtime_caller_export_get: @convention(c) (OpaquePointer, UnsafePointer<CChar>?, Int,
                                                    UnsafeMutableRawPointer) -> Bool
    let wasmtime_func_call: @convention(c) (OpaquePointer, UnsafeRawPointer, UnsafeRawPointer?, Int,
                                            UnsafeMutableRawPointer?, Int,
                                            UnsafeMutablePointer<OpaquePointer?>) -> OpaquePointer?
    let wasmtime_func_type: @convention(c) (OpaquePointer, UnsafeRawPointer) -> OpaquePointer?
    let wasmtime_memory_data: @convention(c) (OpaquePointer, UnsafeRawPointer) -> UnsafeMutablePointer<UInt8>?
    let wasmtime_memory_data_size: @convention(c) (OpaquePointer, UnsafeRawPointer) -> Int
    let wasmtime_memory_size: @convention(c) (OpaquePointer, UnsafeRawPointer) -> UInt64
    let wasmtime_memory_grow: @convention(c) (OpaquePointer, UnsafeRawPointer, UInt64,
                                              UnsafeMutablePointer<UInt64>) -> OpaquePointer?
    let wasmtime_val_unroot: @convention(c) (UnsafeMutableRawPointer) -> Void

    /// Resolves every entry point; a library without one of them (an older or a
    /// stripped-down build) is refused here, naming the symbol, rather than
    /// failing later in the middle of a run.
    init(handle: UnsafeMutableRawPointer, path: String) throws {
        func sym<T>(_ name: String) throws -> T {
            guard let p = dlsym(handle, name) else {
                throw WasmtimeError.library("\(path) has no symbol \(name): it is not a Wasmtime C API library of a "
                    + "supported version (this build needs Wasmtime \(WasmtimeLibrary.supportedVersion)); "
                    + WasmtimeLibrary.installHint)
            }
            return unsafeBitCast(p, to: T.self)
        }
        wasm_config_new = try sym("wasm_config_new")
        wasm_config_delete = try sym("wasm_config_delete")
        wasm_engine_new_with_config = try sym("wasm_engine_new_with_config")
        wasm_engine_delete = try sym("wasm_engine_delete")
        wasmtime_engine_increment_epoch = try sym("wasmtime_engine_increment_epoch")
        wasmtime_config_wasm_gc_set = try sym("wasmtime_config_wasm_gc_set")
        wasmtime_config_wasm_function_references_set = try sym("wasmtime_config_wasm_function_references_set")
        wasmtime_config_wasm_reference_types_set = try sym("wasmtime_config_wasm_reference_types_set")
        wasmtime_config_wasm_tail_call_set = try sym("wasmtime_config_wasm_tail_call_set")
        wasmtime_config_consume_fuel_set = try sym("wasmtime_config_consume_fuel_set")
        wasmtime_config_epoch_interruption_set = try sym("wasmtime_config_epoch_interruption_set")
        wasmtime_config_strategy_set = try sym("wasmtime_config_strategy_set")
        wasmtime_config_cranelift_opt_level_set = try sym("wasmtime_config_cranelift_opt_level_set")
        wasmtime_config_max_wasm_stack_set = try sym("wasmtime_config_max_wasm_stack_set")
        wasmtime_config_async_stack_size_set = try sym("wasmtime_config_async_stack_size_set")

        wasmtime_store_new = try sym("wasmtime_store_new")
        wasmtime_store_context = try sym("wasmtime_store_context")
        wasmtime_store_delete = try sym("wasmtime_store_delete")
        wasmtime_store_limiter = try sym("wasmtime_store_limiter")
        wasmtime_context_get_data = try sym("wasmtime_context_get_data")
        wasmtime_context_set_fuel = try sym("wasmtime_context_set_fuel")
        wasmtime_context_get_fuel = try sym("wasmtime_context_get_fuel")
        wasmtime_context_set_epoch_deadline = try sym("wasmtime_context_set_epoch_deadline")
        wasmtime_context_set_wasi = try sym("wasmtime_context_set_wasi")
        wasmtime_context_gc = try sym("wasmtime_context_gc")

        wasi_config_new = try sym("wasi_config_new")
        wasi_config_delete = try sym("wasi_config_delete")
        wasi_config_set_argv = try sym("wasi_config_set_argv")
        wasi_config_inherit_stdin = try sym("wasi_config_inherit_stdin")
        wasi_config_inherit_stdout = try sym("wasi_config_inherit_stdout")
        wasi_config_inherit_stderr = try sym("wasi_config_inherit_stderr")
        wasi_config_inherit_env = try sym("wasi_config_inherit_env")

        wasmtime_module_new = try sym("wasmtime_module_new")
        wasmtime_module_validate = try sym("wasmtime_module_validate")
        wasmtime_module_serialize = try sym("wasmtime_module_serialize")
        wasmtime_module_deserialize = try sym("wasmtime_module_deserialize")
        wasmtime_module_deserialize_file = try sym("wasmtime_module_deserialize_file")
        wasmtime_module_delete = try sym("wasmtime_module_delete")
        wasmtime_module_exports = try sym("wasmtime_module_exports")
        wasmtime_module_imports = try sym("wasmtime_module_imports")
        wasm_exporttype_name = try sym("wasm_exporttype_name")
        wasm_exporttype_type = try sym("wasm_exporttype_type")
        wasm_exporttype_vec_delete = try sym("wasm_exporttype_vec_delete")
        wasm_importtype_module = try sym("wasm_importtype_module")
        wasm_importtype_name = try sym("wasm_importtype_name")
        wasm_importtype_type = try sym("wasm_importtype_type")
        wasm_importtype_vec_delete = try sym("wasm_importtype_vec_delete")
        wasm_externtype_kind = try sym("wasm_externtype_kind")
        wasm_externtype_as_functype_const = try sym("wasm_externtype_as_functype_const")

        wasm_byte_vec_delete = try sym("wasm_byte_vec_delete")
        wasm_valtype_new = try sym("wasm_valtype_new")
        wasmtime_valtype_new = try sym("wasmtime_valtype_new")
        wasmtime_valtype_delete = try sym("wasmtime_valtype_delete")
        wasm_valtype_vec_new = try sym("wasm_valtype_vec_new")
        wasm_functype_new = try sym("wasm_functype_new")
        wasm_functype_delete = try sym("wasm_functype_delete")
        wasm_functype_params = try sym("wasm_functype_params")
        wasm_functype_results = try sym("wasm_functype_results")

        wasmtime_error_message = try sym("wasmtime_error_message")
        wasmtime_error_delete = try sym("wasmtime_error_delete")
        wasmtime_error_exit_status = try sym("wasmtime_error_exit_status")
        wasmtime_error_wasm_trace = try sym("wasmtime_error_wasm_trace")
        wasm_trap_message = try sym("wasm_trap_message")
        wasm_trap_trace = try sym("wasm_trap_trace")
        wasm_trap_delete = try sym("wasm_trap_delete")
        wasmtime_trap_code = try sym("wasmtime_trap_code")
        wasmtime_trap_new = try sym("wasmtime_trap_new")
        wasm_frame_vec_delete = try sym("wasm_frame_vec_delete")
        wasm_frame_func_index = try sym("wasm_frame_func_index")
        wasm_frame_module_offset = try sym("wasm_frame_module_offset")
        wasmtime_frame_func_name = try sym("wasmtime_frame_func_name")

        wasmtime_linker_new = try sym("wasmtime_linker_new")
        wasmtime_linker_delete = try sym("wasmtime_linker_delete")
        wasmtime_linker_define_wasi = try sym("wasmtime_linker_define_wasi")
        wasmtime_linker_define_func = try sym("wasmtime_linker_define_func")
        wasmtime_linker_instantiate = try sym("wasmtime_linker_instantiate")
        wasmtime_instance_export_get = try sym("wasmtime_instance_export_get")
        wasmtime_instance_export_nth = try sym("wasmtime_instance_export_nth")
        wasmtime_extern_delete = try sym("wasmtime_extern_delete")
        wasmtime_caller_context = try sym("wasmtime_caller_context")
        wasmtime_caller_export_get = try sym("wasmtime_caller_export_get")
        wasmtime_func_call = try sym("wasmtime_func_call")
        wasmtime_func_type = try sym("wasmtime_func_type")
        wasmtime_memory_data = try sym("wasmtime_memory_data")
        wasmtime_memory_data_size = try sym("wasmtime_memory_data_size")
        wasmtime_memory_size = try sym("wasmtime_memory_size")
        wasmtime_memory_grow = try sym("wasmtime_memory_grow")
        wasmtime_val_unroot = try sym("wasmtime_val_unroot")
    }

    /// A `wasm_byte_vec_t` the callee filled, as bytes; the vector is deleted.
    func take(_ vec: inout CByteVec) -> [UInt8] {
        defer { wasm_byte_vec_delete(&vec) }
        guard let data = vec.data, vec.size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: vec.size))
    }

    /// A borrowed name (`const wasm_name_t *`) as a string, without a trailing NUL.
    func string(_ raw: UnsafeRawPointer?) -> String? {
        guard let name = raw?.load(as: CByteVec.self), let data = name.data else { return nil }
        var n = name.size
        while n > 0 && data[n - 1] == 0 { n -= 1 }
        return String(decoding: UnsafeBufferPointer(start: data, count: n), as: UTF8.self)
    }
}
