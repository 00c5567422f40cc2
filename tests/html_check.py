#!/usr/bin/env python3
"""Checks that HTML files accredit writes are well-formed, self-contained and safe.

Usage: html_check.py FILE...

For each file (python3 standard library only):
  - it starts with <!DOCTYPE html>, has <html lang>, <head> with <meta charset="utf-8"> and a
    non-empty <title>, and a <body>;
  - every element is closed explicitly and in order (no reliance on implied end tags), void
    elements are never closed, and no id is used twice;
  - nothing could run or fetch but one inline script that the page's Content-Security-Policy
    allows by its hash (script-src 'sha256-...', recomputed here from the script's text): no
    other <script>, no script with attributes (src), no <link>, <iframe>, <object>, <embed>, <img>,
    <base> or <form>, no on* event attributes, no src attributes, no url( or @import in style;
    links (<a href>) are only http(s) links, fragment links, or links to another page in the
    same folder (a plain NAME.html, as a transcript index links to each learner's page);
  - headings do not skip a level, and there is exactly one <h1>;
  - every <figure> (an SVG chart) is followed by a <table> with a <caption> (the accessible
    alternative), and every <svg> has role="img" and an aria-label.
Then, if the `tidy` program (HTML Tidy 5, Debian package tidy) is installed, `tidy -q -e` must
report nothing: HTML5 conformance as far as tidy checks it. Without tidy that step is skipped
with a note on stderr.
"""
import base64
import hashlib
import html.parser
import re
import shutil
import subprocess
import sys

# A page beside this one: a file name of safe characters, not hidden, ending .html.
SIBLING_PAGE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*\.html")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
FORBIDDEN = {"link", "iframe", "object", "embed", "img", "base", "form", "frame",
             "frameset", "applet", "audio", "video", "source"}
# SVG elements written as <x/>: fine inside <svg>.
SVG_SELF_CLOSING = {"rect", "line", "circle", "path", "polyline", "polygon", "ellipse"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = []
        self.stack = []
        self.ids = set()
        self.seen = set()
        self.h1 = 0
        self.last_heading = 0
        self.title_text = ""
        self.charset = False
        self.in_style = False
        self.after_figure = False
        self.need_caption = False
        self.csp = ""
        self.scripts = []  # the text of each inline script
        self.in_script = False

    def error_at(self, message):
        line, col = self.getpos()
        self.errors.append(f"{line}:{col + 1}: {message}")

    def check_attrs(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.error_at(f"event handler attribute '{name}' on <{tag}>")
            if name == "src":
                self.error_at(f"src attribute on <{tag}>")
            if name == "href" and not (value.startswith("https://") or
                                       value.startswith("http://") or value.startswith("#") or
                                       SIBLING_PAGE.fullmatch(value)):
                self.error_at(f"link to '{value}' on <{tag}>: only http(s), fragments and "
                              "pages in the same folder")
            if name == "style" and ("url(" in value or "@import" in value):
                self.error_at(f"style attribute fetching a resource on <{tag}>")
            if name == "id":
                if value in self.ids:
                    self.error_at(f"duplicate id '{value}'")
                self.ids.add(value)

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.error_at(f"unexpected declaration <!{decl}>")
        self.seen.add("!doctype")

    def handle_starttag(self, tag, attrs):
        if "!doctype" not in self.seen:
            self.error_at("content before <!DOCTYPE html>")
            self.seen.add("!doctype")
        self.seen.add(tag)
        if tag in FORBIDDEN:
            self.error_at(f"forbidden element <{tag}>")
        self.check_attrs(tag, attrs)
        attrs_d = dict(attrs)
        if self.after_figure:
            if tag != "table":
                self.error_at(f"a chart (<figure>) must be followed by a <table>, got <{tag}>")
            self.after_figure = False
            self.need_caption = tag == "table"
        elif self.need_caption:
            if tag != "caption":
                self.error_at("the table after a chart must start with a <caption>")
            self.need_caption = False
        if tag == "script":
            if attrs or self.scripts:
                self.error_at("only one <script>, inline and without attributes, is allowed")
            self.in_script = True
            self.scripts.append("")
        if tag == "meta" and attrs_d.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = attrs_d.get("content", "")
        if tag == "html" and not attrs_d.get("lang"):
            self.error_at("<html> without lang")
        if tag == "meta" and attrs_d.get("charset", "").lower() == "utf-8":
            self.charset = True
        if tag == "svg":
            if attrs_d.get("role") != "img" or not attrs_d.get("aria-label"):
                self.error_at("<svg> without role=\"img\" and an aria-label")
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            level = int(tag[1])
            if level == 1:
                self.h1 += 1
            if level > self.last_heading + 1:
                self.error_at(f"<{tag}> after <h{self.last_heading}> skips a level")
            self.last_heading = level
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        in_svg = any(t == "svg" for t, _ in self.stack)
        if tag in VOID:
            self.handle_starttag(tag, attrs)
            return
        if not (in_svg and tag in SVG_SELF_CLOSING):
            self.error_at(f"self-closing <{tag}/> outside SVG")
        self.check_attrs(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.error_at(f"end tag </{tag}> of a void element")
            return
        if not self.stack:
            self.error_at(f"</{tag}> with nothing open")
            return
        open_tag, pos = self.stack.pop()
        if open_tag != tag:
            self.error_at(f"</{tag}> closes <{open_tag}> opened at {pos[0]}:{pos[1] + 1}")
        if tag == "style":
            self.in_style = False
        if tag == "script":
            self.in_script = False
        if tag == "figure":
            self.after_figure = True

    def handle_data(self, data):
        if self.in_script:
            self.scripts[-1] += data
        if self.in_style and ("url(" in data or "@import" in data):
            self.error_at("stylesheet fetching a resource")
        if self.stack and self.stack[-1][0] == "title" and \
                not any(t == "svg" for t, _ in self.stack):
            self.title_text += data

    def finish(self):
        for tag, pos in self.stack:
            self.errors.append(f"<{tag}> opened at {pos[0]}:{pos[1] + 1} is never closed")
        for tag in ("!doctype", "html", "head", "body", "title"):
            if tag not in self.seen:
                self.errors.append(f"no <{tag}>")
        if not self.charset:
            self.errors.append("no <meta charset=\"utf-8\">")
        if not self.title_text.strip():
            self.errors.append("empty <title>")
        hashes = re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", self.csp)
        if "default-src 'none'" not in self.csp:
            self.errors.append("no Content-Security-Policy with default-src 'none'")
        if "unsafe-inline" in self.csp.split("script-src", 1)[-1] and "script-src" in self.csp:
            self.errors.append("the Content-Security-Policy lets any inline script run")
        for text in self.scripts:
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
            if digest not in hashes:
                self.errors.append(f"inline script not allowed by the page's CSP: its hash is "
                                   f"'sha256-{digest}', the CSP allows {hashes}")
        if self.h1 != 1:
            self.errors.append(f"{self.h1} <h1> headings, expected exactly one")


def check(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    checker = Checker()
    if not text.startswith("<!DOCTYPE html>"):
        checker.errors.append("does not start with <!DOCTYPE html>")
    checker.feed(text)
    checker.close()
    checker.finish()
    for e in checker.errors:
        print(f"{path}:{e}")
    return not checker.errors


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    ok = all([check(p) for p in paths])
    tidy = shutil.which("tidy")
    if tidy is None:
        print("html_check: tidy is not installed: HTML5 conformance not checked by tidy",
              file=sys.stderr)
    else:
        for p in paths:
            run = subprocess.run([tidy, "-q", "-e", p], capture_output=True, text=True)
            if run.returncode != 0 or run.stderr.strip():
                print(f"{p}: tidy:\n{run.stderr}")
                ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
