"""How well a record is backed: its citations, their sources, and how many independent origins.

Two sources are one origin when the same publisher put them out, or when
both report what the same party said (each source's ``reports_from``): the
three Rare Earth Exchanges articles that cite Asian Metal back a fact once
between them, not three times.
"""

from __future__ import annotations

from typing import Any

import attrs

from rareearth._errors import UnknownRecordError
from rareearth._index import Index
from rareearth._records import Citation, walk
from rareearth._tables import count, short_source

__all__ = ["Corroboration", "corroboration"]


@attrs.frozen
class Corroboration:
    """How many citations, sources and independent origins back a record.

    Attributes:
        record: The record's id.
        citations: How many citations it has, its parts' included (a
            facility's phases and milestones).
        sources: The sources cited, by id.
        origins: The sources grouped by origin: sources of one publisher, or
            reporting what the same party said, are one group.
        reasons: Why sources were counted as one, a sentence for each link.
    """

    record: str
    citations: int
    sources: tuple[str, ...]
    origins: tuple[tuple[str, ...], ...]
    reasons: tuple[str, ...]

    @property
    def independent(self) -> int:
        """How many independent origins back the record."""
        return len(self.origins)

    @property
    def summary(self) -> str:
        """The counts, in one line."""
        return (
            f"{self.record}: {count(self.citations, 'citations')} from "
            f"{count(len(self.sources), 'sources')}, "
            f"{count(self.independent, 'independent origins')}"
        )

    def __str__(self) -> str:
        return "\n".join([self.summary, *(f"  {reason}" for reason in self.reasons)])


def corroboration(index: Index, key: str) -> Corroboration:
    """Count what backs a record: ``key`` is a record's or a phase's id, or an entity's name.

    Raises:
        UnknownRecordError: No record or phase has that id, and no entity that name.
    """
    record = _record(index, key)
    key = record.id
    cites = [
        item
        for _, _, _, value in walk(record, "$")
        for item in (value if isinstance(value, tuple) else (value,))
        if isinstance(item, Citation)
    ]
    sources = sorted({c.source for c in cites})
    group = {s: s for s in sources}  # each source's representative, union-find style

    def find(source: str) -> str:
        while group[source] != source:
            group[source] = group[group[source]]  # halve the path as we go
            source = group[source]
        return source

    reasons: list[str] = []
    first_of: dict[tuple[str, str], str] = {}
    for source in sources:
        record_of_source = index.source(source)
        links = [("published by", p) for p in (record_of_source.publisher,) if p is not None]
        links += [("report", upstream) for upstream in record_of_source.reports_from]
        for link in links:
            first = first_of.setdefault(link, source)
            if first == source:
                continue
            a, b = find(first), find(source)
            if a != b:
                group[b] = a
            verb, party = link
            both = f"both {verb} {_name(index, party)}"
            reasons.append(f"{short_source(first)} and {short_source(source)}: {both}")
    origins: dict[str, list[str]] = {}
    for source in sources:
        origins.setdefault(find(source), []).append(source)
    return Corroboration(
        record=key,
        citations=len(cites),
        sources=tuple(sources),
        origins=tuple(tuple(members) for members in origins.values()),
        reasons=tuple(reasons),
    )


def _record(index: Index, key: str) -> Any:  # noqa: ANN401 - a record of any kind
    """The record, phase or entity ``key`` names, in that order.

    Looked up without suggestions (each would compare ``key`` with every id):
    the table exports ask this of every record and phase.
    """
    found = index.get_record(key)
    if found is None:
        found = index.get_entity(key)
    if found is None:
        raise UnknownRecordError("record, phase or entity", key, noun="id or name") from None
    return found


def _name(index: Index, entity_id: str) -> str:
    found = index.get_entity(entity_id)
    return entity_id if found is None else found.name
