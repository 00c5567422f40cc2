#include "base/html_page.h"

#include <fmt/format.h>

#include <algorithm>

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

// The first `max` characters of UTF-8 `text` (never splitting a character), with an ellipsis
// when cut.
std::string Shorten(std::string_view text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) continue;
    if (chars == max) return std::string(text.substr(0, i)) + "\xe2\x80\xa6";
    ++chars;
  }
  return std::string(text);
}

std::string Number(double value) { return fmt::format("{:.1f}", value); }

}  // namespace

std::string PageStart(std::string_view title, std::string_view extra_css) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n"
      "<meta name=\"generator\" content=\"accredit\">\n"
      "<title>{}</title>\n<style>{}{}</style>\n</head>\n<body>\n",
      HtmlEscape(title), kStyle, extra_css);
}

std::string PageEnd() { return "</body>\n</html>\n"; }

std::string RenderBarChart(const BarChart& chart) {
  constexpr double kLabelWidth = 300;
  constexpr double kBarWidth = 280;
  constexpr double kRow = 24;
  double max = chart.max;
  for (const Bar& b : chart.bars) max = std::max(max, b.value);
  double height = kRow * static_cast<double>(chart.bars.size()) + 8;
  std::string out = fmt::format(
      "<figure id=\"{2}\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
      "aria-label=\"{0}\" "
      "width=\"660\" height=\"{1}\" viewBox=\"0 0 660 {1}\">\n<title>{0}</title>\n",
      HtmlEscape(chart.title), static_cast<int>(height), HtmlEscape(chart.id));
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    double y = kRow * static_cast<double>(i) + 4;
    double w = max > 0 ? kBarWidth * b.value / max : 0;
    out += fmt::format(
        "<g><title>{0}: {1}</title>"
        "<text x=\"{2}\" y=\"{3}\" text-anchor=\"end\">{4}</text>"
        "<rect class=\"bar\" x=\"{5}\" y=\"{6}\" width=\"{7}\" height=\"{8}\"/>"
        "<text x=\"{9}\" y=\"{3}\">{1}</text></g>\n",
        HtmlEscape(b.label), HtmlEscape(b.shown), Number(kLabelWidth - 8), Number(y + 15),
        HtmlEscape(Shorten(b.label, 42)), Number(kLabelWidth), Number(y + 2), Number(w),
        Number(kRow - 6), Number(kLabelWidth + w + 6));
  }
  out += "</svg>\n</figure>\n";
  out += fmt::format(
      "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th>",
      HtmlEscape(chart.title), HtmlEscape(chart.label_head), HtmlEscape(chart.value_head));
  for (const std::string& h : chart.extra_heads) out += fmt::format("<th scope=\"col\">{}</th>", h);
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    out += fmt::format("<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td>",
                       HtmlEscape(chart.bars[i].label), HtmlEscape(chart.bars[i].shown));
    if (i < chart.extra_cells.size()) {
      for (const std::string& cell : chart.extra_cells[i]) out += "<td>" + cell + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

}  // namespace accredit::internal
