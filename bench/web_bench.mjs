// How fast the browser page is (issue: a school of 2,000 learners evaluated and its dashboard
// drawn in under 1 s; a what-if redrawn in under 300 ms). Drives Debian's Chromium over the
// built page (build/web) as a user would: choose the file, click "Check learners", and time
// from the click to the report frame's load; then the what-if (the school's rule file of
// examples/rule-change against the shipped rules, "Compare with the original"). Each is
// repeated and the median quoted; a fresh page for each first run (cold: the wasm compiled,
// nothing cached but the browser's HTTP cache).
//
//   node bench/web_bench.mjs WEB_DIR RECORDS [REPEATS] [LARGE]  (bench/web.sh makes them)
//
// With LARGE (an export above the page's 20 MB, which the page streams), the time from the
// click to the counts shown is measured too, REPEATS times, each in a fresh page.
import path from 'node:path';
import {createRequire} from 'node:module';
import {serve} from '../tests/web/static_server.mjs';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const puppeteer = require('puppeteer-core');
const [webDir, records] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const repeats = Number(process.argv[4] ?? 5);
const large = process.argv[5] ? path.resolve(process.argv[5]) : null;
const ruleChange = path.resolve(new URL('../examples/rule-change/foxwood-more-hours.yaml',
                                        import.meta.url).pathname);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serve(webDir);
const browser = await puppeteer.launch({executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
                                        args: ['--no-sandbox'], headless: true});
const times = {start: [], first: [], again: [], whatif: [], memory: [], large: [], parts: {}};
async function timed(page, button) {
  const before = await page.$eval('#results', (e) => {
    delete e.dataset.frameMs;
    return Number(e.dataset.runs ?? 0);
  });
  const t0 = Date.now();
  await page.click(button);
  await page.waitForFunction((n) => {
    const r = document.getElementById('results');
    return Number(r.dataset.runs ?? 0) > n && (r.dataset.frameMs !== undefined ||
                                                r.dataset.state === 'failed');
  }, {timeout: 600000, polling: 5}, before);
  const elapsed = Date.now() - t0;
  const parts = await page.$eval('#results', (e) => ({run: e.dataset.runMs,
    report: e.dataset.reportMs, frame: e.dataset.frameMs}));
  (times.parts[button] ??= []).push(parts);
  return elapsed;
}
try {
  for (let k = 0; k < repeats; ++k) {
    const page = await browser.newPage();
    await page.setViewport({width: 1280, height: 900});
    let t0 = Date.now();
    await page.goto(`${server.origin}/index.html`);
    await page.waitForSelector('body[data-ready=true]', {timeout: 60000});
    times.start.push(Date.now() - t0);
    await (await page.$('[data-testid=file-input]')).uploadFile(records);
    await page.waitForSelector('[data-testid=file-item]');
    times.first.push(await timed(page, '[data-testid=run]'));
    times.again.push(await timed(page, '[data-testid=run]'));
    await (await page.$('[data-testid=rules-file-input]')).uploadFile(ruleChange);
    await page.waitForFunction(() => document.getElementById('rules-editor').value.length > 0);
    times.whatif.push(await timed(page, '[data-testid=whatif]'));
    const metrics = await page.metrics();
    times.memory.push(Math.round(metrics.JSHeapUsedSize / 1048576));
    const learners = await page.$eval('[data-testid=summary-line]', (e) => e.textContent);
    if (k === 0) console.log(learners.trim());
    await page.close();
  }
  for (let k = 0; large && k < repeats; ++k) {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/index.html`);
    await page.waitForSelector('body[data-ready=true]', {timeout: 60000});
    await (await page.$('[data-testid=file-input]')).uploadFile(large);
    await page.waitForSelector('[data-testid=file-item]');
    const t0 = Date.now();
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => Number(document.getElementById('results').dataset.runs ?? 0) > 0,
                               {timeout: 600000, polling: 20});
    times.large.push(Date.now() - t0);
    if (k === 0) {
      console.log(await page.$eval('[data-testid=summary-line]', (e) => e.textContent.trim()),
                  await page.$eval('[data-testid=streamed-note]', (e) => (e.hidden ? 'not streamed' : 'streamed')));
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`median of ${repeats}: page started ${median(times.start)} ms; first run, clicked to ` +
            `dashboard drawn ${median(times.first)} ms; again ${median(times.again)} ms; ` +
            `what-if ${median(times.whatif)} ms` +
            (large ? `; large export, clicked to counts shown ${median(times.large)} ms` : '') +
            ` (all: ${JSON.stringify(times)})`);
