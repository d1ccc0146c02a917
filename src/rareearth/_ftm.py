"""FollowTheMoney: the fact base as entities for Aleph, OpenSanctions and the ``ftm`` tools.

One JSON object a line, ``{"id", "schema", "properties": {name: [values]}}``,
written with the standard library (the ``followthemoney`` package checks the
output in the tests; it is not needed here).

How rareearth maps onto FtM:

- **Ids.** ``"rareearth-"`` and the rareearth id, an underscore written as a
  dot (FtM ids allow letters, digits, dashes and dots; rareearth ids never
  hold a dot, so the id reads back exactly): ``jl-mag`` is
  ``rareearth-jl-mag``, source ``000_75a9973f81fad0cb`` is
  ``rareearth-000.75a9973f81fad0cb``. What one record makes more than one
  item of adds a suffix after a dot (``rareearth-jl-mag.cites.000``...).
- **Entities** by kind: a company is a ``Company`` (an FtM asset, so it can
  be owned); a government or agency a ``PublicBody``; a person a
  ``Person``; a programme a ``Project`` (it is no party: it owns nothing);
  a zone, industry body, publisher or fund an ``Organization``, or a
  ``PublicBody`` when the entity is itself state or state-owned (the rule of
  `rareearth._ownership.is_state_entity`).
- **Stakes, joint ventures, parents** are ``Ownership``: a joint-venture
  partner or a parent holds the subject, which is what FtM's ``Ownership``
  says; ``Membership`` is belonging to an organisation, not holding it.
  The percentage is as printed ("around 9.4%"), the holder type is the
  ownership type. A holder the sources do not name is a ``LegalEntity``
  named by its label. Other relations (customer, partner, landlord,
  competitor, peer) are ``UnknownLink`` with the relation as role.
- **Facilities** are ``Project`` with a ``ProjectParticipant`` for the
  operator and the zone; their phases are text in the description.
- **Events** are ``Event``; **sources** are ``Document``, linked to each
  record citing them by a ``Documentation`` holding the quotes, and named
  as ``proof`` on the record; facilities marked possibly the same are a
  ``Similar`` pair.
- **Provenance.** Every item names the data version: ``publisher`` is
  "rareearth data <DATA_VERSION>" (on a ``Document``, whose publisher is
  its own, ``processingAgent`` is; on ``Similar``, ``matcher``); links
  carry the rareearth id as ``recordId``.
- **Dates.** FtM dates are a day, a month or a year: an imprecise date
  becomes the part of it that is certain ("late 2024" → 2024), with a
  `Loss`, and its wording stays in the notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from rareearth._dates import FuzzyDate
from rareearth._export import Export, Loss, file_target, losses_file
from rareearth._files import write_texts
from rareearth._index import Index
from rareearth._ownership import is_state_entity
from rareearth._records import (
    COLLECTIONS,
    Citation,
    Entity,
    EntityKind,
    Event,
    Facility,
    Phase,
    RelationKind,
    Relationship,
    Source,
)
from rareearth._tables import Records, dumps
from rareearth._values import share_label
from rareearth._version import DATA_VERSION

__all__ = ["ftm_date", "ftm_id", "write"]

PREFIX = "rareearth-"
PUBLISHER = f"rareearth data {DATA_VERSION}"

_KIND_SCHEMA = {
    EntityKind.COMPANY: "Company",
    EntityKind.GOVERNMENT: "PublicBody",
    EntityKind.AGENCY: "PublicBody",
    EntityKind.PERSON: "Person",
    EntityKind.PROGRAMME: "Project",
}
#: The schemas that are FtM legal entities (owners, members, involved parties).
_LEGAL = frozenset({"Company", "Organization", "PublicBody", "Person", "LegalEntity"})
_ROLES = {
    RelationKind.STAKE: "shareholder",
    RelationKind.JOINT_VENTURE: "joint-venture partner",
    RelationKind.SUBSIDIARY: "parent company",
}
_PHASES = (
    "FtM has no capacity, milestone or investment fields: each phase is a line of "
    "its Project's description, and its status one of the Project's statuses"
)
#: The collections FtM has no schema for, and why.
_NOT_EXPORTED = {
    "places": "FtM has no place schema: places are written as the locations and "
    "countries of the records in them",
    "figures": "FtM has no schema for a number with its qualifier, unit and period",
    "claims": "FtM has no schema for a party's claim",
    "rates": "FtM has no schema for an exchange rate",
}


def ftm_id(record_id: str, *suffix: str) -> str:
    """The FtM id of a rareearth record, or of an item made from it.

    >>> ftm_id("jl-mag"), ftm_id("000_75a9973f81fad0cb")
    ('rareearth-jl-mag', 'rareearth-000.75a9973f81fad0cb')
    >>> ftm_id("jl-mag", "cites", "000_75a9973f81fad0cb")
    'rareearth-jl-mag.cites.000.75a9973f81fad0cb'
    """
    return ".".join((PREFIX + record_id, *suffix)).replace("_", ".")


def ftm_date(date: FuzzyDate) -> str | None:
    """The certain part of a date, as FtM writes it: a day, a month or a year.

    ``None`` when not even the year is certain.

    >>> from rareearth._dates import parse_date
    >>> ftm_date(parse_date("late 2024")), ftm_date(parse_date("June 9-10, 2025"))
    ('2024', '2025-06')
    >>> ftm_date(parse_date("2025-06-11")), ftm_date(parse_date("between 2024 and 2025"))
    ('2025-06-11', None)
    """
    first, last = date.earliest, date.latest
    if first == last:
        return first.isoformat()
    if first.year != last.year:
        return None
    if first.month == last.month:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}"


def _covers(date: FuzzyDate, text: str) -> bool:
    """Whether an FtM date of ``text`` means exactly the days ``date`` can mean."""
    first, last = date.earliest, date.latest
    if len(text) == 4:
        return (first, last) == (dt.date(first.year, 1, 1), dt.date(first.year, 12, 31))
    if len(text) == 7:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first.day == 1 and last == following - dt.timedelta(days=1)
    return True


class _Writer:
    """The items of one export, in order, and what they could not hold."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.lines: list[str] = []
        self.losses: list[Loss] = []
        self.schemas: dict[str, str] = {}

    def emit(self, item_id: str, schema: str, properties: dict[str, list[str]]) -> None:
        # Each value once: FtM keeps a property's values as a set.
        kept = {name: list(dict.fromkeys(vs)) for name, vs in properties.items() if vs}
        self.lines.append(dumps({"id": item_id, "schema": schema, "properties": kept}))

    def date(self, record: str, field: str, date: FuzzyDate | None) -> list[str]:
        if date is None:
            return []
        text = ftm_date(date)
        if text is None:
            self.losses.append(Loss(record, field, f"{str(date)!r} spans years: left out"))
            return []
        if not _covers(date, text):
            self.losses.append(Loss(record, field, f"{str(date)!r} became {text}"))
        return [text]

    def cited(self, record: str, item_id: str, cites: tuple[Citation, ...]) -> list[str]:
        """Link a Thing to the documents it cites, the quotes in between; its proofs."""
        for source, quotes in _by_source(cites).items():
            self.emit(
                ftm_id(record, "cites", source),
                "Documentation",
                {
                    "document": [ftm_id(source)],
                    "entity": [item_id],
                    "role": ["cited"],
                    "summary": quotes,
                    "recordId": [record],
                    "publisher": [PUBLISHER],
                },
            )
        return [ftm_id(s) for s in _by_source(cites)]

    # --- collections ----------------------------------------------------------

    def source(self, source: Source) -> None:
        publisher = None if source.publisher is None else self.index.record(source.publisher)
        self.emit(
            ftm_id(source.id),
            "Document",
            {
                "title": [source.title],
                "fileName": [source.id],
                "author": _present(source.author),
                "publisher": [publisher.name] if isinstance(publisher, Entity) else [],
                "publishedAt": self.date(source.id, "published", source.published),
                "summary": [source.about],
                "notes": [*_wording(source.published), *source.notes],
                "processingAgent": [PUBLISHER],
            },
        )

    def entity(self, entity: Entity) -> None:
        schema = self.schemas[entity.id]
        item_id = ftm_id(entity.id)
        names = [n for n in entity.names if n != entity.name]
        country = [] if entity.country is None else [entity.country.lower()]
        legal = schema in _LEGAL
        properties = {
            "name": [entity.name],
            "alias": list(dict.fromkeys(names)),
            "jurisdiction" if legal and schema != "Person" else "country": country,
            "summary": [entity.summary],
            "notes": [
                *(f"{o.name}: {o.note}" for o in entity.other_names if o.note),
                *_hubs(self.index, entity),
                *entity.notes,
            ],
            "keywords": [entity.kind.value],
            "publisher": [PUBLISHER],
            "proof": self.cited(entity.id, item_id, entity.cites),
        }
        if legal:
            properties["incorporationDate"] = _present(entity.founded)
            properties["classification"] = _present(entity.ownership)
        elif entity.founded is not None or entity.ownership is not None:
            self.losses.append(
                Loss(entity.id, "founded", f"a {schema} has no founding date or ownership")
            )
        if schema == "Company":
            properties["ticker"] = [str(t) for t in entity.tickers]
        elif entity.tickers:
            self.losses.append(Loss(entity.id, "tickers", f"a {schema} has no ticker"))
        self.emit(item_id, schema, properties)

    def unnamed(self, relationship: Relationship) -> str:
        """A LegalEntity standing for a party the sources do not name."""
        item_id = ftm_id(relationship.id, "party")
        self.emit(
            item_id,
            "LegalEntity",
            {
                "name": _present(relationship.party_label),
                "classification": _present(relationship.holder_type),
                "notes": ["The sources do not name this party; rareearth records only this label."],
                "publisher": [PUBLISHER],
            },
        )
        self.losses.append(
            Loss(
                relationship.id,
                "party",
                f"not named: a LegalEntity {relationship.party_label!r} stands for it",
            )
        )
        return item_id

    def relationship(self, relationship: Relationship) -> None:
        subject = self.schemas[relationship.subject]
        if relationship.party is None:
            party_id, party = self.unnamed(relationship), "LegalEntity"
        else:
            party_id, party = ftm_id(relationship.party), self.schemas[relationship.party]
        properties = {
            "summary": [relationship.summary],
            "description": [*_quotes(relationship.cites), *relationship.notes],
            "proof": [ftm_id(s) for s in _by_source(relationship.cites)],
            "recordId": [relationship.id],
            "publisher": [PUBLISHER],
        }
        owning = relationship.is_ownership
        if owning and subject == "Company" and party in _LEGAL:
            properties |= {
                "owner": [party_id],
                "asset": [ftm_id(relationship.subject)],
                "role": [_ROLES[relationship.kind]],
                "percentage": [_printed(relationship)] if relationship.share else [],
                "ownershipType": _present(relationship.holder_type),
            }
            self.emit(ftm_id(relationship.id), "Ownership", properties)
            return
        if owning:
            what = (
                f"an FtM Ownership needs a legal entity owning a Company, not a {party} {subject}"
            )
            self.losses.append(Loss(relationship.id, "kind", f"{what}: written as a link"))
        properties |= {
            "subject": [party_id],
            "object": [ftm_id(relationship.subject)],
            "role": [relationship.kind.value],
            "status": [_printed(relationship)] if relationship.share else [],
        }
        self.emit(ftm_id(relationship.id), "UnknownLink", properties)

    def facility(self, facility: Facility) -> None:
        item_id = ftm_id(facility.id)
        place = None if facility.place is None else self.index.place(facility.place)
        self.emit(
            item_id,
            "Project",
            {
                "name": [facility.name],
                "summary": [facility.summary],
                "description": [_phase_text(facility, phase) for phase in facility.phases],
                "notes": list(facility.notes),
                "address": [] if place is None else [place.name],
                "country": []
                if place is None or place.country is None
                else [place.country.lower()],
                "status": [p.status.value for p in facility.phases],
                "publisher": [PUBLISHER],
                "proof": self.cited(facility.id, item_id, facility.cites),
            },
        )
        for role, entity_id in (("operator", facility.operator), ("zone", facility.zone)):
            if entity_id is None:
                continue
            provenance = {"role": [role], "recordId": [facility.id], "publisher": [PUBLISHER]}
            if self.schemas[entity_id] in _LEGAL:
                ends = {"project": [item_id], "participant": [ftm_id(entity_id)]}
                self.emit(ftm_id(facility.id, role), "ProjectParticipant", ends | provenance)
            else:  # a programme: a ProjectParticipant is a legal entity
                ends = {"subject": [ftm_id(entity_id)], "object": [item_id]}
                self.emit(ftm_id(facility.id, role), "UnknownLink", ends | provenance)

    def event(self, event: Event) -> None:
        item_id = ftm_id(event.id)
        places = [self.index.place(p) for p in event.places]
        involved = [e for e in event.entities if self.schemas[e] in _LEGAL]
        self.emit(
            item_id,
            "Event",
            {
                "name": [event.title],
                "date": self.date(event.id, "date", event.date),
                "notes": [
                    *_wording(event.date),
                    *(["Expected: planned, not yet happened."] if event.expected else []),
                ],
                "involved": [ftm_id(e) for e in involved],
                "location": [p.name for p in places],
                "country": list(dict.fromkeys(p.country.lower() for p in places if p.country)),
                "keywords": [event.kind.value, *event.tags],
                "recordId": [event.id],
                "publisher": [PUBLISHER],
                "proof": self.cited(event.id, item_id, event.cites),
            },
        )
        for entity_id in event.entities:
            if entity_id not in involved:  # a programme: FtM's "involved" takes legal entities
                self.emit(
                    ftm_id(event.id, "involved", entity_id),
                    "UnknownLink",
                    {
                        "subject": [ftm_id(entity_id)],
                        "object": [item_id],
                        "role": ["involved"],
                        "recordId": [event.id],
                        "publisher": [PUBLISHER],
                    },
                )

    def similar(self, facilities: Iterable[Facility]) -> None:
        done: set[tuple[str, str]] = set()
        for facility in facilities:
            for other in facility.possibly_same_as:
                pair = (min(facility.id, other), max(facility.id, other))
                if pair in done:
                    continue
                done.add(pair)
                self.emit(
                    ftm_id(pair[0], "similar", pair[1]),
                    "Similar",
                    {
                        "candidate": [ftm_id(pair[0])],
                        "match": [ftm_id(pair[1])],
                        "criteria": ["possibly the same project under another name"],
                        "matcher": [f"{PUBLISHER}: possibly_same_as"],
                    },
                )


def write(index: Index, target: Path) -> Export:
    """Write the fact base as FollowTheMoney entities, one JSON object a line.

    Args:
        index: The data set's index.
        target: The file to write (``out.ftm.json``); written whole or not at all.

    Returns:
        What was written, and what FtM could not hold (see the module).

    Raises:
        WriteError: The file cannot be written; nothing is changed.

    >>> import tempfile, rareearth as ree
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = ree.dataset().export("ftm", Path(folder) / "out.ftm.json")
    >>> report.items, report.files[0].name
    (219, 'out.ftm.json')
    >>> print(next(loss for loss in report.losses if loss.field == "date"))
    northern-zhaobao-phase-i-trial-production: date: 'late 2024' became 2024
    """
    writer = _Writer(index)
    writer.schemas = {e.id: _schema(e) for e in index.entities}
    writer.schemas |= {f.id: "Project" for f in index.facilities}
    for source in index.sources:
        writer.source(source)
    for entity in index.entities:
        writer.entity(entity)
    for facility in index.facilities:
        writer.facility(facility)
    for relationship in index.relationships:
        writer.relationship(relationship)
    for event in index.events:
        writer.event(event)
    writer.similar(index.facilities)
    if index.phases:
        writer.losses.append(Loss(None, "facilities.phases", _PHASES))
    for name, why in _NOT_EXPORTED.items():
        count = len(getattr(index, name))
        if count:
            noun = COLLECTIONS[name].singular if count == 1 else name
            writer.losses.append(Loss(None, name, f"{count} {noun} not exported: {why}"))
    target = file_target(target, starts=b"{", kind="a FollowTheMoney export")
    report = losses_file(target, is_folder=False)
    export = Export("ftm", (target, report), len(writer.lines), Records(writer.losses, Loss))
    # The data and its loss report, together: both written or neither.
    write_texts({target: "".join(line + "\n" for line in writer.lines), report: str(export) + "\n"})
    return export


def _schema(entity: Entity) -> str:
    schema = _KIND_SCHEMA.get(entity.kind)
    if schema is not None:
        return schema
    return "PublicBody" if is_state_entity(entity) else "Organization"


def _by_source(cites: tuple[Citation, ...]) -> dict[str, list[str]]:
    quotes: dict[str, list[str]] = {}
    for cite in cites:
        quotes.setdefault(cite.source, []).append(cite.quote)
    return quotes


def _quotes(cites: tuple[Citation, ...]) -> Iterator[str]:
    for cite in cites:
        yield f"“{cite.quote}” (source {cite.source})"


def _present(value: object) -> list[str]:
    return [] if value is None else [str(value)]


def _printed(relationship: Relationship) -> str:
    share = relationship.share
    return (share.text if share and share.text else None) or share_label(share)


def _wording(date: FuzzyDate | None) -> list[str]:
    """The date's own words, for the notes, when they say more than its FtM form."""
    if date is None or date.text == ftm_date(date):
        return []
    return [f"Date as the source gives it: {date}.", *([date.note] if date.note else [])]


def _hubs(index: Index, entity: Entity) -> list[str]:
    if not entity.hubs:
        return []
    return ["Core operations in: " + ", ".join(index.place(h).name for h in entity.hubs)]


def _phase_text(facility: Facility, phase: Phase) -> str:
    parts = [f"{phase.name}: {phase.status.value}"]
    if phase.capacity is not None:
        parts.append(f"{phase.capacity} ({phase.capacity.value.text or 'capacity'})")
    if phase.investment is not None:
        parts.append(f"investment {phase.investment.text}")
    return f"{facility.name}, " + "; ".join(parts)
