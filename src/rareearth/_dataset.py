"""The data set: records with their indexes, lookups, and the shipped instance."""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import gc
import os
import pathlib
import re
import threading
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, NamedTuple, TypeVar, overload

import attrs

from rareearth import _capacity, _convert, _ownership, _timeline
from rareearth._capacity import CapacityPart, CapacityTotal, GroupBy
from rareearth._convert import Conversion, RatePath, RateTable
from rareearth._errors import (
    AmbiguousKeyError,
    DataError,
    Problem,
    UnknownEntityError,
    UnknownRecordError,
    choose,
)
from rareearth._money import Money
from rareearth._ownership import OwnershipLink, StateShare
from rareearth._records import (
    Claim,
    Entity,
    Event,
    EventKind,
    ExchangeRate,
    Facility,
    Figure,
    FigureKind,
    Phase,
    Place,
    RelationKind,
    Relationship,
    Source,
    Status,
)
from rareearth._tables import Records

if TYPE_CHECKING:
    from rareearth._load import FactSet

__all__ = ["DATA_FILES", "Dataset", "SearchHit", "dataset"]

_T = TypeVar("_T")

#: How the shipped files are named in `Dataset.origins` and in messages.
SHIPPED_PREFIX = "rareearth/data/"

#: The largest fact file `Dataset.load` reads unless told otherwise, in bytes.
MAX_SIZE = 256 * 1024 * 1024
#: How deeply a fact file may nest lists and objects unless told otherwise.
MAX_DEPTH = 64

#: The shipped fact files, in load order.
DATA_FILES = (
    "sources.json",
    "entities.json",
    "places.json",
    "facilities.json",
    "relationships.json",
    "events.json",
    "figures.json",
    "claims.json",
    "rates.json",
)

_COLLECTIONS = tuple(name.removesuffix(".json") for name in DATA_FILES)
_PUNCT = re.compile(r"[\W_]+")
_ASCII_PUNCT = bytes(c for c in range(128) if not chr(c).isalnum())


def normalize_key(text: str) -> str:
    """Fold case and drop punctuation and spaces: the form keys are matched in.

    >>> normalize_key("JL MAG Rare-Earth Co., Ltd.")
    'jlmagrareearthcoltd'
    """
    folded = text.casefold()
    if folded.isascii():  # the usual case: deleting bytes is quicker than the pattern
        return folded.encode("ascii").translate(None, _ASCII_PUNCT).decode("ascii")
    return _PUNCT.sub("", folded)


_SUFFIXES = ("company", "co", "ltd", "limited", "inc", "corporation", "corp", "group", "plc", "llc")


def _loose(key: str) -> str:
    # Drops the trailing run of legal suffixes ("coltd"); no suffix ends
    # another, so stripping them one by one from the end finds the whole run.
    stripped = key
    while stripped.endswith(_SUFFIXES):
        stripped = next(stripped[: -len(s)] for s in _SUFFIXES if stripped.endswith(s))
    return stripped or key


@attrs.frozen
class SearchHit:
    """One result of a fuzzy search.

    Attributes:
        entity: The entity found.
        score: How well it matched, from 0 to 1.
        matched: The name of the entity that matched best.
    """

    entity: Entity
    score: float
    matched: str


def _by_id(records: Iterable[_T]) -> dict[str, _T]:
    return {record.id: record for record in records}  # type: ignore[attr-defined]


class Dataset:
    """A checked set of facts, with lookups over it.

    Build one from fact files with `Dataset.load`; `rareearth.dataset()` is
    the shipped one. Every collection is a tuple of frozen records.

    >>> ds = dataset()
    >>> ds.entity("JL MAG").founded
    2008
    """

    __slots__ = (
        "_entities",
        "_event_groups",
        "_facilities",
        "_keys",
        "_loose_keys",
        "_operated",
        "_phases",
        "_places",
        "_records",
        "_relations_of",
        "_sources",
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
        self._sources = _by_id(self.sources)
        self._entities = _by_id(self.entities)
        self._places = _by_id(self.places)
        self._facilities = _by_id(self.facilities)
        self._phases = {p.id: (f, p) for f in self.facilities for p in f.phases}
        self._records = {r.id: r for rs in records.values() for r in rs}
        # Indexes, built once: keys to entity ids (a tuple where several share
        # a key), and positions in the collections, so that answers keep the
        # collections' order.
        self._keys: dict[str, str | tuple[str, ...]] = {}
        self._loose_keys: dict[str, str | tuple[str, ...]] = {}
        for entity in self.entities:
            for name in (entity.id, *entity.names, *_ticker_keys(entity)):
                key = normalize_key(name)
                _index_key(self._keys, key, entity.id)
                _index_key(self._loose_keys, _loose(key), entity.id)
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
        # Events by how long their dates span (a day, a month, a year, ...; in
        # powers of two days), each group in date order: a window bisects each
        # group's first days, looking back as far as the group's longest span.
        groups: dict[int, list[Event]] = {}
        for event in self.events:
            days = (event.date.latest - event.date.earliest).days
            groups.setdefault(days.bit_length(), []).append(event)
        positions = {id(event): i for i, event in enumerate(self.events)}
        self._event_groups = tuple(
            _EventGroup(
                max(e.date.latest - e.date.earliest for e in members),
                [e.date.earliest for e in members],
                [e.date.latest for e in members],
                [positions[id(e)] for e in members],
            )
            for _, members in sorted(groups.items())
        )

    def __setattr__(self, name: str, value: object) -> None:
        # Set once, in __init__: the shipped data set is shared by every caller.
        if hasattr(self, name):
            raise AttributeError(f"a Dataset is read-only; cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Dataset is read-only; cannot delete {name!r}")

    # --- loading --------------------------------------------------------------

    @classmethod
    def load(
        cls,
        *paths: str | os.PathLike[str],
        include_shipped: bool = True,
        max_size: int = MAX_SIZE,
        max_depth: int = MAX_DEPTH,
    ) -> Dataset:
        """Load fact files, merged with the shipped data unless told not to.

        Users' records may refer to shipped ids. Every file is checked whole;
        if anything is wrong, nothing is loaded. Files are read as UTF-8 (a
        byte-order mark is allowed). A file over ``max_size`` bytes, or
        nesting lists and objects deeper than ``max_depth``, is refused
        before it is parsed.

        Args:
            paths: JSON fact files, or folders whose ``*.json`` files are all
                read, in name order (a folder `dump` wrote, say).
            include_shipped: Whether to start from the shipped data. A full
                dump already holds it: load one with ``include_shipped=False``.
            max_size: The largest file read, in bytes (256 MiB by default).
            max_depth: How deeply a file may nest lists and objects (64 by
                default; fact files need about 10).

        Raises:
            DataError: Listing every problem, with file, JSON path and record.
        """
        documents = list(_shipped_documents()) if include_shipped else []
        unread: list[Problem] = []
        for path in _files(paths):
            name = os.fspath(path)
            try:
                size = os.stat(path).st_size  # noqa: PTH116 - str or PathLike
                if size > max_size:
                    message = f"the file has {size:,} bytes, over the limit of {max_size:,}"
                    unread.append(Problem(name, "$", None, f"{message} (raise it with max_size=)"))
                    continue
                with open(path, encoding="utf-8") as f:  # noqa: PTH123 - str or PathLike
                    documents.append((os.path.basename(name), f.read()))  # noqa: PTH119
            except (OSError, UnicodeDecodeError) as e:
                unread.append(Problem(name, "$", None, f"cannot read the file: {e}"))
        if unread:
            raise DataError(unread)
        return cls._build(documents, max_size=max_size, max_depth=max_depth)

    @classmethod
    def from_documents(
        cls,
        documents: Iterable[tuple[str, str]],
        *,
        max_size: int = MAX_SIZE,
        max_depth: int = MAX_DEPTH,
    ) -> Dataset:
        """Build a data set from (name, JSON text) pairs.

        Args:
            documents: Each file's name (used in messages) and text.
            max_size: The longest text read, in characters.
            max_depth: How deeply a text may nest lists and objects.

        Raises:
            DataError: Listing every problem; nothing is loaded.
        """
        return cls._build(list(documents), max_size=max_size, max_depth=max_depth)

    @classmethod
    def _build(cls, documents: list[tuple[str, str]], *, max_size: int, max_depth: int) -> Dataset:
        # `documents` is emptied as it is read: each text is freed once parsed.
        from rareearth._load import load_documents  # noqa: PLC0415 - cattrs on first load only

        # A load makes millions of objects and frees few: the cyclic garbage
        # collector, run every few hundred allocations, would only rescan them.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return cls(load_documents(documents, max_size=max_size, max_depth=max_depth))
        finally:
            if collecting:
                gc.enable()

    # --- entities -------------------------------------------------------------

    def entity(self, key: str) -> Entity:
        """Find an entity by id, name, alias, other name or ticker.

        Case, spaces and punctuation do not matter, nor a legal suffix such
        as "Co. Ltd.".

        Raises:
            UnknownEntityError: No entity matches; suggests close matches.
            AmbiguousKeyError: Several entities match.

        >>> dataset().entity("300748.SZ").name
        'JL MAG'
        >>> dataset().entity("north rare earth").id
        'china-northern-rare-earth'
        """
        found = self._find(key)
        if found is None:
            raise UnknownEntityError(key, [hit.matched for hit in self.search(key, limit=3)])
        return found

    def _find(self, key: str) -> Entity | None:
        if isinstance(key, Entity):
            return key
        if not isinstance(key, str):
            raise UnknownEntityError(repr(key))
        norm = normalize_key(key)
        found = self._keys.get(norm)
        if found is None:
            found = self._loose_keys.get(_loose(norm))
        if isinstance(found, str):
            return self._entities[found]
        if found is not None:
            raise AmbiguousKeyError(key, sorted(found))
        return None

    company = entity

    @overload
    def get_entity(self, key: str) -> Entity | None: ...
    @overload
    def get_entity(self, key: str, default: _T) -> Entity | _T: ...
    def get_entity(self, key: str, default: object = None) -> object:
        """Like `entity`, but return ``default`` when nothing matches.

        An ambiguous key still raises `AmbiguousKeyError`.

        >>> dataset().get_entity("Acme Magnets") is None
        True
        """
        # No suggestions are looked for: nobody would read them.
        try:
            found = self._find(key)
        except UnknownEntityError:  # not a string at all
            return default
        return default if found is None else found

    get_company = get_entity

    def search(self, text: str, *, limit: int = 10) -> Records[SearchHit]:
        """Entities whose names resemble ``text``, best first.

        An exact name scores 1; a name starting with the text 0.9; a name
        containing it 0.8; others by similarity, 0.6 and up. At most
        ``limit`` hits are returned (none for a limit of 0 or less).

        >>> [hit.entity.id for hit in dataset().search("zhaobao")]
        ['ningbo-zhaobao', 'northern-zhaobao']
        """
        norm = normalize_key(text)
        if not norm:
            return Records((), SearchHit)
        hits: list[SearchHit] = []
        for entity in self.entities:
            best = max(
                ((_score(norm, normalize_key(n)), n) for n in entity.names),
                key=lambda p: p[0],
            )
            if best[0] >= 0.6:
                hits.append(SearchHit(entity, round(best[0], 3), best[1]))
        hits.sort(key=lambda h: (-h.score, h.entity.name))
        return Records(hits[: max(limit, 0)], SearchHit)

    # --- other records --------------------------------------------------------

    def source(self, key: str) -> Source:
        """A source by id, or by the first three digits of its id ("003").

        Raises:
            UnknownRecordError: No source has that id.

        >>> dataset().source("003").publisher
        'caixin-global'
        """
        found = self._sources.get(key) or next(
            (s for s in self.sources if s.id.split("_", 1)[0] == key), None
        )
        if found is None:
            raise UnknownRecordError("source", key, list(self._sources))
        return found

    def place(self, key: str) -> Place:
        """A place by id or name.

        Raises:
            UnknownRecordError: No place has that id or name.
        """
        found = self._places.get(key)
        if found is None:
            norm = normalize_key(key)
            found = next(
                (p for p in self.places if norm in map(normalize_key, (p.name, *p.aliases))),
                None,
            )
        if found is None:
            names = [name for p in self.places for name in (p.name, *p.aliases)]
            close = difflib.get_close_matches(key, names, n=3) or difflib.get_close_matches(
                key, list(self._places), n=3
            )
            raise UnknownRecordError("place", key, noun="id or name", suggestions=close)
        return found

    def facility(self, key: str) -> Facility:
        """A facility by id.

        Raises:
            UnknownRecordError: No facility has that id.
        """
        return _get(self._facilities, "facility", key)

    def phase(self, key: str) -> tuple[Facility, Phase]:
        """A phase by id, with the facility it belongs to.

        Raises:
            UnknownRecordError: No phase has that id.
        """
        return _get(self._phases, "phase", key)

    def record(self, key: str) -> object:
        """Any top-level record by its id (ids are unique across kinds).

        Raises:
            UnknownRecordError: No record has that id.

        >>> type(dataset().record("geneva-tariff-pause")).__name__
        'Event'
        """
        return _get(self._records, "record", key)

    def facilities_of(self, key: str) -> Records[Facility]:
        """Facilities an entity operates (or its subsidiaries do).

        >>> [f.id for f in dataset().facilities_of("JL MAG")]
        ['jl-mag-baotou-base', 'jl-mag-ganzhou']
        """
        return Records(self.operated_by(self.group_ids(self.entity(key).id)), Facility)

    def operated_by(self, ids: Iterable[str]) -> list[Facility]:
        """The facilities these entity ids operate themselves, in the collection's order.

        Unlike `facilities_of`, it takes ids and leaves subsidiaries out.

        >>> [f.id for f in dataset().operated_by(["jl-mag-baotou"])]
        ['jl-mag-baotou-base']
        """
        found = sorted(i for entity_id in ids for i in self._operated.get(entity_id, ()))
        return [self.facilities[i] for i in found]

    def _relations(self, entity_id: str) -> Iterable[Relationship]:
        return (self.relationships[i] for i in self._relations_of.get(entity_id, ()))

    def relations(
        self, key: str, *, kind: RelationKind | str | None = None
    ) -> Records[Relationship]:
        """Relationships an entity takes part in, as subject or party.

        >>> [r.party for r in dataset().relations("JL MAG", kind="customer")]
        ['tesla', 'toyota', 'siemens-gamesa', 'byd']
        """
        entity_id = self.entity(key).id
        wanted = None if kind is None else choose(RelationKind, kind, "kind")
        return Records(
            (r for r in self._relations(entity_id) if wanted is None or r.kind is wanted),
            Relationship,
        )

    def group_ids(self, entity_id: str) -> set[str]:
        """The id of an entity and of its subsidiaries, at any depth."""
        group = {entity_id}
        frontier = [entity_id]
        while frontier:
            for child in self._subsidiaries.get(frontier.pop(), ()):
                if child not in group:
                    group.add(child)
                    frontier.append(child)
        return group

    # --- capacity ---------------------------------------------------------------

    @overload
    def total_capacity(
        self,
        *,
        company: str | None = ...,
        site: str | None = ...,
        region: str | None = ...,
        country: str | None = ...,
        product: str | None = ...,
        status: Status | str | Iterable[Status | str] | None = ...,
        as_of: dt.date | str | None = ...,
        by: None = ...,
    ) -> CapacityTotal: ...
    @overload
    def total_capacity(
        self,
        *,
        company: str | None = ...,
        site: str | None = ...,
        region: str | None = ...,
        country: str | None = ...,
        product: str | None = ...,
        status: Status | str | Iterable[Status | str] | None = ...,
        as_of: dt.date | str | None = ...,
        by: GroupBy,
    ) -> Records[CapacityTotal]: ...
    def total_capacity(
        self,
        *,
        company: str | None = None,
        site: str | None = None,
        region: str | None = None,
        country: str | None = None,
        product: str | None = None,
        status: Status | str | Iterable[Status | str] | None = None,
        as_of: dt.date | str | None = None,
        by: GroupBy | None = None,
    ) -> CapacityTotal | Records[CapacityTotal]:
        """Sum the capacity of the facility phases that match, showing the working.

        Args:
            company: Any key `entity` accepts; its subsidiaries' facilities count too.
            site: A place (id or name); facilities in it or inside it count.
            region: A province or region, the same way.
            country: A country (id, name or alias), the same way.
            product: A product ("ndfeb-alloy").
            status: One status or several; by default every phase.
            as_of: Only phases that had reached a status by then: a dated
                milestone counts once its whole date has passed, an undated
                one from the start of its source's publication period (a
                `datetime.date` or a date string; "2025-07" means its end).
            by: Group by "product", "unit", "company", "site" or "status"; a
                group never mixes units, periods or products.

        Returns:
            One total, or with ``by`` one per group. Each lists the phases
            summed (``parts``), those that match but state no capacity
            (``unknown``) and pairs that may double count.

        Raises:
            MixedUnitsError: The phases have different units, periods or
                products and ``by`` was not given.
            EmptySelectionError: No phase with a stated capacity matches.
            UnknownEntityError: ``company`` names no entity.

        >>> total = dataset().total_capacity(company="JL MAG", site="Baotou")
        >>> print(total.value, total.label)
        40,000 t/yr sintered-ndfeb-magnets
        >>> print(dataset().total_capacity(company="JL MAG", status="under-construction").value)
        20,000
        """
        parts = _capacity.select_parts(
            self,
            company=company,
            site=site,
            region=region,
            country=country,
            product=product,
            status=status,
            as_of=as_of,
        )
        return _capacity.total_capacity(parts, by)

    # --- ownership --------------------------------------------------------------

    def owners_of(self, key: str) -> Records[Relationship]:
        """Direct owners of an entity: stakes, joint-venture partners, parents.

        >>> [r.party or r.party_label for r in dataset().owners_of("Northern Zhaobao Magnets")]
        ['china-northern-rare-earth', 'ningbo-zhaobao']
        """
        entity_id = self.entity(key).id
        return Records(
            (r for r in self._relations(entity_id) if r.is_ownership and r.subject == entity_id),
            Relationship,
        )

    def holdings_of(self, key: str) -> Records[Relationship]:
        """What an entity owns, directly: its stakes, joint ventures, subsidiaries.

        >>> [r.subject for r in dataset().holdings_of("China Northern Rare Earth")]
        ['northern-zhaobao']
        """
        entity_id = self.entity(key).id
        return Records(
            (r for r in self._relations(entity_id) if r.is_ownership and r.party == entity_id),
            Relationship,
        )

    def state_share(self, key: str) -> StateShare:
        """The state-linked share of an entity: its state-linked stakes added up.

        Stakes held by the state, state-owned or government enterprises, or
        by an entity that is itself state or state-owned, count. Qualifiers
        carry through the sum; undisclosed stakes are listed, not added.

        >>> print(dataset().state_share("JL MAG"))
        JL MAG: ≈ 18.7% state-linked (≈ 9.4% + 9.3%)
        """
        return _ownership.state_share(self, self.entity(key))

    def state_links(self, key: str) -> Records[OwnershipLink]:
        """Chains through which the state holds an entity, with effective shares.

        >>> [str(link) for link in dataset().state_links("Northern Zhaobao Magnets")]
        ['china-northern-rare-earth → northern-zhaobao (undisclosed)']
        """
        return Records(_ownership.state_links(self, self.entity(key)), OwnershipLink)

    # --- currency -----------------------------------------------------------------

    def rate(
        self,
        base: str,
        quote: str,
        *,
        on: dt.date | str | None = None,
        rates: RateTable | None = None,
    ) -> RatePath:
        """How ``base`` converts to ``quote``: direct, inverse or through one currency.

        ``on`` picks the rate whose date is nearest (ties to the later);
        without it, the latest dated rate. Undated rates are used only when
        nothing else links the two, or when named with ``convert(rate=...)``.

        Raises:
            NoRateError: No path links the two currencies.

        >>> print(dataset().rate("CNY", "USD", on="2025-07-10").legs[0].record.id)
        rate-000-cny-usd
        """
        return _convert.find_path(self, base, quote, on=on, rates=rates)

    def convert(
        self,
        money: Money,
        to: str,
        *,
        on: dt.date | str | None = None,
        rate: ExchangeRate | Decimal | int | str | None = None,
        rates: RateTable | None = None,
    ) -> Conversion:
        """Convert money, saying which rates were used. Never touches the network.

        Args:
            money: The amount to convert.
            to: The currency to convert to ("USD"; "RMB" means CNY).
            on: The date whose nearest rate to use.
            rate: A rate to use instead: a number (units of ``to`` per unit
                of the money's currency), a rate record or a rate's id.
            rates: Your own rate table: `ExchangeRate` records, or a mapping
                ``{("CNY", "USD"): "0.14"}``.

        Raises:
            NoRateError: No path links the two currencies.
            CurrencyError: An unknown currency or an invalid rate.

        >>> c = dataset().convert(Money("1.05e9", "RMB"), "USD", on="2025-07-10")
        >>> print(c.rounded)
        USD 146 million
        """
        path = _convert.find_path(self, money.currency, to, on=on, rate=rate, rates=rates)
        return Conversion(money, _convert.apply(money, path), path)

    # --- timeline and figures ---------------------------------------------------

    def timeline(
        self,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        *,
        entity: str | None = None,
        kind: EventKind | str | None = None,
        tag: str | None = None,
        expected: bool | None = None,
        match: _timeline.Match = "overlap",
    ) -> Records[Event]:
        """Events in a window, in chronological order.

        Args:
            start: The window's first day, as a date or a string ("2025-05",
                "May 2025", "2025-06-11"); ``None`` leaves it open.
            end: Its last day; a month or year means its end ("2025-06" is
                June 30). ``None`` leaves it open.
            entity: Only events involving this entity (any lookup key).
            kind: Only events of this kind.
            tag: Only events with this tag.
            expected: ``True`` for planned or expected events only, ``False``
                for those that happened.
            match: For imprecise dates, "overlap" keeps events that may fall
                in the window ("late 2024" overlaps November 2024), "within"
                only those that certainly do (it is not within November).

        Raises:
            DateParseError: A bound cannot be read.
            WindowError: The end comes before the start.

        >>> [e.id for e in dataset().timeline("May 2025", "May 2025", match="within")]
        ['ford-chicago-halt', 'mema-letter', 'geneva-tariff-pause']
        """
        found = _timeline.timeline(
            self, start, end, entity=entity, kind=kind, tag=tag, expected=expected, match=match
        )
        return Records(found, Event)

    def _events_overlapping(self, since: dt.date | None, until: dt.date | None) -> list[Event]:
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

    def find_figures(
        self,
        *,
        metric: str | None = None,
        entity: str | None = None,
        geography: str | None = None,
        kind: FigureKind | str | None = None,
        claimed_by: str | None = None,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
    ) -> Records[Figure]:
        """Figures by metric, subject, place, kind, claimant or period.

        ``start`` and ``end`` keep figures whose period overlaps the window.

        >>> [str(f.value) for f in dataset().find_figures(metric="ndfeb-price")]
        ['520–540']
        """
        found = _timeline.figures(
            self,
            metric=metric,
            entity=entity,
            geography=geography,
            kind=kind,
            claimed_by=claimed_by,
            start=start,
            end=end,
        )
        return Records(found, Figure)

    # --- writing and comparing ------------------------------------------------------

    def dump(
        self, target: str | os.PathLike[str], *, shipped: bool = True
    ) -> tuple[pathlib.Path, ...]:
        """Write the data set as fact files that load back to an equal one.

        A ``target`` ending in ``.json`` gets one file; any other is a folder
        (made if missing) that gets one file per collection, as shipped.

        Args:
            target: A ``.json`` file or a folder.
            shipped: Include the shipped records. With ``False``, only the
                records from your own files are written, to be loaded again
                beside the shipped data.

        Returns:
            The files written.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     files = dataset().dump(folder)
        ...     Dataset.load(*files, include_shipped=False) == dataset()
        True
        """
        from rareearth._dump import write  # noqa: PLC0415 - only when writing

        collections = {
            name: [
                r
                for r in getattr(self, name)
                if shipped or not self.origins[r.id][0].startswith(SHIPPED_PREFIX)
            ]
            for name in _COLLECTIONS
        }
        return write(target, collections)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _COLLECTIONS)

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # equal by value, so unhashable

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in (
                "sources",
                "entities",
                "facilities",
                "relationships",
                "events",
                "figures",
            )
        )
        return f"<Dataset: {counts}>"


def _files(paths: Iterable[str | os.PathLike[str]]) -> Iterable[str | os.PathLike[str]]:
    for path in paths:
        if os.path.isdir(path):  # noqa: PTH112 - str or PathLike
            yield from sorted(pathlib.Path(path).glob("*.json"))
        else:
            yield path


def _get(table: Mapping[str, _T], kind: str, key: str) -> _T:
    try:
        return table[key]
    except KeyError:
        close = difflib.get_close_matches(key, list(table), n=3)
        raise UnknownRecordError(kind, key, suggestions=close) from None


class _EventGroup(NamedTuple):
    """Events of about the same span, in date order (see `Dataset.timeline`)."""

    span: dt.timedelta  # the longest span among them
    starts: list[dt.date]
    ends: list[dt.date]
    positions: list[int]  # their places in `Dataset.events`


def _index_key(table: dict[str, str | tuple[str, ...]], key: str, entity_id: str) -> None:
    found = table.get(key)
    if found is None:
        table[key] = entity_id
    elif isinstance(found, str):
        if found != entity_id:
            table[key] = (found, entity_id)
    elif entity_id not in found:
        table[key] = (*found, entity_id)


def _ticker_keys(entity: Entity) -> Iterable[str]:
    for ticker in entity.tickers:
        yield str(ticker)
        yield ticker.symbol


def _score(query: str, name: str) -> float:
    if query == name:
        return 1.0
    if name.startswith(query):
        return 0.9
    if query in name:
        return 0.8
    if 2 * min(len(query), len(name)) < 0.6 * (len(query) + len(name)):
        return 0.0  # the ratio cannot reach 0.6 (what a hit needs): no need to compute it
    return difflib.SequenceMatcher(None, query, name).ratio()


class ShippedText(str):
    """The text of a shipped fact file: the loader's limits are for users' files."""

    __slots__ = ()


def _shipped_documents() -> Iterable[tuple[str, str]]:
    folder = os.path.join(os.path.dirname(__file__), "data")  # noqa: PTH118, PTH120 - no pathlib
    if not os.path.isdir(folder):  # noqa: PTH112  # pragma: no cover - only from a zip
        # Installed in a zip: importlib.resources reads it, at the cost of importing zipfile.
        from importlib import resources  # noqa: PLC0415

        data = resources.files("rareearth") / "data"
        for name in DATA_FILES:
            yield SHIPPED_PREFIX + name, ShippedText((data / name).read_text(encoding="utf-8"))
        return
    for name in DATA_FILES:
        with open(os.path.join(folder, name), encoding="utf-8") as f:  # noqa: PTH118, PTH123
            yield SHIPPED_PREFIX + name, ShippedText(f.read())


_lock = threading.Lock()
_shipped: Dataset | None = None


def dataset() -> Dataset:
    """The shipped data set, loaded on first use, once, thread-safely.

    >>> dataset() is dataset()
    True
    """
    global _shipped  # noqa: PLW0603 - the one cached instance
    if _shipped is None:
        with _lock:
            if _shipped is None:
                _shipped = Dataset.from_documents(_shipped_documents())
    return _shipped
