// accredit in the browser: the page's start-up and wiring. The library (accredit.js +
// accredit.wasm, built by web/build.sh) does all the work through one Session
// (web/binding/session.h); the page only holds what the user added, calls the session and
// draws what comes back. Nothing is sent anywhere: files are read with the File API, outputs
// are saved with Blob URLs, and the page's Content-Security-Policy (index.html) forbids any
// other request.
//
// The page's modules, one concept each (web/build.sh joins them into one script, page.js, with
// web/bundle.mjs, so that the page runs opened from the disk too):
//   app.js          start-up (loading the library) and wiring the modules to the page
//   util.js         shared helpers: elements, English words for counts and lists, file names
//   state.js        what the page holds: the files, the rules, the last run and the original
//   library.js      calls into the library, and keeping the Session in step with the page
//   status.js       busy while the library works, stale once something changes after a check
//   diagnostics.js  the library's diagnostics as the page lists them
//   files.js        step 1: the drop zone, the file chooser and the list of files
//   mappings.js     step 1: proposed column mappings, corrected and confirmed
//   rules.js        step 2: the programme, the rule editor and its live checking; the award
//   run.js          step 3: the options and the buttons that check the learners
//   results.js      the summary cards, notes and messages of a check, or its failure
//   whatif.js       a check compared with the original: who changes, and why
//   learners.js     the learner list and one learner's explanation and transcript
//   report.js       the cohort report's frame
//   frames.js       the library's HTML pages in the page's sandboxed frames
//   downloads.js    the files to download, made when asked for
//
// Stable hooks for the browser test: data-testid values; an element that appears once has the
// same word as its id, repeated ones (file-item, tier-card, learner-item...) only the data-testid.
//   startup, startup-failed      the start-up notice; startup-failed when accredit cannot start
//   drop-zone, file-input        where exports and mappings are dropped / chosen
//   file-list, file-item         the files added (file-item: data-name,
//                                data-kind="records|map|exceptions");
//                                clear-files ("Remove all files")
//   propose-maps                 "Propose a mapping"; mapping-proposal, mapping-card (one per
//                                proposal) holding mapping-yaml (textarea) and mapping-use
//                                ("Use this mapping")
//   programme-select             the shipped programme (value: its path under rules/)
//   edit-shipped                 "Edit a copy of these rules"
//   rules-file-input             the school's own rule files; rules-file-select (which one the
//                                editor shows), rules-revert, rules-remove, rules-save
//   rules-editor                 the rule editor (textarea) in rules-editor-panel;
//                                rules-check-status, rules-diagnostics,
//                                rules-diagnostic (data-line, data-column, data-severity)
//   award, as-of, predicted      the run's options (award only when the rules define several)
//   run                          "Check learners"; run-status (busy / done / failed)
//   results                      the results: data-state="done|failed", data-runs (counts the runs
//                                finished), data-ms / data-run-ms / data-report-ms / data-frame-ms
//                                (timings); failure; summary-line
//   tier-cards, tier-card        one card per tier, then "none" and "errors"
//                                (data-tier="ID|none|errors"), each holding tier-count
//   run-diagnostics              the run's diagnostics (<details>); run-diagnostics-summary
//   whatif-panel, whatif         "Compare with the original"; stop-compare; compare-result;
//                                changed (the number of learners whose outcome changes)
//   report-frame                 the cohort dashboard (iframe, srcdoc; class "scrolls" past 1 MB);
//                                report-too-long instead of it for a huge one
//   learner-search, learner-list, learner-item (data-learner=ID, data-tier=ID, data-changed=
//                                "true" in a what-if), changed-filter ("Only learners who change"),
//                                close-filter ("Only learners one part short of the next tier")
//   learner-dialog, learner-dialog-title, tab-explain, tab-transcript, learner-frame,
//   learner-close
//   downloads                    the downloads: download-report, download-workbook,
//                                download-outcomes, download-transcripts,
//                                download-fixes (only when the run has fixes)
//   privacy, version
// document.body.dataset.ready is "true" once accredit has started; body.busy while it works.

import { $ } from "./util.js";
import { state } from "./state.js";
import { wireFiles } from "./files.js";
import { wireMappings } from "./mappings.js";
import { fillProgrammes, receiveFiles, wireRules } from "./rules.js";
import { wireRun } from "./run.js";
import { wireLearners } from "./learners.js";
import { wireReportFrame } from "./report.js";
import { wireDownloads } from "./downloads.js";

document.documentElement.classList.add("js");

function startupFailed(reason) {
  const box = $("startup");
  box.classList.add("failed");
  if (reason) $("startup-reason").textContent = reason;
  box.hidden = false;
}

async function start() {
  // accredit.js (loaded before this script by index.html) defines createAccredit, with the
  // WebAssembly inside it, so the page also runs opened from the disk (file://).
  const createAccredit = globalThis.createAccredit;
  if (typeof createAccredit !== "function") {
    startupFailed("The page could not load accredit.js from its own folder. Check that " +
      "accredit.js was copied beside index.html (web/build.sh puts it there).");
    return;
  }
  try {
    state.accredit = await createAccredit({
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    });
    state.session = new state.accredit.Session();
  } catch (error) {
    console.error(error);
    startupFailed(`accredit could not start its WebAssembly (${error && error.message ? error.message : error}). ` +
      "Your browser may be too old for it.");
    return;
  }
  try {
    state.shipped = JSON.parse(state.accredit.shippedRules());
    $("version").textContent = ` ${state.accredit.version()}`;
  } catch (error) {
    console.error(error);
    startupFailed(`accredit started but could not list its programmes (${error.message}).`);
    return;
  }
  $("startup").hidden = true;
  $("app").hidden = false;
  fillProgrammes();
  wire();
  document.body.dataset.ready = "true";
}

function wire() {
  wireFiles(receiveFiles);
  wireMappings();
  wireRules();
  wireRun();
  wireLearners();
  wireReportFrame();
  wireDownloads();
}

start().catch((error) => {
  console.error(error);
  startupFailed(`accredit could not start (${error.message}).`);
});
