#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema, for the subset of JSON Schema (2020-12)
that the schemas in tests/schemas/ use. Python standard library only (the jsonschema package
is not a dependency of accredit).

Usage: schema_check.py SCHEMA FILE...

Each FILE holds one JSON document, or JSON Lines (one document per line). A FILE whose name
ends in .jwt holds signed credentials, one compact JWS (VC-JWT) per non-empty line: the
document checked is each token's payload (its second dot-separated part, base64url without
padding); its signature is not checked here (tests/credentials/jose_check.mjs checks it).

Supported keywords: type, enum, const, required, properties, items, prefixItems, minItems,
contains, minLength, pattern, allOf, anyOf, not, and $ref to "#/$defs/NAME" or to "FILE.json" /
"FILE.json#/$defs/NAME" beside the schema. Any other keyword is an error in the schema (so a
schema cannot silently ask for more than is checked). Prints every violation as FILE: document
N: JSON-POINTER: message (N counting the documents, or the tokens, of FILE), and exits 1 if any.
"""
import base64
import binascii
import json
import os
import re
import sys

KNOWN = {"$schema", "$id", "$defs", "title", "description", "$comment", "type", "enum",
         "const", "required", "properties", "items", "prefixItems", "minItems", "contains",
         "minLength", "pattern", "allOf", "anyOf", "not", "$ref"}

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


class Validator:
    def __init__(self, schema_path):
        self.dir = os.path.dirname(os.path.abspath(schema_path))
        self.docs = {}
        self.root = self.load(os.path.basename(schema_path))

    def load(self, name):
        if name not in self.docs:
            with open(os.path.join(self.dir, name), encoding="utf-8") as f:
                self.docs[name] = json.load(f)
        return self.docs[name]

    def resolve(self, ref, doc):
        file_part, _, pointer = ref.partition("#")
        target = self.load(file_part) if file_part else doc
        if pointer:
            for token in pointer.strip("/").split("/"):
                target = target[token.replace("~1", "/").replace("~0", "~")]
        return target, (self.load(file_part) if file_part else doc)

    def check(self, value, schema, doc, path, errors):
        if schema is True:
            return
        if schema is False:
            errors.append(f"{path or '/'}: not allowed here")
            return
        unknown = set(schema) - KNOWN
        if unknown:
            raise SystemExit(f"schema uses unsupported keywords: {sorted(unknown)}")
        if "$ref" in schema:
            target, target_doc = self.resolve(schema["$ref"], doc)
            self.check(value, target, target_doc, path, errors)
        where = path or "/"
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(TYPES[t](value) for t in types):
                errors.append(f"{where}: expected {' or '.join(types)}, got {json.dumps(value)[:60]}")
                return
        if "const" in schema and value != schema["const"]:
            errors.append(f"{where}: expected {json.dumps(schema['const'])}, got {json.dumps(value)[:60]}")
        if "enum" in schema and value not in schema["enum"]:
            errors.append(f"{where}: {json.dumps(value)[:60]} is not one of {schema['enum']}")
        if isinstance(value, str):
            if len(value) < schema.get("minLength", 0):
                errors.append(f"{where}: shorter than {schema['minLength']} characters")
            if "pattern" in schema and not re.search(schema["pattern"], value):
                errors.append(f"{where}: {json.dumps(value)[:60]} does not match {schema['pattern']}")
        if isinstance(value, dict):
            for key in schema.get("required", []):
                if key not in value:
                    errors.append(f"{where}: missing required property '{key}'")
            for key, sub in schema.get("properties", {}).items():
                if key in value:
                    self.check(value[key], sub, doc, f"{path}/{key}", errors)
        if isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                errors.append(f"{where}: fewer than {schema['minItems']} items")
            prefix = schema.get("prefixItems", [])
            for i, sub in enumerate(prefix):
                if i < len(value):
                    self.check(value[i], sub, doc, f"{path}/{i}", errors)
            if "items" in schema:
                for i in range(len(prefix), len(value)):
                    self.check(value[i], schema["items"], doc, f"{path}/{i}", errors)
            if "contains" in schema:
                if not any(not self.errors_of(v, schema["contains"], doc) for v in value):
                    errors.append(f"{where}: no item matches {json.dumps(schema['contains'])}")
        for sub in schema.get("allOf", []):
            self.check(value, sub, doc, path, errors)
        if "anyOf" in schema:
            if all(self.errors_of(value, sub, doc) for sub in schema["anyOf"]):
                errors.append(f"{where}: matches none of {json.dumps(schema['anyOf'])[:120]}")
        if "not" in schema and not self.errors_of(value, schema["not"], doc):
            errors.append(f"{where}: must not match {json.dumps(schema['not'])}")

    def errors_of(self, value, schema, doc):
        errors = []
        self.check(value, schema, doc, "", errors)
        return errors

    def validate(self, value):
        errors = []
        self.check(value, self.root, self.root, "", errors)
        return errors


def jwt_payload(token):
    """The JSON document of a compact JWS's payload (header.payload.signature, base64url
    without padding)."""
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError(f"a compact JWS has 3 dot-separated parts, this has {len(parts)}")
    payload = parts[1]
    if not re.fullmatch(r"[A-Za-z0-9_-]+", payload) or len(payload) % 4 == 1:
        raise ValueError("the payload is not base64url without padding")
    try:
        data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        return json.loads(data.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"the payload is not JSON in UTF-8: {e}") from e


def documents(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".jwt"):
        docs = []
        for n, line in enumerate(text.split("\n")):
            if line.strip():
                try:
                    docs.append(jwt_payload(line))
                except ValueError as e:
                    raise SystemExit(f"{path}:{n + 1}: not a JWT: {e}")
        if not docs:
            raise SystemExit(f"{path}: no tokens")
        return docs
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def main(args):
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    validator = Validator(args[0])
    ok = True
    for path in args[1:]:
        for n, doc in enumerate(documents(path)):
            for e in validator.validate(doc):
                print(f"{path}: document {n + 1}: {e}")
                ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
