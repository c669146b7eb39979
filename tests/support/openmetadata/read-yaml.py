"""Reads each line of stdin, a JSON string holding a YAML document, with PyYAML's SafeLoader (YAML 1.1,
as OpenMetadata's SnakeYAML and Kubernetes' and Helm's go-yaml read it), and answers with one line of
JSON: {"value": ...} or {"error": "..."}. What JSON cannot hold as is (a date, a non-string key, an
infinite float, bytes) is written as a tagged object, so it can never equal a plain string or number.
"""
import datetime
import json
import math
import sys

import yaml

# libyaml's parser where the wheel has it (the same YAML 1.1 resolution, several times faster).
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# PyYAML resolves a plain `=` to YAML 1.1's "value" type, then has no constructor for it and fails.
# SnakeYAML (OpenMetadata) and go-yaml (Helm, kubectl) have no such type and read the string "=".
Loader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: loader.construct_scalar(node))


def plain(value):
    if isinstance(value, dict):
        return {key if isinstance(key, str) else f"!key {type(key).__name__} {key!r}": plain(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return {"!float": repr(value)}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"!timestamp": value.isoformat()}
    return {f"!{type(value).__name__}": repr(value)}


for line in sys.stdin:
    try:
        answer = {"value": plain(yaml.load(json.loads(line), Loader=Loader))}
    except yaml.YAMLError as error:
        answer = {"error": str(error).splitlines()[0]}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
