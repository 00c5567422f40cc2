// Joins the page's JavaScript modules (web/page/*.js, app.js and what it imports) into one
// classic script, page.js, for web/build.sh. A page opened from the disk (a double-click on
// index.html) may run classic scripts but no module script, so the built page loads page.js;
// the modules stay the source, one concept each.
//
//   node web/bundle.mjs web/page/app.js build/web/page.js
//
// The modules are put in the order a browser would evaluate them (each after the modules it
// imports), their import lines dropped and their `export` keywords removed, in one function
// scope. That is sound only while the modules' top-level names are distinct and every import
// is a single line of the form `import { a, b } from "./x.js";`: anything else is refused
// here, with the file and line, rather than bundled wrong.
import fs from 'node:fs';
import path from 'node:path';

const [entry, output] = process.argv.slice(2);
if (!entry || !output) {
  console.error('usage: node web/bundle.mjs ENTRY.js OUTPUT.js');
  process.exit(2);
}

const kImport = /^import \{[^}]*\} from "\.\/([a-z_]+\.js)";$/;
const kTopLevel = /^(?:export )?(?:async )?(?:function\*?|const|let|var|class) ([A-Za-z_$][\w$]*)/;
const order = [];
const seen = new Set();
const defined = new Map();  // top-level name -> module

function fail(where, why) {
  console.error(`web/bundle.mjs: ${where}: ${why}`);
  process.exit(1);
}

function visit(file) {
  if (seen.has(file)) return;
  seen.add(file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const body = [];
  lines.forEach((line, i) => {
    const where = `${path.basename(file)}:${i + 1}`;
    if (/^\s*import\b/.test(line) || /\bimport\(/.test(line)) {
      const m = kImport.exec(line);
      if (!m) fail(where, 'only single-line `import { ... } from "./x.js";` can be bundled');
      visit(path.join(path.dirname(file), m[1]));
      return;
    }
    if (/^export (default|\{|\*)/.test(line)) fail(where, 'only `export` of a declaration can be bundled');
    const name = kTopLevel.exec(line);
    if (name) {
      const other = defined.get(name[1]);
      if (other && other !== file) fail(where, `${name[1]} is also defined in ${path.basename(other)}`);
      defined.set(name[1], file);
    }
    body.push(line.replace(/^export /, ''));
  });
  order.push({file, body});
}

visit(path.resolve(entry));
let out = '// accredit in the browser: the page\'s modules (web/page/), joined by web/bundle.mjs.\n' +
  '"use strict";\n(() => {\n';
for (const {file, body} of order) {
  out += `// --- ${path.basename(file)} ${'-'.repeat(Math.max(0, 86 - path.basename(file).length))}\n`;
  out += body.join('\n') + '\n';
}
out += '})();\n';
fs.writeFileSync(output, out);
