// What a Workflow holds besides its public members: the exceptions and column mappings of the
// run, and the records inputs with their mappings. Private to workflow/.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "accredit/column_map.h"
#include "accredit/exceptions.h"
#include "accredit/record_input.h"
#include "accredit/workflow.h"
#include "workflow/exception_input.h"

namespace accredit {

struct Workflow::State {
  internal::ExceptionInput exceptions;
  std::optional<ProgrammeExceptions> baseline_exceptions;  // report --baseline
  std::vector<std::unique_ptr<ColumnMap>> maps;            // loaded once each
  std::vector<std::unique_ptr<ColumnMap>> shipped;         // rules/mappings/, when needed
  std::vector<RecordInput> record_inputs;                  // the inputs, each with its mapping
  ReadOptions stream_options;  // a streamed input's options (they outlive the stream)
};

}  // namespace accredit
