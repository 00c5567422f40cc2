// The results of a check: the summary line and a card per tier, the notes on what was read,
// the messages from reading the files, and the what-if panel, learner list, report and
// downloads drawn for it; or why the check could not be finished.

import { $, el, listWords, plural } from "./util.js";
import { state } from "./state.js";
import { countWords, diagnosticItem, severityCounts } from "./diagnostics.js";
import { changesAgainstOriginal, drawWhatIf } from "./whatif.js";
import { drawLearners } from "./learners.js";
import { drawReport } from "./report.js";
import { drawDownloads } from "./downloads.js";

// The library's failures name the command line's options; the page names its own fields.
function friendlyFailure(text) {
  return text.replace(/--as-of '([^']*)'/g, "‘$1’ (the date to judge as on)")
    .replace(/--as-of\b/g, "the date to judge as on").replace(/--award '([^']*)'/g, "‘$1’ (the award)")
    .replace(/--award\b/g, "the award")
    .replace(/^note: /gm, "");
}

// A failure of the page's own (the library could not be called): message, and any diagnostics.
export function showFailure(message, diagnostics) {
  $("results").hidden = false;
  $("results").dataset.state = "failed";
  const failure = $("failure");
  failure.replaceChildren(el("p", { text: message }));
  failure.hidden = false;
  $("summary").hidden = true;
  $("dashboard").hidden = true;
  $("downloads").hidden = true;
  $("whatif-panel").hidden = true;
  drawRunDiagnostics(diagnostics, true);
  $("results-title").focus();
}

export function drawResults(run) {
  const results = $("results");
  results.hidden = false;
  results.dataset.state = run.ok ? "done" : "failed";
  const failure = $("failure");
  if (!run.ok) {
    const lines = friendlyFailure(run.failure || "See the messages below.").split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => line[0].toUpperCase() + line.slice(1) + (/[.:!?]$/.test(line) ? "" : "."));
    failure.replaceChildren(
      el("p", {}, el("strong", { text: "accredit could not check these learners. " }), lines[0]),
      ...lines.slice(1).map((line) => el("p", { text: line })));
    if (/--as-of/.test(run.failure)) $("as-of").setAttribute("aria-invalid", "true");
    failure.hidden = false;
    $("summary").hidden = true;
    $("dashboard").hidden = true;
    $("downloads").hidden = true;
    // While comparing, the way back (Stop comparing) stays.
    $("whatif-panel").hidden = !state.comparing;
    $("compare-result").hidden = true;
    drawRunDiagnostics(run.diagnostics, true);
    $("results-title").focus();
    return;
  }
  failure.hidden = true;
  const firstTime = $("summary").hidden || !state.reportShown;
  $("summary").hidden = false;
  const changes = changesAgainstOriginal(run);
  run.changes = changes;
  drawSummary(run);
  drawRunDiagnostics(run.diagnostics, false);
  drawStreamedNote(run);
  if (run.streamed) {
    // Counted a chunk at a time: no learner is kept to list, explain or compare.
    $("whatif-panel").hidden = true;
    $("dashboard").hidden = true;
    drawDownloads(run);
    $("downloads").hidden = false;
    if (firstTime) $("results-title").focus();
    return;
  }
  drawWhatIf(run, changes);
  drawLearners();
  drawReport();
  drawDownloads(run);
  $("dashboard").hidden = false;
  $("downloads").hidden = false;
  if (firstTime) $("results-title").focus();
}

// A large export is checked as it is read, in bounded memory: say what that gives and what not.
function drawStreamedNote(run) {
  const note = $("streamed-note");
  note.hidden = !run.streamed;
  if (!run.streamed) return;
  const records = state.inputs.filter((i) => i.kind === "records");
  const bytes = records.reduce((n, i) => n + i.bytes.length, 0);
  note.textContent = `${records.length === 1 ? "This export is" : "These exports are"} large ` +
    `(${Math.round(bytes / 1048576)} MB), so accredit ` +
    "checked every learner as it read them, without keeping them all in this page: every " +
    "learner's outcome is in the download below. For the cohort report, each learner's " +
    "explanation and comparisons, check a smaller export, such as one year group at a time.";
}

function drawSummary(run) {
  const opts = run.options;
  const bits = [`${run.programme}: ${plural(run.learners, "learner")}`];
  if (opts.asOf) bits.push(`judged as on ${opts.asOf}`);
  if (opts.predicted) bits.push("predicted grades counted");
  $("summary-line").textContent = bits.join(", ") + ".";

  const before = state.comparing && state.original ? state.original : null;
  const countBefore = (id) => before ? before.list.filter((l) => l.tier === id).length : null;
  const cards = $("tier-cards");
  cards.replaceChildren();
  const card = (id, title, count, cls) => {
    const share = run.learners > 0 ? Math.round((100 * count) / run.learners) : 0;
    const was = countBefore(id);
    cards.append(el("li", { class: `card ${cls}`, "data-testid": "tier-card", dataTier: id },
      el("span", { class: "card-count", "data-testid": "tier-count", text: count.toLocaleString("en-GB") }),
      el("span", { class: "card-title", text: title }),
      el("span", { class: "card-share" }, `${share}% of learners` +
        (was !== null && was !== count ? `, was ${was.toLocaleString("en-GB")}` : ""))));
  };
  run.tiers.forEach((t, i) => card(t.id, t.title, t.learners, `tier-${Math.min(i + 1, 3)}`));
  card("none", "No award", run.none, "tier-none");
  if (run.errors > 0) card("errors", "Could not be judged (data errors)", run.errors, "tier-errors");

  const notes = $("summary-notes");
  notes.replaceChildren();
  const a = run.accounting || {};
  if (a.rows_read !== undefined) {
    notes.append(el("li", {}, `${plural(a.rows_read, "row")} read from ${plural(
      state.inputs.filter((i) => i.kind === "records").length, "file")}` +
      (a.rows_rejected > 0 ? `; ${plural(a.rows_rejected, "row")} could not be read (see the fix list below).` : ".")));
  }
  if ((run.refused || []).length > 0) {
    notes.append(el("li", { class: "refused" }, el("strong", {
      text: `Not read at all: ${listWords(run.refused.map((r) => `‘${r}’`))}. `,
    }), "Outcomes are provisional. If an export comes from a school system accredit does not know, " +
      "try Propose a mapping in step 1."));
  }
  const provisional = run.list.filter((l) => l.provisional).length;
  if (provisional > 0) {
    notes.append(el("li", {}, `${plural(provisional, "learner's outcome is", "learners' outcomes are")} provisional: some of their rows could not be read.`));
  }
  if (run.predicted > 0) {
    notes.append(el("li", {}, `${plural(run.predicted, "learner's outcome rests", "learners' outcomes rest")} on predicted grades.`));
  }
}

function drawRunDiagnostics(diagnostics, open) {
  const box = $("run-diagnostics");
  const list = $("run-diagnostic-list");
  list.replaceChildren();
  if (!diagnostics || diagnostics.length === 0) {
    box.hidden = true;
    return;
  }
  const counts = severityCounts(diagnostics);
  $("run-diagnostics-summary").textContent =
    `${plural(diagnostics.length, "message")} from reading the files and rules: ${countWords(counts)}`;
  const shown = diagnostics.slice(0, 300);
  for (const d of shown) list.append(diagnosticItem(d));
  if (diagnostics.length > shown.length) {
    list.append(el("li", { class: "hint" }, `…and ${plural(diagnostics.length - shown.length, "more message")}: ` +
      "the fix list below has every row that could not be read."));
  }
  box.hidden = false;
  box.open = open || counts.error > 0;
}
