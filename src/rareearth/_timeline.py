"""Timeline and figure filters: events in a window, figures by what they measure."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from rareearth._dates import DateInput, to_day
from rareearth._errors import ChoiceError, WindowError, choose
from rareearth._index import Index
from rareearth._records import Event, EventKind, Figure, FigureKind

__all__ = ["Match", "figures", "timeline", "window"]

Match = Literal["overlap", "within"]


def window(start: DateInput | None, end: DateInput | None) -> tuple[dt.date | None, dt.date | None]:
    """Read a window's bounds; a bound at month or year precision covers it whole.

    Raises:
        DateParseError: A bound cannot be read.
        WindowError: The end comes before the start.

    >>> window("May 2025", "2025-06")
    (datetime.date(2025, 5, 1), datetime.date(2025, 6, 30))
    """
    since, until = to_day(start, end=False), to_day(end, end=True)
    if since is not None and until is not None and until < since:
        raise WindowError(f"the window ends ({until}) before it starts ({since})")
    return since, until


def timeline(
    ds: Index,
    start: DateInput | None,
    end: DateInput | None,
    *,
    entity: str | None,
    kind: EventKind | str | None,
    tag: str | None,
    expected: bool | None,
    match: Match,
) -> tuple[Event, ...]:
    """Filter the data set's events; see `Dataset.timeline`."""
    since, until = window(start, end)
    if match not in ("overlap", "within"):
        raise ChoiceError("match", match, ("overlap", "within"))
    entity_id = None if entity is None else ds.entity(entity).id
    wanted = None if kind is None else choose(EventKind, kind, "kind")
    if tag is not None:
        ds.known("tag", tag, "tag")
    found = ds.events_overlapping(since, until)
    if match == "within":
        found = [e for e in found if e.date.within(since, until)]
    if entity_id is None and wanted is None and tag is None and expected is None:
        return tuple(found)
    return tuple(
        e
        for e in found
        if (entity_id is None or entity_id in e.entities)
        and (wanted is None or e.kind is wanted)
        and (tag is None or tag in e.tags)
        and (expected is None or e.expected is expected)
    )


def figures(
    ds: Index,
    *,
    metric: str | None,
    entity: str | None,
    geography: str | None,
    kind: FigureKind | str | None,
    claimed_by: str | None,
    start: DateInput | None,
    end: DateInput | None,
) -> tuple[Figure, ...]:
    """Filter the data set's figures; see `Dataset.figures`."""
    since, until = window(start, end)
    entity_id = None if entity is None else ds.entity(entity).id
    claimant = None if claimed_by is None else ds.entity(claimed_by).id
    place = None if geography is None else ds.place(geography).id
    wanted = None if kind is None else choose(FigureKind, kind, "kind")
    if metric is not None:
        ds.known("metric", metric, "metric")
    dated = since is not None or until is not None
    return tuple(
        f
        for f in ds.figures
        if (metric is None or f.metric == metric)
        and (entity_id is None or f.subject == entity_id)
        and (place is None or f.geography == place)
        and (wanted is None or f.kind is wanted)
        and (claimant is None or claimant in f.claimed_by)
        and (not dated or (f.period is not None and f.period.overlaps(since, until)))
    )
