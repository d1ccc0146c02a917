"""Hypothesis strategies for fact-file records, in the JSON shape the loader reads.

Each ``*_data`` strategy draws one valid record as a fact file holds it (a
dict of JSON values, numbers as `Decimal`); `records` turns such a strategy
into the structured record. `fact_files` draws a whole file of records with
ids unique among themselves and references that resolve, to shipped records
or to records of the same file, so that the loader accepts it beside the
shipped data.

Strategies are made once: the factories are cached (`functools.cache`) and
the fixed parts are module constants, so that a draw does not build, and
hypothesis does not validate again, the same strategies for every record.
The examples drawn are the same as when each draw built its own; the time
to draw them is a third to a half less.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import strategies as st

from rareearth import parse_date
from rareearth._codec import converter
from rareearth._codes import iso_3166
from rareearth._records import (
    EntityKind,
    EventKind,
    FigureKind,
    HolderType,
    OwnershipType,
    PlaceKind,
    RelationKind,
    Status,
)
from rareearth._text import has_visible, normalize_key
from rareearth._values import UNITS, Period, Qualifier

__all__ = [
    "FUZZ_SLOW",
    "claim_data",
    "dates",
    "entity_data",
    "event_data",
    "facility_data",
    "fact_files",
    "figure_data",
    "fuzz_examples",
    "ids",
    "place_data",
    "rate_data",
    "records",
    "relationship_data",
    "source_data",
    "values",
]

_T = TypeVar("_T")
Data = dict[str, Any]

#: ``RAREEARTH_FUZZ=slow`` runs the property and fuzzing tests with twenty times
#: more cases (the loader's alone then pass 10,000); ``quick`` with a fifth, for
#: the runs that only check other Pythons and dependency versions.
FUZZ_MODE = os.environ.get("RAREEARTH_FUZZ", "")
FUZZ_SLOW = FUZZ_MODE == "slow"


def fuzz_examples(count: int) -> int:
    """How many cases a test runs: ``count``, twenty times as many when slow, a fifth when quick."""
    if FUZZ_SLOW:
        return count * 20
    return max(count // 5, 5) if FUZZ_MODE == "quick" else count


#: Shipped ids that generated records may refer to.
SHIPPED_SOURCES = ("000_75a9973f81fad0cb", "003_9594616c843f5455")
SHIPPED_ENTITIES = ("jl-mag", "china-northern-rare-earth", "tesla", "asian-metal", "usgs")
SHIPPED_PLACES = ("baotou", "china", "ganzhou", "inner-mongolia")
SHIPPED_FACILITIES = ("jl-mag-baotou-base", "northern-zhaobao-plant")
CURRENCIES = ("CNY", "USD", "EUR", "JPY", "AUD")
PRODUCTS = ("sintered-ndfeb-magnets", "ndfeb-magnets", "ndfeb-alloy", "motors")

ids = st.from_regex(r"[a-z][a-z0-9]{0,7}(?:-[a-z0-9]{1,5}){0,2}", fullmatch=True)
# Printable text of any script; text that shows nothing is refused by the records.
texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(has_visible)
#: Names, which also need a letter or digit to be looked up by.
names = texts.filter(normalize_key)
countries = st.sampled_from(sorted(iso_3166()))
#: Milestones reached are dated before 2000, and sources published after: a
#: source cannot report what had not yet happened.
_REACHED_BY = dt.date(1999, 12, 31)
_PUBLISHED_FROM = dt.date(2000, 1, 1)


@functools.cache
def _optional(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | strategy


@functools.cache
def _tuple_of(strategy: st.SearchStrategy[_T], max_size: int = 2) -> st.SearchStrategy[list[_T]]:
    return st.lists(strategy, max_size=max_size)


@functools.cache
def _unique_ids(
    choices: tuple[str, ...], max_size: int = 2, min_size: int = 0
) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(choices), min_size=min_size, max_size=max_size, unique=True)


def _without_none(data: Data) -> Data:
    return {key: value for key, value in data.items() if value is not None and value != []}


# --- values ---------------------------------------------------------------------


def numbers(
    low: Decimal = Decimal(-(10**9)), high: Decimal = Decimal(10**12), places: int = 4
) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``places`` digits after the point."""
    return st.decimals(low, high, allow_nan=False, allow_infinity=False, places=places)


#: `numbers` for bounds that do not depend on a drawn value, made once per bounds.
_numbers = functools.cache(numbers)
_QUALIFIERS = st.sampled_from(Qualifier)


@functools.cache
@st.composite
def values(draw: st.DrawFn, low: Decimal = Decimal(0), high: Decimal = Decimal(10**9)) -> Any:
    """A value: a bare number (exact) or an object with a qualifier and printed form."""
    number = draw(_numbers(low, high))
    qualifier = draw(_QUALIFIERS)
    if qualifier is Qualifier.EXACT and draw(st.booleans()):
        return number
    out: Data = {"number": number, "qualifier": qualifier.value}
    if qualifier is Qualifier.RANGE:
        out["upper"] = draw(numbers(number, high))
    out["text"] = draw(_optional(texts))
    return _without_none(out)


_EARLY_MID_LATE = st.sampled_from(("early", "mid", "late"))
_WEEKS = st.sampled_from(("first", "second", "last"))


def _day_text(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


@functools.cache
@st.composite
def dates(
    draw: st.DrawFn, first: dt.date = dt.date(1990, 1, 1), last: dt.date = dt.date(2100, 12, 31)
) -> Any:
    """A date in one of the forms fact files use, or a resolved date object; from no earlier
    than ``first``, and starting no later than ``last``."""
    day = draw(st.dates(first, last))
    year = day.year
    forms = [
        day.isoformat(),
        f"{year}-{day.month:02}",
        str(year),
        f"Q{(day.month + 2) // 3} {year}",
        f"the {'first' if day.month <= 6 else 'second'} half of {year}",
        f"{draw(_EARLY_MID_LATE)} {year}",
        f"{day:%B} {year}",
        _day_text(day),
        f"the {draw(_WEEKS)} week of {day:%B} {year}",
        f"between {year} and {year + draw(st.integers(0, 2))}",
    ]
    text = draw(st.sampled_from(forms))
    if draw(st.integers(0, 5)) == 0:
        # A date the source gives relative to its own ("Wednesday"), resolved.
        resolved: Data = {"text": draw(texts), "means": day.isoformat()}
        if draw(st.booleans()):
            resolved["note"] = draw(texts)
        return resolved
    return text


@functools.cache
def citations(sources: tuple[str, ...] = SHIPPED_SOURCES) -> st.SearchStrategy[Data]:
    """A citation of one of ``sources``."""
    return st.fixed_dictionaries({"source": st.sampled_from(sources), "quote": texts})


@functools.cache
def _cites(sources: tuple[str, ...]) -> st.SearchStrategy[list[Data]]:
    return st.lists(citations(sources), min_size=1, max_size=2)


@functools.cache
def money(low: Decimal = Decimal(0)) -> st.SearchStrategy[Data]:
    """An amount in one of a few currencies."""
    return st.fixed_dictionaries(
        {"amount": numbers(low, Decimal(10**15), places=2), "currency": st.sampled_from(CURRENCIES)}
    )


_QUANTITY_UNITS = st.sampled_from((*UNITS, "CNY/kg", "USD"))
_PERIODS = st.sampled_from(tuple(p.value for p in Period))


@functools.cache
@st.composite
def quantities(draw: st.DrawFn, *, unit: str | None = None, product: str | None = None) -> Data:
    """A quantity of at least zero; ``unit`` and ``product`` fix them when given."""
    return _without_none(
        {
            "value": draw(values()),
            "unit": unit or draw(_QUANTITY_UNITS),
            "per": draw(_optional(_PERIODS)),
            "product": product or draw(_optional(st.sampled_from(PRODUCTS))),
        }
    )


@functools.cache
def derivations(inputs: tuple[str, ...] = SHIPPED_FACILITIES) -> st.SearchStrategy[Data]:
    """How a value was derived, from records among ``inputs``."""
    used = _unique_ids(inputs) if inputs else st.just([])
    return st.builds(lambda rule, used: _without_none({"rule": rule, "inputs": used}), texts, used)


# --- records ------------------------------------------------------------------------


@functools.cache
@st.composite
def source_data(draw: st.DrawFn, entities: tuple[str, ...] = SHIPPED_ENTITIES) -> Data:
    """A source document."""
    return _without_none(
        {
            "id": draw(ids),
            "title": draw(texts),
            "about": draw(texts),
            "publisher": draw(_optional(st.sampled_from(entities))),
            "published": draw(_optional(dates(first=_PUBLISHED_FROM))),
            "reports_from": draw(_unique_ids(entities)),
            "author": draw(_optional(texts)),
            "notes": draw(_tuple_of(texts)),
        }
    )


_ENTITY_KINDS = st.sampled_from(tuple(k.value for k in EntityKind))
_OWNERSHIP_TYPES = st.sampled_from(tuple(o.value for o in OwnershipType))
_TICKERS = st.builds(
    lambda symbol, exchange: f"{symbol}.{exchange}",
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.sampled_from(("SZ", "SH", "BJ")),
)
_TICKER_LISTS = st.lists(_TICKERS, max_size=2, unique=True)
_OTHER_NAMES = st.builds(
    lambda name, note: _without_none({"name": name, "note": note}), names, _optional(texts)
)


@functools.cache
@st.composite
def entity_data(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SHIPPED_SOURCES,
    places: tuple[str, ...] = SHIPPED_PLACES,
) -> Data:
    """A company, agency or other entity."""
    return _without_none(
        {
            "id": draw(ids),
            "name": draw(names),
            "kind": draw(_ENTITY_KINDS),
            "summary": draw(texts),
            "cites": draw(_cites(sources)),
            "legal_name": draw(_optional(names)),
            "aliases": draw(_tuple_of(names)),
            "other_names": draw(_tuple_of(_OTHER_NAMES)),
            "tickers": draw(_TICKER_LISTS),
            "country": draw(_optional(countries)),
            "ownership": draw(_optional(_OWNERSHIP_TYPES)),
            "founded": draw(_optional(st.integers(1600, 2200))),
            "hubs": draw(_unique_ids(places)),
            "notes": draw(_tuple_of(texts)),
        }
    )


_PLACE_KINDS = st.sampled_from(tuple(k.value for k in PlaceKind))


@functools.cache
@st.composite
def place_data(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SHIPPED_SOURCES,
    places: tuple[str, ...] = SHIPPED_PLACES,
) -> Data:
    """A place inside one of ``places``, or on its own."""
    return _without_none(
        {
            "id": draw(ids),
            "name": draw(names),
            "kind": draw(_PLACE_KINDS),
            "cites": draw(_cites(sources)),
            "parent": draw(_optional(st.sampled_from(places))),
            "country": draw(_optional(countries)),
            "aliases": draw(_tuple_of(names)),
        }
    )


_STATUSES = st.sampled_from(tuple(s.value for s in Status))


@functools.cache
@st.composite
def milestone_data(draw: st.DrawFn, sources: tuple[str, ...], *, expected: bool) -> Data:
    """A status reached (or expected, with ``expected``)."""
    return _without_none(
        {
            "status": draw(_STATUSES),
            "cites": draw(_cites(sources)),
            "date": draw(_optional(dates() if expected else dates(last=_REACHED_BY))),
            "expected": expected or None,
        }
    )


def _in_order(milestones: list[Data]) -> None:
    """Give the dated milestones their statuses in the order of their dates, as records need."""
    dated = [m for m in milestones if "date" in m]

    def start(m: Data) -> dt.date:
        date = m["date"]
        return parse_date(date if isinstance(date, str) else date["means"]).earliest

    statuses = sorted((m["status"] for m in dated), key=lambda s: Status(s).rank)
    for milestone, status in zip(sorted(dated, key=start), statuses, strict=True):
        milestone["status"] = status


_INVESTMENTS = st.builds(
    lambda amount, text, reported: _without_none(
        {"amount": amount, "text": text, "reported": reported}
    ),
    money(),
    texts,
    st.lists(money(), max_size=1),
)


@functools.cache
@st.composite
def phase_data(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SHIPPED_SOURCES,
    *,
    unit: str | None = None,
    product: str | None = None,
) -> Data:
    """A facility phase with at least one status it has reached."""
    reached = draw(st.lists(milestone_data(sources, expected=False), min_size=1, max_size=2))
    planned = draw(st.lists(milestone_data(sources, expected=True), max_size=1))
    _in_order(reached + planned)
    return _without_none(
        {
            "id": draw(ids),
            "name": draw(texts),
            "summary": draw(texts),
            "cites": draw(_cites(sources)),
            "milestones": reached + planned,
            "capacity": draw(_optional(quantities(unit=unit, product=product))),
            "investment": draw(_optional(_INVESTMENTS)),
            "site_area": draw(_optional(quantities(unit="m2"))),
            "derived": draw(_optional(derivations())),
            "notes": draw(_tuple_of(texts)),
        }
    )


def _by_id(record: Data) -> Any:
    return record["id"]


@functools.cache
@st.composite
def facility_data(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SHIPPED_SOURCES,
    entities: tuple[str, ...] = SHIPPED_ENTITIES,
    places: tuple[str, ...] = SHIPPED_PLACES,
    *,
    unit: str | None = None,
    product: str | None = None,
) -> Data:
    """A facility with one to three phases whose ids differ."""
    phases = draw(
        st.lists(
            phase_data(sources, unit=unit, product=product),
            min_size=1,
            max_size=3,
            unique_by=_by_id,
        )
    )
    return _without_none(
        {
            "id": draw(ids),
            "name": draw(texts),
            "operator": draw(st.sampled_from(entities)),
            "summary": draw(texts),
            "cites": draw(_cites(sources)),
            "phases": phases,
            "place": draw(_optional(st.sampled_from(places))),
            "zone": draw(_optional(st.sampled_from(entities))),
            "possibly_same_as": draw(_unique_ids(SHIPPED_FACILITIES)),
            "notes": draw(_tuple_of(texts)),
        }
    )


_RELATION_KINDS = st.sampled_from(RelationKind)
_HOLDER_TYPES = st.sampled_from(tuple(h.value for h in HolderType))


@functools.cache
@st.composite
def relationship_data(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SHIPPED_SOURCES,
    entities: tuple[str, ...] = SHIPPED_ENTITIES,
) -> Data:
    """A relation between two different entities; a share only on ownership."""
    kind = draw(_RELATION_KINDS)
    subject = draw(st.sampled_from(entities))
    party = draw(_optional(st.sampled_from(tuple(e for e in entities if e != subject))))
    owning = kind in {RelationKind.STAKE, RelationKind.JOINT_VENTURE, RelationKind.SUBSIDIARY}
    return _without_none(
        {
            "id": draw(ids),
            "kind": kind.value,
            "subject": subject,
            "summary": draw(texts),
            "cites": draw(_cites(sources)),
            "party": party,
            "party_label": draw(texts) if party is None else draw(_optional(texts)),
            "share": draw(values(Decimal(0), Decimal(100)))
            if owning and draw(st.booleans())
            else None,
            "holder_type": draw(_optional(_HOLDER_TYPES)),
            "notes": draw(_tuple_of(texts)),
        }
    )


_EVENT_KINDS = st.sampled_from(tuple(k.value for k in EventKind))
_TAGS = st.lists(ids, max_size=2, unique=True)


@functools.cache
@st.composite
def event_data(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SHIPPED_SOURCES,
    entities: tuple[str, ...] = SHIPPED_ENTITIES,
    places: tuple[str, ...] = SHIPPED_PLACES,
) -> Data:
    """Something that happened or is expected."""
    return _without_none(
        {
            "id": draw(ids),
            "date": draw(dates()),
            "title": draw(texts),
            "kind": draw(_EVENT_KINDS),
            "cites": draw(_cites(sources)),
            "entities": draw(_unique_ids(entities)),
            "places": draw(_unique_ids(places)),
            "tags": draw(_TAGS),
            "expected": draw(st.booleans()) or None,
        }
    )


_FIGURE_KINDS = st.sampled_from(FigureKind)
_FIGURE_UNITS = st.sampled_from((*UNITS, "CNY/kg"))
#: What a figure's printed equivalent may be ("USD 74/kg" beside "RMB 530/kg").
_EQUIVALENTS = st.fixed_dictionaries({"value": values(), "unit": st.sampled_from(("USD/kg", "t"))})


@functools.cache
@st.composite
def figure_data(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SHIPPED_SOURCES,
    entities: tuple[str, ...] = SHIPPED_ENTITIES,
    places: tuple[str, ...] = SHIPPED_PLACES,
) -> Data:
    """A number the sources give; a share in percent stays at most 100."""
    kind = draw(_FIGURE_KINDS)
    unit = draw(_FIGURE_UNITS)
    high = Decimal(100) if kind is FigureKind.SHARE and unit == "%" else Decimal(10**9)
    # Shares, prices and counts are never below zero; a fall or a loss may be.
    counts = kind in {FigureKind.SHARE, FigureKind.PRICE} or unit in {"count", "people", "unit"}
    value = draw(values(Decimal(0) if counts else Decimal(-100), high))
    low = value if isinstance(value, Decimal) else value["number"]
    return _without_none(
        {
            "id": draw(ids),
            "metric": draw(ids),
            "kind": kind.value,
            "value": value,
            "unit": unit,
            "summary": draw(texts),
            "cites": draw(_cites(sources)),
            "per": draw(_optional(_PERIODS)),
            "product": draw(_optional(st.sampled_from(PRODUCTS))),
            "subject": draw(_optional(st.sampled_from(entities))),
            "facility": draw(_optional(st.sampled_from(SHIPPED_FACILITIES))),
            "geography": draw(_optional(st.sampled_from(places))),
            "period": draw(_optional(dates())),
            "claimed_by": draw(_unique_ids(entities)),
            # Printed beside a negative number, an equivalent would be negative too.
            "equivalents": draw(_tuple_of(_EQUIVALENTS, 1)) if low >= 0 else None,
            "derived": draw(_optional(derivations())),
            "notes": draw(_tuple_of(texts)),
        }
    )


@functools.cache
@st.composite
def claim_data(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SHIPPED_SOURCES,
    entities: tuple[str, ...] = SHIPPED_ENTITIES,
) -> Data:
    """A statement a party makes."""
    return {
        "id": draw(ids),
        "subject": draw(st.sampled_from(entities)),
        "statement": draw(texts),
        "claimed_by": draw(_unique_ids(entities, 2, min_size=1)),
        "cites": draw(_cites(sources)),
    }


_CURRENCY_PAIRS = st.lists(st.sampled_from(CURRENCIES), min_size=2, max_size=2, unique=True)


@functools.cache
@st.composite
def rate_data(draw: st.DrawFn, sources: tuple[str, ...] = SHIPPED_SOURCES) -> Data:
    """An exchange rate between two different currencies."""
    base, quote = draw(_CURRENCY_PAIRS)
    return _without_none(
        {
            "id": draw(ids),
            "base": base,
            "quote": quote,
            "rate": draw(_numbers(Decimal("0.0001"), Decimal(10000), places=6)),
            "derived": draw(derivations(())),
            "cites": draw(_cites(sources)),
            "date": draw(_optional(dates())),
            "notes": draw(_tuple_of(texts)),
        }
    )


#: Each collection's record strategy, by the collection's key in a fact file.
RECORD_DATA: dict[str, Callable[..., st.SearchStrategy[Data]]] = {
    "sources": source_data,
    "entities": entity_data,
    "places": place_data,
    "facilities": facility_data,
    "relationships": relationship_data,
    "events": event_data,
    "figures": figure_data,
    "claims": claim_data,
    "rates": rate_data,
}


def records(collection: str) -> st.SearchStrategy[Any]:
    """Structured records of one collection ("entities"), as the loader builds them."""
    from rareearth._records import COLLECTIONS  # noqa: PLC0415 - the registry of collections

    cl = COLLECTIONS[collection].type
    return RECORD_DATA[collection]().map(lambda data: converter.structure(data, cl))


def _renumber(items: list[Data], prefix: str) -> list[Data]:
    """Give drawn records ids unique in the file and unused by the shipped data."""
    for i, item in enumerate(items):
        item["id"] = f"{prefix}-{i}"
        for j, phase in enumerate(item.get("phases", ())):
            phase["id"] = f"{prefix}-{i}-{j}"
    return items


#: What the shipped stakes in an entity add up to at most, in percent (JL MAG's ≈ 18.7 %).
_SHIPPED_STAKES = {"jl-mag": Decimal(19)}


def within_100(relationships: list[Data]) -> list[Data]:
    """Leave undisclosed a share that would take its entity's stakes over 100 %, as records need."""
    left: dict[str, Decimal] = {}
    for relation in relationships:
        share: Any = relation.get("share")
        if share is None:
            continue
        high = Decimal(
            share["upper" if "upper" in share else "number"] if isinstance(share, dict) else share
        )
        subject = relation["subject"]
        room = left.setdefault(subject, 100 - _SHIPPED_STAKES.get(subject, Decimal(0)))
        if high > room:
            del relation["share"]
        else:
            left[subject] = room - high
    return relationships


@functools.cache
@st.composite
def fact_files(draw: st.DrawFn, *, max_size: int = 3) -> Data:
    """A user's fact file: records of every kind, citing a source of their own.

    The file's records refer to each other and to shipped records; its ids
    never clash with shipped ones.
    """
    source = draw(source_data())
    source["id"] = "my-source"
    sources = (*SHIPPED_SOURCES, "my-source")
    places = _renumber(draw(st.lists(place_data(sources), max_size=max_size)), "my-place")
    place_ids = (*SHIPPED_PLACES, *(p["id"] for p in places))
    entities = _renumber(
        draw(st.lists(entity_data(sources, place_ids), max_size=max_size)), "my-entity"
    )
    entity_ids = (*SHIPPED_ENTITIES, *(e["id"] for e in entities))
    out: Data = {"sources": [source], "places": places, "entities": entities}
    out["facilities"] = draw(
        st.lists(facility_data(sources, entity_ids, place_ids), max_size=max_size)
    )
    out["relationships"] = within_100(
        draw(st.lists(relationship_data(sources, entity_ids), max_size=max_size))
    )
    out["events"] = draw(st.lists(event_data(sources, entity_ids, place_ids), max_size=max_size))
    out["figures"] = draw(st.lists(figure_data(sources, entity_ids, place_ids), max_size=max_size))
    out["claims"] = draw(st.lists(claim_data(sources, entity_ids), max_size=max_size))
    out["rates"] = draw(st.lists(rate_data(sources), max_size=max_size))
    for key in ("facilities", "relationships", "events", "figures", "claims", "rates"):
        _renumber(out[key], f"my-{key}")
    return {key: items for key, items in out.items() if items}
