"""Synthetic fact files for the benchmarks: variants of the shipped records, of any size.

Each generated record is a copy of a shipped record of its collection, its
template (the templates are taken in turn), changed with `attrs.evolve`:

- its id, and its phases', is the template's with the copy's number
  (``jl-mag-12``): unique, and never a shipped id;
- names, legal names, aliases and other names take the number too, and
  tickers are new six-digit symbols, so that a lookup finds one entity;
- a reference goes to a random copy of the record it names, or stays on the
  shipped record when the set has no copy of it (sources and places, say);
- numbers are scaled by one factor a record, 0.5 to 1.5 (percentages 0.5 to
  1, exchange rates 0.95 to 1.05), keeping their decimal places, and their
  printed forms follow;
- dates move by one number of months a record, 8 years back to 3 on (a
  date the move would make impossible stays the template's);
- text (summaries, quotes, titles, notes) is the template's, so records
  have the shipped records' shapes and sizes.

A copy of a stake keeps its share only the first time its template lands on
a subject's copy, so a subject's shares add up to no more than the shipped
subject's. `Dataset.load` reads the files beside the shipped data. They are
written by the library's own writer (`rareearth._codec.unstructure`, then
`rareearth._tables.dumps`), and the same seed and counts give the same bytes.

Run it as a script to write files::

    python benchmarks/synthetic.py OUT_DIR --records 100000 --seed 0
    python benchmarks/synthetic.py OUT_DIR --entities 2000 --facilities 2000
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import functools
import random
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

import rareearth
from rareearth import _dump
from rareearth._records import COLLECTIONS, REF, Phase, Relationship

if TYPE_CHECKING:
    import os

__all__ = ["KINDS", "generate", "main", "mixed", "write"]

_R = TypeVar("_R", bound=attrs.AttrsInstance)
#: The collections that can be generated, in the order they are written.
KINDS: Final = tuple(COLLECTIONS)
#: How `mixed` splits its records, in percent; entities take the rest (30%).
_SPLIT: Final = {"facilities": 10, "relationships": 20, "events": 20, "figures": 15, "rates": 5}
#: The moves of dates, in months, and the factors of numbers, in thousandths.
_MONTHS_BACK, _MONTHS_ON = 96, 36
_FACTORS = (500, 1500)
_NAMES: Final = frozenset({"name", "legal_name", "aliases"})
_MONTH_NAMES: Final = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# "2025-06"; "Wednesday, June 11, 2025", "June 9-10, 2025", "May 2025" or "July 10"; a year.
_DATE_PARTS: Final = re.compile(
    rf"(\d{{4}})-(\d\d)|(?:({'|'.join(_WEEKDAYS)}), )?({'|'.join(_MONTH_NAMES)})"
    r"( (\d{1,2})(?!\d)(?:-\d{1,2})?)?(,?)(?: (\d{4}))?|(\d{4})"
)

Action = Callable[["_Copy", Any, Any], Any]


def _shift_text(text: str, months: int) -> str:
    """``text`` with each month, day and year in it moved by ``months``.

    >>> _shift_text("between April 2025 and June 11, 2025", -3)
    'between January 2025 and March 11, 2025'
    >>> _shift_text("Wednesday, June 11, 2025", 8), _shift_text("the second half of 2025", -7)
    ('Wednesday, February 11, 2026', 'the second half of 2024')
    """

    def move(m: re.Match[str]) -> str:
        if m[1]:
            n = int(m[1]) * 12 + int(m[2]) - 1 + months
            return f"{n // 12}-{n % 12 + 1:02}"
        if m[4]:
            n = int(m[8] or 0) * 12 + _MONTH_NAMES.index(m[4]) + months
            year, month = divmod(n, 12)
            shown = f"{_MONTH_NAMES[month]}{m[5] or ''}{m[7]}" + (f" {year}" if m[8] else "")
            if m[3] and m[6] and m[8]:  # the weekday of the new day, if there is one
                with contextlib.suppress(ValueError):
                    weekday = _WEEKDAYS[calendar.weekday(year, month + 1, int(m[6]))]
                    return f"{weekday}, {shown}"
            return f"{m[3]}, {shown}" if m[3] else shown
        return str((int(m[9]) * 12 + 6 + months) // 12)  # from the middle of the year

    return _DATE_PARTS.sub(move, text)


@functools.cache
def _shifted(date: rareearth.FuzzyDate, months: int) -> rareearth.FuzzyDate:
    """``date`` moved by ``months``, read again as the loader reads it; itself if impossible."""
    try:
        if date.means is None:
            return rareearth.parse_date(_shift_text(date.text, months))
        means = _shift_text(date.means, months)
        read = rareearth.parse_date(means)
        return attrs.evolve(read, text=_shift_text(date.text, months), means=means, note=date.note)
    except rareearth.DateParseError:  # "June 31", or a weekday that no longer fits
        return date


def _scaled(number: Decimal, factor: Decimal) -> Decimal:
    """``number`` times ``factor``, to as many decimal places."""
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101 - loaded numbers are finite
    return (number * factor).quantize(Decimal(1).scaleb(exponent))


def _reprint(text: str, old: Decimal | None, new: Decimal | None) -> str:
    """``text`` with ``old`` printed in it (with or without thousands commas) as ``new``."""
    if old is not None and new is not None:
        for was, now in ((f"{old:,f}", f"{new:,f}"), (f"{old:f}", f"{new:f}")):
            if was in text:
                return text.replace(was, now, 1)
    return text


@dataclass
class _Set:
    """What the copies share: how many copies each shipped id has, tickers and stakes used."""

    copies: dict[str, int]
    shipped: frozenset[str]
    symbols: frozenset[str]
    tickers: int = 0
    stakes: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class _Copy:
    """One copy: its number, its random draws, and the set it is part of."""

    made: _Set
    rng: random.Random
    number: int
    months: int
    factor: Decimal

    def id(self, value: str, _: object) -> str:
        new = f"{value}-{self.number}"
        if new in self.made.shipped:
            raise ValueError(f"the copy {new!r} would clash with a shipped id")
        return new

    def ref(self, value: str, _: object) -> str:
        copies = self.made.copies.get(value, 0)
        return f"{value}-{1 + int(self.rng.random() * copies)}" if copies else value

    def name(self, value: str, _: object) -> str:
        return f"{value} {self.number}"

    def year(self, value: int, _: object) -> int:
        return value + self.months // 12

    def date(self, value: rareearth.FuzzyDate, _: object) -> rareearth.FuzzyDate:
        return _shifted(value, self.months)

    def value(self, value: rareearth.Value, owner: object) -> rareearth.Value:
        percent = isinstance(owner, Relationship) or getattr(owner, "unit", None) == "%"
        factor = (self.factor + Decimal("0.5")) / 2 if percent else self.factor
        number = _scaled(value.number, factor)
        upper = None if value.upper is None else max(number, _scaled(value.upper, factor))
        text = value.text and _reprint(
            _reprint(value.text, value.number, number), value.upper, upper
        )
        return attrs.evolve(value, number=number, upper=upper, text=text)

    def money(self, value: rareearth.Money, _: object) -> rareearth.Money:
        return attrs.evolve(value, amount=_scaled(value.amount, self.factor))

    def rate(self, value: Decimal, _: object) -> Decimal:
        return _scaled(value, (self.factor + 19) / 20)

    def ticker(self, value: rareearth.Ticker, _: object) -> rareearth.Ticker:
        while True:  # a permutation of the six-digit symbols, skipping shipped ones
            self.made.tickers += 1
            k = self.made.tickers
            symbol = f"{(k * 479_001 + 100_003) % 1_000_000:06}" if k < 1_000_000 else str(k)
            if symbol not in self.made.symbols:
                return rareearth.Ticker(symbol, value.exchange)


def _each(action: Action) -> Action:
    """``action`` on a field's value: on each item of a tuple; None stays None."""

    def apply(copy: _Copy, value: object, owner: object) -> object:
        if isinstance(value, tuple):
            return tuple(action(copy, item, owner) for item in value)
        return None if value is None else action(copy, value, owner)

    return apply


def _inner(tp: object) -> object:
    """The type a field holds: alone, optional or in a tuple."""
    args = [a for a in typing.get_args(tp) if a is not type(None) and a is not Ellipsis]
    origin = typing.get_origin(tp)
    return args[0] if origin in (tuple, typing.Union, types.UnionType) and len(args) == 1 else tp


_BY_TYPE: Final[Mapping[object, Action]] = {
    rareearth.FuzzyDate: _Copy.date,
    rareearth.Value: _Copy.value,
    rareearth.Money: _Copy.money,
    rareearth.Ticker: _Copy.ticker,
    Decimal: _Copy.rate,
}


@functools.cache
def _plan(cl: type) -> tuple[tuple[str, Action], ...]:
    """The fields of ``cl`` a copy changes, each with how."""
    attrs.resolve_types(cl)
    steps: list[tuple[str, Action]] = []
    for f in attrs.fields(cl):
        inner = _inner(f.type)
        action: Action | None
        if f.name == "id":
            action = _Copy.id
        elif REF in f.metadata:
            action = _Copy.ref
        elif f.name in _NAMES and cl is not Phase:
            action = _Copy.name
        elif f.name == "founded":
            action = _Copy.year
        elif inner in _BY_TYPE:
            action = _BY_TYPE[inner]
        elif isinstance(inner, type) and attrs.has(inner):
            action = _vary
        else:
            continue
        steps.append((f.name, _each(action)))
    return tuple(steps)


def _vary(copy: _Copy, record: _R, _: object = None) -> _R:
    """A copy of ``record``, and of the records in it."""
    plan = _plan(type(record))
    changes = {name: action(copy, getattr(record, name), record) for name, action in plan}
    return attrs.evolve(record, **changes) if changes else record  # type: ignore[misc]


def _copy(template: _R, number: int, made: _Set, rng: random.Random) -> _R:
    months = int(rng.random() * (_MONTHS_BACK + _MONTHS_ON + 1)) - _MONTHS_BACK
    low, high = _FACTORS
    factor = Decimal(low + int(rng.random() * (high - low + 1))) / 1000
    record = _vary(_Copy(made, rng, number, months, factor), template)
    if isinstance(record, Relationship) and isinstance(template, Relationship):
        stake = (template.id, record.subject)
        if record.share is not None and (
            record.subject == template.subject or stake in made.stakes
        ):
            record = attrs.evolve(record, share=None)
        made.stakes.add(stake)
    return record


def generate(counts: Mapping[str, int], *, seed: int = 0) -> dict[str, list[Any]]:
    """Copy shipped records: exactly ``counts[collection]`` of each collection.

    Collections of 0 records are left out. Each collection draws from its own
    random stream, seeded by ``seed`` and its name.

    Raises:
        ValueError: An unknown collection, or a negative count.
    """
    if unknown := sorted(set(counts) - set(COLLECTIONS)):
        raise ValueError(f"unknown collections: {', '.join(unknown)}")
    if negative := [name for name, n in counts.items() if n < 0]:
        raise ValueError(f"counts must not be negative: {', '.join(negative)}")
    shipped = rareearth.dataset()
    templates = {name: shipped.collection(name) for name in KINDS if counts.get(name)}
    copies: dict[str, int] = {}
    ids: set[str] = set()
    for name in KINDS:
        for t, record in enumerate(shipped.collection(name)):
            phases = {p.id for p in getattr(record, "phases", ())}
            ids |= {record.id, *phases}
            if name in templates:
                size = len(templates[name])
                n = counts[name] // size + (t < counts[name] % size)
                copies.update(dict.fromkeys({record.id, *phases}, n))
    symbols = frozenset(t.symbol for e in shipped.entities for t in e.tickers)
    made = _Set(copies, frozenset(ids), symbols)
    out: dict[str, list[Any]] = {}
    for name, items in templates.items():
        rng = random.Random(f"rareearth-synthetic:{seed}:{name}")  # noqa: S311 - data, not secrets
        size = len(items)
        out[name] = [_copy(items[i % size], i // size + 1, made, rng) for i in range(counts[name])]
    return out


def split(records: int) -> dict[str, int]:
    """How `mixed` splits ``records`` among the collections.

    >>> split(100)
    {'entities': 30, 'facilities': 10, 'relationships': 20, 'events': 20, 'figures': 15, 'rates': 5}
    """
    counts = {name: records * share // 100 for name, share in _SPLIT.items()}
    return {"entities": records - sum(counts.values()), **counts}


def mixed(records: int, *, seed: int = 0) -> dict[str, list[Any]]:
    """``records`` records in all, split as `split` says."""
    return generate(split(records), seed=seed)


def write(data: Mapping[str, Sequence[object]], folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``<collection>.json`` for each non-empty collection into ``folder`` (made if new)."""
    return list(_dump.write(Path(folder), data))


def main(argv: Sequence[str] | None = None) -> int:
    """Write synthetic fact files: ``python benchmarks/synthetic.py OUT_DIR [options]``.

    ``--records N`` splits N records as `mixed` does (1,000 unless counts are
    given); ``--entities N``, ``--facilities N`` and so on give each
    collection's count instead. Prints each file written with its count.
    """
    parser = argparse.ArgumentParser(
        prog="synthetic.py", description="Write seeded synthetic fact files for the benchmarks."
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the files into")
    parser.add_argument("--records", type=int, metavar="N", help="records in all, split as mixed")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    for name in KINDS:
        parser.add_argument(f"--{name}", type=int, default=0, metavar="N", help=f"{name} to copy")
    args = parser.parse_args(argv)
    counts = {name: getattr(args, name) for name in KINDS}
    if args.records is not None and any(counts.values()):
        parser.error("give --records or counts per collection, not both")
    if any(n < 0 for n in (*counts.values(), args.records or 0)):
        parser.error("counts must not be negative")
    if not any(counts.values()):
        counts = split(1000 if args.records is None else args.records)
    data = generate(counts, seed=args.seed)
    for path in write(data, args.out_dir):
        sys.stdout.write(f"{path}: {len(data[path.stem]):,} {path.stem}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
