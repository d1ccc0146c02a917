"""Synthetic fact files for the benchmarks: variants of the shipped records, of any size.

Each generated record is a copy of a shipped record of its collection (the
templates are taken in turn), changed with `attrs.evolve`: its id and its
phases' take the copy's number (``jl-mag-12``), never a shipped id; so do
names, legal names, aliases and other names, and tickers are new symbols, so
that a lookup finds one entity. A reference goes to a random copy of a record
of the kind it names (a company for a company), or stays on the shipped
record when the set has none (sources and places, say). Numbers are scaled
by one factor a record, 0.5 to 1.5 (percentages 0.5 to 1, rates 0.95 to
1.05), at their decimal places, and their printed forms follow; dates move by
one number of months a record, 8 years back to 3 on (one the move would make
impossible stays). Text is the template's, so records keep the shipped
records' shapes and sizes. A stake's share that would take its subject's
disclosed shares over 100% is left out.

The library's own writer (`rareearth._codec.unstructure`, then
`rareearth._tables.dumps`) writes the files, `Dataset.load` reads them beside
the shipped data, and the same seed and counts give the same bytes::

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
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs

import rareearth
from rareearth import _dump
from rareearth._records import COLLECTIONS, REF, Facility, Phase, Relationship

__all__ = ["KINDS", "generate", "main", "mixed", "write"]

_R = TypeVar("_R", bound=attrs.AttrsInstance)
#: The collections that can be generated, in the order they are written.
KINDS: Final = tuple(COLLECTIONS)
#: How `mixed` splits its records, in percent; entities take the rest (30%).
_SPLIT: Final = {"facilities": 10, "relationships": 20, "events": 20, "figures": 15, "rates": 5}
_MONTHS_BACK, _MONTHS_ON = 96, 36  # how far dates move back and on, in months
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
    text = _shift_text(date.text, months)
    means = None if date.means is None else _shift_text(date.means, months)
    try:  # a resolved date is read from what it means, as the loader reads it
        read = rareearth.parse_date(means or text)
    except rareearth.DateParseError:  # "June 31", or a weekday that no longer fits
        return date
    return attrs.evolve(read, text=text, means=means, note=date.note)


def _scaled(number: Decimal, factor: Decimal) -> Decimal:
    """``number`` times ``factor``, to as many decimal places."""
    return (number * factor).quantize(number)


def _reprint(text: str | None, old: Decimal | None, new: Decimal | None) -> str | None:
    """``text`` with ``old`` printed in it (with or without thousands commas) as ``new``."""
    if text and old is not None and new is not None:
        for was, now in ((f"{old:,f}", f"{new:,f}"), (f"{old:f}", f"{new:f}")):
            if was in text:
                return text.replace(was, now, 1)
    return text


@dataclass
class _Set:
    """What the copies share: the ids of each kind, shares disclosed so far, tickers used."""

    pools: dict[str, list[str]]  # the ids generated of each kind ("entities:company", "phases")
    kinds: dict[str, str]  # each shipped id's kind
    shares: dict[str, Decimal]  # the disclosed shares of each subject, in percent
    symbols: frozenset[str]  # the shipped tickers' symbols
    tickers: int = 0


@dataclass
class _Copy:
    """One copy: its number, its random draws, and the set it is part of."""

    made: _Set
    rng: random.Random
    number: int
    months: int
    factor: Decimal
    drawn: dict[str, str] = field(default_factory=dict)  # the ids each reference went to

    def id(self, value: str, _: object) -> str:
        new = f"{value}-{self.number}"
        if new in self.made.kinds:
            raise ValueError(f"the copy {new!r} would clash with a shipped id")
        return new

    def ref(self, value: str, _: object) -> str:
        """A random generated record of the kind named, one to one within the record; or itself."""
        if value not in self.drawn:
            pool = self.made.pools.get(self.made.kinds.get(value, ""), ())
            drawn = pool[int(self.rng.random() * len(pool))] if pool else value
            self.drawn[value] = value if drawn in self.drawn.values() else drawn
        return self.drawn[value]

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
        text = _reprint(_reprint(value.text, value.number, number), value.upper, upper)
        return attrs.evolve(value, number=number, upper=upper, text=text)

    def money(self, value: rareearth.Money, _: object) -> rareearth.Money:
        return attrs.evolve(value, amount=_scaled(value.amount, self.factor))

    def rate(self, value: Decimal, _: object) -> Decimal:
        return _scaled(value, (self.factor + 19) / 20)

    def ticker(self, value: rareearth.Ticker, _: object) -> rareearth.Ticker:
        while True:  # a permutation of the six-digit symbols, skipping shipped ones
            self.made.tickers = k = self.made.tickers + 1
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
    return args[0] if len(args) == 1 else tp


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
        action: Action
        if REF in f.metadata:
            action = _Copy.ref
        elif f.name == "id":
            action = _Copy.id
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
    if isinstance(template, Facility):
        # Dates of unlike precision ("October 2025", "H2 2025") move alike only by
        # whole years, and a milestone reached cannot move past the sources citing
        # it: phases' milestones move back, whole years, to stay in order and true.
        months = 12 * min(round(months / 12), 0)
    factor = Decimal(500 + int(rng.random() * 1001)) / 1000  # 0.5 to 1.5
    record = _vary(_Copy(made, rng, number, months, factor), template)
    if isinstance(record, Relationship) and record.share is not None:
        total = made.shares.get(record.subject, Decimal(0)) + record.share.high
        if total <= 100:
            made.shares[record.subject] = total
        else:  # more than the subject has left: undisclosed
            record = attrs.evolve(record, share=None)
    return record


def generate(counts: Mapping[str, int], *, seed: int = 0) -> dict[str, list[Any]]:
    """``counts[collection]`` copies of each collection's shipped records; empty ones left out.

    Each collection draws from its own random stream, seeded by ``seed`` and its name.

    Raises:
        ValueError: An unknown collection, or a negative count.
    """
    if unknown := sorted(set(counts) - set(COLLECTIONS)):
        raise ValueError(f"unknown collections: {', '.join(unknown)}")
    if negative := [name for name, n in counts.items() if n < 0]:
        raise ValueError(f"counts must not be negative: {', '.join(negative)}")
    shipped = rareearth.dataset()
    templates = {name: shipped.collection(name) for name in KINDS if counts.get(name)}
    made = _Set({}, {}, {}, frozenset(t.symbol for e in shipped.entities for t in e.tickers))
    for name in KINDS:
        for t, record in enumerate(shipped.collection(name)):
            phases = [p.id for p in getattr(record, "phases", ())]
            made.kinds[record.id] = f"{name}:{getattr(record, 'kind', '')}"
            made.kinds.update(dict.fromkeys(phases, "phases"))
            if name in templates:
                size = len(templates[name])
                n = counts[name] // size + (t < counts[name] % size)
                for kind, ids in ((made.kinds[record.id], [record.id]), ("phases", phases)):
                    made.pools.setdefault(kind, []).extend(
                        f"{i}-{j}" for i in ids for j in range(1, n + 1)
                    )
    for r in shipped.relationships:
        if r.share is not None:
            made.shares[r.subject] = made.shares.get(r.subject, Decimal(0)) + r.share.high
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
    if records < 0:
        raise ValueError(f"records must not be negative, got {records}")
    counts = {name: records * share // 100 for name, share in _SPLIT.items()}
    return {"entities": records - sum(counts.values()), **counts}


def mixed(records: int, *, seed: int = 0) -> dict[str, list[Any]]:
    """``records`` records in all, split as `split` says."""
    return generate(split(records), seed=seed)


def write(data: Mapping[str, Sequence[object]], folder: Path) -> list[Path]:
    """Write ``<collection>.json`` for each non-empty collection into ``folder`` (made if new)."""
    return list(_dump.write(folder, data))


def main(argv: Sequence[str] | None = None) -> int:
    """Write synthetic fact files, and say how many records each holds."""
    parser = argparse.ArgumentParser(
        prog="synthetic.py", description="Write seeded synthetic fact files for the benchmarks."
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the files into")
    parser.add_argument("--records", type=int, default=1000, metavar="N", help="split as mixed")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    for name in KINDS:
        parser.add_argument(
            f"--{name}", type=int, default=0, metavar="N", help="instead of --records"
        )
    args = parser.parse_args(argv)
    counts = {name: getattr(args, name) for name in KINDS}
    try:
        data = generate(counts if any(counts.values()) else split(args.records), seed=args.seed)
    except ValueError as e:
        parser.error(str(e))
    for path in write(data, Path(args.out_dir)):
        sys.stdout.write(f"{path}: {len(data[path.stem]):,} {path.stem}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
