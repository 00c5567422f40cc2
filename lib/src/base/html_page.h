// What the HTML outputs (the cohort report, transcripts) share: the one escaping function
// every string written into HTML goes through, and the page skeleton (self-contained: inline
// style, at most one inline script allowed by its hash, a Content-Security-Policy that forbids
// any network fetch, print rules).
#pragma once

#include <string>
#include <string_view>

namespace accredit::internal {

// Text or an attribute value for HTML: & < > " ' become character references; control
// characters other than tab, newline and carriage return (not allowed in HTML) become U+FFFD.
// The result is valid XML 1.0 text too (JUnit output uses it).
std::string HtmlEscape(std::string_view text);

// "<!DOCTYPE html>" up to and including "<body>": charset, viewport, CSP, title, the shared
// stylesheet plus `extra_css`.
std::string PageStart(std::string_view title, std::string_view extra_css = "");
// The same with `css` alone as the stylesheet, and with `script` (may be empty) as one inline
// script, the only one the page's CSP lets run: `script_sha256` is its SHA-256 in base64, as
// the CSP's 'sha256-...' source names it (tests/html_check.py recomputes it).
std::string PageStartWithScript(std::string_view title, std::string_view css,
                                std::string_view script, std::string_view script_sha256);
std::string PageEnd();

}  // namespace accredit::internal
