#!/usr/bin/python3
"""Validates netfix JSON files against a JSON Schema.

usage: validate.py SCHEMA FILE...

Exit 0 when every file is valid, 1 when one is not (each problem printed
with its JSON path), 77 (skipped, for ctest) when python3-jsonschema is
missing.
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("SKIP: python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(77)


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    schema_path = pathlib.Path(sys.argv[1])
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # Resolve relative $refs (report -> snapshot) against the schema's folder.
    store = {}
    for other in schema_path.parent.glob("*.schema.json"):
        doc = json.loads(other.read_text(encoding="utf-8"))
        store[doc.get("$id", other.name)] = doc
        store[other.name] = doc
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
    failed = 0
    for name in sys.argv[2:]:
        try:
            document = json.loads(pathlib.Path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"{name}: cannot read: {error}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            path = "/" + "/".join(str(p) for p in error.absolute_path)
            print(f"{name}: {path}: {error.message}")
        if errors:
            failed += 1
    print(f"{len(sys.argv) - 2 - failed} of {len(sys.argv) - 2} files valid against {schema_path.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
