// What the page holds between the user's actions: the files added, the rules chosen or
// edited, the last run and the one a what-if compares with. Every module reads and changes
// this one object; the library's own state is in the Session (library.js keeps it in step).

import { $ } from "./util.js";

export const state = {
  accredit: null, // the module
  session: null, // the one accredit.Session
  inputs: [], // {name, bytes (Uint8Array), kind: "records" | "map" | "exceptions"}
  dirty: { records: true, maps: true }, // the session's records files / mappings need adding again
  shipped: [], // shippedRules(): [{path, programmes: [{id, title}]}]
  rules: {
    source: "shipped", // "shipped" | "own"
    path: "", // the shipped file chosen
    copy: null, // an edited copy of the shipped file: [{name, text, original}]
    own: [], // the school's own files: [{name, text, original}]
    active: 0, // which file the editor shows
  },
  check: null, // the last checkRules() answer for the files in the editor
  run: null, // the last run's JSON
  original: null, // the run a what-if compares with: {rules, options, list, tiers, programme}
  comparing: false,
  stale: false, // inputs, rules or options changed since the last run
  busy: false,
  urls: new Map(), // download link id -> Blob URL
  reportShown: false, // a report has been drawn since the page opened
  frameStarted: 0, // when the report frame was given its document (performance.now())
  learnerOpen: null, // {id, tab, html: {explain, transcript}}
};

// The inputs of these kinds ("records", "map", "exceptions") changed: the session is given
// them again.
export function inputsChanged(...kinds) {
  for (const kind of kinds) {
    if (kind === "map") state.dirty.maps = true;
    else state.dirty.records = true;
  }
}

// The rule files the editor shows, or null when a shipped programme is used as it is.
export function editedFiles() {
  if (state.rules.source === "own") return state.rules.own;
  return state.rules.copy;
}

// The file the editor shows, or null.
export function activeFile() {
  const files = editedFiles();
  return files && files.length > 0 ? files[state.rules.active] : null;
}

// The rules as a run uses them: {kind: "files", files: [{name, text}]} or {kind: "shipped", path}.
export function currentRules() {
  const files = editedFiles();
  if (files) return { kind: "files", files: files.map((f) => ({ name: f.name, text: f.text })) };
  return { kind: "shipped", path: state.rules.path };
}

export function sameRules(a, b) {
  if (a.kind !== b.kind) return false;
  if (a.kind === "shipped") return a.path === b.path;
  return a.files.length === b.files.length &&
    a.files.every((f, i) => f.name === b.files[i].name && f.text === b.files[i].text);
}

// The run's options as the form gives them (Session.run's argument).
export function currentOptions() {
  return {
    award: $("award-field").hidden ? "" : $("award").value,
    asOf: $("as-of").value.trim(),
    predicted: $("predicted").checked,
  };
}
