// Proposed column mappings (as `accredit map` proposes them) for exports no mapping fits: each
// shown to read and correct, then used ("Use this mapping") or saved as a file.

import { $, el, encoder, listWords, paint, plural, stem } from "./util.js";
import { inputsChanged, state } from "./state.js";
import { call, syncSession } from "./library.js";
import { markStale, setBusy } from "./status.js";
import { diagnosticItem } from "./diagnostics.js";
import { drawFiles, showFileMessage } from "./files.js";

async function proposeMaps() {
  if (state.busy) return;
  setBusy(true, "Looking at your exports…");
  $("file-message").replaceChildren(el("p", { class: "run-status busy", text: "Looking at your exports…" }));
  await paint();
  try {
    syncSession();
    const proposal = JSON.parse(call("proposing a mapping", () => state.session.proposeMaps()));
    showFileMessage([]);
    drawProposal(proposal);
    setBusy(false, "");
  } catch (error) {
    setBusy(false, "");
    showFileMessage([error.message]);
  }
}

// The library's notes name the command line's commands; the page names what it does itself.
function friendlyNote(text) {
  return text.replace(/accredit validate and report choose it by themselves/g, "accredit chooses it by itself")
    .replace(/accredit validate says which and why/g, "the messages of a check and the fix list say which and why");
}

function drawProposal(proposal) {
  const panel = $("mapping-proposal");
  const notes = $("mapping-notes");
  const list = $("mapping-list");
  notes.replaceChildren();
  list.replaceChildren();
  const items = [];
  for (const problem of proposal.problems || []) {
    items.push(el("li", {}, el("strong", { text: `${problem.input}: ` }), friendlyNote(problem.message)));
  }
  if (items.length > 0) {
    notes.append(el("div", { class: "notice notice-warn" },
      el("p", { text: "Some exports could not be mapped:" }), el("ul", { class: "note-list" }, items)));
  }
  if ((proposal.notes || []).length > 0) {
    notes.append(el("ul", { class: "note-list" }, proposal.notes.map((n) => el("li", { text: friendlyNote(n) }))));
  }
  if ((proposal.diagnostics || []).length > 0) {
    notes.append(el("ol", { class: "diagnostic-list" }, proposal.diagnostics.map((d) => diagnosticItem(d))));
  }
  const mappings = proposal.mappings || [];
  if (mappings.length === 0) {
    notes.append(el("p", { class: "notice notice-good" },
      "Every export is read by a mapping accredit already has, or by one you added: there is nothing to confirm."));
  }
  mappings.forEach((mapping, index) => list.append(mappingCard(mapping, index)));
  panel.hidden = false;
  panel.querySelector("h3").setAttribute("tabindex", "-1");
  panel.querySelector("h3").focus();
}

// One proposed mapping: what it reads, the lines marked CHECK, its text to correct, and the
// buttons to use or save it.
function mappingCard(mapping, index) {
  const name = `${stem(mapping.inputs[0] || `mapping-${index + 1}`)}.map.yaml`;
  const textareaId = `mapping-yaml-${index}`;
  // The proposal's marks ("# CHECK: ...", "...: CHECK"), not its header's mention of them.
  const checks = [];
  mapping.yaml.split("\n").forEach((line, i) => {
    if (/#.*(\bCHECK:|:\s*CHECK\s*$)/.test(line)) checks.push(i + 1);
  });
  const status = el("p", { class: "inline-message", role: "status", "aria-live": "polite" });
  const textarea = el("textarea", {
    id: textareaId, "data-testid": "mapping-yaml", spellcheck: "false", wrap: "off",
    rows: Math.min(24, mapping.yaml.split("\n").length + 1),
  });
  textarea.value = mapping.yaml;
  const save = el("a", { class: "button button-quiet", href: "#", download: name }, "Save as a file");
  save.addEventListener("click", () => {
    if (save.href.startsWith("blob:")) URL.revokeObjectURL(save.href);
    save.href = URL.createObjectURL(new Blob([textarea.value], { type: "text/yaml" }));
  });
  const card = el("div", { class: "mapping-card", "data-testid": "mapping-card" },
    el("h4", { text: `For ${listWords(mapping.inputs)}` }),
    el("p", { class: "hint" },
      `${plural(mapping.rows, "row")} read, ${plural(mapping.learners, "learner")}` +
      (mapping.rejected > 0 ? `, ${plural(mapping.rejected, "row")} not read` : "") +
      (checks.length > 0 ? `. Marked CHECK, for you to look at: ${checks.length === 1 ? "line" : "lines"} ` +
        `${listWords(checks.map(String))}.` : ". Nothing is marked CHECK.")),
    el("label", { for: textareaId, class: "field-label" }, `The mapping (${name})`),
    textarea,
    el("div", { class: "row-actions" },
      el("button", {
        type: "button", class: "button button-secondary", "data-testid": "mapping-use",
        onclick: () => {
          useMapping(name, textarea.value);
          card.classList.add("in-use");
          status.textContent = `In use as ‘${name}’: check your learners again to see the difference.`;
        },
      }, "Use this mapping"),
      save),
    status);
  return card;
}

// A mapping used again (corrected, say) replaces the one of its name: only the session's
// mappings are given again (Session.clearMaps), not the exports.
function useMapping(name, text) {
  state.inputs = state.inputs.filter((i) => !(i.kind === "map" && i.name === name));
  state.inputs.push({ name, bytes: encoder.encode(text), kind: "map" });
  inputsChanged("map");
  markStale();
  drawFiles();
}

export function wireMappings() {
  $("propose-maps").addEventListener("click", proposeMaps);
}
