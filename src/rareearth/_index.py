"""The records of a fact set as typed collections, with the indexes queries read.

An `Index` is built once from a checked `FactSet`: the collections, records
by id, the keys entities answer to, who operates what, who holds what, the
place tree and the events grouped for date windows. Lookups here are strict
(a typed `LookupError` with suggestions) unless they say otherwise; the
queries (`_capacity`, `_ownership`, `_convert`, `_timeline`) read only this.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple, TypeVar

from rareearth._errors import ChoiceError, UnknownEntityError, UnknownRecordError, choose
from rareearth._facts import FactSet
from rareearth._records import (
    CapacityPart,
    Claim,
    Entity,
    EntityKind,
    Event,
    EventKind,
    ExchangeRate,
    Facility,
    Figure,
    FigureKind,
    HolderType,
    OwnershipType,
    Phase,
    Place,
    PlaceKind,
    RelationKind,
    Relationship,
    Source,
    Status,
)
from rareearth._search import EntityKeys, SearchHit, close_matches, search, too_long
from rareearth._tables import Records
from rareearth._text import normalize_key
from rareearth._values import product_lineage

__all__ = ["VOCABULARIES", "Index"]

#: The closed lists of values, by the name `Index.values` knows each by: the
#: kinds and statuses of the record classes, and the metrics, products, tags
#: and units the data uses.
_ENUMS: dict[str, type[enum.StrEnum]] = {
    "status": Status,
    "entity-kind": EntityKind,
    "event-kind": EventKind,
    "figure-kind": FigureKind,
    "place-kind": PlaceKind,
    "relation-kind": RelationKind,
    "holder-type": HolderType,
    "ownership-type": OwnershipType,
}
VOCABULARIES: tuple[str, ...] = ("metric", "product", "tag", "unit", *_ENUMS)

_T = TypeVar("_T")


class _EventGroup(NamedTuple):
    """Events of about the same span, in date order (see `Index.events_overlapping`)."""

    span: dt.timedelta  # the longest span among them
    starts: list[dt.date]
    ends: list[dt.date]
    positions: list[int]  # their places in `Index.events`


class Index:
    """A fact set's collections, and the lookups and indexes over them."""

    __slots__ = (
        "_by_id",
        "_children",
        "_entities",
        "_event_groups",
        "_keys",
        "_operated",
        "_phases",
        "_place_keys",
        "_place_longest",
        "_relations_of",
        "_subsidiaries",
        "claims",
        "entities",
        "events",
        "facilities",
        "figures",
        "origins",
        "phases",
        "places",
        "rates",
        "relationships",
        "sources",
    )

    sources: Records[Source]
    entities: Records[Entity]
    places: Records[Place]
    facilities: Records[Facility]
    phases: Records[CapacityPart]
    relationships: Records[Relationship]
    events: Records[Event]
    figures: Records[Figure]
    claims: Records[Claim]
    rates: Records[ExchangeRate]
    origins: Mapping[str, tuple[str, str]]

    def __init__(self, facts: FactSet) -> None:
        records = facts.records
        self.sources = Records(records["sources"], Source)
        self.entities = Records(records["entities"], Entity)
        self.places = Records(records["places"], Place)
        self.facilities = Records(records["facilities"], Facility)
        self.phases = Records(
            (CapacityPart(f, p, p.status) for f in self.facilities for p in f.phases),
            CapacityPart,
        )
        self.relationships = Records(records["relationships"], Relationship)
        self.events = Records(sorted(records["events"], key=lambda e: e.date.sort_key), Event)
        self.figures = Records(records["figures"], Figure)
        self.claims = Records(records["claims"], Claim)
        self.rates = Records(records["rates"], ExchangeRate)
        self.origins = facts.origins
        self._by_id: dict[str, object] = {r.id: r for rs in records.values() for r in rs}
        self._entities = {e.id: e for e in self.entities}
        self._phases = {p.id: (f, p) for f in self.facilities for p in f.phases}
        self._keys = EntityKeys(self.entities)
        # Places by their folded names, the first place in order winning.
        self._place_keys: dict[str, Place] = {}
        self._place_longest = 0  # the longest name, as written (see `too_long`)
        for place in self.places:
            for name in (place.name, *place.aliases):
                self._place_keys.setdefault(normalize_key(name), place)
                self._place_longest = max(self._place_longest, len(name))
        self._children: dict[str, list[str]] = {}
        for place in self.places:
            if place.parent is not None:
                self._children.setdefault(place.parent, []).append(place.id)
        # Positions in the collections, so that answers keep the collections' order.
        self._operated: dict[str, list[int]] = {}
        for i, facility in enumerate(self.facilities):
            self._operated.setdefault(facility.operator, []).append(i)
        self._relations_of: dict[str, list[int]] = {}
        self._subsidiaries: dict[str, list[str]] = {}
        for i, r in enumerate(self.relationships):
            self._relations_of.setdefault(r.subject, []).append(i)
            if r.party is not None and r.party != r.subject:
                self._relations_of.setdefault(r.party, []).append(i)
                if r.kind is RelationKind.SUBSIDIARY:
                    self._subsidiaries.setdefault(r.party, []).append(r.subject)
        self._event_groups = _group_events(self.events)

    # --- entities -------------------------------------------------------------

    def get_entity(self, key: str | Entity) -> Entity | None:
        """The entity ``key`` names, or ``None``; an ambiguous key still raises."""
        if isinstance(key, Entity):
            return key
        found = self._keys.find(key)
        return None if found is None else self._entities[found]

    def entity(self, key: str | Entity) -> Entity:
        """The entity ``key`` names; `UnknownEntityError` with suggestions when none does."""
        found = self.get_entity(key)
        if found is None:
            raise UnknownEntityError(key, [h.matched for h in self.search(key, limit=3)])  # type: ignore[arg-type]
        return found

    def search(self, text: str, *, limit: int = 10) -> list[SearchHit]:
        """Entities whose names resemble ``text``, best first."""
        return search(self.entities, text, limit=limit)

    # --- other records --------------------------------------------------------

    def source(self, key: str) -> Source:
        """A source by id, or by the first three digits of its id ("003")."""
        found = self._by_id.get(key)
        if not isinstance(found, Source):
            found = next((s for s in self.sources if s.id.split("_", 1)[0] == key), None)
        if found is None:
            raise UnknownRecordError("source", key, [s.id for s in self.sources])
        return found

    def place(self, key: str) -> Place:
        """A place by id, name or alias."""
        if not isinstance(key, str):
            raise UnknownRecordError("place", repr(key), noun="id or name")
        found = self._by_id.get(key)
        if isinstance(found, Place):
            return found
        if not too_long(key, self._place_longest):
            place = self._place_keys.get(normalize_key(key))
            if place is not None:
                return place
        names = [name for p in self.places for name in (p.name, *p.aliases)]
        close = close_matches(key, names) or close_matches(key, [p.id for p in self.places])
        raise UnknownRecordError("place", key, noun="id or name", suggestions=close)

    def places_within(self, key: str) -> set[str]:
        """The ids of a place and of every place inside it, at any depth."""
        return _closure(self.place(key).id, self._children)

    def facility(self, key: str) -> Facility:
        """A facility by id."""
        return _typed(self._by_id, Facility, "facility", key)

    def phase(self, key: str) -> tuple[Facility, Phase]:
        """A phase by id, with its facility."""
        try:
            return self._phases[key]
        except KeyError:
            raise _unknown("phase", key, self._phases) from None

    def values(self, vocabulary: str) -> tuple[str, ...]:
        """Every value of a closed list, by the list's name.

        A kind's or a status's members in order; the metrics, products, tags
        or units the data uses, sorted.

        Raises:
            ChoiceError: No list has that name.
        """
        if vocabulary in _ENUMS:
            return tuple(member.value for member in _ENUMS[vocabulary])
        found: set[str] = set()
        if vocabulary == "metric":
            found = {f.metric for f in self.figures}
        elif vocabulary == "tag":
            found = {tag for event in self.events for tag in event.tags}
        elif vocabulary == "product":
            found = {
                broader
                for phase in self.phases
                if phase.phase.capacity is not None and phase.phase.capacity.product is not None
                for broader in product_lineage(phase.phase.capacity.product)
            }
        elif vocabulary == "unit":
            found = {f.unit for f in self.figures} | {
                p.phase.capacity.unit for p in self.phases if p.phase.capacity is not None
            }
        else:
            raise ChoiceError("list", vocabulary, VOCABULARIES)
        return tuple(sorted(found))

    def known(self, vocabulary: str, value: str, field: str) -> str:
        """``value`` if the list holds it, else a `ChoiceError` naming ``field``.

        The error suggests the close values and says how to list them all.
        """
        choices = self.values(vocabulary)
        if value not in choices:
            raise ChoiceError(field, value, choices, listing=vocabulary)
        return value

    def get_record(self, key: str) -> object | None:
        """A top-level record or a phase by its id, or ``None``, with no suggestions looked for."""
        found = self._by_id.get(key)
        if found is None and (phase := self._phases.get(key)) is not None:
            found = phase[1]
        return found

    def record(self, key: str) -> object:
        """Any top-level record by its id."""
        try:
            return self._by_id[key]
        except KeyError:
            raise _unknown("record", key, self._by_id) from None

    # --- who runs and who owns what -------------------------------------------

    def group_ids(self, entity_id: str) -> set[str]:
        """The id of an entity and of its subsidiaries, at any depth."""
        return _closure(entity_id, self._subsidiaries)

    def operated_by(self, ids: Iterable[str]) -> list[Facility]:
        """The facilities these entity ids operate themselves, in the collection's order."""
        found = sorted(i for entity_id in ids for i in self._operated.get(entity_id, ()))
        return [tuple.__getitem__(self.facilities, i) for i in found]

    def relations(
        self, entity_id: str, kind: RelationKind | str | None = None
    ) -> Iterator[Relationship]:
        """Relationships an entity takes part in, as subject or party, in order."""
        wanted = None if kind is None else choose(RelationKind, kind, "kind")
        for i in self._relations_of.get(entity_id, ()):
            relationship = tuple.__getitem__(self.relationships, i)
            if wanted is None or relationship.kind is wanted:
                yield relationship

    def owners_of(self, entity_id: str) -> list[Relationship]:
        """Direct owners of an entity: stakes, joint-venture partners, parents."""
        return [r for r in self.relations(entity_id) if r.is_ownership and r.subject == entity_id]

    def holdings_of(self, entity_id: str) -> list[Relationship]:
        """What an entity owns directly."""
        return [r for r in self.relations(entity_id) if r.is_ownership and r.party == entity_id]

    # --- events ---------------------------------------------------------------

    def events_overlapping(self, since: dt.date | None, until: dt.date | None) -> list[Event]:
        """The events whose dates overlap a window, in order, found by bisecting."""
        if since is None and until is None:
            return list(self.events)
        picked: list[int] = []
        for group in self._event_groups:
            hi = len(group.starts) if until is None else bisect.bisect_right(group.starts, until)
            if since is None:
                picked.extend(group.positions[:hi])
                continue
            back = since - group.span if since > dt.date.min + group.span else dt.date.min
            lo = bisect.bisect_left(group.starts, back)
            ends, positions = group.ends, group.positions
            picked.extend([positions[j] for j in range(lo, hi) if ends[j] >= since])
        picked.sort()
        item, events = tuple.__getitem__, self.events  # plain indexing, not Records'
        return [item(events, i) for i in picked]


def _group_events(events: Records[Event]) -> tuple[_EventGroup, ...]:
    # Events by how long their dates span (a day, a month, a year, ...; in
    # powers of two days), each group in date order: a window bisects each
    # group's first days, looking back as far as the group's longest span.
    groups: dict[int, list[Event]] = {}
    for event in events:
        days = (event.date.latest - event.date.earliest).days
        groups.setdefault(days.bit_length(), []).append(event)
    positions = {id(event): i for i, event in enumerate(events)}
    return tuple(
        _EventGroup(
            max(e.date.latest - e.date.earliest for e in members),
            [e.date.earliest for e in members],
            [e.date.latest for e in members],
            [positions[id(e)] for e in members],
        )
        for _, members in sorted(groups.items())
    )


def _closure(root: str, children: Mapping[str, list[str]]) -> set[str]:
    """``root`` and everything below it in a tree (or graph) of children."""
    found = {root}
    frontier = [root]
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def _typed(table: Mapping[str, object], kind: type[_T], name: str, key: str) -> _T:
    found = table.get(key)
    if not isinstance(found, kind):
        ids = [k for k, v in table.items() if isinstance(v, kind)]
        raise _unknown(name, key, ids)
    return found


def _unknown(kind: str, key: str, ids: Iterable[str]) -> UnknownRecordError:
    return UnknownRecordError(kind, key, suggestions=close_matches(key, list(ids)))
