"""Validates a JSON file against a JSON Schema: validate_json.py SCHEMA FILE.

Exits 1 with the first violation when the file does not conform.
"""
import json
import sys

import jsonschema

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    document = json.load(f)
try:
    jsonschema.validate(document, schema)
except jsonschema.ValidationError as error:
    sys.exit("%s: %s" % (sys.argv[2], error.message))
