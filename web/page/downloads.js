// The downloads: the report (web page, workbook), every learner's outcome, all transcripts and
// the fix list, each made in the page when its link is first clicked and saved by the browser
// from a Blob URL.

import { $ } from "./util.js";
import { state } from "./state.js";
import { call } from "./library.js";

const downloads = {
  "download-report": () => new Blob([state.session.reportHtml()], { type: "text/html" }),
  "download-workbook": () => {
    const bytes = state.session.reportWorkbook();
    return bytes && bytes.length > 0 ?
      new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }) : null;
  },
  "download-outcomes": () => new Blob([state.session.outcomesCsv()], { type: "text/csv" }),
  "download-transcripts": () => new Blob([state.session.transcriptsHtml()], { type: "text/html" }),
  "download-fixes": () => new Blob([state.session.fixListCsv()], { type: "text/csv" }),
};

// Forgets the files made for the last run (a new run makes them again).
export function revokeDownloads() {
  for (const [id, url] of state.urls) {
    URL.revokeObjectURL(url);
    $(id).setAttribute("href", "#");
  }
  state.urls.clear();
}

export function drawDownloads(run) {
  $("download-fixes-item").hidden = !(run.fixes > 0);
  // A streamed run (a large export) keeps no learner: only the outcomes and the fix list.
  for (const id of ["download-report", "download-workbook", "download-transcripts"]) {
    $(id).parentElement.hidden = !!run.streamed;
  }
  const stem = run.options.award || "accredit";
  $("download-report").download = `${stem}-report.html`;
  $("download-workbook").download = `${stem}-report.xlsx`;
  $("download-outcomes").download = `${stem}-outcomes.csv`;
  $("download-transcripts").download = `${stem}-transcripts.html`;
  $("download-fixes").download = `${stem}-fix-list.csv`;
}

// Each file is made when its link is first clicked (a workbook or every transcript costs
// time the dashboard need not wait for); the click goes on to save the Blob.
export function wireDownloads() {
  for (const [id, make] of Object.entries(downloads)) {
    const link = $(id);
    link.addEventListener("click", (e) => {
      if (!state.run || !state.run.ok || state.busy) {
        e.preventDefault();
        return;
      }
      if (state.urls.has(id)) return;
      let blob = null;
      try {
        blob = call("making the file", make);
      } catch (error) {
        e.preventDefault();
        $("run-status").textContent = error.message;
        return;
      }
      if (!blob) {
        e.preventDefault();
        $("run-status").textContent = "accredit could not make that file.";
        return;
      }
      const url = URL.createObjectURL(blob);
      state.urls.set(id, url);
      link.href = url;
    });
  }
}
