// What the HTML outputs (the cohort report, transcripts) share: the one escaping function
// every string written into HTML goes through, the page skeleton (self-contained: inline
// style only, no script, a Content-Security-Policy that forbids any network fetch, print
// rules), and inline SVG bar charts, each followed by a table with the same numbers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace accredit::internal {

// Text or an attribute value for HTML: & < > " ' become character references; control
// characters other than tab, newline and carriage return (not allowed in HTML) become U+FFFD.
// The result is valid XML 1.0 text too (JUnit output uses it).
std::string HtmlEscape(std::string_view text);

// "<!DOCTYPE html>" up to and including "<body>": charset, viewport, CSP, title, the shared
// stylesheet plus `extra_css`.
std::string PageStart(std::string_view title, std::string_view extra_css = "");
std::string PageEnd();

struct Bar {
  std::string label;
  double value = 0;   // bar length, against BarChart::max
  std::string shown;  // the figure printed after the bar ("14", "96%")
};

struct BarChart {
  std::string id;          // the figure's id, unique within the page
  std::string title;       // the chart's accessible name and the table's caption
  std::string label_head;  // table column headings
  std::string value_head;
  double max = 0;  // 0: the largest value
  std::vector<Bar> bars;
  // Extra table columns (heading, one cell per bar), already escaped by the caller.
  std::vector<std::string> extra_heads;
  std::vector<std::vector<std::string>> extra_cells;
};

// A <figure> with the chart as inline SVG (role img, labelled by its <title>), then a <table>
// of the same numbers (the accessible alternative, and what prints in black and white).
std::string RenderBarChart(const BarChart& chart);

}  // namespace accredit::internal
