"""Write the JSON Schema of fact files, generated from the record classes.

Run at release time, and after changing a record, then commit the file:

    python tools/fact_schema.py            # writes src/rareearth/fact-file.schema.json
    python tools/fact_schema.py --check    # exits 1 when the file is not current

At run time, `rareearth.fact_file_schema()` reads the committed file, so
nothing (not ``python -OO``, which drops the docstrings the descriptions come
from) can change the schema a user gets.

The schema is built by walking the collections the loader reads and the
attrs classes behind them, type by type as the converter in
`rareearth._codec` reads them, so it cannot drift from the code: each
special type (a date, a value, money, a ticker, a currency) brings its own
fragment, `rareearth._codec.SCHEMAS`, written beside its hooks. Editors use
the schema to complete and check fact files as they are written.

Rules the records check once built, across fields or in their own methods
(a range's low end is not above its high end, a share is at most 100, a
date string is one `parse_date` can read, a name has a letter or digit to
look it up by, stakes in one entity add up to at most 100 %), are not in the
schema: a file it accepts can still be refused by the loader, which says
why. Whatever the schema does check, it checks as the loader does: an id
with a trailing newline, "usd" or " USD " are refused by both.

A test fails until the committed file matches what this writes.
"""

from __future__ import annotations

import enum
import inspect
import itertools
import json
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs
import generated

from rareearth._codec import SCHEMAS, anchored
from rareearth._codes import iso_3166
from rareearth._records import (
    _ID,
    COLLECTIONS,
    REF,
    _check_id,
    _check_ids,
    _cited,
    _country,
    _name,
    _names,
    _not_blank,
)
from rareearth._text import INVISIBLE_BMP

__all__ = ["fact_file_schema", "schema_text"]

TARGET = Path(__file__).resolve().parent.parent / "src" / "rareearth" / "fact-file.schema.json"

_Schema = dict[str, Any]

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_SCHEMA_ID: Final = "urn:rareearth:fact-file"


_ID_PATTERN: Final = anchored(_ID.pattern)
#: Text with a character that shows. Only characters of the BMP are written
#: in the class: ones beyond it (tag characters) are left to the loader.
_VISIBLE: Final = f"[^{INVISIBLE_BMP}]"

#: What a field's validator refuses, said in JSON Schema. Validators not
#: listed here (record methods, checks across fields) are left out; a name
#: is checked for a visible character, and its letters or digits (what
#: `normalize_key` keeps, which an ECMAScript regex cannot say for every
#: script) are left to the loader.
_VALIDATOR_RULES: Final[Mapping[object, _Schema]] = {
    _check_id: {"pattern": _ID_PATTERN},
    _check_ids: {"items": {"pattern": _ID_PATTERN}, "uniqueItems": True},
    _not_blank: {"pattern": _VISIBLE},
    _name: {"pattern": _VISIBLE},
    _names: {"items": {"pattern": _VISIBLE}},
    _cited: {"minItems": 1},
}


def _plain(text: str) -> str:
    """Docstring text as a JSON reader needs it: one line, ``None`` said as null."""
    return " ".join(text.split()).replace("``None``", "`null`").replace("``", "`")


def _summary(cl: type) -> str | None:
    """The first paragraph of a class's own docstring."""
    doc = vars(cl).get("__doc__")
    if not doc:
        return None
    return _plain(inspect.cleandoc(doc).split("\n\n")[0])


def _attribute_docs(cl: type) -> dict[str, str]:
    """Each attribute's description, from the docstring's ``Attributes:`` section."""
    lines = inspect.cleandoc(vars(cl).get("__doc__") or "").splitlines()
    if "Attributes:" not in lines:
        return {}
    after = lines[lines.index("Attributes:") + 1 :]
    # The section runs until the indentation ends.
    body = [line for line in itertools.takewhile(lambda s: not s or s[0].isspace(), after) if line]
    entries: dict[str, list[str]] = {}
    current: list[str] = []
    for line in body:
        if _indent(line) == _indent(body[0]):
            head, _, text = line.strip().partition(":")
            current = entries.setdefault(head.split(" ")[0], [])  # "name (type): ..."
            current.append(text)
        else:
            current.append(line)
    return {name: _plain(" ".join(parts)) for name, parts in entries.items()}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _described(description: str | None, schema: _Schema) -> _Schema:
    return schema if description is None else {"description": description, **schema}


def _merge(schema: _Schema, rules: _Schema) -> _Schema:
    """``schema`` with ``rules`` added; nested schemas (``items``) are merged too."""
    out = dict(schema)
    for key, rule in rules.items():
        here = out.get(key)
        out[key] = _merge(here, rule) if isinstance(here, dict) and isinstance(rule, dict) else rule
    return out


def _optional(tp: object) -> tuple[object, bool]:
    """``(X, True)`` for ``X | None``; else ``(tp, False)``."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (types.UnionType, typing.Union) and type(None) in args:
        others = [arg for arg in args if arg is not type(None)]
        if len(others) == 1:
            return others[0], True
    return tp, False


def _nullable(schema: _Schema) -> _Schema:
    kind = schema.get("type")
    if isinstance(kind, str) and "enum" not in schema:
        return {**schema, "type": [kind, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _words(cl: type) -> str:
    """A class's name as lower-case words, with its article: "an exchange rate"."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", cl.__name__).lower()
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def _country_schema() -> _Schema:
    description = "An ISO 3166-1 alpha-2 country code, in capitals."
    return {"description": description, "type": "string", "enum": sorted(iso_3166())}


class _Builder:
    """Schemas of the record classes, gathered as named definitions."""

    def __init__(self, collections: Mapping[str, type[Any]]) -> None:
        self.collections = collections
        self.defs: dict[str, _Schema] = {}
        self._owners: dict[str, object] = {}

    def ref(self, name: str, owner: object, build: Callable[[], _Schema]) -> _Schema:
        """A reference to the definition of ``owner`` (a class), built on first use."""
        if self._owners.setdefault(name, owner) is not owner:
            raise TypeError(f"two definitions are named {name!r}")
        if name not in self.defs:
            self.defs[name] = {}  # a class that contains itself finds its name taken
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, tp: object) -> _Schema:
        """The schema of what the converter reads as ``tp``."""
        simple = {bool: "boolean", int: "integer", str: "string", Decimal: "number"}
        if isinstance(tp, type) and tp in simple:
            # bool is tested by identity: the converter refuses true for an int.
            return {"type": simple[tp]}
        inner, nullable = _optional(tp)
        if nullable:
            return _nullable(self.type_schema(inner))
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.type_schema(args[0])}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self.ref(tp.__name__, tp, lambda: self._enum(tp))
        if isinstance(tp, type) and tp in SCHEMAS:
            return self._special(tp)
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp.__name__, tp, lambda: _described(_summary(tp), self._object(tp)))
        msg = f"no JSON Schema for {tp!r}: teach rareearth._schema how the converter reads it"
        raise TypeError(msg)

    def _special(self, key: object) -> _Schema:
        """A reference to the fragment a special type brings (`rareearth._codec.SCHEMAS`)."""
        name, fragment = SCHEMAS[key]
        summary = _summary(key) if isinstance(key, type) else None
        return self.ref(name, key, lambda: _described(summary, fragment(self)))

    def record_schema(self, cl: type) -> _Schema:
        """The schema of ``cl`` as an object of its fields, each described."""
        return self._object(cl)

    def attribute_docs(self, cl: type) -> dict[str, str]:
        """Each attribute's description, from ``cl``'s docstring."""
        return _attribute_docs(cl)

    def _object(self, cl: type) -> _Schema:
        attrs.resolve_types(cl)
        docs = _attribute_docs(cl)
        fields = attrs.fields(cl)
        properties = {field.name: self._field(field, docs.get(field.name)) for field in fields}
        required = [field.name for field in fields if field.default is attrs.NOTHING]
        return {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def _field(self, field: attrs.Attribute[Any], doc: str | None) -> _Schema:
        tp, nullable = _optional(field.type)
        converter: object = field.converter
        if converter in SCHEMAS:
            # This converter narrows the strings the str hook lets through;
            # the others (to Decimal, to Qualifier) take what their type's hook gives.
            schema = self._special(converter)
        elif field.validator is _country:
            schema = self.ref("Country", _country, _country_schema)
        else:
            schema = self.type_schema(tp)
        rules = _VALIDATOR_RULES.get(field.validator) if field.validator is not None else None
        if rules is not None:
            schema = _merge(schema, rules)
        if nullable:
            schema = _nullable(schema)
        target: str | None = field.metadata.get(REF)
        if target is not None:
            noun = "any record or phase" if target == "*" else _words(self.collections[target])
            each = "Each item refers" if "items" in schema else "Refers"
            doc = f"{doc} {each} to {noun} by its id." if doc else f"{each} to {noun} by its id."
        return _described(doc, schema)

    def _enum(self, cl: type[enum.Enum]) -> _Schema:
        return _described(_summary(cl), {"type": "string", "enum": [m.value for m in cl]})


def fact_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a fact file, from the record classes.

    Each collection is an array of records; each record class is a
    definition under ``$defs``, with its docstring's descriptions. Keys are
    in a stable order, so the schema can be committed and compared.

    Returns:
        The schema, a new dict on each call.

    >>> schema = fact_file_schema()
    >>> schema["properties"]["facilities"]
    {'type': 'array', 'items': {'$ref': '#/$defs/Facility'}}
    >>> schema["$defs"]["Facility"]["required"]
    ['id', 'name', 'operator', 'summary', 'cites', 'phases']
    >>> schema["$defs"]["Currency"]["enum"][:3]
    ['AED', 'AFN', 'ALL']
    """
    builder = _Builder({name: c.type for name, c in COLLECTIONS.items()})
    properties: dict[str, Any] = {
        "$schema": {
            "type": "string",
            "description": "The schema the file follows, for editors; the loader ignores it.",
        }
    }
    properties |= {
        name: {"type": "array", "items": builder.type_schema(c.type)}
        for name, c in COLLECTIONS.items()
    }
    return {
        "$schema": _DIALECT,
        "$id": _SCHEMA_ID,
        "title": "rareearth fact file",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema_text() -> str:
    """The schema as committed in ``fact-file.schema.json``.

    Returns:
        Indented JSON, non-ASCII characters kept, ending in a newline.

    >>> schema_text().splitlines()[:2]
    ['{', '  "$schema": "https://json-schema.org/draft/2020-12/schema",']
    """
    return json.dumps(fact_file_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.exit(generated.main(TARGET, schema_text, "Write the JSON Schema of fact files."))
