// Step 3: the run's options and "Check learners", "Compare with the original" and "Stop
// comparing": each runs the library on what the page holds and draws the results.

import { $, paint, plural } from "./util.js";
import { currentOptions, currentRules, editedFiles, state } from "./state.js";
import { call, syncSession } from "./library.js";
import { markStale, setBusy } from "./status.js";
import { revokeDownloads } from "./downloads.js";
import { drawResults, showFailure } from "./results.js";

// Checks every learner; compare: against the original check (a what-if).
async function check({ compare = state.comparing } = {}) {
  if (state.busy) return;
  if (!state.inputs.some((i) => i.kind === "records")) {
    $("run-status").textContent = "Add at least one export first (step 1).";
    $("file-input").focus();
    return;
  }
  const files = editedFiles();
  if (files && files.length === 0) {
    $("run-status").textContent = "Open your rule files first (step 2), or choose a programme that comes with accredit.";
    return;
  }
  state.comparing = compare && state.original !== null;
  const learners = state.run && state.run.ok ? state.run.learners : 0;
  setBusy(true, learners > 0 ? `Checking ${plural(learners, "learner")}…` : "Reading your files and checking every learner…");
  await paint();
  const started = performance.now();
  let run;
  try {
    syncSession();
    const options = currentOptions();
    const t0 = performance.now();
    run = JSON.parse(call("checking your learners", () => state.session.run(options)));
    $("results").dataset.runMs = String(Math.round(performance.now() - t0));
    run.options = options;
    run.rules = currentRules();
  } catch (error) {
    setBusy(false, "");
    showFailure(error.message, []);
    return;
  }
  // A streamed run used the records up inside the library: they are given again next time.
  if (run.streamed) {
    state.dirty.records = true;
    state.comparing = false;
  }
  revokeDownloads();
  $("as-of").removeAttribute("aria-invalid");
  state.run = run;
  state.stale = false;
  delete $("results").dataset.stale;
  if (run.streamed) state.original = null;
  if (!state.comparing && run.ok && !run.streamed) {
    state.original = {
      rules: run.rules, options: run.options, list: run.list, tiers: run.tiers, programme: run.programme,
    };
  }
  try {
    drawResults(run);
  } catch (error) {
    console.error(error);
  }
  const ms = performance.now() - started;
  $("results").dataset.ms = String(Math.round(ms));
  $("results").dataset.runs = String(Number($("results").dataset.runs || 0) + 1);
  setBusy(false, run.ok ?
    `Checked ${plural(run.learners, "learner")} in ${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} seconds.` :
    "The check could not be finished: see the results below.");
}

export function wireRun() {
  for (const id of ["award", "predicted"]) $(id).addEventListener("change", markStale);
  $("as-of").addEventListener("input", markStale);
  $("as-of").addEventListener("keydown", (e) => {
    if (e.key === "Enter") check();
  });
  $("run").addEventListener("click", () => check());
  $("whatif").addEventListener("click", () => check({ compare: true }));
  $("stop-compare").addEventListener("click", async () => {
    state.comparing = false;
    $("changed-filter").checked = false;
    await check({ compare: false });
    $("whatif").focus();
  });
}
