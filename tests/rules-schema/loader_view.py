"""YAML as accredit's loader sees it, as JSON values for a JSON Schema validator.

accredit reads YAML with yaml-cpp (lib/src/rules/yaml_tree.cpp), which gives every scalar to the
loader as text plus one bit: whether it was written plain or not (quoted, or a block
scalar). The loader then reads the text for what it wants (LoadContext in
lib/src/rules/load_context.cpp): any scalar as text, a plain scalar as a number when ParseNumber
accepts it, exactly `true` or `false` as a flag. A YAML 1.1 reader such as PyYAML's load()
would instead turn `2025-09-01` into a date, `no` and `on` into booleans and `1_000` or
`0x10` into numbers, none of which accredit does.

So this module builds the node tree with PyYAML's composer (syntax only, no typing) and types
each scalar itself, as the loader would:

- a plain `~`, `null`, `Null`, `NULL` or empty scalar is null (yaml-cpp's null);
- a scalar written in quotes or as a block (`|`, `>`) is a string, whatever it holds;
- a plain `true` or `false` is a boolean (LoadContext::Bool);
- a plain scalar that ParseNumber (lib/src/base/values.cpp) reads is a number: digits with an
  optional sign and decimal point, no exponent, no hex, no `.inf`; an integer when it has no
  point;
- anything else is a string.

These are also the types a YAML 1.2 editor gives the common cases (`3`, `true`,
`2025-09-01`), so the one schema serves editors and this test. Keys become strings. A
duplicate key, or a key that is not a scalar, raises LoaderViewError (yaml-cpp's loader
reports both).

Known corners where this view and the loader part, none of them in a sensible rule file: a
number's spelling is lost (`007` reads as 7, and JSON Schema counts 1.0 as an integer, where
the loader would refuse `1.0` as an id or a level); a quoted key (`"3": 112` under `steps`)
reads as a plain one; an explicit tag (`!!str 3`) is judged by its quotes alone; and PyYAML
and yaml-cpp may differ on malformed YAML, which the loader refuses anyway.
"""
import math
import re

import yaml

NULL_TAG = "tag:yaml.org,2002:null"
NULLS = {"", "~", "null", "Null", "NULL"}
# ParseNumber: only [0-9.+-]; one leading '+' dropped; then what std::from_chars reads whole.
NUMBER = re.compile(r"\+?-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)\Z")


class LoaderViewError(Exception):
    pass


def scalar(node):
    text = node.value
    if node.style is not None:  # quoted or block: never a number, flag or null
        return text
    if text in NULLS and node.tag == NULL_TAG:
        return None
    if text in ("true", "false"):
        return text == "true"
    if NUMBER.match(text):
        digits = text.lstrip("+")
        if "." not in digits:
            return int(digits)
        value = float(digits)
        if math.isfinite(value):
            return value
    return text


def convert(node, depth=0):
    if depth > 200:
        raise LoaderViewError("nested too deep")
    if isinstance(node, yaml.ScalarNode):
        return scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [convert(item, depth + 1) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoaderViewError(f"line {key_node.start_mark.line + 1}: a key that is "
                                      "not a single value")
            key = key_node.value
            if key in out:
                raise LoaderViewError(f"line {key_node.start_mark.line + 1}: duplicate key "
                                      f"'{key}'")
            out[key] = convert(value_node, depth + 1)
        return out
    raise LoaderViewError(f"unexpected YAML node {node!r}")


def load_text(text):
    """The document in `text` as the loader sees it (None for an empty document)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if node is None else convert(node)


def load_file(path):
    with open(path, encoding="utf-8") as f:
        return load_text(f.read())


def dump_flow(value):
    """`value` as one line of flow-style YAML that the loader reads back as `value`: strings
    in double quotes (so never a number, flag or null), numbers and flags plain, keys plain
    when they are simple words or numbers (a key of `steps` must be a plain number)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(dump_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            key = str(k)
            if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", key):
                key = dump_flow(key)
            parts.append(f"{key}: {dump_flow(v)}")
        return "{" + ", ".join(parts) + "}"
    raise TypeError(f"cannot write {value!r}")
