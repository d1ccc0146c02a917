"""The printed tour: a first look at what the fact base holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from rareearth._dataset import Dataset
from rareearth._money import Money
from rareearth._version import DATA_VERSION, __version__

__all__ = ["tour"]


def tour(ds: Dataset) -> Iterator[str]:
    """Lines introducing the data: sources, listed companies, capacities, a rate, May 2025."""
    yield f"rareearth {__version__}, data {DATA_VERSION}: {ds!r}"
    yield ""
    yield "Sources"
    for s in ds.sources:
        when = "undated" if s.published is None else s.published.means or s.published.text
        publisher = "publisher unknown" if s.publisher is None else ds.entity(s.publisher).name
        yield f"  {s.id[:3]}  {publisher}, {when}: {s.title}"
    yield ""
    yield "Companies with listings"
    for e in ds.entities:
        if e.tickers:
            tickers = ", ".join(map(str, e.tickers))
            yield f"  {e.name:<40} {tickers}"
    yield ""
    yield "Capacities (as stated; derived values marked)"
    for f in ds.facilities:
        for p in f.phases:
            if p.capacity is not None:
                mark = " (derived)" if p.derived else ""
                yield f"  {f.name} / {p.name}: {p.capacity}{mark}, {p.status.value}"
    yield ""
    yield "A conversion, with the rate the sources imply"
    conversion = ds.convert(Money("1.05e9", "RMB"), "USD", on="2025-07-10")
    yield f"  {conversion}"
    leg = conversion.path.legs[0]
    if leg.record is not None:
        yield f"  derived: {leg.record.derived.rule}"
    yield ""
    yield "Timeline, May 2025"
    start, end = dt.date(2025, 5, 1), dt.date(2025, 5, 31)
    for event in ds.events:
        if event.date.within(start, end):
            yield f"  {event.date.text:<22} {event.title}"
    yield ""
    yield "More: rareearth --help, or rareearth COMMAND --help"
