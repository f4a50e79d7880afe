// wasi-node.mjs: runs a WASI preview 1 command module (Wasm GC, tail calls) in node 22+.
//
// usage: node scripts/wasi-node.mjs FILE.wasm [ARGS...]
//
// The module runs in a Worker whose stack is large (resourceLimits.stackSizeMb), so a
// Mochi program can recurse to depth 100,000 as in the other modes; node's main thread
// stack is too small for that. WASI writes go straight to the process's file
// descriptors (byte-exact stdout and stderr; a pipe reopened blocking, see below), and the module's exit status
// (proc_exit, or 0 when _start returns) becomes node's. A module that traps (an engine
// error, not a Mochi runtime error) prints the trap and exits 134, as wasmtime does.
import { Worker, isMainThread, workerData } from "node:worker_threads";
import { fstatSync, openSync, readFileSync } from "node:fs";
import process from "node:process";

// node:wasi announces itself as experimental on stderr; the module's stderr must be
// its own bytes only, so that one warning is dropped (loaded after this, below).
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === "string" ? rest[0] : rest[0] && rest[0].type;
  if (type === "ExperimentalWarning") return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = await import("node:wasi");

// Stack for the module's thread, in MB: depth 100,000 of frames up to ~5 KB.
const STACK_MB = 600;

if (isMainThread) {
  const [file, ...args] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: node scripts/wasi-node.mjs FILE.wasm [ARGS...]\n");
    process.exit(2);
  }
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    process.stderr.write(`wasi-node: cannot read ${file}: ${e.message}\n`);
    process.exit(2);
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { bytes, file, args },
    resourceLimits: { stackSizeMb: STACK_MB },
    stdout: false,
    stderr: false,
  });
  let status = 134;
  worker.on("message", (m) => { status = m; });
  worker.on("error", (e) => {
    process.stderr.write(`wasi-node: ${e && e.stack ? e.stack : e}\n`);
    status = 134;
  });
  worker.on("exit", () => { process.exitCode = status; });
} else {
  const { bytes, file, args } = workerData;
  // node puts a pipe on stdout or stderr in non-blocking mode, and WASI's fd_write
  // then fails with EAGAIN once the pipe is full (a reader slower than the module):
  // output past 64 KiB was lost. A pipe is opened again through /proc, which gives
  // the module its own, blocking, description of it.
  const blocking = (fd) => {
    try {
      return fstatSync(fd).isFIFO() ? openSync(`/proc/self/fd/${fd}`, "w") : fd;
    } catch (e) {
      return fd;
    }
  };
  const wasi = new WASI({ version: "preview1", args: [file, ...args], env: {}, returnOnExit: true,
                          stdout: blocking(1), stderr: blocking(2) });
  let status;
  try {
    const module = await WebAssembly.compile(bytes);
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    status = wasi.start(instance);
  } catch (e) {
    process.stderr.write(`wasi-node: ${file}: ${e && e.stack ? e.stack : e}\n`);
    status = 134;
  }
  (await import("node:worker_threads")).parentPort.postMessage(status);
}
