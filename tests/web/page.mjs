// The page in a real browser: Debian's Chromium, driven by puppeteer-core, against the built
// page (build/web) served from a local static server. At 1280 and 390 px: the page starts
// under its Content-Security-Policy; the sixth-form example dropped on it gives the tier counts
// the command line gives; a learner's explanation reads as `accredit explain` reads; the list
// filtered to those one part short names the dashboard's; a learner named in the dashboard
// opens in the dialog; the outcomes CSV downloaded is `validate --format csv`'s and the report
// downloaded `report --format html`'s; a what-if (the rules of examples/rule-change against
// the shipped ones) changes the learners that `accredit report --baseline` says change; a
// large export (30,000 learners, 22 MB, generated) is streamed and gives `validate`'s counts
// and outcomes. Then the page opened from the disk (file://, as a double-click opens it)
// starts and checks. Nothing is requested from anywhere but the page's origin (or folder); no
// error or CSP violation reaches the console. Screenshots are kept in OUT for people to look at.
//
//   node page.mjs ACCREDIT WEB_DIR ROOT OUT
import fs from 'node:fs';
import path from 'node:path';
import {runAccredit} from './accredit_cli.mjs';
import {createRequire} from 'node:module';
import {execFileSync} from 'node:child_process';
import {serve} from './static_server.mjs';

const require = createRequire(new URL('../browser/package.json', import.meta.url));
const puppeteer = require('puppeteer-core');
const [accreditBin, webDir, root, out] = process.argv.slice(2).map((p) => path.resolve(p));
fs.rmSync(out, {recursive: true, force: true});
fs.mkdirSync(path.join(out, 'downloads'), {recursive: true});

const sixthForm = path.join(root, 'examples', 'sixth-form');
const ruleChange = path.join(root, 'examples', 'rule-change', 'foxwood-more-hours.yaml');

const cli = (args) => runAccredit(accreditBin, sixthForm, args);

// What the command line says of the same files.
// Learners per tier in validate --format csv (learner,status,tier,...).
function tally(csv) {
  const counts = {};
  for (const line of csv.split('\n').slice(1).filter((l) => l.length > 0)) {
    const tier = line.split(',')[2] || 'none';
    counts[tier] = (counts[tier] ?? 0) + 1;
  }
  return counts;
}
const outcomesCsv = cli(['validate', 'cohort.csv', '--format', 'csv']);
const expected = tally(outcomesCsv);
const explainHtml = cli(['explain', 'cohort.csv', '--learner', 'F0017', '--format', 'html']);
const reportHtml = cli(['report', 'cohort.csv', '--format', 'html']);
const changedJson = JSON.parse(cli(['report', 'cohort.csv', '--rules', ruleChange, '--baseline',
                                    '<rules>/nbt/foxwood-sixth-form.yaml', '--format', 'json']));
const changed = changedJson.baseline.changes.length;

// A large export (above the page's 20 MB, so streamed), judged by the what-if's rules.
const large = path.join(out, 'large.csv');
fs.mkdirSync(out, {recursive: true});
fs.writeFileSync(large, execFileSync('python3', [path.join(root, 'bench', 'gen_cohort.py'), '30000'],
                                     {maxBuffer: 1 << 28}));
const largeCsv = cli(['validate', large, '--rules', ruleChange, '--format', 'csv']);
const largeExpected = tally(largeCsv);

const server = await serve(webDir);
const origin = server.origin;

let failures = 0;
const fail = (what) => { ++failures; console.error(`FAIL ${what}`); };
const browser = await puppeteer.launch({executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
                                        args: ['--no-sandbox', '--disable-gpu'], headless: true});
try {
  for (const width of [1280, 390]) {
    const page = await browser.newPage();
    await page.setViewport({width, height: width === 390 ? 844 : 900});
    const outside = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) outside.push(url);
    });
    page.on('console', (m) => { if (m.type() === 'error') fail(`${width}px console: ${m.text()}`); });
    page.on('pageerror', (e) => fail(`${width}px page error: ${e.message}`));
    const cdp = await page.target().createCDPSession();
    const downloads = path.join(out, 'downloads', String(width));
    await cdp.send('Browser.setDownloadBehavior', {behavior: 'allow', downloadPath: downloads});

    const started = Date.now();
    await page.goto(`${origin}/index.html`);
    await page.waitForSelector('body[data-ready=true]', {timeout: 60000});
    console.log(`${width}px: started in ${Date.now() - started} ms`);
    const input = await page.$('[data-testid=file-input]');
    await input.uploadFile(path.join(sixthForm, 'cohort.csv'));
    await page.waitForSelector('[data-testid=file-item][data-name="cohort.csv"]');
    const runs = async () => Number(await page.$eval('#results', (e) => e.dataset.runs ?? 0));
    const finished = async (before) => {
      await page.waitForFunction((n) => Number(document.getElementById('results').dataset.runs ?? 0) > n,
                                 {timeout: 120000}, before);
    };
    let before = await runs();
    await page.click('[data-testid=run]');
    await finished(before);
    const state = await page.$eval('#results', (e) => e.dataset.state);
    if (state !== 'done') fail(`${width}px: the run ended ${state}`);
    const counts = await tierCounts(page);
    for (const [tier, n] of Object.entries(expected)) {
      if (counts[tier] !== n) fail(`${width}px: ${tier}: the page says ${counts[tier]}, accredit ${n}`);
    }
    console.log(`${width}px: tiers ${JSON.stringify(counts)} (accredit: ${JSON.stringify(expected)})`);
    await page.screenshot({path: path.join(out, `results-${width}.png`)});

    // One learner's explanation, as the command line's page reads.
    await page.click('[data-testid=learner-item][data-learner=F0017]');
    await page.waitForSelector('[data-testid=learner-dialog][open]');
    const frame = await (await page.waitForSelector('[data-testid=learner-frame]')).contentFrame();
    await frame.waitForFunction(() => document.body && document.body.innerText.length > 0);
    const shown = await frame.evaluate(() => document.body.innerText);
    const reference = await browser.newPage();
    await reference.setContent(explainHtml);
    const wanted = await reference.evaluate(() => document.body.innerText);
    await reference.close();
    if (shown !== wanted) fail(`${width}px: F0017's explanation differs from accredit explain's`);
    await page.screenshot({path: path.join(out, `explain-${width}.png`)});
    await page.click('[data-testid=learner-close]');

    // "Only learners one part short" lists the dashboard's "Close to the next tier".
    await page.click('[data-testid=close-filter]');
    const short = await page.$$eval('[data-testid=learner-item]', (items) => items.map((i) => i.dataset.learner));
    await page.click('[data-testid=close-filter]');
    const report0 = await (await page.$('[data-testid=report-frame]')).contentFrame();
    const closeIds = await report0.$$eval('#close ~ table a[href^="#learner-"]',
                                          (links) => links.map((a) => a.textContent));
    if (short.length === 0 || JSON.stringify(short.sort()) !== JSON.stringify(closeIds.sort())) {
      fail(`${width}px: one part short: the list has ${JSON.stringify(short)}, the dashboard ${JSON.stringify(closeIds)}`);
    }

    // A learner named in the dashboard (one part short of the next tier) opens in the dialog.
    const report = await (await page.$('[data-testid=report-frame]')).contentFrame();
    const named = await report.$eval('a[href^="#learner-"]', (a) => {
      a.click();
      return a.textContent;
    });
    await page.waitForSelector('[data-testid=learner-dialog][open]');
    const opened = await page.$eval('[data-testid=learner-dialog]', (d) => d.dataset.learner);
    if (opened !== named) fail(`${width}px: the dashboard's link to ${named} opened ${opened}`);
    await page.click('[data-testid=learner-close]');

    // Downloaded outcomes: the command line's CSV; the report: the command line's page.
    await page.click('[data-testid=download-outcomes]');
    const csv = await waitForFile(downloads, '.csv');
    if (csv !== outcomesCsv) fail(`${width}px: the outcomes downloaded differ from validate --format csv`);
    await page.click('[data-testid=download-report]');
    const html = await waitForFile(downloads, '.html');
    if (html !== reportHtml) fail(`${width}px: the report downloaded differs from report --format html`);

    // What-if: the school's rule file against the shipped rules.
    await (await page.$('[data-testid=rules-file-input]')).uploadFile(ruleChange);
    await page.waitForFunction(() => document.getElementById('rules-editor').value.length > 0);
    before = await runs();
    await page.click('[data-testid=whatif]');
    await finished(before);
    const said = Number((await page.$eval('[data-testid=changed]', (e) => e.textContent)).replace(/\D/g, ''));
    if (said !== changed) fail(`${width}px: the what-if says ${said} change, accredit report ${changed}`);
    console.log(`${width}px: what-if: ${said} learners change (accredit: ${changed})`);
    await page.screenshot({path: path.join(out, `what-if-${width}.png`), fullPage: width === 390});

    // A large export, streamed (at one width: it takes some seconds).
    if (width === 1280) {
      await page.click('[data-testid=clear-files]');
      await (await page.$('[data-testid=file-input]')).uploadFile(large);
      await page.waitForSelector('[data-testid=file-item][data-name="large.csv"]');
      before = await runs();
      await page.click('[data-testid=run]');
      await finished(before);
      const shown = await page.$eval('[data-testid=streamed-note]', (e) => !e.hidden);
      if (!shown) fail(`${width}px: the large export was not said to be streamed`);
      const got = await tierCounts(page);
      const tiers = new Set([...Object.keys(got), ...Object.keys(largeExpected)]);
      if ([...tiers].some((t) => (got[t] ?? 0) !== (largeExpected[t] ?? 0))) {
        fail(`${width}px: the large export: ${JSON.stringify(got)}, accredit ${JSON.stringify(largeExpected)}`);
      }
      console.log(`${width}px: large export streamed: ${JSON.stringify(got)} (accredit: ${JSON.stringify(largeExpected)})`);
      fs.rmSync(downloads, {recursive: true, force: true});
      await page.click('[data-testid=download-outcomes]');
      const csv = await waitForFile(downloads, '.csv');
      if (csv !== largeCsv) fail(`${width}px: the large export's outcomes differ from validate --format csv`);
      await page.screenshot({path: path.join(out, `large-${width}.png`)});
    }

    if (outside.length > 0) fail(`${width}px: requests left the page's origin: ${outside.join(', ')}`);
    await page.close();
  }

  // Opened from the disk, as a double-click on index.html opens it: it starts and checks.
  const page = await browser.newPage();
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(`file://${webDir}/`) && !/^(data|blob|about):/.test(r.url())) outside.push(r.url());
  });
  page.on('console', (m) => { if (m.type() === 'error') fail(`file:// console: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`file:// page error: ${e.message}`));
  await page.goto(`file://${path.join(webDir, 'index.html')}`);
  await page.waitForSelector('body[data-ready=true]', {timeout: 60000});
  await (await page.$('[data-testid=file-input]')).uploadFile(path.join(sixthForm, 'cohort.csv'));
  await page.waitForSelector('[data-testid=file-item][data-name="cohort.csv"]');
  await page.click('[data-testid=run]');
  await page.waitForFunction(() => Number(document.getElementById('results').dataset.runs ?? 0) > 0,
                             {timeout: 120000});
  const counts = await tierCounts(page);
  for (const [tier, n] of Object.entries(expected)) {
    if (counts[tier] !== n) fail(`file://: ${tier}: the page says ${counts[tier]}, accredit ${n}`);
  }
  if (outside.length > 0) fail(`file://: requests left the page's folder: ${outside.join(', ')}`);
  console.log(`file://: tiers ${JSON.stringify(counts)} (accredit: ${JSON.stringify(expected)})`);
  await page.close();
} finally {
  await browser.close();
  server.close();
}
console.log(failures === 0 ? `the page passed; screenshots in ${out}` : `${failures} failures`);
process.exit(failures === 0 ? 0 : 1);

// The learners per tier the page's cards show.
function tierCounts(page) {
  return page.$$eval('[data-testid=tier-card]', (cards) => Object.fromEntries(
      cards.map((c) => [c.dataset.tier,
                        Number(c.querySelector('[data-testid=tier-count]').textContent.replace(/\D/g, ''))])));
}

async function waitForFile(dir, extension) {
  for (let waited = 0; waited < 20000; waited += 100) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(extension)) : [];
    if (files.length > 0) return fs.readFileSync(path.join(dir, files[0]), 'utf8');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  fail(`no ${extension} file was downloaded`);
  return '';
}
