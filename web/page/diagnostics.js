// The library's diagnostics (its JSON: severity, file, line, column, message, notes, text) as
// the page lists them: under the rule editor, under a mapping proposal and in the results.

import { el, listWords, plural } from "./util.js";
import { editedFiles } from "./state.js";

export function severityCounts(diagnostics) {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const d of diagnostics) counts[d.severity in counts ? d.severity : "note"]++;
  return counts;
}

// "2 errors and 1 warning".
export function countWords(counts) {
  const words = [];
  if (counts.error) words.push(plural(counts.error, "error"));
  if (counts.warning) words.push(plural(counts.warning, "warning"));
  if (counts.note) words.push(plural(counts.note, "note"));
  return listWords(words);
}

// One diagnostic: where, the message, its notes, and the source lines with a caret as the
// command line shows them. Under the editor (goTo given), where is a button that moves the
// editor to the line, goTo(index of the file among the edited files, line, column), when the
// file is in the editor.
export function diagnosticItem(d, { goTo = null } = {}) {
  const editor = goTo !== null;
  const severity = ["error", "warning", "note"].includes(d.severity) ? d.severity : "note";
  const where = d.file ? (d.line ? `${d.file}:${d.line}:${d.column || 1}` : d.file) : "";
  let whereNode = null;
  if (where) {
    const files = editedFiles() || [];
    const index = editor ? files.findIndex((f) => f.name === d.file) : -1;
    if (index >= 0 && d.line) {
      const label = files.length > 1 ? where : `line ${d.line}:${d.column || 1}`;
      whereNode = el("button", {
        type: "button", class: "diagnostic-where",
        "aria-label": `Go to line ${d.line}, column ${d.column || 1} of ${d.file}`,
        onclick: () => goTo(index, d.line, d.column || 1),
      }, label);
    } else {
      whereNode = el("span", { class: "diagnostic-where", text: where });
    }
  }
  const badge = { error: "badge badge-bad", warning: "badge badge-warn", note: "badge" }[severity];
  const text = d.text || "";
  // The rendering's own source excerpt (lines after the first, other than its notes).
  const excerpt = text.split("\n").slice(1).filter((line) => line.trim() !== "" &&
    !/^\s*(= )?note:/.test(line) && !(d.notes || []).some((n) => line.includes(n)));
  return el("li", {
    class: `diagnostic ${severity}`, "data-testid": editor ? "rules-diagnostic" : "run-diagnostic",
    dataSeverity: severity, dataLine: d.line ? String(d.line) : undefined,
    dataColumn: d.column ? String(d.column) : undefined, dataCode: d.code || undefined,
  },
  el("div", { class: "diagnostic-head" },
    el("span", { class: badge, text: severity }), whereNode,
    el("span", { class: "diagnostic-message", text: d.message })),
  (d.notes || []).length > 0 ? el("ul", { class: "diagnostic-notes" }, d.notes.map((n) => el("li", { text: n }))) : null,
  excerpt.length > 0 ? el("pre", { text: excerpt.join("\n") }) : null);
}
