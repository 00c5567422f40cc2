#include "base/html_page.h"

#include <fmt/format.h>

namespace accredit::internal {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || c == 0x7f) {
          out += "\xef\xbf\xbd";
        } else {
          out += ch;
        }
    }
  }
  return out;
}

namespace {

constexpr std::string_view kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #999; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
h4 { font-size: 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.5rem 0; }
svg { max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
svg .bar { fill: #2f5f8f; }
.met { color: #1b6e2e; font-weight: 600; }
.not-met { color: #9b1c1c; font-weight: 600; }
.note { color: #444; font-size: 0.9rem; }
ul.needs { margin: 0; padding-left: 1.1rem; }
@page { margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  figure, table, tr { break-inside: avoid; }
  svg .bar { fill: #333; }
  a { color: inherit; text-decoration: none; }
}
)";

}  // namespace

std::string PageStartWithScript(std::string_view title, std::string_view css,
                                std::string_view script, std::string_view script_sha256) {
  std::string script_src =
      script.empty() ? "" : fmt::format("; script-src 'sha256-{}'", script_sha256);
  std::string script_tag = script.empty() ? "" : fmt::format("<script>{}</script>\n", script);
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'{}\">\n"
      "<meta name=\"generator\" content=\"accredit\">\n"
      "<title>{}</title>\n<style>{}</style>\n{}</head>\n<body>\n",
      script_src, HtmlEscape(title), css, script_tag);
}

std::string PageStart(std::string_view title, std::string_view extra_css) {
  return PageStartWithScript(title, fmt::format("{}{}", kStyle, extra_css), "", "");
}

std::string PageEnd() { return "</body>\n</html>\n"; }

}  // namespace accredit::internal
