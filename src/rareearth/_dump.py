"""Writing fact files: records back to the JSON the loader reads.

The output is the loader's own format, with fields at their default left
out, so a dumped data set loads to an equal one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import cattrs

from rareearth._dates import FuzzyDate
from rareearth._load import COLLECTIONS
from rareearth._money import Money
from rareearth._records import Ticker
from rareearth._tables import dumps
from rareearth._values import Qualifier, Value

__all__ = ["document", "unstructure", "write"]


def _date(d: FuzzyDate) -> str | dict[str, str]:
    # The loader reads a string as the wording; a resolved date needs "means".
    if d.means is None and d.note is None:
        return d.text
    out = {"text": d.text, "means": d.means or d.text}
    if d.note is not None:
        out["note"] = d.note
    return out


def _value(value: Value) -> Decimal | dict[str, Any]:
    # The loader reads a bare number as an exact value with no printed form.
    if value.qualifier is Qualifier.EXACT and value.text is None:
        return value.number
    out: dict[str, Any] = {"number": value.number, "qualifier": value.qualifier.value}
    if value.upper is not None:
        out["upper"] = value.upper
    if value.text is not None:
        out["text"] = value.text
    return out


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(omit_if_default=True)
    conv.register_unstructure_hook(FuzzyDate, _date)
    conv.register_unstructure_hook(Ticker, str)
    conv.register_unstructure_hook(Decimal, lambda d: d)
    conv.register_unstructure_hook(Value, _value)
    conv.register_unstructure_hook(Money, lambda m: {"amount": m.amount, "currency": m.currency})
    return conv


_converter: Final = _make_converter()


def unstructure(record: object) -> Any:  # noqa: ANN401 - JSON-shaped data
    """A record as the plain data a fact file holds for it."""
    return _converter.unstructure(record)


def document(collections: Mapping[str, Sequence[object]]) -> str:
    """The text of one fact file holding ``collections`` (empty ones left out)."""
    body = {key: [unstructure(r) for r in collections[key]] for key in _non_empty(collections)}
    return dumps(body, indent=2) + "\n"


def write(
    target: str | os.PathLike[str], collections: Mapping[str, Sequence[object]]
) -> tuple[Path, ...]:
    """Write ``collections`` to one ``.json`` file, or to a folder of one file each.

    A folder is made if missing; in it, each non-empty collection goes to
    ``<collection>.json``, the shipped data's layout.
    """
    path = Path(target)
    if path.suffix.lower() == ".json":
        path.write_text(document(collections), encoding="utf-8")
        return (path,)
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for key in _non_empty(collections):
        out = path / f"{key}.json"
        out.write_text(document({key: collections[key]}), encoding="utf-8")
        written.append(out)
    return tuple(written)


def _non_empty(collections: Mapping[str, Sequence[object]]) -> Iterable[str]:
    return (key for key in COLLECTIONS if collections.get(key))
