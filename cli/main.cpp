// accredit: the command-line front end. Each subcommand lives in its own file pair; this file
// wires them into CLI11, maps usage errors to exit 2 and anything unexpected to exit 3.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "check_command.h"
#include "common.h"
#include "completion_command.h"
#include "exit_codes.h"
#include "explain_command.h"
#include "keys_command.h"
#include "map_command.h"
#include "report_command.h"
#include "test_command.h"
#include "transcript_command.h"
#include "usage_hint.h"
#include "validate_command.h"
#include "verify_command.h"

int main(int argc, char** argv) {
  using namespace accredit::cli;  // NOLINT: main only
  try {
    CLI::App app{
        "accredit: check baccalaureate programmes and learner records against award "
        "rules"};
    app.set_version_flag("--version", "accredit " ACCREDIT_VERSION);
    app.require_subcommand(1);
    app.fallthrough();  // global options may follow the subcommand
    GlobalOptions global;
    AddGlobalOptions(app, global);
    int exit_code = kExitOk;
    SetupCheck(app, global, exit_code);
    SetupExplain(app, global, exit_code);
    SetupReport(app, global, exit_code);
    SetupTranscript(app, global, exit_code);
    SetupValidate(app, global, exit_code);
    SetupTest(app, global, exit_code);
    SetupMap(app, global, exit_code);
    SetupKeys(app, global, exit_code);
    SetupVerify(app, global, exit_code);
    SetupCompletion(app, global, exit_code);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      // --help and --version end the parse with an "error" that is success.
      if (e.get_exit_code() != 0) {
        if (const std::string hint = UsageHint(app, argc, argv); !hint.empty()) {
          std::fputs(hint.c_str(), stderr);
          return kExitError;
        }
      }
      int code = app.exit(e);
      return code == 0 ? kExitOk : kExitError;
    }
    std::fflush(stdout);
    return exit_code;
  } catch (const std::exception& e) {
    std::fprintf(stderr,
                 "accredit: internal error: %s\nThis is a bug in accredit; please report it.\n",
                 e.what());
    return kExitInternal;
  } catch (...) {
    std::fprintf(stderr,
                 "accredit: internal error\nThis is a bug in accredit; please report it.\n");
    return kExitInternal;
  }
}
