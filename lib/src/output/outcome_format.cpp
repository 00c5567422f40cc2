#include "accredit/outcome_format.h"

#include <fmt/format.h>

#include <algorithm>

#include "accredit/exceptions.h"
#include "accredit/json_writer.h"
#include "accredit/rules_describe.h"
#include "base/csv_cell.h"
#include "base/html_page.h"
#include "base/text_wrap.h"
#include "output/learner_json.h"
#include "output/report_internal.h"

namespace accredit {

namespace {

// "input bad.csv", "inputs a.csv and b.csv", "inputs a.csv, b.csv and c.csv"
std::string InputsNamed(const std::vector<std::string>& names) {
  std::string out = names.size() == 1 ? "input " : "inputs ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

const std::vector<std::string>& RefusedInputs(const EvaluateOptions& options) {
  static const std::vector<std::string> kNone;
  return options.refused_inputs != nullptr ? *options.refused_inputs : kNone;
}

std::string Rows(std::uint32_t n) { return fmt::format("{} row{}", n, n == 1 ? "" : "s"); }

}  // namespace

std::string ProvisionalReason(const Learner& learner, const Outcome& outcome,
                              const EvaluateOptions& options) {
  if (!outcome.data_error) return "";
  std::vector<std::string> parts;
  if (learner.rejected_rows > 0) parts.push_back(Rows(learner.rejected_rows));
  const std::vector<std::string>& refused = RefusedInputs(options);
  if (outcome.input_refused && !refused.empty()) parts.push_back(InputsNamed(refused));
  if (parts.empty()) return "some records could not be read";
  return fmt::format("{} could not be read", fmt::join(parts, " and "));
}

std::string RefusedInputsSummary(const std::vector<std::string>& refused_inputs, bool unreadable) {
  if (refused_inputs.empty()) return "";
  return fmt::format("{} could not be read, so {}", InputsNamed(refused_inputs),
                     unreadable ? "no learner was checked" : "every outcome is provisional");
}

std::string_view LearnerStatus(const Outcome& outcome) {
  // Judged on the rows that could be read: never a clean pass, whatever the tier.
  if (outcome.data_error) return "provisional";
  return outcome.tier == kNone ? "not-met" : "met";
}

void WriteAccountingJson(JsonWriter& json, const Accounting& accounting) {
  json.BeginObject();
  json.Key("rows_read").Int(static_cast<long long>(accounting.rows_read));
  json.Key("rows_used").Int(static_cast<long long>(accounting.rows_used));
  json.Key("rows_rejected").Int(static_cast<long long>(accounting.rows_rejected));
  json.Key("learners").Int(static_cast<long long>(accounting.learners));
  json.EndObject();
}

void ValidateSummary::Add(const Outcome& outcome) {
  ++learners;
  if (outcome.data_error) {
    ++errors;
  } else if (outcome.tier == kNone) {
    ++none;
  } else {
    if (per_tier.size() <= static_cast<std::size_t>(outcome.tier)) {
      per_tier.resize(static_cast<std::size_t>(outcome.tier) + 1);
    }
    ++per_tier[static_cast<std::size_t>(outcome.tier)];
  }
  if (outcome.used_predicted) ++predicted;
  if (outcome.relies_on_exception) ++exceptions;
}

namespace {

// The text table's note for a provisional learner, kept short: "provisional: 2 rows not read",
// "provisional: bad.csv not read" (with `name`; else "an input") or, with both, the input alone
// (the diagnostics say which rows, and the summary which input).
std::string BriefProvisional(const Learner& learner, const Outcome& o,
                             const EvaluateOptions& options, bool name = true) {
  const std::vector<std::string>& refused = RefusedInputs(options);
  if (!o.input_refused || refused.empty()) {
    return fmt::format("provisional: {} not read", Rows(learner.rejected_rows));
  }
  if (refused.size() > 1) return fmt::format("provisional: {} inputs not read", refused.size());
  return fmt::format("provisional: {} not read", name ? refused.front() : "an input");
}

std::string_view TierId(const Programme& p, const Outcome& o) {
  if (o.tier == kNone) return {};
  return p.tiers[static_cast<std::size_t>(o.tier)].id;
}

// The tier a learner is short of: the one just above what they achieved, or the lowest tier
// when they achieved none.
const TierResult* NextTier(const Outcome& o) {
  if (o.tiers.empty()) return nullptr;
  if (o.tier == kNone) return &o.tiers.back();
  if (o.tier == 0) return nullptr;
  return &o.tiers[static_cast<std::size_t>(o.tier) - 1];
}

// "advanced.development.physical-outdoor waived; advanced.core-learning met by a substitute"
std::string AppliedExceptions(const Outcome& o) {
  std::vector<std::string> parts;
  for (const ExceptionResult& r : o.exceptions) {
    if (r.effect != ExceptionEffect::kApplied) continue;
    parts.push_back(fmt::format("{} {}", r.exception->exception->node,
                                ExceptionActionDone(r.exception->exception->action)));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

// Appends `pieces` to `out`, which stands at column `indent` of its last line, a space between
// two, starting a new line at `indent` where the next piece would pass column 80 (a piece
// longer than that is left whole).
void FlowPieces(std::string& out, const std::vector<std::string_view>& pieces, std::size_t indent) {
  std::size_t column = indent;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::size_t width = internal::Columns(pieces[i]);
    if (i > 0 && column + 1 + width > 80) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (i > 0) {
      out += ' ';
      ++column;
    }
    out += pieces[i];
    column += width;
  }
}

constexpr std::string_view kNoteHeading = "short of the next tier";

// The widths of the text table's award and grade columns (OutcomeWriter's, worked out once):
// wide enough for every tier's title and grade band (in words) of the programme (the table is
// written before any learner is evaluated), and no narrower than the headings have always been
// given.
struct TextColumns {
  std::size_t award = 14;
  std::size_t grade = 12;
  // Where the note ("short of the next tier") starts.
  std::size_t note() const { return 16 + 1 + award + 1 + grade + 1; }
  // Whether the note's heading fits in 80 columns; without it, each note goes on lines of its
  // own under the learner's, saying "short of" itself.
  bool headed() const { return note() + kNoteHeading.size() <= 80; }
};

TextColumns TextColumnsOf(const Programme& p) {
  TextColumns columns;
  for (const Tier& tier : p.tiers) {
    columns.award = std::max(columns.award, internal::Columns(internal::TitleOf(tier)));
    for (const Band& band : tier.grading.bands) {
      columns.grade = std::max(columns.grade, internal::Columns(internal::GradeInWords(band.name)));
    }
  }
  return columns;
}

// Rule language 1.1's named values under a learner's line of the text table, indented:
// "  Core points 40, Overall grade points 3"; "" for a programme without any.
std::string ValuesLine(const Programme& p, const Outcome& o) {
  if (p.values.empty() || o.values.empty()) return "";
  const std::size_t n = std::min(p.values.size(), o.values.size());
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < n; ++i) {
    parts.push_back(fmt::format("{} {}{}", ValueTitle(p.values[i]), FormatNumber(o.values[i]),
                                i + 1 < n ? "," : ""));
  }
  std::string line = "  ";
  FlowPieces(line, std::vector<std::string_view>(parts.begin(), parts.end()), 2);
  return line + "\n";
}

// A learner's row of the csv format (outcome_format.h), appended to `out`.
void AppendCsvRow(std::string& out, const OutcomeRun& run, const Learner& learner,
                  const Outcome& o) {
  internal::AppendCsvCell(out, learner.id);
  out += ',';
  out += LearnerStatus(o);
  out += ',';
  out += TierId(*run.programme, o);
  out += ',';
  out += o.grade;
  out += o.used_predicted ? ",yes" : ",no";
  for (double value : o.values) {
    out += ',';
    out += FormatNumber(value);
  }
  if (!o.tiers.empty()) {
    for (const ComponentResult& c : o.tiers.front().components) {
      out += ',';
      out += ComponentStatusName(c.status);
    }
  }
  if (run.options.exceptions != nullptr) {
    out += o.relies_on_exception ? ",yes," : ",no,";
    internal::AppendCsvCell(out, AppliedExceptions(o));
  }
  out += ',';
  if (o.data_error) internal::AppendCsvCell(out, ProvisionalReason(learner, o, run.options));
  out += '\n';
}

}  // namespace

OutcomeWriter::OutcomeWriter(OutcomeFormat format, const OutcomeRun& run)
    : format_(format), run_(run) {
  if (run.programme == nullptr) return;
  const TextColumns columns = TextColumnsOf(*run.programme);
  award_width_ = columns.award;
  grade_width_ = columns.grade;
  if (format == OutcomeFormat::kJson || format == OutcomeFormat::kJsonl) {
    json_ = std::make_shared<const internal::LearnerJson>(*run.programme);
  }
}

std::string OutcomeWriter::Begin(const ValidateSummary& summary,
                                 const Accounting& accounting) const {
  (void)accounting;
  const Programme& p = *run_.programme;
  switch (format_) {
    case OutcomeFormat::kText: {
      const TextColumns columns{award_width_, grade_width_};
      std::string heading =
          fmt::format("{:<16} {:<{}} {:<{}} {}", "learner", "award", columns.award, "grade",
                      columns.grade, columns.headed() ? kNoteHeading : "");
      while (heading.back() == ' ') heading.pop_back();
      return fmt::format("{}\n{}\n", p.title, heading);
    }
    case OutcomeFormat::kJson: {
      JsonWriter json;
      json.BeginObject();
      json.Key("format_version").Int(1);
      json.Key("programme").BeginObject();
      json.Key("id").String(p.id);
      json.Key("title").String(p.title);
      json.EndObject();
      json.Key("options").BeginObject();
      json.Key("predicted").Bool(run_.options.predicted);
      json.Key("as_of").StringOrNull(run_.options.as_of ? FormatDate(*run_.options.as_of) : "");
      json.EndObject();
      // The document stays open: learners follow as array elements, End() closes it.
      return json.str() + ",\"learners\":[";
    }
    case OutcomeFormat::kJsonl:
      return "";
    case OutcomeFormat::kCsv: {
      std::string header = "learner,status,tier,grade,predicted";
      for (const NamedValue& value : p.values) header += "," + internal::CsvCell(value.id);
      if (!p.tiers.empty()) {
        for (const Component& c : p.tiers.front().components)
          header += "," + internal::CsvCell(c.id);
      }
      if (run_.options.exceptions != nullptr) header += ",relies_on_exception,exceptions";
      return header + ",provisional_reason\n";
    }
    case OutcomeFormat::kJunit: {
      std::size_t failures = summary.none;
      return fmt::format(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
          "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
          internal::HtmlEscape(p.id), summary.learners, failures, summary.errors);
    }
    case OutcomeFormat::kXlsx:
      return "";
  }
  return "";
}

void OutcomeWriter::AppendLearner(std::string& out, const accredit::Learner& learner,
                                  const Outcome& o) const {
  switch (format_) {
    case OutcomeFormat::kCsv:
      AppendCsvRow(out, run_, learner, o);
      return;
    case OutcomeFormat::kJson:
    case OutcomeFormat::kJsonl:
      if (json_ != nullptr) json_->Append(out, run_, learner, o);
      if (format_ == OutcomeFormat::kJsonl) out += '\n';
      return;
    case OutcomeFormat::kText:
    case OutcomeFormat::kJunit:
    case OutcomeFormat::kXlsx:
      out += Learner(learner, o);
      return;
  }
}

std::string_view OutcomeWriter::Separator() const {
  return format_ == OutcomeFormat::kJson ? "," : "";
}

std::string OutcomeWriter::Learner(const accredit::Learner& learner, const Outcome& o) const {
  const Programme& p = *run_.programme;
  switch (format_) {
    case OutcomeFormat::kText: {
      const TextColumns columns{award_width_, grade_width_};
      // Named as a person reads them; the machine-read formats keep the ids.
      std::string award = o.tier == kNone
                              ? "no award"
                              : internal::TitleOf(p.tiers[static_cast<std::size_t>(o.tier)]);
      const std::string grade = o.grade.empty() ? "-" : internal::GradeInWords(o.grade);
      std::string note;
      bool short_of = false;  // the note names the next tier and what it still needs
      if (o.data_error) {
        note = BriefProvisional(learner, o, run_.options);
      } else if (const TierResult* next = NextTier(o)) {
        std::vector<std::string> missing;
        for (const ComponentResult& c : next->components) {
          if (c.status != ComponentStatus::kMet) missing.push_back(internal::TitleOf(*c.component));
        }
        note = fmt::format("{}: {}", internal::TitleOf(*next->tier), fmt::join(missing, ", "));
        short_of = true;
      }
      if (o.used_predicted) note += note.empty() ? "(predicted)" : " (predicted)";
      if (o.relies_on_exception) {
        note += note.empty() ? "(relies on an exception)" : " (relies on an exception)";
      }
      const auto row = [&](std::string_view text) {
        std::string out = fmt::format("{:<16} {:<{}} {:<{}} {}", learner.id, award, columns.award,
                                      grade, columns.grade, text);
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out;
      };
      std::string line = row(note);
      if (o.input_refused && line.size() > 80) {
        // Kept within 80 columns: the summary names the input.
        note = BriefProvisional(learner, o, run_.options, false);
        short_of = false;
        line = row(note);
      }
      // Within 80 columns: a long note goes on under itself, broken after the tier's title or a
      // comma, so that no component's title is cut in two. When a piece is too long for that
      // (the award and grade columns are wide), the note goes on lines of its own under the
      // learner's, indented.
      const std::size_t note_column = columns.note();
      if (note.empty() ||
          (columns.headed() && (learner.id.size() > 16 || internal::Columns(line) <= 80))) {
        return line + "\n" + ValuesLine(p, o);
      }
      std::vector<std::string_view> pieces;  // each with its comma or colon
      std::string_view rest = std::string_view(line).substr(note_column);
      bool fits = true;
      while (!rest.empty()) {
        const std::size_t end = std::min(rest.find(", "), rest.find(": "));
        pieces.push_back(rest.substr(0, end == std::string_view::npos ? rest.size() : end + 1));
        fits = fits && note_column + internal::Columns(pieces.back()) <= 80;
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);
      }
      if (fits && columns.headed()) {
        std::string out = line.substr(0, note_column);
        FlowPieces(out, pieces, note_column);
        return out + "\n" + ValuesLine(p, o);
      }
      std::string out = row("") + "\n";
      internal::Wrap(out, short_of ? fmt::format("short of {}", note) : note, 2, 80);
      return out + ValuesLine(p, o);
    }
    case OutcomeFormat::kJson:
    case OutcomeFormat::kJsonl: {
      std::string out;
      AppendLearner(out, learner, o);
      return out;
    }
    case OutcomeFormat::kCsv: {
      std::string row;
      AppendLearner(row, learner, o);
      return row;
    }
    case OutcomeFormat::kJunit: {
      std::string name = internal::HtmlEscape(learner.id);
      std::string out = fmt::format("    <testcase classname=\"accredit.{}\" name=\"{}\">",
                                    internal::HtmlEscape(p.id), name);
      if (o.data_error) {
        out += fmt::format("<error message=\"provisional: {}\" type=\"data-error\"/>",
                           internal::HtmlEscape(ProvisionalReason(learner, o, run_.options)));
      } else if (o.tier == kNone) {
        std::vector<std::string> missing;
        if (!o.tiers.empty()) {
          for (const ComponentResult& c : o.tiers.back().components) {
            if (c.status != ComponentStatus::kMet) missing.push_back(c.component->id);
          }
        }
        out += fmt::format(
            "<failure message=\"no tier met; lowest tier missing: {}\" "
            "type=\"not-met\"/>",
            internal::HtmlEscape(fmt::format("{}", fmt::join(missing, ", "))));
      } else {
        std::string relies;
        if (o.relies_on_exception) {
          relies = " (relies on an exception: " + internal::HtmlEscape(AppliedExceptions(o)) + ")";
        }
        out += fmt::format("<system-out>{}{}{}</system-out>", internal::HtmlEscape(TierId(p, o)),
                           o.grade.empty() ? "" : " " + internal::HtmlEscape(o.grade), relies);
      }
      return out + "</testcase>\n";
    }
    case OutcomeFormat::kXlsx:
      return "";
  }
  return "";
}

std::string OutcomeWriter::End(const ValidateSummary& summary, const Accounting& accounting) const {
  const Programme& p = *run_.programme;
  switch (format_) {
    case OutcomeFormat::kText: {
      std::vector<std::string> parts;
      for (std::size_t t = 0; t < p.tiers.size(); ++t) {
        std::size_t n = t < summary.per_tier.size() ? summary.per_tier[t] : 0;
        parts.push_back(fmt::format("{} {}", n, internal::TitleOf(p.tiers[t])));
      }
      parts.push_back(fmt::format("{} no award", summary.none));
      const std::vector<std::string>& refused = RefusedInputs(run_.options);
      if (summary.errors > 0) parts.push_back(fmt::format("{} provisional", summary.errors));
      std::string out = "\n";
      internal::Wrap(out,
                     fmt::format("{} learner{}: {}", summary.learners,
                                 summary.learners == 1 ? "" : "s", fmt::join(parts, ", ")),
                     0, 80, 2);
      // Why, on a line of its own: within 80 columns, and in words a data manager can act on.
      if (!refused.empty()) {
        out += RefusedInputsSummary(refused) + "\n";
      } else if (summary.errors > 0) {
        out += fmt::format("{} outcome{} provisional: some of {} rows could not be read\n",
                           summary.errors, summary.errors == 1 ? " is" : "s are",
                           summary.errors == 1 ? "the learner's" : "their");
      }
      if (summary.predicted > 0) {
        out += fmt::format("{} outcome{} on predicted grades\n", summary.predicted,
                           summary.predicted == 1 ? " relies" : "s rely");
      }
      if (summary.exceptions > 0) {
        out += fmt::format("{} outcome{} on assessor exceptions\n", summary.exceptions,
                           summary.exceptions == 1 ? " relies" : "s rely");
      }
      out += fmt::format("rows: {} read, {} used, {} rejected\n", accounting.rows_read,
                         accounting.rows_used, accounting.rows_rejected);
      return out;
    }
    case OutcomeFormat::kJson: {
      JsonWriter json;
      json.BeginObject();
      json.Key("accounting");
      WriteAccountingJson(json, accounting);
      json.Key("refused_inputs").BeginArray();
      for (const std::string& name : RefusedInputs(run_.options)) json.String(name);
      json.EndArray();
      json.Key("summary").BeginObject();
      json.Key("tiers").BeginObject();
      for (std::size_t t = 0; t < p.tiers.size(); ++t) {
        json.Key(p.tiers[t].id)
            .Int(static_cast<long long>(t < summary.per_tier.size() ? summary.per_tier[t] : 0));
      }
      json.EndObject();
      json.Key("none").Int(static_cast<long long>(summary.none));
      json.Key("errors").Int(static_cast<long long>(summary.errors));
      json.Key("predicted").Int(static_cast<long long>(summary.predicted));
      if (run_.options.exceptions != nullptr) {
        json.Key("exceptions").Int(static_cast<long long>(summary.exceptions));
      }
      json.EndObject();
      json.EndObject();
      // Splice the accounting and summary members after the learners array.
      return "]," + json.str().substr(1) + "\n";
    }
    case OutcomeFormat::kJsonl:
    case OutcomeFormat::kCsv:
    case OutcomeFormat::kXlsx:
      return "";
    case OutcomeFormat::kJunit:
      return "  </testsuite>\n</testsuites>\n";
  }
  return "";
}

}  // namespace accredit
