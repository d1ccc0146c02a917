"""rareearth: a curated, sourced, typed fact base on rare-earth permanent magnets.

Module-level functions work on the shipped data set, read on first use;
`Dataset` carries the same methods for a set built from your own fact files.

>>> import rareearth as ree
>>> [str(t) for t in ree.company("JL MAG").tickers]
['300748.SZ']
"""

from __future__ import annotations

import importlib as _importlib

# For the signatures: collections.abc comes with attrs anyway; decimal waits for the data.
from collections.abc import Iterable as _Iterable
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import TypeVar as _TypeVar
from typing import overload as _overload

if _TYPE_CHECKING:
    from decimal import Decimal as _Decimal
    from fractions import Fraction as _Fraction

    from rareearth._capacity import CapacityTotal, GroupBy
    from rareearth._convert import (
        MAX_RATE_GAP,
        Conversion,
        Convertible,
        Leg,
        RatePath,
        RateTable,
    )
    from rareearth._corroboration import Corroboration
    from rareearth._dataset import Dataset, dataset
    from rareearth._dates import DateInput, FuzzyDate, Precision, parse_date
    from rareearth._diff import Change, Diff
    from rareearth._errors import (
        AmbiguousKeyError,
        ChoiceError,
        CurrencyError,
        DataError,
        DateParseError,
        EmptySelectionError,
        MixedUnitsError,
        NoRateError,
        Problem,
        RareEarthError,
        UnknownEntityError,
        UnknownRecordError,
        WindowError,
        WriteError,
    )
    from rareearth._export import Export, Loss
    from rareearth._money import Money, MoneyValue
    from rareearth._ownership import OwnershipLink, StateShare
    from rareearth._quotes import QuoteCheck
    from rareearth._records import (
        CapacityPart,
        Citation,
        Claim,
        Derivation,
        Entity,
        EntityKind,
        Equivalent,
        Event,
        EventKind,
        Exchange,
        ExchangeRate,
        Facility,
        Figure,
        FigureKind,
        HolderType,
        Investment,
        Milestone,
        OtherName,
        OwnershipType,
        Phase,
        Place,
        PlaceKind,
        RelationKind,
        Relationship,
        Source,
        Status,
        Ticker,
    )
    from rareearth._schema import fact_file_schema
    from rareearth._search import SearchHit
    from rareearth._tables import Column, Records, Table
    from rareearth._text import normalize_key
    from rareearth._timeline import Match
    from rareearth._values import Period, Qualifier, Quantity, Value

__all__ = [
    "DATA_DATE",
    "DATA_VERSION",
    "MAX_RATE_GAP",
    "AmbiguousKeyError",
    "CapacityPart",
    "CapacityTotal",
    "Change",
    "ChoiceError",
    "Citation",
    "Claim",
    "Column",
    "Conversion",
    "Convertible",
    "Corroboration",
    "CurrencyError",
    "DataError",
    "Dataset",
    "DateInput",
    "DateParseError",
    "Derivation",
    "Diff",
    "EmptySelectionError",
    "Entity",
    "EntityKind",
    "Equivalent",
    "Event",
    "EventKind",
    "Exchange",
    "ExchangeRate",
    "Export",
    "Facility",
    "Figure",
    "FigureKind",
    "FuzzyDate",
    "GroupBy",
    "HolderType",
    "Investment",
    "Leg",
    "Loss",
    "Match",
    "Milestone",
    "MixedUnitsError",
    "Money",
    "MoneyValue",
    "NoRateError",
    "OtherName",
    "OwnershipLink",
    "OwnershipType",
    "Period",
    "Phase",
    "Place",
    "PlaceKind",
    "Precision",
    "Problem",
    "Qualifier",
    "Quantity",
    "QuoteCheck",
    "RareEarthError",
    "RatePath",
    "RateTable",
    "Records",
    "RelationKind",
    "Relationship",
    "SearchHit",
    "Source",
    "StateShare",
    "Status",
    "Table",
    "Ticker",
    "UnknownEntityError",
    "UnknownRecordError",
    "Value",
    "WindowError",
    "WriteError",
    "__version__",
    "company",
    "convert",
    "corroboration",
    "dataset",
    "entity",
    "facilities_of",
    "facility",
    "fact_file_schema",
    "figures",
    "get_company",
    "get_entity",
    "holdings_of",
    "normalize_key",
    "owners_of",
    "parse_date",
    "place",
    "rate",
    "relations",
    "search",
    "source",
    "state_links",
    "state_share",
    "timeline",
    "total_capacity",
    "values",
]

from rareearth._version import DATA_DATE, DATA_VERSION, __version__

_T = _TypeVar("_T")

# Importing rareearth costs little more than importing attrs: each public
# class is imported from its private module when first asked for. The modules
# are tried in the order data flows, but for `_dataset` before the queries: it
# imports each query only when asked, so `rareearth.Dataset` imports none of
# them (nor, through `_diff`, cattrs).
_MODULES = (
    "_errors",
    "_schema",
    "_text",
    "_values",
    "_money",
    "_dates",
    "_tables",
    "_records",
    "_search",
    "_dataset",
    "_capacity",
    "_convert",
    "_ownership",
    "_timeline",
    "_diff",
    "_quotes",
    "_corroboration",
    "_export",
)


def __getattr__(name: str) -> object:
    if name in __all__:
        for module_name in _MODULES:
            module = _importlib.import_module(f"rareearth.{module_name}")
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value  # once imported, a plain module attribute
                return value
    raise AttributeError(f"module 'rareearth' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _shipped() -> Dataset:
    from rareearth._dataset import dataset  # noqa: PLC0415 - imported on first use

    return dataset()


def entity(key: str) -> Entity:
    """Find an entity of the shipped data; see `Dataset.entity`.

    >>> entity("Northern Rare Earth").ownership
    <OwnershipType.STATE_OWNED: 'state-owned'>
    """
    return _shipped().entity(key)


def company(key: str) -> Entity:
    """Find an entity of the shipped data; the same as `entity`.

    >>> company("jl mag").founded
    2008
    """
    return _shipped().entity(key)


@_overload
def get_entity(key: str) -> Entity | None: ...
@_overload
def get_entity(key: str, default: _T) -> Entity | _T: ...
def get_entity(key: str, default: object = None) -> object:
    """Find an entity, or return ``default``; see `Dataset.get_entity`.

    >>> get_entity("no such maker") is None
    True
    """
    return _shipped().get_entity(key, default)


get_company = get_entity


def search(text: str, *, limit: int = 10) -> Records[SearchHit]:
    """Fuzzy search of entity names; see `Dataset.search`.

    >>> search("Ford")[0].entity.name
    'Ford Motor Co.'
    """
    return _shipped().search(text, limit=limit)


def values(vocabulary: str) -> tuple[str, ...]:
    """Every value a filter takes, by the list's name; see `Dataset.values`.

    >>> values("tag")[:3]
    ('autos', 'capacity', 'export-controls')
    """
    return _shipped().values(vocabulary)


def corroboration(key: str) -> Corroboration:
    """How well a record of the shipped data is backed; see `Dataset.corroboration`.

    >>> corroboration("mp-materials-dod-deal").independent
    1
    """
    return _shipped().corroboration(key)


def source(key: str) -> Source:
    """A source document by id or its three-digit prefix.

    >>> source("000").publisher
    'rare-earth-exchanges'
    """
    return _shipped().source(key)


def place(key: str) -> Place:
    """A place by id or name.

    >>> place("Baotou").parent
    'inner-mongolia'
    """
    return _shipped().place(key)


def facility(key: str) -> Facility:
    """A facility by id.

    >>> facility("jl-mag-baotou-base").phases[-1].name
    'Phase III'
    """
    return _shipped().facility(key)


def facilities_of(key: str) -> Records[Facility]:
    """Facilities an entity or its subsidiaries operate.

    >>> [f.name for f in facilities_of("Northern Zhaobao Magnets")]
    ['Northern Zhaobao Magnets NdFeB plant']
    """
    return _shipped().facilities_of(key)


def relations(key: str, *, kind: RelationKind | str | None = None) -> Records[Relationship]:
    """Relationships of an entity; see `Dataset.relations`.

    >>> [r.party for r in relations("Northern Magnet", kind="landlord")]
    ['inner-mongolia-seagate']
    """
    return _shipped().relations(key, kind=kind)


@_overload
def total_capacity(
    *,
    company: str | None = ...,
    site: str | None = ...,
    region: str | None = ...,
    country: str | None = ...,
    product: str | None = ...,
    status: Status | str | _Iterable[Status | str] | None = ...,
    as_of: DateInput | None = ...,
    by: None = ...,
) -> CapacityTotal: ...
@_overload
def total_capacity(
    *,
    company: str | None = ...,
    site: str | None = ...,
    region: str | None = ...,
    country: str | None = ...,
    product: str | None = ...,
    status: Status | str | _Iterable[Status | str] | None = ...,
    as_of: DateInput | None = ...,
    by: GroupBy,
) -> Records[CapacityTotal]: ...
@_overload
def total_capacity(
    *,
    company: str | None = ...,
    site: str | None = ...,
    region: str | None = ...,
    country: str | None = ...,
    product: str | None = ...,
    status: Status | str | _Iterable[Status | str] | None = ...,
    as_of: DateInput | None = ...,
    by: GroupBy | None = ...,
) -> CapacityTotal | Records[CapacityTotal]: ...
def total_capacity(
    *,
    company: str | None = None,
    site: str | None = None,
    region: str | None = None,
    country: str | None = None,
    product: str | None = None,
    status: Status | str | _Iterable[Status | str] | None = None,
    as_of: DateInput | None = None,
    by: GroupBy | None = None,
) -> CapacityTotal | Records[CapacityTotal]:
    """Sum capacity over the shipped data; see `Dataset.total_capacity`.

    >>> print(total_capacity(company="China Northern Rare Earth", product="ndfeb-alloy").value)
    50,000
    """
    return _shipped().total_capacity(
        company=company,
        site=site,
        region=region,
        country=country,
        product=product,
        status=status,
        as_of=as_of,
        by=by,
    )


def owners_of(key: str) -> Records[Relationship]:
    """Direct owners of an entity; see `Dataset.owners_of`.

    >>> [r.share.text for r in owners_of("JL MAG") if r.share is not None]
    ['around 9.4%', 'another 9.3%']
    """
    return _shipped().owners_of(key)


def holdings_of(key: str) -> Records[Relationship]:
    """What an entity owns directly; see `Dataset.holdings_of`.

    >>> [r.subject for r in holdings_of("Ningbo Zhaobao Magnet")]
    ['northern-zhaobao']
    """
    return _shipped().holdings_of(key)


def state_share(key: str) -> StateShare:
    """The state-linked share of an entity; see `Dataset.state_share`.

    >>> print(state_share("JL MAG").value)
    ≈ 18.7
    """
    return _shipped().state_share(key)


def state_links(key: str) -> Records[OwnershipLink]:
    """Chains by which the state holds an entity; see `Dataset.state_links`.

    >>> [link.holder for link in state_links("Northern Zhaobao Magnets")]
    ['china-northern-rare-earth']
    """
    return _shipped().state_links(key)


def rate(
    base: str,
    quote: str,
    *,
    on: DateInput | None = None,
    rates: RateTable | None = None,
    nearest: bool = False,
) -> RatePath:
    """How one currency converts to another; see `Dataset.rate`.

    >>> print(rate("CNY", "AUD").legs[0].source)
    001_9b4396c9fe4624bb
    """
    return _shipped().rate(base, quote, on=on, rates=rates, nearest=nearest)


@_overload
def convert(
    money: Money | Investment,
    to: str,
    *,
    on: DateInput | None = ...,
    rate: ExchangeRate | _Decimal | _Fraction | int | str | None = ...,
    rates: RateTable | None = ...,
    nearest: bool = ...,
) -> Conversion[Money]: ...
@_overload
def convert(
    money: Value | Figure,
    to: str,
    *,
    on: DateInput | None = ...,
    rate: ExchangeRate | _Decimal | _Fraction | int | str | None = ...,
    rates: RateTable | None = ...,
    nearest: bool = ...,
) -> Conversion[MoneyValue]: ...
def convert(
    money: Convertible,
    to: str,
    *,
    on: DateInput | None = None,
    rate: ExchangeRate | _Decimal | _Fraction | int | str | None = None,
    rates: RateTable | None = None,
    nearest: bool = False,
) -> Conversion[Money] | Conversion[MoneyValue]:
    """Convert money with the sources' rates or yours; see `Dataset.convert`.

    >>> print(convert(Money("120e6", "RMB"), "USD", rate="rate-002-cny-usd").rounded)
    USD 16.38 million
    """
    return _shipped().convert(money, to, on=on, rate=rate, rates=rates, nearest=nearest)


def timeline(
    start: DateInput | None = None,
    end: DateInput | None = None,
    *,
    entity: str | None = None,
    kind: EventKind | str | None = None,
    tag: str | None = None,
    expected: bool | None = None,
    match: Match = "overlap",
) -> Records[Event]:
    """Events in a window, in order; see `Dataset.timeline`.

    >>> [e.id for e in timeline(entity="JL MAG")][0]
    'jl-mag-founded'
    """
    return _shipped().timeline(
        start, end, entity=entity, kind=kind, tag=tag, expected=expected, match=match
    )


def figures(
    *,
    metric: str | None = None,
    entity: str | None = None,
    geography: str | None = None,
    kind: FigureKind | str | None = None,
    claimed_by: str | None = None,
    start: DateInput | None = None,
    end: DateInput | None = None,
) -> Records[Figure]:
    """Figures by metric, subject, place, kind, claimant or period; see `Dataset.figures`.

    >>> [f.id for f in figures(claimed_by="USGS")]
    ['china-rare-earth-output-share', 'china-rare-earth-reserves-share']
    """
    return _shipped().figures(
        metric=metric,
        entity=entity,
        geography=geography,
        kind=kind,
        claimed_by=claimed_by,
        start=start,
        end=end,
    )
