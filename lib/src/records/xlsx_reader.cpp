#include "records/xlsx_reader.h"

#include <fmt/format.h>

#include "base/text.h"

namespace accredit::internal {

bool IsXlsx(std::string_view name, std::string_view bytes) {
  if (LowerAscii(name).ends_with(".xlsx")) return true;
  return bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

std::string NoSuchSheet(std::string_view sheet, const std::vector<XlsxSheetEntry>& sheets) {
  std::vector<std::string> names;
  for (const XlsxSheetEntry& entry : sheets) names.push_back("'" + entry.name + "'");
  return fmt::format("the workbook has no sheet '{}' (it has {})", sheet, fmt::join(names, ", "));
}

std::vector<XlsxSheet> ReadXlsxSheets(std::string_view bytes, std::string_view sheet,
                                      std::uint64_t max_bytes, SourceId source,
                                      Diagnostics& diagnostics) {
  std::vector<XlsxSheet> out;
  auto fail = [&](const XlsxFault& fault) {
    const Location at{source, 0, 0, {}};
    if (fault.code == "too-large") {
      diagnostics.Error("too-large", fault.message, at);
    } else {
      diagnostics.Error("bad-workbook", fault.message, at);
    }
    return out;
  };
  XlsxPackage package(bytes, XlsxInflateBudget(bytes.size(), max_bytes));
  if (XlsxFault f = package.Load(); !f.ok()) return fail(f);
  bool found = sheet.empty();
  for (const XlsxSheetEntry& entry : package.sheets()) {
    if (!sheet.empty() && entry.name != sheet) continue;
    found = true;
    if (entry.part.empty()) {
      return fail(
          {"bad-workbook", fmt::format("the workbook's sheet '{}' has no part", entry.name)});
    }
    XlsxFault fault;
    std::unique_ptr<XlsxPart> part = package.Open(entry.part, fault);
    if (part == nullptr) return fail(fault);
    XlsxSheetReader reader(package, std::move(part));
    reader.SetLimits(max_bytes, 0);
    std::string csv;
    if (reader.Read(csv, SIZE_MAX) != XlsxSheetReader::Status::kEnd) {
      return fail(reader.fault(entry.name));
    }
    out.push_back(XlsxSheet{entry.name, std::move(csv), package.PartSize(entry.part)});
  }
  if (!found) return fail({"bad-workbook", NoSuchSheet(sheet, package.sheets())});
  return out;
}

}  // namespace accredit::internal
