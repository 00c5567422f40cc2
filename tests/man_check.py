#!/usr/bin/env python3
"""Checks that the manual pages and `--help` agree.

    man_check.py ACCREDIT MAN_DIR

For every command `accredit --help` lists, man/accredit-COMMAND.1 must exist, and (for a command
of commands, such as `keys`, with the options of each of its commands):
  - every option `accredit COMMAND --help` lists is documented in the page's OPTIONS section
    (an `.It Fl ...` item naming it), and every option the page documents is in --help;
  - an option whose --help shows allowed values (`TEXT:{text,json}`) has each of them in its
    item, and one whose --help shows a default (`=text`) says so: its item has the word
    "default" and the value.
The same holds for accredit.1 and `accredit --help` (the global options). accredit.1 names every
command's page, and its SEE ALSO names every other page in MAN_DIR.

PENDING lists options a page documents ahead of the binary (work on another branch). An entry
must be removed once --help lists the option: the check fails until it is.
"""
import pathlib
import re
import subprocess
import sys

PENDING = {}

failures = []


def fail(message):
    failures.append(message)


def run_help(accredit, *command):
    result = subprocess.run([accredit, *command, "--help"], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"'accredit {' '.join(command)} --help' exited with {result.returncode}")
    return result.stdout


def help_options(text):
    """{name: (allowed values, default)} for each option line of --help."""
    options = {}
    for line in text.splitlines():
        m = re.match(r"^  (-[^ ]+)(?: +(\S+))?", line)
        if not m:
            continue
        names = m.group(1).split(",")
        kind = m.group(2) or ""
        values = re.search(r"\{([^}]*)\}", kind)
        allowed = values.group(1).split(",") if values else []
        default = re.search(r"=(\S+)$", kind)
        for name in names:
            options[name] = (allowed, default.group(1) if default else None)
    return options


def help_commands(text):
    commands = []
    in_list = False
    for line in text.splitlines():
        if line.startswith("Subcommands:"):
            in_list = True
            continue
        if in_list:
            m = re.match(r"^  (\S+)", line)
            if m:
                commands.append(m.group(1))
            elif line.strip() == "":
                in_list = False
    return commands


def unescape(text):
    return text.replace("\\-", "-").replace("\\&", "")


def section(lines, name):
    """The lines of section `.Sh name`."""
    out = []
    inside = False
    for line in lines:
        if line.startswith(".Sh "):
            inside = line[4:].strip() == name
            continue
        if inside:
            out.append(line)
    return out


def page_options(lines):
    """{name: item text} for each `.It Fl ...` item of the first-level list(s) of OPTIONS."""
    items = {}
    current = []
    depth = 0
    for line in section(lines, "OPTIONS"):
        if line.startswith(".Bl"):
            depth += 1
        elif line.startswith(".El"):
            depth -= 1
        if depth == 1 and line.startswith(".It "):
            current = ["-" + unescape(n) for n in re.findall(r"\bFl +(\\?-?[\w\\-]+)", line)]
            for n in current:
                items[n] = ""
        for n in current:
            items[n] += line + "\n"
        if depth == 0:
            current = []
    return items


def check_page(page, help_text, command, pending):
    label = page.name
    if not page.exists():
        fail(f"{label}: no manual page for 'accredit {command}'")
        return
    lines = page.read_text().splitlines()
    documented = page_options(lines)
    options = help_options(help_text)
    if not options:
        fail(f"{label}: no options found in the --help of '{command}'")
    for name, (allowed, default) in options.items():
        if name not in documented:
            fail(f"{label}: '{name}' is in --help but not in the page's OPTIONS")
            continue
        item = unescape(documented[name])
        for value in allowed:
            if not re.search(rf"\b{re.escape(value)}\b", item):
                fail(f"{label}: '{name}' accepts '{value}', which its item does not name")
        if default is not None and ("default" not in item or default not in item):
            fail(f"{label}: '{name}' defaults to '{default}', which its item does not say")
    for name in documented:
        if name in options:
            if name in pending:
                fail(f"{label}: '{name}' is in --help now: remove it from PENDING in "
                     f"tests/man_check.py")
        elif name not in pending:
            fail(f"{label}: '{name}' is documented but not in --help")


def main():
    accredit, man_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    root_help = run_help(accredit)
    commands = help_commands(root_help)
    if not commands:
        fail("no commands found in 'accredit --help'")
    root_page = man_dir / "accredit.1"
    check_page(root_page, root_help, "", set())
    root_text = root_page.read_text() if root_page.exists() else ""
    for command in commands:
        page = man_dir / f"accredit-{command}.1"
        help_text = run_help(accredit, command)
        # A command of commands (`keys new`, `keys public`): its page documents theirs too.
        for nested in help_commands(help_text):
            help_text += "\n" + run_help(accredit, command, nested)
        check_page(page, help_text, command, PENDING.get(command, set()))
        if f"Xr accredit-{command} 1" not in root_text:
            fail(f"accredit.1 does not refer to accredit-{command}(1)")
    see_also = "\n".join(section(root_text.splitlines(), "SEE ALSO"))
    for page in sorted(man_dir.glob("*.[1-9]")):
        if page.name == "accredit.1":
            continue
        name, number = page.name.rsplit(".", 1)
        if f"Xr {name} {number}" not in see_also:
            fail(f"accredit.1: SEE ALSO does not name {name}({number})")
    for message in failures:
        print(f"FAIL: {message}", file=sys.stderr)
    if failures:
        return 1
    print(f"manual pages agree with --help for accredit and {len(commands)} commands")
    return 0


if __name__ == "__main__":
    sys.exit(main())
