// Gives a diagnostic whose code is ACCREDIT_TEST_CODE. tests/CMakeLists.txt compiles it with a
// code of diagnostic_codes.h, which must compile, and with a name that is not one, which must
// not: the compiler's error names UnlistedDiagnosticCode.
#include "accredit/diagnostic.h"

void Emit(accredit::Diagnostics& diagnostics) {
  diagnostics.Error(ACCREDIT_TEST_CODE, "a message", accredit::Location{});
}
