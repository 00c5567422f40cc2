// Step 2: the programme. A shipped programme as it is or an edited copy of it, or the school's
// own rule files; the editor that shows them, checked as the user types (as `accredit check`
// does) with each problem listed under it and marked beside its line; and the award chooser
// of step 3, which lists the programmes the rules define.

import { $, baseName, debounce, el, listWords, plural } from "./util.js";
import { activeFile, editedFiles, state } from "./state.js";
import { call } from "./library.js";
import { markStale } from "./status.js";
import { countWords, diagnosticItem, severityCounts } from "./diagnostics.js";
import { takeFiles } from "./files.js";

// --- The programme -----------------------------------------------------------------------

function programmesOf(path) {
  const entry = state.shipped.find((s) => s.path === path);
  return entry ? entry.programmes : [];
}

export function fillProgrammes() {
  const select = $("programme-select");
  select.replaceChildren();
  for (const entry of state.shipped) {
    const titles = entry.programmes.map((p) => p.title).join(" · ");
    select.append(el("option", { value: entry.path, title: entry.path }, titles || entry.path));
  }
  state.rules.path = state.shipped.length > 0 ? state.shipped[0].path : "";
  select.value = state.rules.path;
  drawAward();
}

function setRulesSource(source) {
  state.rules.source = source;
  $("rules-shipped").checked = source === "shipped";
  $("rules-own").checked = source === "own";
  $("rules-shipped-body").hidden = source !== "shipped";
  $("rules-own-body").hidden = source !== "own";
  state.rules.active = 0;
  markStale();
  drawEditor();
  checkNow();
}

function editShipped() {
  const path = state.rules.path;
  const text = call("opening the rules", () => state.accredit.shippedRuleText(path));
  state.rules.copy = [{ name: baseName(path), text, original: text, shipped: path }];
  state.rules.active = 0;
  markStale();
  drawEditor();
  checkNow();
  $("rules-editor").focus();
}

function stopEditingShipped() {
  state.rules.copy = null;
  markStale();
  drawEditor();
  checkNow();
  $("edit-shipped").focus();
}

// Files chosen or dropped (files.js): exports and mappings join the inputs, rule files become
// the programme. asRules: they were dropped on step 2 or opened as rule files.
export async function receiveFiles(fileList, { asRules = false } = {}) {
  const rules = await takeFiles(fileList, { asRules });
  if (rules.length > 0) addOwnRules(rules);
}

function addOwnRules(files) {
  for (const file of files) {
    const at = state.rules.own.findIndex((f) => f.name === file.name);
    const entry = { name: file.name, text: file.text, original: file.text };
    if (at >= 0) state.rules.own[at] = entry;
    else state.rules.own.push(entry);
  }
  setRulesSource("own");
  state.rules.active = state.rules.own.findIndex((f) => f.name === files[0].name);
  drawEditor();
}

function removeOwnFile() {
  if (state.rules.source !== "own") return;
  state.rules.own.splice(state.rules.active, 1);
  state.rules.active = 0;
  markStale();
  drawEditor();
  checkNow();
  (state.rules.own.length > 0 ? $("rules-editor") : $("rules-file-input")).focus();
}

// The award chooser: shown when the rules define several programmes.
function drawAward() {
  const programmes = editedFiles() ? (state.check ? state.check.programmes : []) : programmesOf(state.rules.path);
  const select = $("award");
  const previous = select.value;
  select.replaceChildren(...programmes.map((p) => el("option", { value: p.id }, p.title || p.id)));
  if (programmes.some((p) => p.id === previous)) select.value = previous;
  $("award-field").hidden = programmes.length <= 1;
}

// --- The editor ----------------------------------------------------------------------------

function drawEditor() {
  const files = editedFiles();
  const panel = $("rules-editor-panel");
  const editShippedButton = $("edit-shipped");
  if (state.rules.source === "shipped") {
    editShippedButton.textContent = state.rules.copy ? "Go back to the rules as shipped" : "Edit a copy of these rules";
    editShippedButton.dataset.editing = state.rules.copy ? "true" : "false";
  }
  const own = state.rules.own;
  $("rules-own-files").textContent = own.length === 0 ? "" :
    `Opened: ${listWords(own.map((f) => f.name))}. Open a file of the same name again to replace it.`;
  if (!files || files.length === 0) {
    panel.hidden = true;
    drawAward();
    return;
  }
  panel.hidden = false;
  const select = $("rules-file-select");
  select.replaceChildren(...files.map((f, i) => el("option", { value: String(i) }, f.name)));
  state.rules.active = Math.min(Math.max(0, state.rules.active), files.length - 1);
  select.value = String(state.rules.active);
  const several = files.length > 1;
  select.hidden = !several;
  $("rules-file-select-label").textContent = several ? "File" : files[0].name;
  $("rules-file-select-label").classList.toggle("file-title", !several);
  const file = files[state.rules.active];
  const editor = $("rules-editor");
  if (editor.value !== file.text) editor.value = file.text;
  editor.setAttribute("aria-label", `Rule file ${file.name}`);
  $("rules-save").download = file.name;
  $("rules-remove").hidden = state.rules.source !== "own";
  $("rules-revert").disabled = file.text === file.original;
  drawGutter();
  drawAward();
}

function onEditorInput() {
  const file = activeFile();
  if (!file) return;
  file.text = $("rules-editor").value;
  $("rules-revert").disabled = file.text === file.original;
  markStale();
  drawGutter();
  $("rules-check-status").textContent = "Checking…";
  $("rules-check-status").className = "check-status busy";
  checkSoon();
}

function revertFile() {
  const file = activeFile();
  if (!file) return;
  file.text = file.original;
  $("rules-editor").value = file.text;
  markStale();
  drawEditor();
  checkNow();
}

function goToLine(index, line, column) {
  if (index !== state.rules.active) {
    state.rules.active = index;
    drawEditor();
  }
  const editor = $("rules-editor");
  const lines = editor.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; ++i) offset += lines[i].length + 1;
  offset += Math.min(column - 1, (lines[line - 1] || "").length);
  editor.focus();
  editor.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
  editor.scrollTop = Math.max(0, (line - 1) * lineHeight - editor.clientHeight / 3);
  syncGutter();
}

// The line numbers beside the editor, a line with a problem marked.
// Every diagnostic of the last check: the loader's, then each programme's framework findings.
function checkDiagnostics() {
  const check = state.check;
  if (!check) return [];
  return check.diagnostics.concat(...(check.programmes || []).map((p) => p.findings || []));
}

function drawGutter() {
  const file = activeFile();
  const gutter = $("editor-gutter");
  if (!file) {
    gutter.replaceChildren();
    return;
  }
  const marks = new Map();
  for (const d of checkDiagnostics()) {
    if (d.file !== file.name || !d.line) continue;
    const before = marks.get(d.line);
    if (before !== "error") marks.set(d.line, d.severity === "error" ? "error" : before || d.severity);
  }
  const count = $("rules-editor").value.split("\n").length;
  const spans = [];
  for (let i = 1; i <= count; ++i) {
    const mark = marks.get(i);
    spans.push(el("span", { class: mark === "error" ? "line-error" : mark === "warning" ? "line-warning" : undefined },
      String(i)));
  }
  gutter.replaceChildren(...spans);
  syncGutter();
}

function syncGutter() {
  $("editor-gutter").scrollTop = $("rules-editor").scrollTop;
}

// --- Live checking -------------------------------------------------------------------------

const checkSoon = debounce(checkRules, 300);
function checkNow() {
  checkSoon.flush();
}

function checkRules() {
  const files = editedFiles();
  if (!files || files.length === 0) {
    state.check = null;
    drawDiagnosticsOfEditor();
    drawAward();
    return;
  }
  try {
    const text = call("checking the rules", () =>
      state.accredit.checkRules(files.map((f) => ({ name: f.name, text: f.text }))));
    state.check = JSON.parse(text);
  } catch (error) {
    state.check = { ok: false, diagnostics: [], programmes: [], failure: error.message };
  }
  drawDiagnosticsOfEditor();
  drawAward();
}

function drawDiagnosticsOfEditor() {
  const status = $("rules-check-status");
  const list = $("rules-diagnostics");
  list.replaceChildren();
  const check = state.check;
  if (!check) {
    status.textContent = "";
    status.className = "check-status";
    drawGutter();
    return;
  }
  if (check.failure) {
    status.textContent = check.failure;
    status.className = "check-status bad";
    return;
  }
  // The framework's findings (as `accredit check` gives them) are listed with the rest, at
  // their lines; they do not stop the rules from running.
  const all = checkDiagnostics();
  const counts = severityCounts(check.diagnostics);
  const framed = check.ok ? check.programmes.filter((p) => p.framework) : [];
  const short = framed.filter((p) => !p.conforms);
  let text = check.diagnostics.length > 0 ? `${countWords(counts)} in these rules.` :
    short.length > 0 ? "These rules are valid and can check learners." : "No problems found in these rules.";
  for (const p of framed) {
    text += p.conforms ? ` ‘${p.title || p.id}’ meets the ${p.framework} framework.` :
      ` ‘${p.title || p.id}’ does not meet the ${p.framework} framework yet ` +
      `(${plural(p.findings.length, "finding")} below).`;
  }
  status.textContent = text;
  status.className = `check-status ${counts.error || short.length > 0 ? "bad" : "ok"}`;
  for (const d of all) list.append(diagnosticItem(d, { goTo: goToLine }));
  drawGutter();
}

// --- Wiring ----------------------------------------------------------------------------------

function wireEditor() {
  const editor = $("rules-editor");
  editor.addEventListener("input", onEditorInput);
  editor.addEventListener("scroll", syncGutter);
  window.addEventListener("resize", syncGutter);
  editor.addEventListener("keydown", (e) => {
    // Tab indents by two spaces (YAML wants spaces); Escape then Tab leaves the editor.
    if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !editor.dataset.escaped) {
      e.preventDefault();
      editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
      onEditorInput();
    } else if (e.key === "Escape") {
      editor.dataset.escaped = "true";
    } else if (e.key !== "Tab") {
      delete editor.dataset.escaped;
    }
  });
  editor.addEventListener("blur", () => delete editor.dataset.escaped);
  $("rules-file-select").addEventListener("change", () => {
    state.rules.active = Number($("rules-file-select").value);
    drawEditor();
    drawDiagnosticsOfEditor();
  });
  $("rules-revert").addEventListener("click", revertFile);
  $("rules-remove").addEventListener("click", removeOwnFile);
  $("rules-save").addEventListener("click", () => {
    const file = activeFile();
    const link = $("rules-save");
    if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([file ? file.text : ""], { type: "text/yaml" }));
  });
}

export function wireRules() {
  $("rules-shipped").addEventListener("change", () => setRulesSource("shipped"));
  $("rules-own").addEventListener("change", () => setRulesSource("own"));
  $("programme-select").addEventListener("change", () => {
    state.rules.path = $("programme-select").value;
    state.rules.copy = null;
    markStale();
    drawEditor();
    checkNow();
  });
  $("edit-shipped").addEventListener("click", () => {
    if (state.rules.copy) stopEditingShipped();
    else editShipped();
  });
  $("rules-file-input").addEventListener("change", async () => {
    const input = $("rules-file-input");
    if (input.files.length > 0) await receiveFiles(input.files, { asRules: true });
    input.value = "";
  });
  wireEditor();
  drawEditor();
}
