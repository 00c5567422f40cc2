// Same answers as the command line: every example is evaluated by the browser build (the
// page's Session, under node) and by the accredit program, and what a school sees must be
// identical byte for byte: every learner's outcome and grade (validate --format csv), the
// cohort report (report --format html, with its rule-change page where there is a baseline),
// every learner's explanation (explain --format html) and transcript (transcript --format html).
// Each example is also checked streamed, as the page checks a large export: the same outcomes.
// The rule editor's check gives `accredit check`'s diagnostics and framework findings.
//
//   node same_answers.mjs ACCREDIT WEB_DIR ROOT
//
// The CLI runs in the example's folder with the same file names the page is given, so that
// names shown in the outputs match.
import fs from 'node:fs';
import path from 'node:path';
import {runAccredit} from './accredit_cli.mjs';
import {loadAccredit} from './node_module.mjs';

const [accreditBin, webDir, root] = process.argv.slice(2).map((p) => path.resolve(p));
const accredit = await loadAccredit(webDir);

// name: the case; dir: where the CLI runs (under examples/); records, maps: file names there;
// rules: a shipped rule file ("<rules>/...") or a file there; baseline: old rules (what-if).
const cases = [
  {name: 'sixth-form', dir: 'sixth-form', records: ['cohort.csv']},
  {name: 'sixth-form predicted', dir: 'sixth-form', records: ['cohort.csv'], predicted: true},
  {name: 'sixth-form as of', dir: 'sixth-form', records: ['cohort.csv'], asOf: '31/03/2026'},
  {name: 'sixth-form workbook', dir: 'sixth-form', records: ['cohort.xlsx']},
  {name: 'ks4', dir: 'ks4', records: ['cohort.csv'], rules: '<rules>/nbt/ashdown-ks4.yaml'},
  {name: 'broadsheet', dir: 'broadsheet', records: ['year11.csv'],
   rules: '<rules>/nbt/ashdown-ks4.yaml'},
  {name: 'messy-export', dir: 'messy-export', records: ['results.csv', 'activities.json']},
  {name: 'school-export', dir: 'school-export',
   records: ['results.xlsx', 'activities.csv', 'pupils.csv'], maps: ['activities.map.yaml']},
  {name: 'exceptions', dir: 'exceptions', records: ['cohort.csv'],
   exceptions: ['foxwood.exceptions.yaml']},
  {name: 'rule-change', dir: 'rule-change', records: ['../sixth-form/cohort.csv'],
   rules: 'foxwood-more-hours.yaml', baseline: '<rules>/nbt/foxwood-sixth-form.yaml'},
];

const cli = (dir, args) => runAccredit(accreditBin, dir, args);

const shipped = (rules) => rules.startsWith('<rules>/') ? rules.slice('<rules>/'.length) : null;

let failures = 0;
let compared = 0;
function same(what, page, command) {
  ++compared;
  if (page === command) return;
  ++failures;
  let at = 0;
  while (at < page.length && page[at] === command[at]) ++at;
  console.error(`DIFFERENT ${what} at byte ${at}:\n  page: ${JSON.stringify(
      page.slice(Math.max(0, at - 60), at + 80))}\n  cli:  ${JSON.stringify(
      command.slice(Math.max(0, at - 60), at + 80))}`);
}

for (const c of cases) {
  try {
    compare(c);
  } catch (e) {
    ++failures;
    console.error(`${c.name}: ${e.message}`);
  }
}
// The rule editor's check (checkRules) is `accredit check --format json`'s: the diagnostics,
// and each programme held against its framework, for the programmes that must be rejected and
// for the shipped programmes opened as a school's own files.
const ruleFiles = [
  ...fs.readdirSync(path.join(root, 'examples', 'nonconforming')).filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(root, 'examples', 'nonconforming', f)),
  path.join(root, 'rules', 'nbt', 'foxwood-sixth-form.yaml'),
  path.join(root, 'rules', 'nbt', 'ashdown-ks4.yaml'),
];
for (const file of ruleFiles) {
  const name = path.basename(file);
  const page = JSON.parse(accredit.checkRules([{name, text: fs.readFileSync(file, 'utf8')}]));
  const command = JSON.parse(cli(path.dirname(file), ['check', name, '--format', 'json']));
  const plain = (diagnostics) => diagnostics.map(({text, ...d}) => d);
  same(`check ${name}: diagnostics`, JSON.stringify(plain(page.diagnostics)),
       JSON.stringify(command.diagnostics));
  if (!command.valid) continue;
  same(`check ${name}: programmes`,
       JSON.stringify(page.programmes.map((p) => ({...p, findings: plain(p.findings)}))),
       JSON.stringify(command.programmes));
  console.log(`check ${name}: ${page.programmes.map((p) => `${p.id} ${p.conforms ? 'conforms' :
    `${p.findings.length} findings`}`).join(', ') || `${page.diagnostics.length} diagnostics`}`);
}
console.log(`${compared} outputs compared, ${failures} different`);
process.exit(failures === 0 ? 0 : 1);

function compare(c) {
  const dir = path.join(root, 'examples', c.dir);
  const session = new accredit.Session();
  for (const name of c.records) session.addRecords(name, fs.readFileSync(path.join(dir, name)));
  for (const name of c.maps ?? []) session.addMap(name, fs.readFileSync(path.join(dir, name)));
  for (const name of c.exceptions ?? []) {
    session.addExceptions(name, fs.readFileSync(path.join(dir, name)));
  }
  const args = [...c.records];
  for (const name of c.maps ?? []) args.push('--map', name);
  for (const name of c.exceptions ?? []) args.push('--exceptions', name);
  if (c.rules) {
    args.push('--rules', c.rules);
    if (shipped(c.rules)) {
      session.useShippedRules(shipped(c.rules));
    } else {
      session.addRules(c.rules, fs.readFileSync(path.join(dir, c.rules), 'utf8'));
    }
  }
  if (c.predicted) args.push('--predicted');
  if (c.asOf) args.push('--as-of', c.asOf);
  const run = JSON.parse(session.run({award: '', asOf: c.asOf ?? '', predicted: !!c.predicted}));
  if (!run.ok) {
    ++failures;
    console.error(`${c.name}: the page could not evaluate: ${run.failure}`);
    return;
  }
  const outcomes = cli(dir, ['validate', ...args, '--format', 'csv']);
  same(`${c.name}: outcomes`, session.outcomesCsv(), outcomes);
  // The same files streamed, as the page checks a large export: the same outcomes and counts.
  const streamed = JSON.parse(session.run({award: '', asOf: c.asOf ?? '', predicted: !!c.predicted,
                                           streamAbove: 1}));
  if (!streamed.ok || !streamed.streamed) {
    ++failures;
    console.error(`${c.name}: the streamed run failed: ${streamed.failure}`);
  }
  same(`${c.name}: outcomes streamed`, session.outcomesCsv(), outcomes);
  same(`${c.name}: counts streamed`, JSON.stringify([streamed.tiers, streamed.none, streamed.errors]),
       JSON.stringify([run.tiers, run.none, run.errors]));
  // A streamed run uses the records up: they are given again, as the page gives them.
  for (const name of c.records) session.addRecords(name, fs.readFileSync(path.join(dir, name)));
  session.run({award: '', asOf: c.asOf ?? '', predicted: !!c.predicted});
  const report = ['report', ...args, '--format', 'html'];
  if (c.baseline) {
    session.useShippedBaseline(shipped(c.baseline));
    const again = JSON.parse(session.run({award: '', asOf: '', predicted: false}));
    if (!again.ok || !(again.changed > 0)) {
      ++failures;
      console.error(`${c.name}: the what-if found no change (${again.failure})`);
    }
    report.push('--baseline', c.baseline);
  }
  same(`${c.name}: report`, session.reportHtml(), cli(dir, report));
  for (const learner of run.list) {
    same(`${c.name}: explanation of ${learner.id}`, session.explainHtml(learner.id),
         cli(dir, ['explain', ...args, '--learner', learner.id, '--format', 'html']));
  }
  for (const learner of run.list.slice(0, 3)) {
    same(`${c.name}: transcript of ${learner.id}`, session.transcriptHtml(learner.id),
         cli(dir, ['transcript', ...args, '--learner', learner.id, '--format', 'html',
                   '-o', '-']));
  }
  console.log(`${c.name}: ${run.learners} learners, ` +
              `${run.tiers.map((t) => `${t.learners} ${t.id}`).join(', ')}, ${run.none} none`);
  session.delete();
}
