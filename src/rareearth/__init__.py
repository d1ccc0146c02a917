"""rareearth: a curated, sourced, typed fact base on rare-earth permanent magnets.

Module-level functions work on the shipped data set, read on first use;
`Dataset` carries the same methods for a set built from your own fact files.

>>> import rareearth as ree
>>> [str(t) for t in ree.company("JL MAG").tickers]
['300748.SZ']
"""

from __future__ import annotations

import datetime as _dt

from rareearth._dataset import Dataset, SearchHit, dataset, normalize_key
from rareearth._dates import FuzzyDate, Precision, parse_date
from rareearth._errors import (
    AmbiguousKeyError,
    DataError,
    DateParseError,
    Problem,
    RareEarthError,
    UnknownEntityError,
    UnknownRecordError,
)
from rareearth._money import CurrencyError, Money
from rareearth._records import (
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
from rareearth._values import Period, Qualifier, Quantity, Value

__all__ = [
    "DATA_DATE",
    "DATA_VERSION",
    "AmbiguousKeyError",
    "Citation",
    "Claim",
    "CurrencyError",
    "DataError",
    "Dataset",
    "DateParseError",
    "Derivation",
    "Entity",
    "EntityKind",
    "Equivalent",
    "Event",
    "EventKind",
    "Exchange",
    "ExchangeRate",
    "Facility",
    "Figure",
    "FigureKind",
    "FuzzyDate",
    "HolderType",
    "Investment",
    "Milestone",
    "Money",
    "OtherName",
    "OwnershipType",
    "Period",
    "Phase",
    "Place",
    "PlaceKind",
    "Precision",
    "Problem",
    "Qualifier",
    "Quantity",
    "RareEarthError",
    "RelationKind",
    "Relationship",
    "SearchHit",
    "Source",
    "Status",
    "Ticker",
    "UnknownEntityError",
    "UnknownRecordError",
    "Value",
    "__version__",
    "company",
    "dataset",
    "entity",
    "facilities_of",
    "facility",
    "get_company",
    "get_entity",
    "normalize_key",
    "parse_date",
    "place",
    "relations",
    "search",
    "source",
]

__version__ = "0.1.0"

#: The version of the shipped data, apart from the code's version.
DATA_VERSION = "2026.11.0"
#: The day the shipped data was last curated.
DATA_DATE = _dt.date(2026, 11, 21)


def entity(key: str) -> Entity:
    """Find an entity of the shipped data; see `Dataset.entity`.

    >>> entity("Northern Rare Earth").ownership
    <OwnershipType.STATE_OWNED: 'state-owned'>
    """
    return dataset().entity(key)


def company(key: str) -> Entity:
    """Find an entity of the shipped data; the same as `entity`.

    >>> company("jl mag").founded
    2008
    """
    return dataset().entity(key)


def get_entity(key: str, default: Entity | None = None) -> Entity | None:
    """Find an entity, or return ``default``; see `Dataset.get_entity`.

    >>> get_entity("no such maker") is None
    True
    """
    return dataset().get_entity(key, default)


get_company = get_entity


def search(text: str, *, limit: int = 10) -> tuple[SearchHit, ...]:
    """Fuzzy search of entity names; see `Dataset.search`.

    >>> search("Ford")[0].entity.name
    'Ford Motor Co.'
    """
    return dataset().search(text, limit=limit)


def source(key: str) -> Source:
    """A source document by id or its three-digit prefix.

    >>> source("000").publisher
    'rare-earth-exchanges'
    """
    return dataset().source(key)


def place(key: str) -> Place:
    """A place by id or name.

    >>> place("Baotou").parent
    'inner-mongolia'
    """
    return dataset().place(key)


def facility(key: str) -> Facility:
    """A facility by id.

    >>> facility("jl-mag-baotou-base").phases[-1].name
    'Phase III'
    """
    return dataset().facility(key)


def facilities_of(key: str) -> tuple[Facility, ...]:
    """Facilities an entity or its subsidiaries operate.

    >>> [f.name for f in facilities_of("Northern Zhaobao Magnets")]
    ['Northern Zhaobao Magnets NdFeB plant']
    """
    return dataset().facilities_of(key)


def relations(key: str, *, kind: RelationKind | str | None = None) -> tuple[Relationship, ...]:
    """Relationships of an entity; see `Dataset.relations`.

    >>> [r.party for r in relations("Northern Magnet", kind="landlord")]
    ['inner-mongolia-seagate']
    """
    return dataset().relations(key, kind=kind)
