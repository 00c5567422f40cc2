// The learner list beside the report (searched, filtered to those one part short of the next
// tier, and to who changes in a what-if),
// and the dialog with one learner's explanation and transcript (as `accredit explain --format
// html` and `accredit transcript` draw them).

import { $, debounce, el, escapeHtml, plural } from "./util.js";
import { state } from "./state.js";
import { call } from "./library.js";
import { framed } from "./frames.js";

export function drawLearners() {
  const run = state.run;
  if (!run || !run.ok) return;
  const query = $("learner-search").value.trim().toLowerCase();
  const onlyChanged = state.comparing && $("changed-filter").checked;
  const onlyClose = $("close-filter").checked;
  $("changed-filter-field").hidden = !state.comparing;
  const list = $("learner-list");
  const matches = [];
  for (const line of run.list) {
    if (onlyChanged && !run.changes.has(line.id)) continue;
    if (onlyClose && !line.close) continue;
    if (query && !line.id.toLowerCase().includes(query) && !line.name.toLowerCase().includes(query)) continue;
    matches.push(line);
  }
  // A long list is drawn in part: the search finds the rest.
  const limit = 300;
  const items = matches.slice(0, limit).map((line) => {
    const change = run.changes.get(line.id);
    const tierClass = line.tier === "none" ? "badge" : run.tiers.findIndex((t) => t.id === line.tier) === 0 ?
      "badge badge-good" : "badge";
    return el("li", {},
      el("button", {
        type: "button", class: "learner-button", "data-testid": "learner-item",
        dataLearner: line.id, dataTier: line.tier, dataChanged: change ? "true" : undefined,
        onclick: () => openLearner(line),
      },
      el("span", { class: "learner-name", text: line.name || line.id }),
      el("span", { class: "learner-id", text: line.name ? line.id : "" }),
      el("span", { class: "learner-tier" },
        el("span", { class: tierClass, text: line.tierTitle + (line.grade ? ` ${line.grade}` : "") }),
        line.provisional ? el("span", { class: "badge badge-warn", title: "Some of this learner's rows could not be read" }, "provisional") : null),
      change ? el("span", { class: "learner-change", text: `${change.before} → ${change.after}` }) : null));
  });
  list.replaceChildren(...items);
  const total = run.list.length;
  let count;
  if (matches.length === total && !query && !onlyChanged && !onlyClose) count = plural(total, "learner");
  else count = `${plural(matches.length, "learner")} of ${total.toLocaleString("en-GB")}`;
  if (matches.length > limit) count += `: the first ${limit} shown, search to find the others`;
  $("learner-count").textContent = count;
}

// --- One learner -------------------------------------------------------------------------

// Opens the learner with this id (a link in the dashboard), if the run read them.
export function openLearnerById(id) {
  const line = state.run && state.run.ok && state.run.list.find((l) => l.id === id);
  if (line) openLearner(line);
}

function openLearner(line) {
  const dialog = $("learner-dialog");
  state.learnerOpen = { id: line.id, tab: "explain", html: {} };
  $("learner-dialog-title").textContent = line.name ? `${line.name} (${line.id})` : line.id;
  dialog.dataset.learner = line.id;
  showTab("explain");
  if (!dialog.open) dialog.showModal();
  $("tab-explain").focus();
}

function showTab(tab) {
  const open = state.learnerOpen;
  if (!open) return;
  open.tab = tab;
  for (const name of ["explain", "transcript"]) {
    const button = $(`tab-${name}`);
    const selected = name === tab;
    button.setAttribute("aria-selected", selected ? "true" : "false");
    button.tabIndex = selected ? 0 : -1;
  }
  const frame = $("learner-frame");
  frame.setAttribute("aria-labelledby", `tab-${tab}`);
  frame.title = tab === "explain" ? "The learner's explanation" : "The learner's transcript";
  if (open.html[tab] === undefined) {
    try {
      open.html[tab] = call(tab === "explain" ? "explaining the learner's outcome" : "drawing the transcript",
        () => tab === "explain" ? state.session.explainHtml(open.id) : state.session.transcriptHtml(open.id));
    } catch (error) {
      open.html[tab] = `<!doctype html><p>${escapeHtml(error.message)}</p>`;
    }
  }
  frame.dataset.tab = tab;
  frame.srcdoc = framed(open.html[tab] ||
    `<!doctype html><p>accredit has no ${tab === "explain" ? "explanation" : "transcript"} for this learner.</p>`);
}

function wireDialog() {
  const dialog = $("learner-dialog");
  $("learner-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (e) => {
    if (e.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener("close", () => {
    state.learnerOpen = null;
    $("learner-frame").srcdoc = "";
  });
  for (const name of ["explain", "transcript"]) {
    $(`tab-${name}`).addEventListener("click", () => showTab(name));
  }
  $("tab-explain").parentElement.addEventListener("keydown", (e) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    const next = state.learnerOpen && state.learnerOpen.tab === "explain" ? "transcript" : "explain";
    const tab = e.key === "Home" ? "explain" : e.key === "End" ? "transcript" : next;
    showTab(tab);
    $(`tab-${tab}`).focus();
  });
}

export function wireLearners() {
  $("learner-search").addEventListener("input", debounce(drawLearners, 120));
  $("changed-filter").addEventListener("change", drawLearners);
  $("close-filter").addEventListener("change", drawLearners);
  wireDialog();
}
