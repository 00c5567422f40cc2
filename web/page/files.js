// Step 1: the exports and mappings the user adds (the drop zone, the file chooser, dropping
// anywhere on the page) and the list of them. A rule file among them is handed back to the
// caller, which makes it the programme (rules.js).

import { $, decoder, el, listWords, plural } from "./util.js";
import { inputsChanged, state } from "./state.js";
import { markStale } from "./status.js";

// What a file is, by its name and, for YAML, its first key: "records", "map", "rules",
// "exceptions" or "unknown-yaml".
function classify(name, bytes) {
  const lower = name.toLowerCase();
  if (!/\.ya?ml$/.test(lower)) return "records";
  if (/\.map\.ya?ml$/.test(lower)) return "map";
  const text = decoder.decode(bytes.subarray(0, 65536));
  if (/^accredit-map\s*:/m.test(text)) return "map";
  if (/^accredit-exceptions\s*:/m.test(text)) return "exceptions";
  if (/^accredit\s*:/m.test(text)) return "rules";
  return "unknown-yaml";
}

function uniqueName(name, taken) {
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf(".");
  const head = dot > 0 ? name.slice(0, dot) : name;
  const tail = dot > 0 ? name.slice(dot) : "";
  for (let i = 2; ; ++i) {
    const candidate = `${head} (${i})${tail}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// Reads the files chosen or dropped: exports and mappings join the inputs, and the rule files
// among them are returned ([{name, text}]) for the caller to open. With asRules (files dropped
// on or opened in step 2) every file but a mapping is taken for a rule file.
export async function takeFiles(fileList, { asRules = false } = {}) {
  const messages = [];
  const rules = [];
  const changed = new Set();
  for (const file of Array.from(fileList)) {
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      messages.push(`‘${file.name}’ could not be read from your computer (${error.message}).`);
      continue;
    }
    const kind = classify(file.name, bytes);
    if (kind === "rules" || (asRules && kind !== "map" && kind !== "exceptions")) {
      rules.push({ name: file.name, text: decoder.decode(bytes) });
      continue;
    }
    if (kind === "unknown-yaml") {
      messages.push(`‘${file.name}’ is neither a column mapping (accredit-map: 1) nor a rule ` +
        "file (accredit: 1), so it was left out.");
      continue;
    }
    // The same file dropped again replaces the first; another file of the same name is kept
    // beside it under a new name.
    const same = state.inputs.findIndex((i) => i.name === file.name && i.bytes.length === bytes.length);
    if (same >= 0) changed.add(state.inputs.splice(same, 1)[0].kind);
    const name = uniqueName(file.name, new Set(state.inputs.map((i) => i.name)));
    state.inputs.push({ name, bytes, kind });
    changed.add(kind);
  }
  if (rules.length > 0 && !asRules) {
    messages.push(`${listWords(rules.map((r) => `‘${r.name}’`))} ${rules.length === 1 ?
      "is a rule file: it is" : "are rule files: they are"} now the programme (see step 2).`);
  }
  if (asRules && changed.size === 0 && messages.length === 0) return rules;
  if (changed.size > 0) {
    inputsChanged(...changed);
    markStale();
  }
  drawFiles();
  showFileMessage(messages);
  return rules;
}

export function showFileMessage(messages) {
  const box = $("file-message");
  box.replaceChildren();
  if (messages.length === 0) return;
  box.append(el("div", { class: "notice notice-warn" }, ...messages.map((m) => el("p", { text: m }))));
}

export function drawFiles() {
  const list = $("file-list");
  list.replaceChildren();
  for (const input of state.inputs) {
    const size = input.bytes.length < 1024 ? plural(input.bytes.length, "byte") :
      input.bytes.length < 1048576 ? `${(input.bytes.length / 1024).toFixed(0)} KB` :
      `${(input.bytes.length / 1048576).toFixed(1)} MB`;
    list.append(el("li", { "data-testid": "file-item", dataName: input.name, dataKind: input.kind },
      el("span", { class: input.kind === "records" ? "badge" : "badge badge-map" },
        { map: "mapping", exceptions: "exceptions" }[input.kind] || "export"),
      el("span", { class: "file-name", text: input.name }),
      el("span", { class: "file-kind", text: size }),
      el("button", {
        type: "button", class: "button button-quiet", "aria-label": `Remove ${input.name}`,
        onclick: () => removeInput(input.name),
      }, "Remove")));
  }
  $("file-summary").hidden = state.inputs.length === 0;
  $("propose-maps").disabled = !state.inputs.some((i) => i.kind === "records");
}

function removeInput(name) {
  const removed = state.inputs.filter((i) => i.name === name);
  state.inputs = state.inputs.filter((i) => i.name !== name);
  inputsChanged(...removed.map((i) => i.kind));
  markStale();
  drawFiles();
  const next = $("file-list").querySelector("button");
  (next || $("file-input")).focus();
}

function clearInputs() {
  state.inputs = [];
  inputsChanged("records", "map");
  markStale();
  drawFiles();
  $("mapping-proposal").hidden = true;
  showFileMessage([]);
  $("file-input").focus();
}

// receive(files, {asRules}) takes the files chosen or dropped: dropped on step 2 they are rule
// files (asRules), anywhere else exports.
export function wireFiles(receive) {
  const zone = $("drop-zone");
  const input = $("file-input");
  input.addEventListener("change", async () => {
    if (input.files.length > 0) await receive(input.files, { asRules: false });
    input.value = "";
  });
  $("clear-files").addEventListener("click", clearInputs);
  // Dropping anywhere on the page adds the files (and keeps the browser from opening them).
  let depth = 0;
  document.addEventListener("dragenter", (e) => {
    if (!e.dataTransfer || !Array.from(e.dataTransfer.types).includes("Files")) return;
    e.preventDefault();
    ++depth;
    zone.classList.add("dragging");
  });
  document.addEventListener("dragover", (e) => {
    if (!e.dataTransfer || !Array.from(e.dataTransfer.types).includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  document.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove("dragging");
  });
  document.addEventListener("drop", async (e) => {
    if (!e.dataTransfer || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    depth = 0;
    zone.classList.remove("dragging");
    const asRules = e.target instanceof Node && $("step-rules").contains(e.target);
    await receive(e.dataTransfer.files, { asRules });
  });
  drawFiles();
}
