"""The JSON Schemas in rules/schema/ as the tests use them: validating, finding subschemas by
JSON Pointer, and recording which declared properties a set of documents used."""
import json
import os

from jsonschema import Draft202012Validator, validators

RULES = "accredit-rules.schema.json"
MAP = "accredit-map.schema.json"


def load(source_dir, name):
    with open(os.path.join(source_dir, "rules", "schema", name), encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    return schema


def schema_for(path):
    """Which schema a YAML file in rules/ or examples/ is written against."""
    return MAP if path.endswith(".map.yaml") else RULES


def errors(schema, document):
    """Every violation of `schema` by `document`, as 'where: message' lines."""
    found = Draft202012Validator(schema).iter_errors(document)
    return [f"/{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
            for e in sorted(found, key=lambda e: [str(p) for p in e.absolute_path])]


def _escape(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def walk(schema, pointer="#"):
    """Yields (pointer, subschema) for every object in `schema`, itself first."""
    if isinstance(schema, dict):
        yield pointer, schema
        for key, value in schema.items():
            if key in ("enum", "const", "examples", "required", "dependentRequired"):
                continue
            yield from walk(value, f"{pointer}/{_escape(key)}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from walk(value, f"{pointer}/{i}")


def strict_objects(schema):
    """{pointer: subschema} for every subschema that closes its keys: `properties` with
    `additionalProperties: false`. These are the places where the loader, too, knows a fixed
    set of keys."""
    return {p: s for p, s in walk(schema)
            if isinstance(s.get("properties"), dict) and s.get("additionalProperties") is False}


def resolve(schema, pointer):
    node = schema
    for token in pointer.lstrip("#").strip("/").split("/") if pointer not in ("#", "") else []:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


class PropertyCoverage:
    """Validates documents and records, for every strict object of the schema, which of its
    declared properties some valid document used, and the first mapping of a valid document
    it applied to (`first`: pointer -> the mapping, an object of that document)."""

    def __init__(self, schema):
        self.schema = schema
        self.pointers = {id(s): p for p, s in strict_objects(schema).items()}
        self.used = set()
        self.first = {}
        original = Draft202012Validator.VALIDATORS["properties"]

        def properties(validator, props, instance, subschema):
            pointer = self.pointers.get(id(subschema))
            if pointer is not None and validator.is_type(instance, "object"):
                self.first.setdefault(pointer, instance)
                for name in props:
                    if name in instance:
                        self.used.add((pointer, name))
            yield from original(validator, props, instance, subschema)

        self.validator_class = validators.extend(Draft202012Validator,
                                                 {"properties": properties})

    def validate(self, document):
        """Validation errors, as errors() gives them; records properties only when valid."""
        before = set(self.used)
        first = dict(self.first)
        found = list(self.validator_class(self.schema).iter_errors(document))
        if found:
            self.used = before
            self.first = first
        return [f"/{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in found]

    def unused(self):
        """(pointer, property) pairs that no valid document used."""
        return sorted((p, name) for p, s in strict_objects(self.schema).items()
                      for name in s["properties"] if (p, name) not in self.used)
