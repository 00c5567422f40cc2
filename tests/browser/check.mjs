// Checks accredit's HTML outputs the way a reader meets them: in Debian's Chromium, at a
// laptop's width (1280 px) and a phone's (390 px), and printed on A4.
//
//   node check.mjs --screenshots DIR [--chromium PATH] [--widths 1280,390] [--one-page] FILE.html...
//
// For every page and width: nothing is fetched from the network (any request that is not the
// page itself, a data: URL or a file beside it fails the check); no element reaches past the
// right edge of the window; no label is clipped (an element that hides its overflow, or an SVG
// text outside its drawing, without its full text in a title); every link within the page
// points at an element that exists, and every link to a file beside it at a file that exists.
// A full-page screenshot of each is kept in DIR (for people to look at: never compared). With
// --one-page, each page must also print on exactly one A4 page. Exits 1 when a check fails,
// naming the page, the width and what is wrong; 2 on a usage or browser error.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const args = process.argv.slice(2);
let widths = [1280, 390];
let screenshots = null;
let chromium = "/usr/bin/chromium";
let onePage = false;
const files = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === "--screenshots") screenshots = args[++i];
  else if (args[i] === "--chromium") chromium = args[++i];
  else if (args[i] === "--one-page") onePage = true;
  else if (args[i] === "--widths") widths = args[++i].split(",").map(Number);
  else files.push(resolve(args[i]));
}
if (screenshots === null || files.length === 0) {
  console.error("usage: node check.mjs --screenshots DIR [--chromium PATH] [--widths 1280,390] " +
    "[--one-page] FILE.html...");
  process.exit(2);
}
mkdirSync(screenshots, { recursive: true });

const failures = [];
const fail = (page, width, what) => failures.push(`${basename(page)} at ${width} px: ${what}`);

// Runs in the page: what reaches past the window, what is clipped, which in-page links are
// broken, and the files the page links to (checked by node).
function inspect() {
  const out = { overflow: [], clipped: [], anchors: [], files: [] };
  const name = (el) => {
    const id = el.id ? `#${el.id}` : "";
    const cls = typeof el.className === "string" && el.className ? `.${el.className.split(" ")[0]}` : "";
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    out.overflow.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  }
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    // Nothing to see (and, at 1 px, a caption kept for screen readers only).
    if (box.width <= 1 || box.height <= 1) continue;
    // Inside a scrolling container (a wide table in a scroll box), reaching past the window is
    // the container's business: the page itself does not scroll sideways.
    let scrolled = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") { scrolled = true; break; }
    }
    if (!scrolled && box.right > width + 1) out.overflow.push(`${name(el)} ends at ${Math.round(box.right)} px`);
    const hides = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
    const titled = el.closest("[title]") !== null || el.querySelector("title") !== null;
    if (hides && el.scrollWidth > el.clientWidth + 1 && !titled && el.childElementCount === 0) {
      out.clipped.push(`${name(el)} shows ${el.clientWidth} of ${el.scrollWidth} px`);
    }
  }
  for (const text of document.querySelectorAll("svg text")) {
    const svg = text.ownerSVGElement;
    const t = text.getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    const titled = text.querySelector("title") !== null || text.closest("[title]") !== null ||
      (text.parentElement && text.parentElement.querySelector(":scope > title") !== null);
    if ((t.left < s.left - 1 || t.right > s.right + 1) && !titled) {
      out.clipped.push(`SVG text "${text.textContent.trim().slice(0, 40)}" reaches past its chart`);
    }
  }
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (href.startsWith("#")) {
      const id = decodeURIComponent(href.slice(1));
      if (id && !document.getElementById(id)) out.anchors.push(href);
    } else if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) {
      out.files.push(href.split("#")[0]);
    }
  }
  return out;
}

// Pages in a PDF: its page objects (/Type /Page, not /Pages).
const pdfPages = (pdf) => (Buffer.from(pdf).toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;

let browser;
try {
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
      "--disable-dev-shm-usage"],
  });
} catch (e) {
  console.error(`check.mjs: cannot start ${chromium}: ${e.message}`);
  process.exit(2);
}
try {
  for (const file of files) {
    const url = pathToFileURL(file).href;
    const folder = dirname(file);
    for (const width of widths) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        const target = request.url();
        const local = target.startsWith("data:") || target === url ||
          (target.startsWith("file:") && dirname(fileURLToPath(target.split("#")[0])) === folder);
        if (!local) fail(file, width, `loads ${target.slice(0, 80)}`);
        if (local) request.continue(); else request.abort();
      });
      await page.goto(url, { waitUntil: "load" });
      const found = await page.evaluate(inspect);
      for (const what of found.overflow.slice(0, 5)) fail(file, width, `overflows: ${what}`);
      for (const what of found.clipped.slice(0, 5)) fail(file, width, `clipped: ${what}`);
      for (const href of found.anchors) fail(file, width, `link ${href} points at nothing`);
      for (const href of found.files) {
        if (!existsSync(resolve(folder, decodeURIComponent(href)))) fail(file, width, `link ${href}: no such file`);
      }
      await page.screenshot({ path: `${screenshots}/${basename(file, ".html")}-${width}.png`, fullPage: true });
      if (width === widths[0] && onePage) {
        const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
        writeFileSync(`${screenshots}/${basename(file, ".html")}.pdf`, pdf);
        const pages = pdfPages(pdf);
        if (pages !== 1) fail(file, width, `prints on ${pages} A4 pages, not 1`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
}
for (const line of failures) console.log(line);
console.log(`${files.length} pages checked at ${widths.join(" and ")} px: ${failures.length} problems`);
process.exit(failures.length === 0 ? 0 : 1);
