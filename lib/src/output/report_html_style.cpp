// The cohort report's stylesheet and its one script, as raw string literals. The palette is
// defined once, as custom properties (Okabe-Ito colours, safe for colour-blind readers), and
// every status also carries a symbol, words and a pattern, so that nothing is told by colour
// alone and the page reads in black and white. The script only adds sorting and filtering to
// the learner table: without it the page reads in full.
#include "output/report_html_internal.h"

namespace accredit::internal {

namespace {

constexpr std::string_view kCss = R"(
:root {
  --met: #009e73; --met-bg: #e3f4ee;
  --close: #e69f00; --close-bg: #fdf1d8;
  --not-met: #d55e00; --not-met-bg: #fbe6da;
  --provisional: #6e6e6e; --provisional-bg: #ececec;
  --neutral: #0072b2; --neutral-bg: #e0eef7;
  --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; --panel: #f6f7f9;
  --stripes: repeating-linear-gradient(135deg, rgba(255,255,255,.55) 0 3px, transparent 3px 7px);
  --dots: radial-gradient(rgba(255,255,255,.7) 1px, transparent 1.5px) 0 0 / 5px 5px;
}
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; margin: 0; line-height: 1.45; font-size: 1rem; }
header.top, main { padding: 0 clamp(0.75rem, 3vw, 2.5rem); max-width: 120rem; margin: 0 auto; }
header.top { padding-top: 1.25rem; padding-bottom: 0.5rem; border-bottom: 4px solid var(--neutral); }
h1 { font-size: clamp(1.35rem, 2.5vw, 2rem); margin: 0 0 0.25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1rem 0 0.4rem; }
p { margin: 0.4rem 0; max-width: 75ch; }
.lede { color: var(--muted); margin: 0.2rem 0; }
.headline { font-size: 1.3rem; margin: 0.5rem 0 1rem; }
table.matrix { width: auto; }
table.matrix td.num { min-width: 6rem; }
a { color: #0b5a8c; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--close); outline-offset: 2px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr)); gap: 0.75rem; margin: 1rem 0; padding: 0; list-style: none; }
.card { background: var(--panel); border: 1px solid var(--line); border-left: 8px solid var(--neutral); border-radius: 6px; padding: 0.7rem 0.9rem; }
.card.met { border-left-color: var(--met); } .card.close { border-left-color: var(--close); }
.card.not-met { border-left-color: var(--not-met); } .card.provisional { border-left-color: var(--provisional); }
.card .label { font-weight: 600; display: block; }
.card .figure { font-size: 2.2rem; font-weight: 700; line-height: 1.1; display: block; font-variant-numeric: tabular-nums; }
.card .sub { color: var(--muted); font-size: 0.9rem; display: block; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); gap: 0 2.5rem; align-items: start; }
.grid > section, .grid > div { min-width: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1.25rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.35rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
thead th { border-bottom: 2px solid var(--muted); font-size: 0.9rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bar { width: 40%; min-width: 5rem; vertical-align: middle; }
table.groups td.bar { width: 15%; }
.track { display: block; height: 1.1rem; background: var(--panel); border: 1px solid var(--line); border-radius: 3px; overflow: hidden; }
.fill { display: block; height: 100%; width: var(--w); background: var(--neutral); }
.fill.met { background: var(--met); }
.fill.close { background: var(--stripes), var(--close); }
.fill.not-met { background: var(--dots), var(--not-met); }
.fill.provisional { background: var(--stripes), var(--provisional); }
.stack { display: flex; height: 1.1rem; border: 1px solid var(--line); border-radius: 3px; overflow: hidden; }
.stack > div { display: block; height: 100%; width: var(--w); }
.stack > .met.t1 { opacity: 0.72; } .stack > .met.t2 { opacity: 0.5; } .stack > .met.t3 { opacity: 0.35; }
.stack > .met { background: var(--met); } .stack > .not-met { background: var(--dots), var(--not-met); }
.stack > .provisional { background: var(--stripes), var(--provisional); }
.badge { display: inline-block; border-radius: 0.6rem; padding: 0.05rem 0.55rem; font-weight: 600; font-size: 0.9rem; border: 1px solid; }
.badge.met { background: var(--met-bg); border-color: var(--met); }
.badge.close { background: var(--close-bg); border-color: var(--close); }
.badge.not-met { background: var(--not-met-bg); border-color: var(--not-met); }
.badge.provisional { background: var(--provisional-bg); border-color: var(--provisional); }
.badge.neutral { background: var(--neutral-bg); border-color: var(--neutral); }
.key { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; padding: 0; margin: 0.5rem 0; list-style: none; font-size: 0.9rem; }
.note { color: var(--muted); font-size: 0.92rem; }
ul.needs { margin: 0; padding-left: 1.1rem; }
ul.checklist { list-style: none; padding-left: 0; margin: 0.3rem 0; }
ul.checklist li { padding-left: 1.6rem; text-indent: -1.6rem; margin: 0.2rem 0; }
ul.checklist li::before { content: "\2610\00a0\00a0"; }
.learner-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); gap: 0.75rem; }
article.learner { border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.9rem; scroll-margin-top: 1rem; }
article.learner:target { outline: 3px solid var(--neutral); }
article.learner h3 { margin: 0 0 0.3rem; font-size: 1.05rem; overflow-wrap: anywhere; }
article.learner p { margin: 0.25rem 0; }
.name { font-weight: 400; color: var(--muted); }
.controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0.5rem 0; }
.controls input { font: inherit; padding: 0.3rem 0.5rem; width: min(22rem, 100%); }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-align: left; }
th button::after { content: " \2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \2191"; }
th[aria-sort="descending"] button::after { content: " \2193"; }
.side { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); gap: 0.75rem; margin: 0.75rem 0 1.25rem; }
.side > div { border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.9rem; }
.side .was { border-left: 8px solid var(--provisional); } .side .now { border-left: 8px solid var(--neutral); }
.side h4 { margin: 0 0 0.3rem; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
dl.about dt { font-weight: 600; } dl.about dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 2rem; padding: 1rem 0; border-top: 1px solid var(--line); }
@media (max-width: 40rem) {
  table.narrow-cards thead { display: none; }
  table.narrow-cards, table.narrow-cards tbody, table.narrow-cards tr, table.narrow-cards td, table.narrow-cards th { display: block; width: 100%; text-align: left; }
  table.narrow-cards tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 0.6rem; padding: 0.3rem 0.5rem; }
  table.narrow-cards td, table.narrow-cards th { border: 0; padding: 0.15rem 0; white-space: normal; }
  table.narrow-cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  table.narrow-cards td.bar { width: 100%; }
  table.narrow-cards caption { display: block; }
  table.matrix { font-size: 0.85rem; }
  table.matrix th, table.matrix td.num { min-width: 0; white-space: normal; padding: 0.3rem 0.25rem; }
  dl.about { grid-template-columns: 1fr; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9.5pt; }
  header.top, main { padding: 0; max-width: none; }
  .controls, .skip { display: none; }
  h2 { break-after: avoid; margin-top: 1.2rem; }
  h3, h4, caption { break-after: avoid; }
  .card, tr, article.learner, .side > div { break-inside: avoid; }
  .cards { grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr)); }
  .card .figure { font-size: 1.6rem; }
  .grid { grid-template-columns: 1fr 1fr; gap: 0 1.5rem; }
  .learner-list { grid-template-columns: 1fr 1fr; }
  #learner-details { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
)";

// Runs once the page is read: a filter box and sort buttons on the learner table (made here,
// so that a page without script shows no control that does nothing).
constexpr std::string_view kScript = R"(
document.addEventListener("DOMContentLoaded", function () {
  var table = document.getElementById("learner-table");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = table.tHead.rows[0].cells;
  var box = document.createElement("div");
  box.className = "controls";
  var label = document.createElement("label");
  label.textContent = "Find a learner ";
  var input = document.createElement("input");
  input.type = "search";
  input.placeholder = "id, name, group or tier";
  label.appendChild(input);
  var count = document.createElement("span");
  count.setAttribute("aria-live", "polite");
  box.appendChild(label);
  box.appendChild(count);
  table.parentNode.insertBefore(box, table);
  function filter() {
    var q = input.value.toLowerCase().trim(), shown = 0;
    rows.forEach(function (r) {
      var show = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !show;
      if (show) shown++;
    });
    count.textContent = shown + " of " + rows.length + " learners shown";
  }
  function key(cell) {
    var k = cell.getAttribute("data-sort");
    if (k === null) return cell.textContent.toLowerCase();
    return isNaN(k) ? k : Number(k);
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a.cells[i]), y = key(b.cells[i]);
        return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  input.addEventListener("input", filter);
  filter();
});
)";

// base64 of the SHA-256 of kScript, for the page's Content-Security-Policy. tests/html_check.py
// recomputes it from every page and fails when the two differ: update it with the script.
constexpr std::string_view kScriptSha256 = "dTBCfGTPVTxVKoU6oIP4lyIKperV4CfTRVjC3af2u9E=";

}  // namespace

std::string_view ReportCss() { return kCss; }
std::string_view ReportScript() { return kScript; }
std::string_view ReportScriptSha256() { return kScriptSha256; }

}  // namespace accredit::internal
