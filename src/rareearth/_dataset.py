"""The data set: a checked fact set, its index, and every question as a method."""

from __future__ import annotations

import gc
import importlib
import os
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, overload

from rareearth._errors import ChoiceError, UnknownEntityError, WriteError
from rareearth._facts import (
    MAX_DEPTH,
    MAX_SIZE,
    SHIPPED_PREFIX,
    Document,
    FactSet,
    shipped_documents,
    shipped_facts,
)
from rareearth._index import Index
from rareearth._records import (
    COLLECTIONS,
    CapacityPart,
    Claim,
    Entity,
    Event,
    EventKind,
    ExchangeRate,
    Facility,
    Figure,
    FigureKind,
    Investment,
    Phase,
    Place,
    RelationKind,
    Relationship,
    Source,
    Status,
)
from rareearth._search import SearchHit
from rareearth._tables import Records

# The queries are imported by the methods that ask them, on first use: a first
# lookup of an entity need not pay for capacity, conversion or exports.
if TYPE_CHECKING:
    import pathlib
    from decimal import Decimal
    from fractions import Fraction

    from rareearth._capacity import CapacityTotal, GroupBy
    from rareearth._convert import Conversion, Convertible, RatePath, RateTable
    from rareearth._corroboration import Corroboration
    from rareearth._dates import DateInput
    from rareearth._diff import Diff
    from rareearth._export import Export
    from rareearth._money import Money, MoneyValue
    from rareearth._ownership import OwnershipLink, StateShare
    from rareearth._quotes import QuoteCheck
    from rareearth._timeline import Match
    from rareearth._values import Value

__all__ = ["Dataset", "dataset"]

_T = TypeVar("_T")
#: The collections a Dataset holds as attributes: all but figures, which are asked for.
_ATTRIBUTES = (*(name for name in COLLECTIONS if name != "figures"), "phases")


class Dataset:
    """A checked set of facts, with every question the library answers as a method.

    Build one from fact files with `Dataset.load`; `rareearth.dataset()` is
    the shipped one. The module's functions (`rareearth.entity`, ...) are
    these methods on the shipped data set. Figures are asked for with
    `figures`, which with no filter returns them all; `collection` gives any
    collection by its name in fact files.

    Attributes:
        sources: Every source document.
        entities: Every company, government, agency, body, zone, fund and person.
        places: Every place.
        facilities: Every facility, with its phases.
        phases: Every facility phase, with its facility and status (one row each).
        relationships: Every relation between two entities.
        events: Every event, in chronological order (`timeline` filters them).
        claims: Every claim a party makes.
        rates: Every exchange rate.
        origins: The file and JSON path each top-level record came from, by id.

    >>> ds = dataset()
    >>> ds.entity("JL MAG").founded
    2008
    """

    __slots__ = (
        "_index",
        "claims",
        "entities",
        "events",
        "facilities",
        "origins",
        "phases",
        "places",
        "rates",
        "relationships",
        "sources",
    )

    _index: Index
    sources: Records[Source]
    entities: Records[Entity]
    places: Records[Place]
    facilities: Records[Facility]
    phases: Records[CapacityPart]
    relationships: Records[Relationship]
    events: Records[Event]
    claims: Records[Claim]
    rates: Records[ExchangeRate]
    origins: Mapping[str, tuple[str, str]]

    def __init__(self, index: Index) -> None:
        object.__setattr__(self, "_index", index)
        # The index's own collections, shared: nothing is copied.
        for name in (*_ATTRIBUTES, "origins"):
            object.__setattr__(self, name, getattr(index, name))

    def __setattr__(self, name: str, value: object) -> None:
        # The shipped data set is shared by every caller.
        raise AttributeError(f"a Dataset is read-only; cannot set {name!r}")

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
        from rareearth._load import read_files  # noqa: PLC0415 - with the loader, when files are read

        documents = list(shipped_documents()) if include_shipped else []
        documents += read_files(paths, max_size=max_size)
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
        read = [Document(name, text) for name, text in documents]
        return cls._build(read, max_size=max_size, max_depth=max_depth)

    @classmethod
    def _build(cls, documents: list[Document] | None, *, max_size: int, max_depth: int) -> Dataset:
        """A data set of ``documents``, every one checked; of the shipped files for ``None``."""
        # A load makes millions of objects and frees few: the cyclic garbage
        # collector, run every few hundred allocations, would only rescan them.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return cls(Index(_read(documents, max_size=max_size, max_depth=max_depth)))
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
        return self._index.entity(key)

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
        try:
            found = self._index.get_entity(key)
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
        return Records(self._index.search(text, limit=limit), SearchHit)

    # --- other records --------------------------------------------------------

    def source(self, key: str) -> Source:
        """A source by id, or by the first three digits of its id ("003").

        Raises:
            UnknownRecordError: No source has that id.

        >>> dataset().source("003").publisher
        'caixin-global'
        """
        return self._index.source(key)

    def place(self, key: str) -> Place:
        """A place by id or name.

        Raises:
            UnknownRecordError: No place has that id or name.

        >>> dataset().place("Baotou").parent
        'inner-mongolia'
        """
        return self._index.place(key)

    def facility(self, key: str) -> Facility:
        """A facility by id.

        Raises:
            UnknownRecordError: No facility has that id.

        >>> dataset().facility("jl-mag-baotou-base").phases[-1].name
        'Phase III'
        """
        return self._index.facility(key)

    def phase(self, key: str) -> tuple[Facility, Phase]:
        """A phase by id, with the facility it belongs to.

        Raises:
            UnknownRecordError: No phase has that id.

        >>> dataset().phase("jl-mag-baotou-phase-iii")[0].name
        'JL MAG Baotou base'
        """
        return self._index.phase(key)

    def record(self, key: str) -> object:
        """Any top-level record by its id (ids are unique across kinds).

        Raises:
            UnknownRecordError: No record has that id.

        >>> type(dataset().record("geneva-tariff-pause")).__name__
        'Event'
        """
        return self._index.record(key)

    def corroboration(self, key: str) -> Corroboration:
        """How well a record is backed: citations, sources and independent origins.

        Sources from one publisher, or reporting what the same party said
        (each source's ``reports_from``), count as one origin; the answer
        says why it counted what it counted. ``key`` is the id of a record
        or of a facility phase, or any key `entity` takes.

        Raises:
            UnknownRecordError: No record or phase has that id, and no entity that key.

        >>> print(dataset().corroboration("mp-materials-dod-deal"))
        mp-materials-dod-deal: 2 citations from 2 sources, 1 independent origin
          000 and 004: both published by Rare Earth Exchanges
        >>> dataset().corroboration("jl-mag").independent  # 000 and Caixin's 003
        2
        """
        from rareearth._corroboration import corroboration  # noqa: PLC0415 - only here

        return corroboration(self._index, key)

    def values(self, vocabulary: str) -> tuple[str, ...]:
        """Every value a filter takes: a closed list, by name.

        "metric", "product", "tag" and "unit" list what the data uses, sorted;
        "status", "entity-kind", "event-kind", "figure-kind", "place-kind",
        "relation-kind", "holder-type" and "ownership-type" list every member,
        in order. A filter given a value not in its list is a `ChoiceError`
        that suggests the close ones.

        Raises:
            ChoiceError: No list has that name.

        >>> [m for m in dataset().values("metric") if "price" in m]
        ['ndfeb-price', 'share-price-change']
        >>> dataset().values("status")[:2]
        ('announced', 'signed')
        """
        return self._index.values(vocabulary)

    def facilities_of(self, key: str) -> Records[Facility]:
        """Facilities an entity operates (or its subsidiaries do).

        >>> [f.id for f in dataset().facilities_of("JL MAG")]
        ['jl-mag-baotou-base', 'jl-mag-ganzhou']
        """
        index = self._index
        return Records(index.operated_by(index.group_ids(index.entity(key).id)), Facility)

    def relations(
        self, key: str, *, kind: RelationKind | str | None = None
    ) -> Records[Relationship]:
        """Relationships an entity takes part in, as subject or party.

        >>> [r.party for r in dataset().relations("JL MAG", kind="customer")]
        ['tesla', 'toyota', 'siemens-gamesa', 'byd']
        """
        index = self._index
        return Records(index.relations(index.entity(key).id, kind), Relationship)

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
        as_of: DateInput | None = ...,
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
        as_of: DateInput | None = ...,
        by: GroupBy,
    ) -> Records[CapacityTotal]: ...
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
        as_of: DateInput | None = ...,
        by: GroupBy | None = ...,
    ) -> CapacityTotal | Records[CapacityTotal]: ...
    def total_capacity(
        self,
        *,
        company: str | None = None,
        site: str | None = None,
        region: str | None = None,
        country: str | None = None,
        product: str | None = None,
        status: Status | str | Iterable[Status | str] | None = None,
        as_of: DateInput | None = None,
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
        from rareearth import _capacity  # noqa: PLC0415 - imported on first use

        parts = _capacity.select_parts(
            self._index,
            company=company,
            site=site,
            region=region,
            country=country,
            product=product,
            status=status,
            as_of=as_of,
        )
        return _capacity.total_capacity(self._index, parts, by)

    # --- ownership --------------------------------------------------------------

    def owners_of(self, key: str) -> Records[Relationship]:
        """Direct owners of an entity: stakes, joint-venture partners, parents.

        >>> [r.party or r.party_label for r in dataset().owners_of("Northern Zhaobao Magnets")]
        ['china-northern-rare-earth', 'ningbo-zhaobao']
        """
        index = self._index
        return Records(index.owners_of(index.entity(key).id), Relationship)

    def holdings_of(self, key: str) -> Records[Relationship]:
        """What an entity owns, directly: its stakes, joint ventures, subsidiaries.

        >>> [r.subject for r in dataset().holdings_of("China Northern Rare Earth")]
        ['northern-zhaobao']
        """
        index = self._index
        return Records(index.holdings_of(index.entity(key).id), Relationship)

    def state_share(self, key: str) -> StateShare:
        """The state-linked share of an entity: its state links' effective shares added up.

        A stake held by the state, a state-owned or government enterprise, or
        an entity that is itself state or state-owned is a state link, and so
        is a chain of stakes leading down from one (a subsidiary is linked
        through its parent). Qualifiers carry through the sum; links of
        undisclosed share are listed, not added. It agrees with `state_links`.
        Its ``notes`` carry what the sources say of those stakes: read them.

        >>> share = dataset().state_share("JL MAG")
        >>> print(share)
        JL MAG: ≈ 18.7% state-linked (≈ 9.4% + 9.3%)
        >>> print(share.notes[0][:77])
        000 warns that 'specific state ownership percentages vary depending on the so
        """
        index = self._index
        from rareearth import _ownership  # noqa: PLC0415 - imported on first use

        return _ownership.state_share(index, index.entity(key))

    def state_links(self, key: str) -> Records[OwnershipLink]:
        """How the state holds an entity: each chain from a state holder, with its effective share.

        An entity that is itself state or state-owned has a link of its own.
        At most 1,000 chains of up to 50 stakes each are listed; the answer's
        ``more`` counts the others, which `state_share` still adds up.

        >>> [str(link) for link in dataset().state_links("Northern Zhaobao Magnets")]
        ['china-northern-rare-earth → northern-zhaobao (undisclosed)']
        """
        index = self._index
        from rareearth import _ownership  # noqa: PLC0415 - imported on first use

        return _ownership.state_links(index, index.entity(key))

    # --- currency -----------------------------------------------------------------

    def rate(
        self,
        base: str,
        quote: str,
        *,
        on: DateInput | None = None,
        rates: RateTable | None = None,
        nearest: bool = False,
    ) -> RatePath:
        """How ``base`` converts to ``quote``: direct, inverse or through one currency.

        ``on`` picks the rate whose date is nearest (ties to the later);
        without it, the latest dated rate. A rate more than `MAX_RATE_GAP`
        days (92) from ``on`` is refused, unless ``nearest`` is true. Undated
        rates are used only when nothing else links the two, or when named
        with ``convert(rate=...)``.

        Raises:
            NoRateError: No path links the two currencies, or none near ``on``.

        >>> print(dataset().rate("CNY", "USD", on="2025-07-10").legs[0].record.id)
        rate-000-cny-usd
        >>> dataset().rate("CNY", "USD", on="1990-01-01")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        rareearth.NoRateError: no rate converts CNY to USD within 92 days of 1990-01-01; ...
        """
        from rareearth import _convert  # noqa: PLC0415 - imported on first use

        return _convert.find_path(self._index, base, quote, on=on, rates=rates, nearest=nearest)

    @overload
    def convert(
        self,
        money: Money | Investment,
        to: str,
        *,
        on: DateInput | None = ...,
        rate: ExchangeRate | Decimal | Fraction | int | str | None = ...,
        rates: RateTable | None = ...,
        nearest: bool = ...,
    ) -> Conversion[Money]: ...
    @overload
    def convert(
        self,
        money: Value | Figure,
        to: str,
        *,
        on: DateInput | None = ...,
        rate: ExchangeRate | Decimal | Fraction | int | str | None = ...,
        rates: RateTable | None = ...,
        nearest: bool = ...,
    ) -> Conversion[MoneyValue]: ...
    def convert(
        self,
        money: Convertible,
        to: str,
        *,
        on: DateInput | None = None,
        rate: ExchangeRate | Decimal | Fraction | int | str | None = None,
        rates: RateTable | None = None,
        nearest: bool = False,
    ) -> Conversion[Money] | Conversion[MoneyValue]:
        """Convert money, saying which rates were used and why. Never touches the network.

        Which rate, when you name none: an amount taken from a record (a
        money figure, its ``value``, a phase's ``investment``) converts the
        way its own source does, to the equivalent it printed beside the
        amount or at the rate it implies; a bare amount at the latest rate,
        and the answer says so (``note``). ``on=`` picks the rate dated
        nearest to that day instead, refusing one more than 92 days away
        (`MAX_RATE_GAP`) unless ``nearest=True``.

        Args:
            money: What to convert: `Money`, a figure whose unit is money
                ("CNY/kg") or its value, or an `Investment`. A range
                converts to a range, per the same unit.
            to: The currency to convert to ("USD"; "RMB" means CNY), or for
                a price its unit too ("USD/kg").
            on: The date whose nearest rate to use: a date, a datetime, a
                `FuzzyDate` or a string ("2025-07").
            rate: A rate to use instead: a number or ratio (units of ``to``
                per unit of the money's currency), a rate record or a rate's id.
            rates: Your own rate table: `ExchangeRate` records, or a mapping
                ``{("CNY", "USD"): "0.14"}``.
            nearest: Use the nearest dated rate however far it is from ``on``.

        Raises:
            NoRateError: No path links the two currencies, or none is dated
                within 92 days of ``on``.
            CurrencyError: An unknown currency, an invalid rate, or something
                that is not money.

        >>> from rareearth import Money
        >>> c = dataset().convert(Money("1.05e9", "RMB"), "USD", on="2025-07-10")
        >>> print(c.rounded, "|", c.result.amount)
        USD 146 million | 146000000
        >>> price = dataset().figures(metric="ndfeb-price")[0]
        >>> print(dataset().convert(price.value, "USD").rounded.label)
        USD 70.64–73.36/kg
        """
        from rareearth import _convert  # noqa: PLC0415 - imported on first use

        return _convert.convert(
            self._index, money, to, on=on, rate=rate, rates=rates, nearest=nearest
        )

    # --- timeline and figures ---------------------------------------------------

    def timeline(
        self,
        start: DateInput | None = None,
        end: DateInput | None = None,
        *,
        entity: str | None = None,
        kind: EventKind | str | None = None,
        tag: str | None = None,
        expected: bool | None = None,
        match: Match = "overlap",
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
        from rareearth import _timeline  # noqa: PLC0415 - imported on first use

        found = _timeline.timeline(
            self._index,
            start,
            end,
            entity=entity,
            kind=kind,
            tag=tag,
            expected=expected,
            match=match,
        )
        return Records(found, Event)

    def figures(
        self,
        *,
        metric: str | None = None,
        entity: str | None = None,
        geography: str | None = None,
        kind: FigureKind | str | None = None,
        claimed_by: str | None = None,
        start: DateInput | None = None,
        end: DateInput | None = None,
    ) -> Records[Figure]:
        """Figures by metric, subject, place, kind, claimant or period; all of them by default.

        ``start`` and ``end`` keep figures whose period overlaps the window.

        >>> [str(f.value) for f in dataset().figures(metric="ndfeb-price")]
        ['520–540']
        >>> len(dataset().figures()) == len(dataset().figures(start=None))
        True
        """
        from rareearth import _timeline  # noqa: PLC0415 - imported on first use

        found = _timeline.figures(
            self._index,
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

        origins = self.origins
        collections = {
            name: [
                r
                for r in self.collection(name)
                if shipped or not origins[r.id][0].startswith(SHIPPED_PREFIX)
            ]
            for name in COLLECTIONS
        }
        return write(target, collections)

    def diff(self, other: Dataset) -> Diff:
        """What changed from this data set to ``other``: records added, removed and changed.

        Records are matched by id, and a changed one lists each field that
        differs, by its path in the record's fact-file form, with both values.

        >>> ds = dataset()
        >>> print(ds.diff(ds))
        no change
        >>> empty = Dataset.from_documents([("empty.json", "{}")])
        >>> print(ds.diff(empty).changes[0])
        removed 000_75a9973f81fad0cb
        """
        from rareearth._diff import diff  # noqa: PLC0415 - only when comparing

        return diff(self._index, other._index)

    def check_quotes(
        self, texts: Mapping[str, str] | str | os.PathLike[str], *, shipped: bool = True
    ) -> QuoteCheck:
        """Check every quote against the text of the source it cites.

        The check repairs damaged punctuation, folds curly quotes and dashes,
        collapses spaces, and lets ``...`` stand for words left out. Each
        quote not found is a problem naming its record, JSON path and the
        closest passage of the text; a cited source with no text is one too.

        Args:
            texts: A folder of ``<source id>.txt`` (or ``.md``) files, or the
                texts by source id.
            shipped: Check the shipped records' quotes too. With ``False``,
                only those of the records from your own files.

        Raises:
            UnknownRecordError: The folder does not exist.

        >>> check = dataset().check_quotes({})  # no text: every source is named
        >>> print(check.checked, len(check.problems))
        0 5
        >>> print(check.problems[0].message.split(" (")[0])
        no text for source '000_75a9973f81fad0cb'
        """
        from rareearth._quotes import check_quotes, read_source_texts  # noqa: PLC0415 - only here

        found = texts if isinstance(texts, Mapping) else read_source_texts(texts)
        records = [
            key
            for key, (file, _) in self.origins.items()
            if shipped or not file.startswith(SHIPPED_PREFIX)
        ]
        return check_quotes(self._index, found, records)

    def export(self, format: str, path: str | os.PathLike[str]) -> Export:  # noqa: A002 - the user's word
        """Publish the data set in another tool's format, and say what the format cannot hold.

        Formats: ``ftm`` (FollowTheMoney entities, one JSON object a line,
        for Aleph and OpenSanctions), ``bods`` (Beneficial Ownership Data
        Standard 0.4 statements, a JSON array), ``sqlite`` (one database,
        with ``metadata.json`` for Datasette), ``parquet`` (a folder of one
        file per table; needs ``rareearth[parquet]``) and ``datapackage`` (a
        Frictionless Data Package: a folder of CSV files and
        ``datapackage.json``). Each also
        writes its loss report: ``losses.txt`` in a folder, ``<file>.losses.txt``
        beside a file. The files are written all or none.

        Returns:
            What was written: the files, the count of items, the losses.

        Raises:
            ChoiceError: No format has that name.
            WriteError: A file cannot be written; what was there is left as it was.
            ImportError: The format needs an optional extra that is not installed.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     export = dataset().export("datapackage", folder)
        >>> export  # doctest: +ELLIPSIS
        <Export datapackage: ... items, 2 losses>
        >>> print(export.losses[0].field)
        figures.equivalents
        """
        from rareearth._export import FORMATS  # noqa: PLC0415 - only when exporting

        if format not in FORMATS:
            raise ChoiceError("format", format, FORMATS)
        if not os.fspath(path):
            raise WriteError("no target given: name a file or a folder to export to")
        module = importlib.import_module(FORMATS[format])
        import pathlib  # noqa: PLC0415 - only when writing

        export: Export = module.write(self._index, pathlib.Path(path))
        return export

    def collection(self, name: str) -> Records[Any]:
        """A collection by its name in fact files ("entities", "figures", ...).

        Raises:
            ChoiceError: No collection has that name.

        >>> len(dataset().collection("sources"))
        5
        """
        if name not in COLLECTIONS:
            raise ChoiceError("collection", name, COLLECTIONS)
        return getattr(self._index, name)  # type: ignore[no-any-return]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return all(self.collection(n) == other.collection(n) for n in COLLECTIONS)

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # equal by value, so unhashable

    def __repr__(self) -> str:
        shown = ("sources", "entities", "facilities", "relationships", "events", "figures")
        counts = ", ".join(f"{len(self.collection(name))} {name}" for name in shown)
        return f"<Dataset: {counts}>"


_lock = threading.Lock()
_shipped: Dataset | None = None


def _unlock_in_child() -> None:
    """Give a child made by `os.fork` a lock of its own.

    A fork copies the lock as it is: held, if another thread was loading
    the data then. That thread does not exist in the child, so nothing would
    ever release it, and the child's first `dataset()` would wait forever.
    """
    global _lock  # noqa: PLW0603 - replaced, never shared with the parent
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_unlock_in_child)


def dataset() -> Dataset:
    """The shipped data set, loaded on first use, once, thread-safely.

    >>> dataset() is dataset()
    True
    """
    global _shipped  # noqa: PLW0603 - the one cached instance
    if _shipped is None:
        with _lock:
            if _shipped is None:
                _shipped = Dataset._build(  # noqa: SLF001 - the class's own builder
                    None, max_size=MAX_SIZE, max_depth=MAX_DEPTH
                )
    return _shipped


def _read(documents: list[Document] | None, *, max_size: int, max_depth: int) -> FactSet:
    """The records of ``documents``, every one checked; ``None`` reads the shipped files.

    The shipped files are the package's own: when they are the files checked
    at release, they are read without checking them again (see
    `rareearth._facts`); else they are checked like any other.
    """
    facts = shipped_facts() if documents is None else None
    if facts is None:
        from rareearth._load import load_documents  # noqa: PLC0415 - the checks, when needed

        if documents is None:
            documents = list(shipped_documents())
        facts = load_documents(documents, max_size=max_size, max_depth=max_depth)
    return facts
