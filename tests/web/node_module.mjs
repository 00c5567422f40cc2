// Loads the browser build (build/web/accredit.js, the WebAssembly inside it) under node, for
// the tests that check it without a browser. accredit.js is a classic script that, under node,
// exports its factory (createAccredit) as a CommonJS module.
import path from 'node:path';
import {createRequire} from 'node:module';

export async function loadAccredit(webDir) {
  const require = createRequire(import.meta.url);
  const factory = require(path.join(webDir, 'accredit.js'));
  return factory();
}
