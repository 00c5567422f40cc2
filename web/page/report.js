// The cohort report (as `accredit report --format html` writes it) in its frame beside the
// learner list, sized to its content; a large cohort's report scrolls in its own frame, and a
// huge one is offered as a download instead.

import { $, plural } from "./util.js";
import { state } from "./state.js";
import { call } from "./library.js";
import { fitFrame, framed } from "./frames.js";

const kLongestReportShown = 32 * 1024 * 1024;
const kLargeCohort = 300;
const kLazySections =
  "<style>main > section { content-visibility: auto; contain-intrinsic-size: auto 2000px; }</style>";

export function drawReport() {
  const t0 = performance.now();
  const html = call("drawing the report", () => state.session.reportHtml());
  $("results").dataset.reportMs = String(Math.round(performance.now() - t0));
  state.frameStarted = performance.now();
  state.reportShown = true;
  const frame = $("report-frame");
  // A large cohort's report is very long (a row and a checklist per learner): laying all of
  // it out at once, to size the frame to it, would take seconds. It scrolls in a frame of the
  // window's height instead, and the browser lays out each part of it as it comes into view.
  const large = state.run.learners > kLargeCohort;
  frame.classList.toggle("scrolls", large);
  if (large) frame.style.height = "";
  // Past some tens of megabytes the browser would stall drawing it: it is offered as a
  // download instead.
  const tooLong = html.length > kLongestReportShown;
  $("report-too-long").hidden = !tooLong;
  frame.hidden = tooLong;
  if (tooLong) {
    $("report-too-long").textContent = `The report on ${plural(state.run.learners, "learner")} is too long ` +
      `to show here (${Math.round(html.length / 1048576)} MB): download it above and open it, or find ` +
      "a learner in the list.";
    state.frameStarted = 0;
    frame.srcdoc = "";
    return;
  }
  frame.srcdoc = framed(html, large ? kLazySections : "");
}

export function wireReportFrame() {
  const frame = $("report-frame");
  let observer = null;
  frame.addEventListener("load", () => {
    fitFrame(frame);
    if (state.frameStarted) {
      // How long the browser took to lay the report out (for the benchmark).
      $("results").dataset.frameMs = String(Math.round(performance.now() - state.frameStarted));
      state.frameStarted = 0;
    }
    if (observer) observer.disconnect();
    const doc = frame.contentDocument;
    if (doc && doc.body && "ResizeObserver" in window) {
      observer = new ResizeObserver(() => fitFrame(frame));
      observer.observe(doc.body);
    }
  });
  if ("ResizeObserver" in window) {
    let width = 0;
    new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      if (w !== width) {
        width = w;
        fitFrame(frame);
      }
    }).observe(frame);
  }
}
