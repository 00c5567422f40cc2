#include "completion_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "exit_codes.h"

namespace accredit::cli {

namespace {

// The program the scripts complete. The App's own name is argv[0] once parsed, which may be a
// path, so it is not used.
constexpr const char* kProgram = "accredit";

enum class ValueKind { kNone, kText, kFile, kDir, kChoice };

// An option, or a command's positional arguments (then `names` is empty).
struct Argument {
  std::vector<std::string> names;  // "-f", "--format"
  std::string label;               // what the value is: "format", "records"
  std::string description;
  ValueKind kind = ValueKind::kNone;
  std::vector<std::string> choices;
  bool repeatable = false;
  bool ends_command = false;  // --help, --version: nothing else follows
};

struct Command {
  std::string name;
  std::string description;
  std::vector<Argument> options;  // its own
  std::optional<Argument> positional;
};

struct Tree {
  std::vector<Argument> root_options;  // before a command
  std::vector<Argument> global;        // root options a command takes too (CLI11 fallthrough)
  std::vector<Command> commands;
};

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The values an option accepts, from the IsMember check that --help shows as
// `TEXT:{text,json}`; empty when it accepts any value.
std::vector<std::string> Choices(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const std::size_t open = type.find(":{");
  const std::size_t close = open == std::string::npos ? open : type.find('}', open);
  if (close == std::string::npos) return {};
  std::vector<std::string> out;
  std::string list = type.substr(open + 2, close - open - 2);
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Argument Describe(const CLI::Option& option, bool ends_command) {
  Argument a;
  for (const std::string& name : option.get_snames()) a.names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) a.names.push_back("--" + name);
  a.description = option.get_description();
  a.ends_command = ends_command;
  if (!option.nonpositional()) {
    a.label = Lower(option.get_name(true));
  } else {
    a.label =
        option.get_lnames().empty() ? option.get_snames().front() : option.get_lnames().front();
  }
  a.repeatable = option.get_expected_max() > 1 ||
                 option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  if (option.get_expected_max() == 0) return a;  // a flag
  a.choices = Choices(option);
  const std::string full_type = option.get_type_name();
  const std::string type = full_type.substr(0, full_type.find(':'));
  if (!a.choices.empty()) {
    a.kind = ValueKind::kChoice;
  } else if (type == kFileArgument || type == kPathArgument) {
    a.kind = ValueKind::kFile;
  } else if (type == kDirArgument) {
    a.kind = ValueKind::kDir;
  } else {
    a.kind = ValueKind::kText;
  }
  return a;
}

// Options as --help lists them: hidden ones (no group) are left out.
std::vector<const CLI::Option*> Visible(const CLI::App& app) {
  return app.get_options([](const CLI::Option* o) { return !o->get_group().empty(); });
}

Tree DescribeTree(const CLI::App& app) {
  Tree tree;
  for (const CLI::Option* option : Visible(app)) {
    const bool ends = option == app.get_help_ptr() || option == app.get_version_ptr();
    tree.root_options.push_back(Describe(*option, ends));
    if (!ends) tree.global.push_back(tree.root_options.back());
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    Command command;
    command.name = sub->get_name();
    command.description = sub->get_description();
    for (const CLI::Option* option : Visible(*sub)) {
      Argument a = Describe(*option, option == sub->get_help_ptr());
      if (a.names.empty()) {
        command.positional = std::move(a);
      } else {
        command.options.push_back(std::move(a));
      }
    }
    // A command of commands (`keys new`, `keys public`): its first word is one of them, and
    // their options are offered with its own.
    Argument actions;
    for (const CLI::App* nested : sub->get_subcommands([](const CLI::App*) { return true; })) {
      actions.choices.push_back(nested->get_name());
      for (const CLI::Option* option : Visible(*nested)) {
        Argument a = Describe(*option, option == nested->get_help_ptr());
        const bool known = std::any_of(command.options.begin(), command.options.end(),
                                       [&](const Argument& o) { return o.names == a.names; });
        if (!a.names.empty() && !known) command.options.push_back(std::move(a));
      }
    }
    if (!actions.choices.empty()) {
      actions.label = "action";
      actions.kind = ValueKind::kChoice;
      command.positional = std::move(actions);
    }
    tree.commands.push_back(std::move(command));
  }
  return tree;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

// `text` inside single quotes, for bash and zsh alike.
std::string Quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// ---- bash -------------------------------------------------------------------------------

// `case` patterns matching "COMMAND:OPTION" for each name of `a` ("*" for any command).
std::string BashPattern(std::string_view command, const Argument& a) {
  std::vector<std::string> patterns;
  for (const std::string& name : a.names) patterns.push_back(fmt::format("{}:{}", command, name));
  return Join(patterns, "|");
}

// The bash statement completing a value of kind `a.kind` from "$cur".
std::string BashValue(const Argument& a) {
  switch (a.kind) {
    case ValueKind::kChoice:
      return fmt::format("_accredit_words {} \"$cur\"", Quote(Join(a.choices, " ")));
    case ValueKind::kFile:
      return "_accredit_files \"$cur\"";
    case ValueKind::kDir:
      return "_accredit_dirs \"$cur\"";
    case ValueKind::kText:
    case ValueKind::kNone:
      break;
  }
  return ":";  // free text: nothing to offer
}

std::vector<std::string> Names(const std::vector<Argument>& options) {
  std::vector<std::string> names;
  for (const Argument& a : options) names.insert(names.end(), a.names.begin(), a.names.end());
  return names;
}

std::string BashScript(const Tree& tree) {
  std::vector<std::string> commands;
  for (const Command& c : tree.commands) commands.push_back(c.name);
  std::string out = fmt::format(
      R"(# bash completion for {0}, generated by `{0} completion bash` from the options the
# binary takes. Load it into this shell with
#   source <({0} completion bash)
# or save it as ~/.local/share/bash-completion/completions/{0}

_accredit_words() {{
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}}

_accredit_files() {{
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$1")
}}

_accredit_dirs() {{
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -d -- "$1")
}}

_accredit() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev= command= i
  COMPREPLY=()
  ((COMP_CWORD > 0)) && prev=${{COMP_WORDS[COMP_CWORD - 1]}}
  # --option=value: bash splits the word at '='.
  if [[ $cur == = && $prev == -* ]]; then
    cur=
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)) && [[ ${{COMP_WORDS[COMP_CWORD - 2]}} == -* ]]; then
    prev=${{COMP_WORDS[COMP_CWORD - 2]}}
  fi
  # The command: the first word that names one, skipping the values of options before it.
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${{COMP_WORDS[i]}} in
)",
      kProgram);
  std::vector<std::string> valued;
  for (const Argument& a : tree.root_options) {
    if (a.kind != ValueKind::kNone) valued.insert(valued.end(), a.names.begin(), a.names.end());
  }
  if (!valued.empty()) out += fmt::format("      {}) ((i++)) ;;\n", Join(valued, "|"));
  out += fmt::format("      {}) command=${{COMP_WORDS[i]}}; break ;;\n", Join(commands, "|"));
  out += "    esac\n  done\n";

  // The value of an option: the command's own first, then the options of the root.
  out += "  case $command:$prev in\n";
  auto values = [&out](std::string_view command, const std::vector<Argument>& options) {
    std::vector<std::string> text;  // patterns of the free-text options: nothing to offer
    for (const Argument& a : options) {
      if (a.kind == ValueKind::kText) text.push_back(BashPattern(command, a));
      if (a.kind == ValueKind::kNone || a.kind == ValueKind::kText) continue;
      out += fmt::format("    {}) {}; return ;;\n", BashPattern(command, a), BashValue(a));
    }
    if (!text.empty()) out += fmt::format("    {}) return ;;\n", Join(text, "|"));
  };
  for (const Command& c : tree.commands) values(c.name, c.options);
  values("*", tree.root_options);
  out += "  esac\n";

  out += "  if [[ $cur == -* ]]; then\n    case $command in\n";
  out += fmt::format("      '') _accredit_words {} \"$cur\" ;;\n",
                     Quote(Join(Names(tree.root_options), " ")));
  for (const Command& c : tree.commands) {
    std::vector<std::string> names = Names(c.options);
    for (const std::string& name : Names(tree.global)) names.push_back(name);
    out +=
        fmt::format("      {}) _accredit_words {} \"$cur\" ;;\n", c.name, Quote(Join(names, " ")));
  }
  out += "    esac\n    return\n  fi\n";

  out += "  case $command in\n";
  out += fmt::format("    '') _accredit_words {} \"$cur\" ;;\n", Quote(Join(commands, " ")));
  for (const Command& c : tree.commands) {
    if (c.positional && c.positional->kind != ValueKind::kText) {
      out += fmt::format("    {}) {} ;;\n", c.name, BashValue(*c.positional));
    }
  }
  out += "  esac\n}\n\n";
  out += fmt::format("complete -F _accredit {}\n", kProgram);
  return out;
}

// ---- zsh --------------------------------------------------------------------------------

// Text inside an _arguments explanation `[...]` or a _describe item: brackets and colons
// would end the field, and a backslash escapes.
std::string ZshText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The `:message:action` part of a spec for a value of `a`.
std::string ZshValue(const Argument& a) {
  switch (a.kind) {
    case ValueKind::kChoice:
      return fmt::format(":{}:({})", a.label, Join(a.choices, " "));
    case ValueKind::kFile:
      return fmt::format(":{}:_files", a.label);
    case ValueKind::kDir:
      return fmt::format(":{}:_files -/", a.label);
    case ValueKind::kText:
      return fmt::format(":{}: ", a.label);
    case ValueKind::kNone:
      break;
  }
  return "";
}

// One _arguments spec per name of option `a`, each single-quoted.
std::vector<std::string> ZshOptionSpecs(const Argument& a) {
  std::string exclusions;
  if (a.ends_command) {
    exclusions = "(- *)";
  } else if (!a.repeatable) {
    exclusions = fmt::format("({})", Join(a.names, " "));
  }
  std::vector<std::string> specs;
  for (const std::string& name : a.names) {
    std::string suffix;
    if (a.kind != ValueKind::kNone) suffix = name.starts_with("--") ? "=" : "+";
    specs.push_back(Quote(fmt::format("{}{}{}{}[{}]{}", exclusions, a.repeatable ? "*" : "", name,
                                      suffix, ZshText(a.description), ZshValue(a))));
  }
  return specs;
}

std::string ZshSpecLines(const std::vector<Argument>& options, std::string_view indent) {
  std::string out;
  for (const Argument& a : options) {
    for (const std::string& spec : ZshOptionSpecs(a)) out += fmt::format("{}{} \\\n", indent, spec);
  }
  return out;
}

std::string ZshScript(const Tree& tree) {
  std::string out = fmt::format(
      R"(#compdef {0}
# zsh completion for {0}, generated by `{0} completion zsh` from the options the binary
# takes. Save it as _{0} in a folder of $fpath, or load it into this shell (after compinit)
# with
#   source <({0} completion zsh)

_accredit() {{
  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  _arguments -C -s \
)",
      kProgram);
  out += ZshSpecLines(tree.root_options, "    ");
  out += "    ': :->command' \\\n    '*:: :->argument' && ret=0\n";
  out += "  case $state in\n    command)\n      local -a commands\n      commands=(\n";
  for (const Command& c : tree.commands) {
    out += fmt::format("        {}\n",
                       Quote(fmt::format("{}:{}", ZshText(c.name), ZshText(c.description))));
  }
  out += fmt::format(
      "      )\n      _describe -t commands '{} command' commands && ret=0\n      ;;\n", kProgram);
  out += "    argument)\n      curcontext=${curcontext%:*:*}:accredit-$words[1]:\n";
  out += "      case $words[1] in\n";
  for (const Command& c : tree.commands) {
    out += fmt::format("        {})\n          _arguments -s \\\n", c.name);
    out += ZshSpecLines(c.options, "            ");
    out += ZshSpecLines(tree.global, "            ");
    if (c.positional) {
      std::string spec = c.positional->repeatable ? "*" : "1";
      out += fmt::format("            {} \\\n", Quote(spec + ZshValue(*c.positional)));
    }
    out += "            && ret=0\n          ;;\n";
  }
  out += "      esac\n      ;;\n  esac\n  return ret\n}\n\n";
  // Autoloaded from $fpath, the file is the function's body; sourced, it registers itself.
  out += fmt::format(
      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  _accredit \"$@\"\nelse\n  "
      "compdef _accredit {}\nfi\n",
      kProgram);
  return out;
}

}  // namespace

std::string CompletionScript(const CLI::App& app, const std::string& shell) {
  Tree tree = DescribeTree(app);
  return shell == "zsh" ? ZshScript(tree) : BashScript(tree);
}

void SetupCompletion(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  (void)global;
  auto options = std::make_shared<CompletionOptions>();
  CLI::App* cmd = app.add_subcommand(
      "completion", "Print a completion script for bash or zsh (see accredit-completion(1))");
  cmd->add_option("SHELL", options->shell, "The shell: bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  const CLI::App* root = &app;
  cmd->callback([options, root, &exit_code] {
    Print(CompletionScript(*root, options->shell));
    exit_code = kExitOk;
  });
}

}  // namespace accredit::cli
