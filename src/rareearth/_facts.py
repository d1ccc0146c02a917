"""The shipped fact set: the package's own files, read without checking them again.

The shipped files are checked whole, as strictly as any user's file, by the
tests and at every release; the fingerprint of the files so checked is
written in ``data/fingerprint.txt`` (by ``tools/fingerprint.py``). At run
time, files whose fingerprint matches are read by the plain decoder here:
no cattrs, no strict JSON, no checks across records, and no import of the
loader. The records are still built by their classes, so each field's
validators and converters run as always. Files that differ from those
checked (edited in place, say) return ``None``, and the caller checks them
in full with the loader.

The decoder knows the field types the records use (see `_decoder`); a type
it does not know raises `TypeError` when its plan is made, so a new kind of
field cannot be read wrongly in silence. ``tools/fingerprint.py`` records a
fingerprint only when this decoder's records are identical to the loader's,
type for type.
"""

from __future__ import annotations

import builtins
import enum
import json
import os
import sys
import types
import typing
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, NamedTuple

import attrs

from rareearth._dates import FuzzyDate, parse_date, resolved_date
from rareearth._records import COLLECTIONS, REF, Ticker
from rareearth._values import Value, as_ratio

__all__ = [
    "FINGERPRINT_FILE",
    "MAX_DEPTH",
    "MAX_SIZE",
    "SCHEMA_KEY",
    "SHIPPED_PREFIX",
    "Document",
    "FactSet",
    "Origins",
    "fingerprint",
    "read_unchecked",
    "shipped_documents",
    "shipped_facts",
    "without_bom",
]

#: The largest fact file read unless told otherwise, in bytes.
MAX_SIZE: Final = 256 * 1024 * 1024
#: How deeply a fact file may nest lists and objects unless told otherwise.
MAX_DEPTH: Final = 64
#: How the shipped files are named in a data set's origins and in messages.
SHIPPED_PREFIX: Final = "rareearth/data/"
#: A fact file may name its JSON Schema under this key, for editors.
SCHEMA_KEY: Final = "$schema"
#: The file, beside the shipped fact files, that holds the fingerprint of those checked.
FINGERPRINT_FILE: Final = "fingerprint.txt"


class Document(NamedTuple):
    """A fact file's name (for messages), its text, and whether it is the package's own."""

    name: str
    text: str
    trusted: bool = False


class Origins(Mapping[str, tuple[str, str]]):
    """Where each top-level record came from: ``{id: (file, JSON path)}``.

    Read-only and compact: one number per record, the path spelled out when
    asked for.
    """

    __slots__ = ("_codes", "_files", "_keys")

    def __init__(self, merged: Mapping[str, Sequence[tuple[Any, str, int]]]) -> None:
        files: dict[str, int] = {}
        self._keys = tuple(merged)
        # file number, collection number and index, packed into one int
        self._codes = {
            record.id: files.setdefault(name, len(files)) << 40 | k << 32 | index
            for k, entries in enumerate(merged.values())
            for record, name, index in entries
        }
        self._files = tuple(files)

    def __getitem__(self, record_id: str) -> tuple[str, str]:
        code = self._codes[record_id]
        key = self._keys[code >> 32 & 0xFF]
        return self._files[code >> 40], f"$.{key}[{code & 0xFFFFFFFF}]"

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"<Origins of {len(self):,} records in {len(self._files)} files>"


@attrs.frozen
class FactSet:
    """Records read from fact files, with where each came from.

    Attributes:
        records: Each collection's records, in file order.
        origins: For each top-level record id: its file and JSON path.
    """

    records: Mapping[str, tuple[Any, ...]]
    origins: Mapping[str, tuple[str, str]]


def _folder() -> str | None:
    folder = os.path.join(os.path.dirname(__file__), "data")  # noqa: PTH118, PTH120 - no pathlib
    return folder if os.path.isdir(folder) else None  # noqa: PTH112


def shipped_documents() -> Iterator[Document]:
    """The package's own fact files, trusted: the limits are for users' files."""
    folder = _folder()
    if folder is None:  # pragma: no cover - only from a zip
        # Installed in a zip: importlib.resources reads it, at the cost of importing zipfile.
        from importlib import resources  # noqa: PLC0415

        data = resources.files("rareearth") / "data"
        for c in COLLECTIONS.values():
            text = (data / c.file).read_text(encoding="utf-8")
            yield Document(SHIPPED_PREFIX + c.file, text, trusted=True)
        return
    for c in COLLECTIONS.values():
        with open(os.path.join(folder, c.file), encoding="utf-8") as f:  # noqa: PTH118, PTH123
            yield Document(SHIPPED_PREFIX + c.file, f.read(), trusted=True)


def without_bom(text: str) -> str:
    """``text`` without the byte-order mark some editors write, which JSON does not allow.

    >>> without_bom("\ufeff{}")
    '{}'
    """
    return text.removeprefix("\ufeff")


def fingerprint(texts: Sequence[str]) -> str:
    """The fingerprint of fact files' texts, in order: CRC-32 of each, as hex.

    It tells files apart from those checked at release, as an edit would
    make them; it is no seal against tampering (whoever can edit the files
    can edit the code beside them).

    >>> fingerprint(['{"entities": []}', "{}"])
    'b39d4bfb a3a6bf43'
    """
    return " ".join(f"{zlib.crc32(text.encode()):08x}" for text in texts)


def _recorded() -> str | None:
    folder = _folder()
    if folder is None:  # pragma: no cover - only from a zip
        return None
    try:
        with open(os.path.join(folder, FINGERPRINT_FILE), encoding="utf-8") as f:  # noqa: PTH118, PTH123
            return f.read().strip()
    except OSError:
        return None


def shipped_facts() -> FactSet | None:
    """The shipped records, read without checks: ``None`` unless the files are those checked.

    ``None`` when the files' fingerprint differs from the one recorded at
    release, or none is recorded: the caller then reads them with every
    check (`rareearth._load.load_documents`).
    """
    documents = list(shipped_documents())
    recorded = _recorded()
    if recorded is None or recorded != fingerprint([d.text for d in documents]):
        return None
    return read_unchecked(documents)


def read_unchecked(documents: Sequence[Document]) -> FactSet:
    """Records of fact files known to pass every check, read without checking them again.

    Only for the shipped files: `tools/fingerprint.py` holds what this reads
    identical to what the loader reads, type for type, before it records
    the files' fingerprint.
    """
    merged: dict[str, list[tuple[Any, str, int]]] = {key: [] for key in COLLECTIONS}
    for name, text, _ in documents:
        raw = json.loads(without_bom(text), parse_float=Decimal, parse_int=Decimal)
        for key, items in raw.items():
            if key == SCHEMA_KEY:
                continue
            read = _decoder(COLLECTIONS[key].type)
            merged[key].extend((read(item), name, index) for index, item in enumerate(items))
    return FactSet(
        records={key: tuple(r for r, _, _ in entries) for key, entries in merged.items()},
        origins=Origins(merged),
    )


# --- the decoder ----------------------------------------------------------------

_Read = Callable[[Any], Any]
_decoders: dict[object, _Read] = {}
_records: dict[type, _Read] = {}


def _same(value: Any) -> Any:  # noqa: ANN401 - any JSON value
    return value


def _date(value: str | dict[str, Any]) -> FuzzyDate:
    if isinstance(value, str):
        return parse_date(value)
    return resolved_date(value["text"], value["means"], value.get("note"))


def _value(value: Decimal | dict[str, Any]) -> Value:
    if isinstance(value, dict):
        read: Value = _record(Value)(value)
        return read
    return Value(value)


def _int(value: Decimal) -> int:
    return int(value)


_SPECIAL: Final[Mapping[object, _Read]] = {
    str: _same,
    bool: _same,
    Decimal: _same,
    int: _int,
    Fraction: as_ratio,
    FuzzyDate: _date,
    Value: _value,
    Ticker: Ticker.parse,
}


def _decoder(tp: Any) -> _Read:  # noqa: ANN401 - a type
    """The function reading a JSON value of type ``tp``, made once per type."""
    read = _decoders.get(tp)
    if read is None:
        read = _decoders[tp] = _make_decoder(tp)
    return read


def _make_decoder(tp: Any) -> _Read:  # noqa: ANN401 - a type
    special = _SPECIAL.get(tp)
    if special is not None:
        return special
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and attrs.has(tp):
        return _record(tp)
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda values: tuple(map(item, values))
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        read = _decoder(inner)
        return lambda value: None if value is None else read(value)
    raise TypeError(f"the shipped data's decoder cannot read a field of type {tp!r}")


def _intern(value: Any) -> Any:  # noqa: ANN401 - an id, a list of ids, or null
    if isinstance(value, str):
        return sys.intern(value)
    return list(map(sys.intern, value)) if isinstance(value, list) else value


def _interned(read: _Read) -> _Read:
    """``read``, with the ids a record refers to interned, as the loader interns them."""
    return lambda value: read(_intern(value))


def _record(cl: type) -> _Read:
    """The function reading a JSON object as a record of ``cl``, field by field; made once."""
    read = _records.get(cl)
    if read is None:
        read = _records[cl] = _make_record(cl)
    return read


def _annotation(text: str, names: Mapping[str, Any]) -> Any:  # noqa: ANN401 - a type
    """The type a record's field annotation names: ``X``, ``X | None`` or ``tuple[X, ...]``.

    The records' annotations are strings (postponed); these three forms are
    all their fields use, read here without `typing.get_type_hints`, which
    compiles each name it meets. Any other form raises `TypeError`.
    """
    if text.endswith(" | None"):
        return _annotation(text.removesuffix(" | None"), names) | None
    if text.startswith("tuple[") and text.endswith(", ...]"):
        return tuple[_annotation(text[len("tuple[") : -len(", ...]")], names), ...]  # type: ignore[misc]
    found = names.get(text, vars(builtins).get(text))
    if not isinstance(found, type):
        raise TypeError(f"the shipped data's decoder cannot read a field annotated {text!r}")
    return found


def _annotations(cl: type) -> dict[str, tuple[str, Mapping[str, Any]]]:
    """Each field's annotation as written, with the names of the module that wrote it.

    Read from the classes' own ``__annotations__`` (a base class's first),
    which stay as written whether or not anything has resolved the fields' types.
    """
    found: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for klass in reversed(cl.__mro__):
        names = vars(sys.modules[klass.__module__])
        for name, text in vars(klass).get("__annotations__", {}).items():
            found[name] = (text, names)
    return found


def _make_record(cl: type) -> _Read:
    written = _annotations(cl)
    fields: dict[str, _Read] = {}
    for field in attrs.fields(cl):
        if not field.init:
            continue
        if field.alias != field.name:
            raise TypeError(f"the shipped data's decoder cannot read {cl.__name__}.{field.name}")
        text, names = written[field.name]
        read = _decoder(_annotation(text, names))
        if REF in field.metadata:
            read = _interned(read)
        fields[field.name] = read

    def record(value: dict[str, Any]) -> Any:  # noqa: ANN401 - a record of ``cl``
        return cl(**{key: fields[key](item) for key, item in value.items()})

    return record
