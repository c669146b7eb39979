"""Prints OpenMetadata's definitions of its security configuration, from an openmetadata-ingestion wheel, as JSON Schema.

The wheel carries the models OpenMetadata generates from its own JSON schemas for every release
(metadata/generated/schema/...). Only those and the base model they build on are unpacked; an empty
metadata/__init__.py stands in for the package's own, which would import the whole ingestion framework.

Usage: python export-definitions.py <wheel> <output.json>
       python export-definitions.py --requirements <wheel>   (what the models need: pydantic, email-validator)
"""

import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

if sys.argv[1] == "--requirements":
    with zipfile.ZipFile(sys.argv[2]) as archive:
        metadata = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        for line in archive.read(metadata).decode().splitlines():
            found = re.match(r"Requires-Dist: ((?:pydantic|email-validator)(?![-\w])[^;]*)$", line)
            if found:
                print(found.group(1).replace(" ", ""))
    sys.exit(0)

wheel, output = sys.argv[1], sys.argv[2]

with tempfile.TemporaryDirectory() as unpacked:
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(("metadata/generated/schema/", "metadata/ingestion/models/")):
                archive.extract(name, unpacked)
    Path(unpacked, "metadata", "__init__.py").write_text("")
    sys.path.insert(0, unpacked)

    from metadata.generated.schema.configuration.authenticationConfiguration import AuthenticationConfiguration
    from metadata.generated.schema.configuration.authorizerConfiguration import AuthorizerConfiguration

    definitions = {
        "authenticationConfiguration": AuthenticationConfiguration.model_json_schema(),
        "authorizerConfiguration": AuthorizerConfiguration.model_json_schema(),
    }
    Path(output).write_text(json.dumps(definitions, indent=1))
