"""Write ``src/rareearth/data/fingerprint.txt``: the fingerprint of the shipped files, once checked.

Run it after changing the shipped data (``--check`` says whether the file is
current). It reads the files with every check the loader makes, and again
with the unchecked reader the package uses for files with this fingerprint,
and writes nothing unless both pass and give identical records, type for
type: the fingerprint says that these files passed, and read the same both
ways. At run time, files with it are read without checking them again;
files without it are checked in full.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import generated

from rareearth._facts import FINGERPRINT_FILE, fingerprint, read_unchecked, shipped_documents
from rareearth._load import load_documents

TARGET = Path(__file__).resolve().parent.parent / "src" / "rareearth" / "data" / FINGERPRINT_FILE


def difference(a: Any, b: Any, path: str = "$") -> str | None:  # noqa: ANN401, PLR0911 - any records, a return per kind
    """Where ``a`` and ``b`` first differ, in value or in type, or ``None``.

    Stricter than ``==``: ``Decimal("2008")`` is not ``2008``, nor
    ``Decimal("1.0")`` ``Decimal("1")``, nor an enum member its value.

    >>> difference({"n": [Decimal("1.0")]}, {"n": [Decimal("1")]})
    "$.n[0]: Decimal('1.0') is not Decimal('1')"
    """
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} {a!r} is not {type(b).__name__} {b!r}"
    if isinstance(a, tuple | list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items are not {len(b)}"
        pairs = (
            difference(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b, strict=True))
        )
        return next((d for d in pairs if d), None)
    if isinstance(a, Mapping):
        if list(a) != list(b):
            return f"{path}: the keys {list(a)} are not {list(b)}"
        return next((d for k in a if (d := difference(a[k], b[k], f"{path}.{k}"))), None)
    if attrs.has(type(a)):
        fields = (f.name for f in attrs.fields(type(a)))
        found = (difference(getattr(a, n), getattr(b, n), f"{path}.{n}") for n in fields)
        return next((d for d in found if d), None)
    same = a.as_tuple() == b.as_tuple() if isinstance(a, Decimal) else a == b
    return None if same else f"{path}: {a!r} is not {b!r}"


def fingerprint_text() -> str:
    """The fingerprint file's text, once both readings pass and agree.

    Raises:
        DataError: A check fails, naming each problem.
        SystemExit: The unchecked reading differs from the checked one.
    """
    documents = list(shipped_documents())
    checked = load_documents(list(documents))  # raises DataError, naming each problem
    unchecked = read_unchecked(documents)
    differs = difference(unchecked.records, checked.records) or difference(
        dict(unchecked.origins), dict(checked.origins)
    )
    if differs is not None:
        raise SystemExit(f"the unchecked reader reads the shipped files differently: {differs}")
    return fingerprint([d.text for d in documents]) + "\n"


if __name__ == "__main__":
    sys.exit(generated.main(TARGET, fingerprint_text, __doc__.splitlines()[0]))
