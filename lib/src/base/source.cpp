#include "accredit/source.h"

#include <utility>

namespace accredit {

SourceSet::SourceSet() = default;
SourceSet::~SourceSet() = default;
SourceSet::SourceSet(SourceSet&&) noexcept = default;
SourceSet& SourceSet::operator=(SourceSet&&) noexcept = default;

SourceId SourceSet::Add(std::string name, std::string text) {
  sources_.push_back(std::make_unique<Source>(Source{std::move(name), std::move(text), {}}));
  return static_cast<SourceId>(sources_.size() - 1);
}

SourceId SourceSet::AddName(std::string name) { return Add(std::move(name), std::string()); }

SourceId SourceSet::AddSheet(std::string_view file, std::string_view sheet, std::string text) {
  std::string name;
  name.reserve(file.size() + sheet.size() + 2);
  name.append(file).append("[").append(sheet).append("]");
  const SourceId id = Add(std::move(name), std::move(text));
  sources_.back()->sheet = std::string(sheet);
  sources_.back()->personal = true;
  return id;
}

void SourceSet::SetPersonal(SourceId id) { sources_.at(id)->personal = true; }

void SourceSet::AppendText(SourceId id, std::string_view text) {
  sources_.at(id)->text.append(text);
}

void SourceSet::DropText(SourceId id) { std::string().swap(sources_.at(id)->text); }

const Source& SourceSet::Get(SourceId id) const { return *sources_.at(id); }

std::size_t SourceSet::size() const { return sources_.size(); }

std::string_view SourceSet::Line(SourceId id, std::uint32_t line) const {
  if (id >= sources_.size() || line == 0) return {};
  std::string_view text = sources_[id]->text;
  std::size_t pos = 0;
  for (std::uint32_t i = 1; i < line; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  if (pos > text.size()) return {};
  std::size_t end = text.find('\n', pos);
  std::string_view result = text.substr(pos, end == std::string_view::npos ? end : end - pos);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

}  // namespace accredit
