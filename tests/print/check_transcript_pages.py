#!/usr/bin/env python3
"""Checks that each learner's transcript prints on exactly one A4 page, in Chromium.

Usage: check_transcript_pages.py ACCREDIT ROOT [CHROMIUM]

For examples/sixth-form (signed with the RFC 8032 test key) and examples/school-export (every
learner), writes the transcripts
(`accredit transcript ... -o DIR -f html`), then prints to PDF with headless Chromium
(default `chromium`, as Debian names it):
  - the cohort's book, transcripts.html: it must have exactly as many pages as learners.
    Each learner starts a new page, so this holds only when every learner takes one page;
  - the longest learners' own pages (ID.html, the LONGEST largest files), which are drawn
    as in the book but for the level of the headings: each must be one page.
Every page must be A4 (210 x 297 mm) in portrait. A PDF's pages are counted from its
/Type /Page objects and their /MediaBox (python3 standard library only).
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

A4 = (595.28, 841.89)  # points
LONGEST = 3


def pdf_pages(path):
    """The (width, height) in points of each page of the PDF at `path`."""
    with open(path, "rb") as f:
        data = f.read()
    pages = []
    # Chromium (Skia) writes each page object's dictionary uncompressed.
    for m in re.finditer(rb"/Type\s*/Page(?!s)\b", data):
        start = data.rfind(b"obj", 0, m.start())
        end = data.find(b"endobj", m.end())
        box = re.search(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]",
                        data[start:end])
        if box is None:
            pages.append(None)
            continue
        x0, y0, x1, y1 = (float(v) for v in box.groups())
        pages.append((x1 - x0, y1 - y0))
    return pages


def print_pdf(chromium, html, pdf, profile):
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-dev-shm-usage",
         f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
         "file://" + os.path.abspath(html)],
        capture_output=True, text=True, timeout=120)
    if not os.path.exists(pdf):
        raise RuntimeError(f"chromium made no PDF of {html} (exit {run.returncode}):\n"
                           f"{run.stderr[-2000:]}")
    return pdf_pages(pdf)


def is_a4(size):
    return size is not None and abs(size[0] - A4[0]) < 2 and abs(size[1] - A4[1]) < 2


def check_cohort(accredit, chromium, name, cwd, args, work):
    out = os.path.join(work, name)
    run = subprocess.run([accredit, "transcript", *args, "-o", out, "-f", "html"], cwd=cwd,
                         capture_output=True, text=True)
    if run.returncode != 0:
        return [f"{name}: accredit transcript exited {run.returncode}:\n{run.stderr}"]
    written = run.stdout.split()
    learners = [f for f in written
                if f.endswith(".html") and f not in ("index.html", "transcripts.html")]
    errors = []
    if "index.html" not in written or "transcripts.html" not in written:
        errors.append(f"{name}: index.html and transcripts.html not written: {written}")
        return errors
    book = print_pdf(chromium, os.path.join(out, "transcripts.html"),
                     os.path.join(work, f"{name}-book.pdf"), os.path.join(work, "profile-book"))
    if len(book) != len(learners):
        errors.append(f"{name}: transcripts.html prints on {len(book)} pages for "
                      f"{len(learners)} learners")
    if not all(is_a4(p) for p in book):
        errors.append(f"{name}: transcripts.html has pages that are not A4: {set(book)}")

    def one(i, page):
        pdf = os.path.join(work, f"{name}-{i}.pdf")
        # A profile per page: with two at a time, a third page could otherwise start in the
        # profile of one still printing, and Chromium refuses a profile already in use.
        return page, print_pdf(chromium, os.path.join(out, page), pdf,
                               os.path.join(work, f"profile-{i}-{name}"))

    longest = sorted(learners, key=lambda f: -os.path.getsize(os.path.join(out, f)))[:LONGEST]
    # Two Chromium runs at a time, each with a profile of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for page, sizes in pool.map(lambda a: one(*a), enumerate(longest)):
            if len(sizes) != 1 or not is_a4(sizes[0]):
                errors.append(f"{name}: {page} prints on {len(sizes)} pages ({sizes}), not one A4 "
                              "page")
    print(f"{name}: {len(learners)} learners, book of {len(book)} pages; "
          f"printed alone: {', '.join(longest)}")
    return errors


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    accredit = os.path.abspath(argv[1])
    root = argv[2]
    chromium = shutil.which(argv[3] if len(argv) > 3 else "chromium")
    if chromium is None:
        print("chromium is not installed (Debian package chromium)", file=sys.stderr)
        return 1
    errors = []
    with tempfile.TemporaryDirectory() as work:
        # Signed (with RFC 8032's test key, as the goldens are): the footer then says by whom
        # and how to check it, and the page must still fit.
        key = os.path.join(work, "centre.key")
        shutil.copyfile(os.path.join(root, "tests/keys/rfc8032-test1.pem"), key)
        os.chmod(key, 0o600)
        errors += check_cohort(accredit, chromium, "sixth-form", root,
                               ["examples/sixth-form/cohort.csv", "--sign", key, "--issuer",
                                "did:web:foxwood.example"], work)
        errors += check_cohort(accredit, chromium, "school-export",
                               os.path.join(root, "examples/school-export"),
                               ["results.xlsx", "activities.csv", "pupils.csv", "--map",
                                "activities.map.yaml"], work)
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
