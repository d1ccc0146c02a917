"""The JSON Schema of fact files, as committed beside the package's code.

``tools/fact_schema.py`` generates it from the record classes at release
time; here it is only read, so that nothing at run time can change it.
"""

from __future__ import annotations

import json
import os
from typing import Any

__all__ = ["fact_file_schema", "schema_text"]

_FILE = "fact-file.schema.json"


def schema_text() -> str:
    """The schema's text, as committed: indented JSON ending in a newline.

    >>> schema_text().splitlines()[:2]
    ['{', '  "$schema": "https://json-schema.org/draft/2020-12/schema",']
    """
    path = os.path.join(os.path.dirname(__file__), _FILE)  # noqa: PTH118, PTH120
    if not os.path.isfile(path):  # noqa: PTH113  # pragma: no cover - only from a zip
        from importlib import resources  # noqa: PLC0415

        return (resources.files("rareearth") / _FILE).read_text(encoding="utf-8")
    with open(path, encoding="utf-8") as f:  # noqa: PTH123 - no pathlib on the way
        return f.read()


def fact_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of fact files, a new dict on each call.

    The same schema ships as ``fact-file.schema.json`` in the package, and
    ``rareearth schema`` prints it; editors use it to complete and check fact
    files. The loader checks more than a schema can (ranges, shares up to 100,
    readable dates, references across files).

    >>> schema = fact_file_schema()
    >>> schema["properties"]["facilities"]
    {'type': 'array', 'items': {'$ref': '#/$defs/Facility'}}
    >>> schema["$defs"]["Currency"]["enum"][:3]
    ['AED', 'AFN', 'ALL']
    """
    schema: dict[str, Any] = json.loads(schema_text())
    return schema
