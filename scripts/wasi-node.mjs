// Runs a WASI preview 1 module (Wasm GC allowed) under node 24's node:wasi, the way
// `wasmtime run FILE.wasm` does: the module's `_start` export runs with the module's
// "memory" export as WASI memory; its stdout, stderr and exit status are the
// process's. A module that fails to load or traps is one line on stderr, exit 1
// (load) or 134 (trap, like wasmtime's abort status).
//
//   node scripts/wasi-node.mjs FILE.wasm [ARGS...]

import { readFile } from 'node:fs/promises';
import process from 'node:process';

// node:wasi prints an ExperimentalWarning on first use; output must be the program's only.
process.removeAllListeners('warning');
const { WASI } = await import('node:wasi');

const file = process.argv[2];
if (!file || file === '--help') {
  process.stderr.write('usage: node scripts/wasi-node.mjs FILE.wasm [ARGS...]\n');
  process.exit(file ? 0 : 2);
}

let instance, wasi;
try {
  const bytes = await readFile(file);
  wasi = new WASI({ version: 'preview1', args: process.argv.slice(2), env: process.env, returnOnExit: true });
  const module = await WebAssembly.compile(bytes);
  instance = await WebAssembly.instantiate(module, wasi.getImportObject());
} catch (e) {
  process.stderr.write(`wasi-node: ${file}: ${e.message}\n`);
  process.exit(1);
}
let status;
try {
  status = wasi.start(instance);
} catch (e) {
  process.stderr.write(`wasi-node: ${file}: trap: ${e.message}\n`);
  process.exit(134);
}
process.exitCode = status ?? 0;
