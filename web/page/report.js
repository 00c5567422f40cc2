// The cohort dashboard (the report as `accredit report --format html` writes it, without the
// table and sections of every learner: the list beside it and the learner dialog are those)
// in its frame, sized to its content; a very long one scrolls in its own frame, and a huge one
// is offered as a download instead. A learner named in it opens in the learner dialog.

import { $, plural } from "./util.js";
import { state } from "./state.js";
import { call } from "./library.js";
import { fitFrame, framed } from "./frames.js";
import { openLearnerById } from "./learners.js";

const kLongestReportShown = 32 * 1024 * 1024;
const kLongReport = 1024 * 1024;
const kLazySections =
  "<style>main > section { content-visibility: auto; contain-intrinsic-size: auto 2000px; }</style>";

export function drawReport() {
  const t0 = performance.now();
  const html = call("drawing the report", () => state.session.dashboardHtml());
  $("results").dataset.reportMs = String(Math.round(performance.now() - t0));
  state.frameStarted = performance.now();
  state.reportShown = true;
  const frame = $("report-frame");
  // A large cohort's dashboard can be long (every learner one part short of the next tier):
  // laying all of it out at once, to size the frame to it, would take seconds. It scrolls in a
  // frame of the window's height instead, and the browser lays out each part of it as it
  // comes into view.
  const large = html.length > kLongReport;
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
    if (doc) doc.addEventListener("click", followLearnerLink);
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

// A link to a learner ("#learner-ID", as the library's LearnerAnchor writes it) opens them in
// the learner dialog: the dashboard has no section of its own for them.
function followLearnerLink(event) {
  const link = event.target.closest && event.target.closest('a[href^="#learner-"]');
  if (!link) return;
  event.preventDefault();
  openLearnerById(learnerFromAnchor(link.getAttribute("href").slice("#learner-".length)));
}

// The inverse of LearnerAnchor: letters, digits and '-' as they are, any other byte as _XX.
export function learnerFromAnchor(anchor) {
  const bytes = [];
  for (let i = 0; i < anchor.length; ++i) {
    if (anchor[i] === "_" && /^[0-9A-F]{2}$/.test(anchor.slice(i + 1, i + 3))) {
      bytes.push(parseInt(anchor.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(anchor.charCodeAt(i));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
