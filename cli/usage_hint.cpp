#include "usage_hint.h"

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"

namespace accredit::cli {

namespace {

const CLI::App* FindCommand(const CLI::App& app, std::string_view name) {
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->get_name() == name) return command;
  }
  return nullptr;
}

// The option `arg` names ("--format=csv": "--format") in `command` or, as global options may
// follow the command, in `app`.
const CLI::Option* FindOption(const CLI::App& app, const CLI::App* command, std::string_view arg) {
  const std::string name(arg.substr(0, arg.find('=')));
  if (command != nullptr) {
    if (const CLI::Option* option = command->get_option_no_throw(name)) return option;
  }
  return app.get_option_no_throw(name);
}

// Whether the word after `arg` is its value.
bool TakesValue(const CLI::Option* option, std::string_view arg) {
  return option != nullptr && arg.find('=') == std::string_view::npos &&
         option->get_items_expected_min() > 0 && !option->get_positional();
}

std::vector<std::string> LongNames(const CLI::App& app, const CLI::App* command) {
  std::vector<std::string> names;
  for (const CLI::App* each : {command, &app}) {
    if (each == nullptr) continue;
    for (const CLI::Option* option : each->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  return names;
}

std::string DidYouMean(const std::string& match) {
  return match.empty() ? std::string() : fmt::format(": did you mean '{}'?", match);
}

}  // namespace

std::string UsageHint(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* command = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return "";
    if (arg.size() > 2 && arg.substr(0, 2) == "--") {
      const CLI::Option* option = FindOption(app, command, arg);
      if (option == nullptr) {
        const std::string name(arg.substr(0, arg.find('=')));
        const std::string where =
            command == nullptr ? "accredit" : "accredit " + command->get_name();
        // The next line names the command: this one stays within 80 columns.
        return fmt::format("accredit: unknown option '{}'{}\nRun '{} --help' to see {}.\n", name,
                           DidYouMean(ClosestMatch(name, LongNames(app, command))), where,
                           command == nullptr ? "the options" : "its options");
      }
      if (TakesValue(option, arg)) ++i;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      if (TakesValue(FindOption(app, command, arg.substr(0, 2)), arg.substr(0, 2)) &&
          arg.size() == 2) {
        ++i;
      }
      continue;
    }
    if (command != nullptr) continue;  // the command's own arguments
    command = FindCommand(app, arg);
    if (command == nullptr) {
      std::vector<std::string> names;
      for (const CLI::App* each : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(each->get_name());
      }
      return fmt::format(
          "accredit: unknown command '{}'{}\nRun 'accredit --help' to see the commands.\n", arg,
          DidYouMean(ClosestMatch(arg, names)));
    }
  }
  return "";
}

}  // namespace accredit::cli
