// The library's HTML pages (the cohort report, a learner's explanation and transcript) shown
// in the page's sandboxed frames.

// The report pages are whole documents, shown in frames that may run no script (the
// sandbox, and this page's policy, which the frames inherit). Their own scripts only sort and
// filter a table (the page's learner list does that here), so they are left out rather than
// refused with an error on the console; the downloaded files keep them. In an about:srcdoc
// frame, links within the page ("#tier-advanced") would resolve against this page's address
// and load it into the frame: a <base> of about:srcdoc keeps them within the report. extra is
// put in the document's head.
export function framed(html, extra = "") {
  if (!html) return "<!doctype html><p>Nothing to show.</p>";
  html = html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "");
  const base = '<base href="about:srcdoc" target="_self">' + extra;
  const head = html.search(/<head[^>]*>/i);
  if (head >= 0) {
    const end = html.indexOf(">", head) + 1;
    return html.slice(0, end) + base + html.slice(end);
  }
  return base + html;
}

// Sizes a frame to its document, so the page (not the frame) scrolls; a frame of class
// "scrolls" keeps its own height.
export function fitFrame(frame) {
  if (frame.classList.contains("scrolls")) return;
  const doc = frame.contentDocument;
  if (!doc || !doc.documentElement || !doc.body) return;
  const style = frame.ownerDocument.defaultView.getComputedStyle(doc.body);
  const margin = parseFloat(style.marginBottom) || 0;
  const height = Math.ceil(Math.max(doc.body.getBoundingClientRect().bottom + margin,
    doc.body.scrollHeight));
  frame.style.height = `${height + 2}px`;
}
