// Fuzz target: a column mapping file, as hostile text. Loads it, renders every diagnostic,
// and when it loads, reads a fixed school export (CSV, long and wide) and a fixed JSON
// profile through it, checking the row accounting of each.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "accredit/column_map.h"
#include "accredit/csv_records.h"
#include "accredit/diagnostic.h"
#include "accredit/json_reader.h"
#include "accredit/rules_loader.h"

namespace {

struct Rules {
  accredit::SourceSet sources;
  accredit::LoadResult loaded = accredit::LoadDefaultRules(sources);
};

constexpr std::string_view kExport =
    "\xef\xbb\xbfUPN,Forename,QAN,Qualification,Subject,Grade,Series,Maths,English,Date\n"
    "G873401522001,Amelia,601/4873/1,GCSE (9-1),Maths,7,June 2026,7,6,05/10/2025\n"
    "G873401522001,Amelia,601/4437/3,GCE A Level,Maths,A,June 2026,,5,2025-10-05\n"
    "W873401522002,Oliver,601/4873/1,GCSE (9-1),Maths,4,Nov 2025,4,,31/02/2025\n";

constexpr std::string_view kProfile =
    "[{\"id\": \"G873401522001\", \"achievements\": [{\"kind\": \"activity\", \"strand\": "
    "\"leadership-service\", \"hours\": 20, \"date\": \"05/10/2024\", \"Series\": \"June "
    "2026\"}, {\"Qualification\": \"GCSE (9-1)\", \"Subject\": \"Maths\", \"Grade\": 7}]}]\n";

void Check(const accredit::RecordSet& records) {
  const accredit::Accounting& a = records.accounting;
  if (a.rows_read != a.rows_used + a.rows_rejected) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace accredit;           // NOLINT: fuzz target
  static Rules* rules = new Rules();  // loaded once, never freed
  SourceSet sources;
  SourceId id =
      sources.Add("fuzz.map.yaml", std::string(reinterpret_cast<const char*>(data), size));
  Diagnostics diagnostics;
  std::optional<ColumnMap> map = LoadColumnMap(id, sources.Get(id).text, diagnostics);
  if (map) {
    ReadOptions options;
    options.map = &*map;
    SourceId csv = sources.Add("export.csv", std::string(kExport));
    Check(ReadCsvRecords(csv, sources.Get(csv).text, rules->loaded.rules, options, diagnostics));
    SourceId json = sources.Add("profile.json", std::string(kProfile));
    Check(ReadJsonRecords(json, sources.Get(json).text, rules->loaded.rules, options, diagnostics));
  }
  for (const Diagnostic& d : diagnostics.items()) (void)Render(d, sources);
  return 0;
}
