// What if: a check compared with the original one (the last check made without comparing).
// Who changes, and the panel that says how many and what changed: the rules (the library
// compares those, as `accredit report --baseline` does), the date, predicted grades or the
// award (the page compares the two runs' lists).

import { $, listWords } from "./util.js";
import { sameRules, state } from "./state.js";

function tierTitle(tiers, id) {
  if (id === "none") return "No award";
  if (id === "error") return "Could not be judged";
  const tier = tiers.find((t) => t.id === id);
  return tier ? tier.title : id;
}

// Whether two runs judged under the same options (the award compared by its title: "" and the
// id of the only programme are the same award).
function sameOptions(a, b) {
  return a.options.asOf === b.options.asOf && a.options.predicted === b.options.predicted &&
    a.programme === b.programme;
}

// Who changes against the original run, by learner id: {before, after} tier titles and grades.
export function changesAgainstOriginal(run) {
  const changes = new Map();
  const original = state.original;
  if (!state.comparing || !original) return changes;
  if (run.changed !== undefined && sameOptions(original, run)) {
    for (const line of run.list) {
      if (line.before !== undefined) {
        changes.set(line.id, {
          before: tierTitle(original.tiers, line.before), after: tierTitle(run.tiers, line.after),
        });
      }
    }
    return changes;
  }
  // The options changed (the library compares rules only): the page compares the two runs.
  const before = new Map(original.list.map((l) => [l.id, l]));
  for (const line of run.list) {
    const old = before.get(line.id);
    if (!old) continue;
    if (old.tier !== line.tier || old.grade !== line.grade) {
      changes.set(line.id, {
        before: old.tierTitle + (old.grade ? ` (${old.grade})` : ""),
        after: line.tierTitle + (line.grade ? ` (${line.grade})` : ""),
      });
    }
  }
  return changes;
}

export function drawWhatIf(run, changes) {
  $("whatif-panel").hidden = false;
  $("stop-compare").hidden = !state.comparing;
  const result = $("compare-result");
  if (!state.comparing) {
    result.hidden = true;
    $("whatif").textContent = "Compare with the original";
    return;
  }
  $("whatif").textContent = "Compare again";
  const original = state.original;
  const n = run.changed !== undefined && sameOptions(original, run) ? run.changed : changes.size;
  $("changed").textContent = n.toLocaleString("en-GB");
  $("changed-words").textContent = n === 1 ? "learner changes" : "learners change";
  const what = [];
  if (!sameRules(original.rules, run.rules)) what.push("the rules");
  if (original.options.asOf !== run.options.asOf) {
    what.push(`the date (${original.options.asOf || "today"} to ${run.options.asOf || "today"})`);
  }
  if (original.options.predicted !== run.options.predicted) {
    what.push(run.options.predicted ? "counting predicted grades" : "no longer counting predicted grades");
  }
  if (original.programme !== run.programme) what.push("the award");
  let detail;
  if (what.length === 0) {
    detail = "Nothing has changed since the original check yet: change the rules, the date or predicted grades, then compare again.";
  } else {
    detail = `Against the original check, with ${listWords(what)} changed.`;
    if (run.changed !== undefined) detail += " The report below begins with what changed in the rules, who changes and why.";
    else detail += " The learner list shows who changes.";
  }
  $("compare-detail").textContent = detail;
  result.hidden = false;
  $("changed-filter-field").hidden = false;
}
