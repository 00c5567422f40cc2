// A usage error in plain words when the cause is a mistyped command or long option: CLI11 says
// "A subcommand is required" for `accredit valdate`, where a person wants to hear which
// command they meant. "Did you mean" uses the library's ClosestMatch (accredit/diagnostic.h),
// as the rules and records do for their names.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace accredit::cli {

// After a parse error of `app` with these arguments: what to print instead of CLI11's message
// when a command or a long option is not known, e.g.
//   accredit: unknown command 'valdate': did you mean 'validate'?
//   Run 'accredit --help' to see the commands.
// or "" when neither is the cause (CLI11's message stands).
std::string UsageHint(const CLI::App& app, int argc, const char* const* argv);

}  // namespace accredit::cli
