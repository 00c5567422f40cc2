// Loads the browser build (build/web/accredit.js + accredit.wasm) under node, for the tests that
// check it without a browser. Debian's emscripten 3.1.6 writes an ES module that, under node,
// still reaches for CommonJS's __dirname and require, and whose own fetch of a file path
// fails: both are given here, the wasm as bytes (wasmBinary).
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';

export async function loadAccredit(webDir) {
  globalThis.__dirname = webDir;
  globalThis.require = createRequire(import.meta.url);
  const factory = (await import(path.join(webDir, 'accredit.js'))).default;
  return factory({wasmBinary: fs.readFileSync(path.join(webDir, 'accredit.wasm'))});
}
