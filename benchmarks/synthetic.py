"""Synthetic fact files for the benchmarks: seeded, reproducible, valid, of any size.

The records look like users' records, not minimal stubs: each kind is
modelled on the shipped records of that kind, with about as many fields,
one or two citations of the shipped sources, quotes and summaries of
realistic length (words drawn from a fixed vocabulary of the industry),
dates in the forms the loader reads, qualified values, units and shares
that pass its checks. `rareearth.Dataset.load` accepts them beside the
shipped data.

Ids are unique within a generated set and never clash with shipped ids:
each kind ends its ids with its own word and a counter (``...-plant-12``,
``...-stake-7``), entities with their unique number. Records refer to
shipped sources and places, and to the set's own entities and facilities;
facilities, relationships, events and figures generated without entities
refer to shipped entities instead (operators among the shipped Chinese
magnet makers, stakes held by unnamed holders), and figures and rates
generated without facilities to shipped facilities and phases.

Each kind draws from its own random stream, so the same seed and counts
give byte-identical files, and a kind's records do not change when only
the counts of kinds drawn after it do (entities, then facilities,
relationships, events, figures and rates).

Run it as a script to write files::

    python benchmarks/synthetic.py OUT_DIR --records 100000 --seed 0
    python benchmarks/synthetic.py OUT_DIR --entities 2000 --facilities 2000
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import functools
import gc
import json
import math
import random
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeAlias, TypeVar

if TYPE_CHECKING:
    import os

__all__ = ["KINDS", "count", "generate", "main", "mixed", "write"]

_T = TypeVar("_T")
Record: TypeAlias = dict[str, Any]
Data: TypeAlias = dict[str, list[Record]]
#: A number as fact files write it: bare, or an object with its qualifier and printed form.
Number: TypeAlias = float | Record

#: The collections generated, in the order they are drawn and written.
KINDS: Final[tuple[str, ...]] = (
    "entities",
    "facilities",
    "relationships",
    "events",
    "figures",
    "rates",
)

#: How `mixed` splits its records among the kinds, in percent; entities take
#: the rest (30%, and whatever rounding down leaves), so the total is exact.
#: Roughly the shipped data's mix, with relationships and stakes, events and
#: figures each a fifth or so.
_PROPORTIONS: Final[Mapping[str, int]] = {
    "facilities": 10,
    "relationships": 20,
    "events": 20,
    "figures": 15,
    "rates": 5,
}

# --- vocabulary -------------------------------------------------------------------------

# Places in names: English and Chinese forms, side by side.
_CN_PLACES: Final = (
    ("Baotou", "包头"),
    ("Ganzhou", "赣州"),
    ("Ningbo", "宁波"),
    ("Xiamen", "厦门"),
    ("Longyan", "龙岩"),
    ("Jiangmen", "江门"),
    ("Taiyuan", "太原"),
    ("Tianjin", "天津"),
    ("Changsha", "长沙"),
    ("Hangzhou", "杭州"),
    ("Suzhou", "苏州"),
    ("Chengdu", "成都"),
    ("Baiyin", "白银"),
    ("Shenyang", "沈阳"),
    ("Hefei", "合肥"),
    ("Nanchang", "南昌"),
    ("Guilin", "桂林"),
    ("Leshan", "乐山"),
    ("Zibo", "淄博"),
    ("Inner Mongolia", "内蒙古"),
    ("Jiangxi", "江西"),
    ("Fujian", "福建"),
    ("Sichuan", "四川"),
    ("Guangxi", "广西"),
)
_FOREIGN_PLACES: Final = (
    ("Pacific", "US"),
    ("Great Lakes", "US"),
    ("Mountain Pass", "US"),
    ("Rhine", "DE"),
    ("Bavaria", "DE"),
    ("Kanto", "JP"),
    ("Osaka", "JP"),
    ("Pilbara", "AU"),
    ("Perth", "AU"),
    ("Busan", "KR"),
    ("Hanoi", "VN"),
    ("Midlands", "GB"),
    ("Lorraine", "FR"),
)
# Company names: English and Chinese forms. No last word is one that ends
# another kind's ids ("plant", "stake", "price", ...), so ids never clash.
_CORES: Final = (
    ("Magnetics", "磁业"),
    ("Magnet", "磁材"),
    ("Rare Earth", "稀土"),
    ("Rare Earth Materials", "稀土材料"),
    ("New Materials", "新材料"),
    ("Magnetic Materials", "磁性材料"),
    ("Permanent Magnet", "永磁"),
    ("Metals", "金属"),
    ("Advanced Materials", "先进材料"),
    ("Rare Metals", "稀有金属"),
    ("Magnet Technology", "磁电科技"),
    ("Electric Motor", "电机"),
    ("Alloys", "合金"),
    ("Smelting", "冶炼"),
)
_LEGAL_SUFFIXES: Final = ("Co., Ltd.", "Co. Ltd.", "Group Co., Ltd.", "Holdings Co., Ltd.")
_NAME_SUFFIXES: Final = ("Co.", "Group")
_FAMILY_NAMES: Final = ("Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Wu", "Xu")
_GIVEN_NAMES: Final = ("Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hua", "Ping", "Qiang")

# Filler text: the words of the sources' own subject.
_WORDS: Final = tuple(
    """
    rare earth permanent magnet magnets sintered NdFeB neodymium praseodymium dysprosium
    terbium oxide alloy powder hydrogen crushed high-performance capacity production output
    tonnes per annum tpa plant base phase project line workshop expansion investment billion
    million yuan RMB USD export controls licence licences quota quotas smelting separation
    refining mining concentrate ore supply chain demand prices price spot market share
    company group subsidiary joint venture partner customer supplier automaker motors
    electric vehicles wind turbines robotics state-owned private listed Shenzhen Shanghai
    Beijing exchange shares announced signed construction trial operating completed
    according to the report said will add new first second third annual half-year earnings
    call statement ministry commerce industry zone hi-tech policy tariff talks agreement
    recycling green upgrade water acid use reduction technology patents grain boundary
    diffusion coercivity grade 35H 52M block blocks domestic overseas global leading largest
    producer maker manufacturer plans expects reached begins began under with its and of in
    for to by a the on at from as
    """.split()  # noqa: SIM905 - a list of words reads best as text
)
_TAGS: Final = (
    "export-controls",
    "exports",
    "licences",
    "tariffs",
    "capacity",
    "prices",
    "autos",
    "wind-power",
    "recycling",
    "share-prices",
    "heavy-rare-earths",
    "smelting",
    "quotas",
    "mergers",
    "financing",
)
_NOTES: Final = (
    "The source gives no day; the month is read from its context.",
    "Product: the source speaks of rare earth magnet capacity; sintered NdFeB is its line.",
    "The report's figures are the company's own and are not independently confirmed.",
    "Another report gives a slightly different figure; this one is the earlier.",
    "The source prints the amount in RMB only; no USD equivalent is given.",
    "Whether building has started is not said, so the status is the last one reported.",
)

# Who holds what: holder types by the holder entity's kind.
_HOLDER_TYPES: Final = {
    "government": "state",
    "agency": "state",
    "fund": "fund",
    "person": "individuals",
}
_UNNAMED_HOLDERS: Final = (
    ("state", "the state (holders not named)"),
    ("government-enterprise", "government enterprises (not named)"),
    ("fund", "a mixed-ownership reform fund"),
    ("private", "private entities (not named)"),
    ("individuals", "individual investors"),
    ("state-owned-enterprise", "a provincial state-owned group"),
)
# Shipped companies that buy magnets: customers of generated suppliers.
_SHIPPED_BUYERS: Final = ("tesla", "toyota", "byd", "ford", "apple", "siemens-gamesa")

# What a company makes: capacities of one family always add up, for a
# company and its subsidiaries alike (sintered and high-end magnets roll up
# into rare-earth magnets).


class _Family(NamedTuple):
    unit: str
    per: str
    products: tuple[str, ...]
    low: int  # smallest capacity, in `step`s
    high: int
    step: int
    printed: str  # how a capacity is printed, with "{n}" for the number
    what: str


_FAMILIES: Final = {
    "magnets": _Family(
        unit="t",
        per="year",
        products=("sintered-ndfeb-magnets", "ndfeb-magnets", "high-end-rare-earth-magnets"),
        low=1,
        high=60,
        step=500,
        printed="{n} tonnes per annum (tpa)",
        what="high-performance NdFeB magnets",
    ),
    "alloy": _Family(
        unit="t",
        per="year",
        products=("ndfeb-alloy",),
        low=2,
        high=50,
        step=1000,
        printed="{n} tpa",
        what="NdFeB alloy",
    ),
    "powder": _Family(
        unit="t",
        per="year",
        products=("hydrogen-crushed-powder",),
        low=1,
        high=20,
        step=1000,
        printed="{n} tons a year",
        what="hydrogen-crushed powder",
    ),
    "oxides": _Family(
        unit="t REO",
        per="year",
        products=("rare-earth-oxides",),
        low=1,
        high=30,
        step=2000,
        printed="{n} t REO a year",
        what="separated rare earth oxides",
    ),
    "motors": _Family(
        unit="unit",
        per="year",
        products=("permanent-magnet-motors",),
        low=1,
        high=100,
        step=5000,
        printed="{n} units a year",
        what="permanent magnet motors",
    ),
}
_WHATS: Final = tuple(family.what for family in _FAMILIES.values())
# A company's family follows its number, so that a parent and a subsidiary
# of the same family are easy to pair: numbers equal modulo the cycle's length.
_FAMILY_CYCLE: Final = (
    *("magnets",) * 13,
    *("alloy",) * 3,
    "powder",
    *("oxides",) * 2,
    "motors",
)
# Shipped operators used when no entity is generated, with what they make
# (the families of their shipped facilities, so that totals still add up).
_SHIPPED_OPERATORS: Final = {
    "jl-mag": "magnets",
    "northern-zhaobao": "magnets",
    "northern-magnet": "magnets",
    "ningbo-zhaobao": "magnets",
    "jingzhou-jiuling": "magnets",
    "ningbo-souwest": "magnets",
    "zhejiang-zhongke": "magnets",
    "shanxi-huayang": "magnets",
}
_ZONE: Final = "baotou-hi-tech-zone"

_MARKERS: Final = ("plant", "base", "works", "project")
_ROMAN: Final = ("I", "II", "III", "IV")
_STATUSES: Final = (
    "announced",
    "signed",
    "design",
    "under-construction",
    "trial-production",
    "operating",
)
_EVENT_TITLES: Final = {
    "policy": "{gov} tightens export controls on {element}",
    "trade-talks": "{gov} and {other} hold talks on rare earth supply",
    "corporate": "{name} wins export licences for {element} magnets",
    "market": "{element} prices move as {name} reports orders",
    "production": "{name} starts trial production of {what}",
    "construction": "{name} breaks ground on phase {roman} in {place}",
    "investment": "{name} plans a RMB {amount} million expansion",
    "statement": "{name} says demand for {what} keeps growing",
    "disruption": "{name} halts a line for lack of {element}",
    "founding": "{name} is founded",
}
_ELEMENTS: Final = ("dysprosium", "terbium", "neodymium", "praseodymium", "samarium", "NdFeB")

# Exchange rates: what one unit of each currency is worth in USD, roughly.
_USD_VALUE: Final = {
    "CNY": 0.14,
    "USD": 1.0,
    "EUR": 1.08,
    "JPY": 0.0068,
    "AUD": 0.66,
    "KRW": 0.00074,
    "GBP": 1.27,
    "VND": 0.00004,
}
_RATE_PAIRS: Final = (
    ("CNY", "USD"),
    ("CNY", "USD"),
    ("USD", "CNY"),
    ("CNY", "EUR"),
    ("EUR", "USD"),
    ("USD", "JPY"),
    ("AUD", "USD"),
    ("CNY", "AUD"),
    ("USD", "KRW"),
    ("GBP", "USD"),
    ("USD", "VND"),
)
_PRINTED_CURRENCY: Final = {"CNY": "RMB"}


class _Metric(NamedTuple):
    metric: str
    kind: str
    unit: str
    per: str | None
    product: str | None
    low: float
    high: float
    places: int  # digits kept after the point; -3 rounds to thousands
    printed: str  # with "{n}" for the number


# No metric ends with a word that ends another kind's ids.
_METRICS: Final = (
    _Metric("ndfeb-price", "price", "CNY/kg", None, "ndfeb-block-35h", 250, 900, 0, "RMB {n}/kg"),
    _Metric(
        "pr-nd-oxide-price", "price", "CNY/t", None, "pr-nd-oxide", 3.5e5, 8e5, -3, "RMB {n}/t"
    ),
    _Metric(
        "dy-oxide-price", "price", "USD/kg", None, "dysprosium-oxide", 150, 900, 0, "USD {n}/kg"
    ),
    _Metric("market-share", "share", "%", None, "high-end-rare-earth-magnets", 1, 40, 1, "{n}%"),
    _Metric("magnet-exports", "statistic", "t", None, "rare-earth-magnets", 500, 8000, 0, "{n} t"),
    _Metric("magnet-output", "statistic", "t", "year", "ndfeb-magnets", 1000, 3e5, -3, "{n} tpa"),
    _Metric("rare-earth-output", "statistic", "t REO", "year", None, 1e3, 2.7e5, -3, "{n} t REO"),
    _Metric(
        "capacity", "projection", "t", "year", "sintered-ndfeb-magnets", 1e3, 6e4, -3, "{n} tpa"
    ),
    _Metric("projected-revenue", "projection", "CNY", None, None, 1e7, 5e9, -6, "RMB{n}"),
    _Metric("planned-capex", "financial", "USD", None, None, 5e6, 9e8, -6, "${n}"),
    _Metric("net-profit", "financial", "CNY", None, None, 1e6, 2e9, -6, "RMB {n}"),
    _Metric("share-price-change", "market-move", "%", None, None, -10, 20, 1, "{n}%"),
    _Metric("employees", "statistic", "people", None, None, 50, 20000, 0, "{n}"),
    _Metric("enterprises", "statistic", "count", None, None, 10, 4000, 0, "{n}"),
)

# English names, written out: `calendar`'s follow the locale.
_MONTH_NAMES: Final = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_DAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_QUALIFIED: Final = (
    ("approximately", ("around {t}", "about {t}", "~{t}", "approximately {t}")),
    ("more-than", ("over {t}", "more than {t}")),
    ("nearly", ("nearly {t}",)),
    ("at-least", ("at least {t}",)),
    ("at-most", ("up to {t}",)),
)


# --- the shipped data ---------------------------------------------------------------------


@functools.cache
def _shipped(collection: str) -> tuple[Record, ...]:
    """The shipped records of ``collection``, read from the installed package's files."""
    text = (resources.files("rareearth") / "data" / f"{collection}.json").read_text("utf-8")
    return tuple(json.loads(text)[collection])


@dataclass
class _Refs:
    """What generated records may refer to: shipped records, then the set's own."""

    sources: tuple[str, ...]
    places: tuple[str, ...]  # shipped places, weighted for sites (cities first)
    chinese_places: tuple[str, ...]  # the same, in China
    place_names: dict[str, str]
    entity_ids: list[str]
    entity_names: list[str]
    entity_kinds: list[str]
    generated_entities: bool
    companies: list[int] = field(default_factory=list)  # positions in entity_ids
    families: dict[int, str] = field(default_factory=dict)  # company position -> family
    ownership: dict[int, str] = field(default_factory=dict)
    facilities: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)


def _shipped_refs() -> _Refs:
    places = _shipped("places")
    weights = {"city": 3, "region": 2, "country": 1}
    sites = tuple(p["id"] for p in places for _ in range(weights.get(p["kind"], 0)))
    country = {p["id"]: p.get("country") for p in places}
    entities = _shipped("entities")
    refs = _Refs(
        sources=tuple(s["id"] for s in _shipped("sources")),
        places=sites,
        chinese_places=tuple(p for p in sites if country[p] == "CN"),
        place_names={p["id"]: p["name"] for p in places},
        entity_ids=[e["id"] for e in entities],
        entity_names=[e["name"] for e in entities],
        entity_kinds=[e["kind"] for e in entities],
        generated_entities=False,
    )
    position = {entity_id: i for i, entity_id in enumerate(refs.entity_ids)}
    for entity_id, family in _SHIPPED_OPERATORS.items():
        if entity_id in position:
            refs.companies.append(position[entity_id])
            refs.families[position[entity_id]] = family
    facilities = _shipped("facilities")
    refs.facilities = [f["id"] for f in facilities]
    refs.phases = [p["id"] for f in facilities for p in f["phases"]]
    refs.figures = [f["id"] for f in _shipped("figures")]
    return refs


def _shipped_shares() -> dict[str, float]:
    """The disclosed shares the shipped stakes already give each subject, in percent."""
    used: dict[str, float] = {}
    for r in _shipped("relationships"):
        share = r.get("share")
        if isinstance(share, dict):
            share = share.get("upper") or share["number"]
        if share is not None:
            used[r["subject"]] = used.get(r["subject"], 0.0) + float(share)
    return used


@functools.cache
def _shipped_names() -> dict[str, str]:
    return {e["id"]: e["name"] for e in _shipped("entities")}


def _shipped_symbols() -> frozenset[str]:
    return frozenset(t.split(".")[0] for e in _shipped("entities") for t in e.get("tickers", ()))


# --- small pieces -----------------------------------------------------------------------


# Drawing with `random.random` alone: `Random.choice`, `randint` and `choices`
# cost a microsecond or more a call, and a record takes dozens of draws.


def _below(rng: random.Random, n: int) -> int:
    """An integer from 0 to ``n - 1``."""
    return int(rng.random() * n)


def _int(rng: random.Random, low: int, high: int) -> int:
    """An integer from ``low`` to ``high``, both included."""
    return low + int(rng.random() * (high - low + 1))


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    """One of ``items``; repeat an item to weight it."""
    return items[int(rng.random() * len(items))]


def _few(rng: random.Random, items: Sequence[_T], most: int) -> list[_T]:
    """One to ``most`` different ``items``, in their order."""
    picked = {_below(rng, len(items)) for _ in range(_int(rng, 1, most))}
    return [items[i] for i in sorted(picked)]


@functools.cache
def _corpus() -> str:
    """Words of the industry in random order, from which texts are cut."""
    rng = random.Random("rareearth-synthetic:corpus")  # noqa: S311 - reproducible text, not secrets
    return " ".join(rng.choices(_WORDS, k=50_000))


def _text(rng: random.Random, low: int, high: int) -> str:
    """A sentence of industry words, of ``low`` to ``high`` characters (a word or so fewer)."""
    corpus = _corpus()
    start = corpus.find(" ", _below(rng, len(corpus) - 2 * high)) + 1
    end = corpus.rfind(" ", start, start + _int(rng, low, high))
    text = corpus[start:end] if end > start else corpus[start : start + low]
    return text[0].upper() + text[1:] + "."


def _cites(rng: random.Random, refs: _Refs, lead: str = "") -> list[Record]:
    """One or two citations of shipped sources; the first quote may start with ``lead``."""
    cites = [{"source": _pick(rng, refs.sources), "quote": lead + _text(rng, 50, 150)}]
    if rng.random() < 0.4:
        cites.append({"source": _pick(rng, refs.sources), "quote": _text(rng, 60, 160)})
    return cites


def _thousands(number: float) -> str:
    return f"{number:,.0f}" if number == int(number) else f"{number:,}"


def _value(rng: random.Random, number: float, printed: str, *, bare: float = 0.25) -> Number:
    """A value as fact files write it: a bare number, or an object with a printed form."""
    roll = rng.random()
    if roll < bare:
        return number
    text = printed.format(n=_thousands(number))
    if roll < 0.65:
        return {"number": number, "text": text}
    if roll < 0.9:
        qualifier, forms = _pick(rng, _QUALIFIED)
        return {"number": number, "qualifier": qualifier, "text": _pick(rng, forms).format(t=text)}
    # A quarter above: to the cent for a fraction, a whole number for a whole one.
    upper = round(number + abs(number) / 4, 2) if number % 1 else number + abs(int(number)) // 4
    text = printed.format(n=f"{_thousands(number)}–{_thousands(upper)}")
    return {"number": number, "qualifier": "range", "upper": upper, "text": text}


def _date(rng: random.Random, year: int, month: int, day: int) -> str | Record:  # noqa: C901, PLR0911 - one return per form
    """A date of ``year``, ``month`` and ``day``, in one of the forms the loader reads."""
    name = _MONTH_NAMES[month - 1]
    roll = rng.random()
    if roll < 0.22:
        return f"{year}-{month:02}-{day:02}"
    if roll < 0.36:
        return f"{year}-{month:02}"
    if roll < 0.44:
        return str(year)
    if roll < 0.58:
        return f"{name} {year}"
    if roll < 0.68:
        return f"{name} {day}, {year}"
    if roll < 0.71:
        weekday = _DAY_NAMES[calendar.weekday(year, month, day)]
        return f"{weekday}, {name} {day}, {year}"
    if roll < 0.78:
        part = ("early ", "mid-", "late ")[(month - 1) // 4]
        return f"{part}{year}"
    if roll < 0.83:
        return f"Q{(month + 2) // 3} {year}"
    if roll < 0.86:
        return f"the {'first' if month <= 6 else 'second'} half of {year}"
    if roll < 0.88:
        week = ("first", "second", "third", "fourth")[min(day - 1, 27) // 7]
        return f"the {week} week of {name} {year}"
    if roll < 0.90:
        first = min(day, 27)  # the next day exists in every month
        return f"{name} {first}-{first + 1}, {year}"
    if roll < 0.92:
        return f"between {name} {year} and {_MONTH_NAMES[min(month + 2, 12) - 1]} {year}"
    return _resolved(rng, year, month, day)


def _resolved(rng: random.Random, year: int, month: int, day: int) -> Record:
    """A date the source gives relative to its own, with what it was resolved to."""
    roll = rng.random()
    if roll < 0.4:
        weekday = _DAY_NAMES[calendar.weekday(year, month, day)]
        note = f"The {weekday} of the week the source reports on; its own timeline dates it."
        return {"text": weekday, "means": f"{year}-{month:02}-{day:02}", "note": note}
    if roll < 0.7:
        text = f"{_MONTH_NAMES[month - 1]} {day}"
        note = "The date of the report the source cites; year from the article's date."
        return {"text": text, "means": f"{year}-{month:02}-{day:02}", "note": note}
    if roll < 0.9:
        note = "As of the source's date."
        return {"text": "this week", "means": f"{_MONTH_NAMES[month - 1]} {year}", "note": note}
    return {"text": "recent", "means": str(year)}


def _day(rng: random.Random, first: int, last: int) -> tuple[int, int, int]:
    return _int(rng, first, last), _int(rng, 1, 12), _int(rng, 1, 28)


def _maybe_notes(rng: random.Random, record: Record, chance: float) -> None:
    if rng.random() < chance:
        record["notes"] = _few(rng, _NOTES, 2)


# --- entities ----------------------------------------------------------------------------

_ENTITY_KINDS: Final = (
    *("company",) * 60,
    *("fund",) * 8,
    *("agency",) * 7,
    *("person",) * 6,
    *("publisher",) * 5,
    *("government",) * 4,
    *("programme",) * 4,
    *("industry-body",) * 3,
    *("zone",) * 3,
)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


_PLACE_SLUGS: Final = {name: _slug(name) for name, _ in (*_CN_PLACES, *_FOREIGN_PLACES)}
_CORE_SLUGS: Final = {name: _slug(name) for name, _ in _CORES}


def _company(rng: random.Random, n: int, record: Record, tickers: _Tickers, refs: _Refs) -> str:
    """Fill in a company's names and listing; return its family."""
    family = _FAMILY_CYCLE[n % len(_FAMILY_CYCLE)]
    foreign = rng.random() < 0.15
    place, cn_place = ("", "")
    country = "CN"
    if foreign:
        place, country = _pick(rng, _FOREIGN_PLACES)
    else:
        place, cn_place = _pick(rng, _CN_PLACES)
    core, cn_core = _pick(rng, _CORES)
    name = f"{place} {core} {n}"
    record["id"] = f"{_PLACE_SLUGS[place]}-{_CORE_SLUGS[core]}-{n}"
    record["name"] = name if rng.random() < 0.75 else f"{name} {_pick(rng, _NAME_SUFFIXES)}"
    record["kind"] = "company"
    ownership = _pick(rng, ("private", "private", "state-owned", "mixed"))
    what = _FAMILIES[family].what
    record["summary"] = f"{'Chinese' if not foreign else 'Overseas'} maker of {what}; " + _text(
        rng, 40, 110
    )
    record["cites"] = _cites(rng, refs, f"{name} ")
    if rng.random() < 0.35:
        record["legal_name"] = f"{name} {_pick(rng, _LEGAL_SUFFIXES)}"
    if rng.random() < 0.2:
        initials = "".join(word[0] for word in f"{place} {core}".split())
        record["aliases"] = [f"{initials} {n}", f"{place} {core.split()[0]} {n}"][: _int(rng, 1, 2)]
    if cn_place and rng.random() < 0.08:
        record["other_names"] = [
            {"name": f"{cn_place}{cn_core}{n}有限公司", "note": "Chinese name"}
        ]
    if not foreign and rng.random() < 0.4:
        record["tickers"] = [tickers.next()]
    record["country"] = country
    if rng.random() < 0.5:
        record["ownership"] = ownership
    if rng.random() < 0.3:
        record["founded"] = _int(rng, 1958, 2024)
    return family


class _Tickers:
    """Unique six-digit symbols, scattered over the code space, none a shipped one."""

    def __init__(self) -> None:
        self._k = 0
        self._taken = _shipped_symbols()

    def next(self) -> str:
        while True:
            self._k += 1
            if self._k >= 1_000_000:  # more listings than six digits hold
                return f"{self._k}.SZ"
            code = (self._k * 479_001 + 100_003) % 1_000_000
            symbol = f"{code:06}"
            if symbol not in self._taken:
                exchange = "SZ" if symbol[0] in "0123" else "SH" if symbol[0] in "567" else "BJ"
                return f"{symbol}.{exchange}"


def _other_entity(rng: random.Random, kind: str, n: int, record: Record, refs: _Refs) -> None:
    """Fill in the names of an entity that is not a company."""
    place, _ = _pick(rng, _CN_PLACES)
    name = {
        "fund": f"{place} Rare Earth Industry Fund {n}",
        "agency": f"{place} Natural Resources Bureau {n}",
        "government": f"{place} Municipal Government {n}",
        "person": f"{_pick(rng, _FAMILY_NAMES)} {_pick(rng, _GIVEN_NAMES)} {n}",
        "publisher": f"{place} Metals Review {n}",
        "industry-body": f"{place} Magnet Industry Association {n}",
        "zone": f"{place} Rare Earth Hi-Tech Zone {n}",
        "programme": f"{place} Magnet Talent Programme {n}",
    }[kind]
    record["id"] = _slug(name)
    record["name"] = name
    record["kind"] = kind
    record["summary"] = f"A {kind.replace('-', ' ')} in {place}: " + _text(rng, 40, 120)
    record["cites"] = _cites(rng, refs, f"{name} ")
    if kind != "person" and rng.random() < 0.2:
        record["aliases"] = [f"{place} {kind.partition('-')[0].title()} {n}"]
    record["country"] = "CN"
    if kind in {"government", "agency"}:
        record["ownership"] = "state"


def _entities(rng: random.Random, total: int, refs: _Refs) -> list[Record]:
    out: list[Record] = []
    ids, names, kinds = [], [], []
    refs.companies, refs.families, refs.ownership = [], {}, {}
    tickers = _Tickers()
    for i in range(total):
        n = i + 1
        # The first is a company, so that there is one to run facilities.
        kind = _pick(rng, _ENTITY_KINDS) if i else "company"
        record: Record = {}
        if kind == "company":
            refs.families[i] = _company(rng, n, record, tickers, refs)
            refs.companies.append(i)
            if "ownership" in record:
                refs.ownership[i] = record["ownership"]
        else:
            _other_entity(rng, kind, n, record, refs)
        if rng.random() < 0.25:
            record["hubs"] = sorted(set(_few(rng, refs.places, 2)))
        _maybe_notes(rng, record, 0.1)
        out.append(record)
        ids.append(record["id"])
        names.append(record["name"])
        kinds.append(kind)
    refs.entity_ids, refs.entity_names, refs.entity_kinds = ids, names, kinds
    refs.generated_entities = True
    return out


# --- facilities ---------------------------------------------------------------------------


def _operators(rng: random.Random, total: int, refs: _Refs) -> list[int]:
    """Operators for ``total`` facilities: one to three in turn, and some companies none.

    Enough companies operate to run two facilities each on average, but never
    more than seven in ten of them: with more facilities, each runs more.
    """
    order = list(refs.companies)
    rng.shuffle(order)
    operating = max(1, min(math.ceil(len(order) * 0.7), math.ceil(total / 2)))
    out: list[int] = []
    cursor = -1
    while len(out) < total:
        cursor += 1
        out.extend([order[cursor % operating]] * _pick(rng, (1, 1, 2, 2, 3)))
    return out[:total]


def _milestones(rng: random.Random, refs: _Refs) -> list[Record]:
    """One or two statuses reached, in order and dated in order; maybe one expected."""
    reached = _pick(rng, (0, 0, 1, 1, 1, 2, 3, 3, 3, 4, 4, 5, 5, 5, 5, 5))
    statuses = sorted({reached, _int(rng, 0, reached)})
    year = _int(rng, 2005, 2025)
    out: list[Record] = []
    for status in statuses:
        milestone: Record = {"status": _STATUSES[status], "cites": _cites(rng, refs)}
        if rng.random() < 0.7:
            milestone["date"] = _date(rng, *_day(rng, year, year))
        out.append(milestone)
        year = min(year + _int(rng, 0, 2), 2026)
    if reached < 5 and rng.random() < 0.3:
        expected = _int(rng, reached + 1, 5)
        date = _date(rng, *_day(rng, max(year, 2026), 2030))
        out.append(
            {
                "status": _STATUSES[expected],
                "cites": _cites(rng, refs),
                "date": date,
                "expected": True,
            }
        )
    return out


def _investment(rng: random.Random) -> Record:
    amount = _int(rng, 5, 300) * 10_000_000
    usd = round(amount * 0.138, -5)
    if amount >= 1_000_000_000:
        lead = f"RMB {amount / 1e9:.2f}".rstrip("0").rstrip(".") + " billion"
    else:
        lead = f"RMB {amount // 1_000_000:,} million"
    text = f"{lead} (USD {usd / 1e6:,.1f} million)".replace(".0 ", " ")
    return {
        "amount": {"amount": amount, "currency": "CNY"},
        "text": text,
        "reported": [{"amount": int(usd), "currency": "USD"}],
    }


def _phase(rng: random.Random, facility_id: str, k: int, family: _Family, refs: _Refs) -> Record:
    name = f"Phase {_ROMAN[k]}" if rng.random() < 0.7 else f"Line {k + 1}"
    phase: Record = {
        "id": f"{facility_id}-phase-{k + 1}",
        "name": name,
        "summary": f"{name}: " + _text(rng, 50, 140),
        "cites": _cites(rng, refs),
        "milestones": _milestones(rng, refs),
    }
    if k == 0 or rng.random() < 0.75:
        number = _int(rng, family.low, family.high) * family.step
        phase["capacity"] = {
            "value": _value(rng, number, family.printed, bare=0.15),
            "unit": family.unit,
            "per": family.per,
            "product": _pick(rng, family.products),
        }
    if rng.random() < 0.4:
        phase["investment"] = _investment(rng)
    if rng.random() < 0.2:
        hectares = _int(rng, 100, 5000) / 100
        phase["site_area"] = {
            "value": {"number": hectares, "text": f"{hectares}-hectare"},
            "unit": "ha",
        }
    _maybe_notes(rng, phase, 0.3)
    return phase


def _facilities(rng: random.Random, total: int, refs: _Refs) -> list[Record]:
    out: list[Record] = []
    for m, operator in enumerate(_operators(rng, total, refs), start=1):
        family = _FAMILIES[refs.families[operator]]
        place = _pick(rng, refs.chinese_places if rng.random() < 0.85 else refs.places)
        place_name = refs.place_names[place]
        marker = _pick(rng, _MARKERS)
        facility_id = f"{place}-{family.products[0].split('-')[-1]}-{marker}-{m}"
        operator_name = refs.entity_names[operator].removesuffix(" Co.").removesuffix(" Group")
        record: Record = {
            "id": facility_id,
            "name": f"{operator_name} {place_name} {marker}",
            "operator": refs.entity_ids[operator],
            "place": place,
        }
        if place == "baotou" and rng.random() < 0.6:
            record["zone"] = _ZONE
        record["summary"] = f"{operator_name}'s {family.what} {marker} in {place_name}: " + _text(
            rng, 30, 80
        )
        record["cites"] = _cites(rng, refs, f"{operator_name} ")
        record["phases"] = [
            _phase(rng, facility_id, k, family, refs)
            for k in range(_pick(rng, (1, 1, 1, 1, 1, 1, 2, 2, 2, 3)))
        ]
        if out and rng.random() < 0.03:
            record["possibly_same_as"] = [_pick(rng, out)["id"]]
        _maybe_notes(rng, record, 0.3)
        out.append(record)
    refs.facilities = [f["id"] for f in out]
    refs.phases = [p["id"] for f in out for p in f["phases"]]
    return out


# --- relationships ----------------------------------------------------------------------

_RELATION_KINDS: Final = (
    *("stake",) * 45,
    *("subsidiary",) * 10,
    *("joint-venture",) * 10,
    *("customer",) * 20,
    *("partner",) * 10,
    *("landlord",) * 5,
)


@dataclass
class _Owners:
    """Picks owners so that ownership is shallow: no chain of named owners over three deep.

    Generated entities fall in three tiers by position: the first twentieth,
    the next fifth, the rest. Owners are always in a higher tier than what
    they own, so chains stay short and acyclic (`Dataset.state_links` follows
    every chain); the top tier, and shipped entities, are held by unnamed
    holders only. Disclosed shares of a subject never add up to over 100%,
    counting the shipped stakes.
    """

    refs: _Refs
    used: dict[str, float]
    top: int = 0
    middle: int = 0

    def __post_init__(self) -> None:
        size = len(self.refs.entity_ids)
        self.top = max(1, size // 20)
        self.middle = max(self.top, size // 4)

    def limit(self, subject: int) -> int:
        """How many entities, from the first, may own ``subject``."""
        if not self.refs.generated_entities:
            return 0
        return 0 if subject < self.top else self.top if subject < self.middle else self.middle

    def share(self, rng: random.Random, subject: str, low: float, high: float) -> Number | None:
        """A share of ``subject`` that fits in what is left of it, or None if undisclosed."""
        left = 100 - self.used.get(subject, 0.0)
        if rng.random() < 0.35 or left < low:
            return None
        number = round(rng.uniform(low, min(high, left)), 1)
        self.used[subject] = self.used.get(subject, 0.0) + number
        if rng.random() < 0.4:
            return number
        if rng.random() < 0.5:
            return {"number": number, "text": f"{number}%"}
        return {"number": number, "qualifier": "approximately", "text": f"around {number}%"}


def _stake(rng: random.Random, record: Record, subject: int, owners: _Owners) -> None:
    refs = owners.refs
    limit = owners.limit(subject)
    party = _below(rng, limit) if limit and rng.random() < 0.75 else None
    holder = None if party is None else _HOLDER_TYPES.get(refs.entity_kinds[party])
    if party is not None and refs.entity_kinds[party] == "company":
        owned = refs.ownership.get(party, "private")
        holder = "state-owned-enterprise" if owned in {"state-owned", "state"} else "private"
    subject_name = refs.entity_names[subject]
    if party is None or holder is None:
        holder, label = _pick(rng, _UNNAMED_HOLDERS)
        record["party_label"] = label
        holder_name = label[0].upper() + label[1:]
    else:
        record["party"] = refs.entity_ids[party]
        holder_name = refs.entity_names[party]
    share = owners.share(rng, refs.entity_ids[subject], 0.5, 30)
    if share is not None:
        record["share"] = share
    record["holder_type"] = holder
    shown = "a stake" if share is None else "a share"
    record["summary"] = f"{holder_name} holds {shown} in {subject_name}. " + _text(rng, 15, 60)


def _owned_by_company(rng: random.Random, record: Record, subject: int, owners: _Owners) -> bool:
    """A subsidiary or joint venture of a company of the same family; False if none fits."""
    refs = owners.refs
    limit = owners.limit(subject)
    cycle = len(_FAMILY_CYCLE)
    if subject not in refs.families or limit <= subject % cycle:
        return False
    party = _below(rng, (limit - subject % cycle + cycle - 1) // cycle) * cycle + subject % cycle
    if party not in refs.families:
        return False
    record["party"] = refs.entity_ids[party]
    parent, child = refs.entity_names[party], refs.entity_names[subject]
    if record["kind"] == "subsidiary":
        share = owners.share(rng, refs.entity_ids[subject], 51, 100)
        record["summary"] = f"{child} is a subsidiary of {parent}. " + _text(rng, 15, 60)
    else:
        share = owners.share(rng, refs.entity_ids[subject], 10, 60)
        record["summary"] = f"{parent} is a partner in the joint venture {child}. " + _text(
            rng, 15, 60
        )
    if share is not None:
        record["share"] = share
    owned = refs.ownership.get(party, "private")
    record["holder_type"] = "state-owned-enterprise" if owned == "state-owned" else "private"
    return True


def _dealing(rng: random.Random, record: Record, subject: int, refs: _Refs) -> None:
    """A customer, partner or landlord: a party that is not an owner."""
    kind = record["kind"]
    if len(refs.entity_ids) < 2 or (kind == "customer" and rng.random() < 0.3):
        party_id = _pick(rng, _SHIPPED_BUYERS)
        party_name = _shipped_names()[party_id]
    else:
        party = _below(rng, len(refs.entity_ids) - 1)
        party += party >= subject  # anyone but the subject itself
        party_id, party_name = refs.entity_ids[party], refs.entity_names[party]
    record["party"] = party_id
    subject_name = refs.entity_names[subject]
    record["summary"] = {
        "customer": f"{subject_name} supplies {party_name}.",
        "partner": f"{party_name} works with {subject_name} on a project.",
        "landlord": f"{party_name} lets premises to {subject_name}.",
    }[kind] + f" {_text(rng, 15, 60)}"


def _relationships(rng: random.Random, total: int, refs: _Refs) -> list[Record]:
    used = {} if refs.generated_entities else _shipped_shares()
    owners = _Owners(refs, used)
    subjects = refs.companies
    out: list[Record] = []
    for m in range(1, total + 1):
        subject = _pick(rng, subjects)
        kind = _pick(rng, _RELATION_KINDS)
        record: Record = {"kind": kind, "subject": refs.entity_ids[subject]}
        if kind in {"subsidiary", "joint-venture"}:
            if not _owned_by_company(rng, record, subject, owners):
                record["kind"] = kind = "stake"
                _stake(rng, record, subject, owners)
        elif kind == "stake":
            _stake(rng, record, subject, owners)
        else:
            _dealing(rng, record, subject, refs)
        record["cites"] = _cites(rng, refs)
        _maybe_notes(rng, record, 0.25)
        out.append({"id": f"{refs.entity_ids[subject]}-{kind}-{m}", **record})
    return out


# --- events, figures, rates ---------------------------------------------------------------


def _event_year(rng: random.Random) -> int:
    # Most events are recent; some go back to 2000 or forward to 2030.
    return _int(rng, 2018, 2027) if rng.random() < 0.6 else _int(rng, 2000, 2030)


def _events(rng: random.Random, total: int, refs: _Refs) -> list[Record]:
    out: list[Record] = []
    kinds = tuple(_EVENT_TITLES)
    size = len(refs.entity_ids)
    for m in range(1, total + 1):
        kind = _pick(rng, kinds)
        year, month, day = _event_year(rng), _int(rng, 1, 12), _int(rng, 1, 28)
        involved = sorted(
            {_below(rng, size) for _ in range(_pick(rng, (1, 1, 1, 1, 1, 2, 2, 2, 3, 3)))}
        )
        first = refs.entity_names[involved[0]]
        place = _pick(rng, refs.places)
        title = _EVENT_TITLES[kind].format(
            name=first,
            gov=_pick(rng, ("China", "The United States", "The EU", "Japan")),
            other=_pick(rng, ("Washington", "Brussels", "Tokyo")),
            element=_pick(rng, _ELEMENTS),
            what=_pick(rng, _WHATS),
            roman=_pick(rng, _ROMAN),
            place=refs.place_names[place],
            amount=_int(rng, 1, 99) * 50,
        )
        record: Record = {
            "id": f"{refs.entity_ids[involved[0]]}-{kind}-{m}",
            "date": _date(rng, year, month, day),
            "title": title,
            "kind": kind,
            "cites": _cites(rng, refs),
            "entities": [refs.entity_ids[i] for i in involved],
        }
        if rng.random() < 0.66:
            record["places"] = sorted(set(_few(rng, refs.places, 2)))
        if rng.random() < 0.7:
            record["tags"] = _few(rng, _TAGS, 2)
        if year >= 2027 or rng.random() < 0.03:
            record["expected"] = True
        out.append(record)
    return out


def _figure_number(rng: random.Random, metric: _Metric) -> float:
    number = round(rng.uniform(metric.low, metric.high), metric.places)
    return number if metric.places > 0 else int(number)


def _figures(rng: random.Random, total: int, refs: _Refs) -> list[Record]:
    out: list[Record] = []
    places = tuple(refs.place_names)
    for m in range(1, total + 1):
        metric = _pick(rng, _METRICS)
        number = _figure_number(rng, metric)
        subject = _figure_subject(rng, refs)
        geography = _pick(rng, places) if rng.random() < 0.7 else None
        base = refs.entity_ids[subject] if subject is not None else geography or "world"
        who = refs.entity_names[subject] if subject is not None else "The market"
        printed = metric.printed.format(n=_thousands(number))
        record: Record = {
            "id": f"{base}-{metric.metric}-{m}",
            "metric": metric.metric,
            "kind": metric.kind,
            "value": _value(rng, number, metric.printed),
            "unit": metric.unit,
            "summary": f"{who}: {metric.metric.replace('-', ' ')} of {printed}. "
            + _text(rng, 20, 90),
            "cites": _cites(rng, refs),
        }
        if metric.per is not None:
            record["per"] = metric.per
        if metric.product is not None:
            record["product"] = metric.product
        _figure_links(rng, record, subject, geography, refs)
        if rng.random() < 0.7:
            record["period"] = _date(rng, *_day(rng, 2005, 2030))
        if metric.unit == "CNY/kg" and rng.random() < 0.4:
            usd = round(number * 0.138)
            approx = {"number": usd, "qualifier": "approximately", "text": f"~USD {usd} /kg"}
            record["equivalents"] = [{"value": approx, "unit": "USD/kg"}]
        _maybe_notes(rng, record, 0.3)
        out.append(record)
    refs.figures = [f["id"] for f in out]
    return out


def _figure_subject(rng: random.Random, refs: _Refs) -> int | None:
    """Whom a figure is about: mostly a company, now and then another entity, or none."""
    roll = rng.random()
    if roll < 0.65:
        return _pick(rng, refs.companies)
    return _below(rng, len(refs.entity_ids)) if roll < 0.75 else None


def _figure_links(
    rng: random.Random, record: Record, subject: int | None, geography: str | None, refs: _Refs
) -> None:
    """What a figure is about: an entity (maybe its own claim), a facility, a place."""
    if subject is not None:
        record["subject"] = refs.entity_ids[subject]
        if rng.random() < 0.3:
            record["claimed_by"] = [refs.entity_ids[subject]]
    if record["metric"] == "capacity" and refs.facilities and rng.random() < 0.7:
        record["facility"] = _pick(rng, refs.facilities)
    if geography is not None:
        record["geography"] = geography


def _rates(rng: random.Random, total: int, refs: _Refs) -> list[Record]:
    out: list[Record] = []
    inputs = refs.phases or refs.figures
    for m in range(1, total + 1):
        base, quote = _pick(rng, _RATE_PAIRS)
        exact = _USD_VALUE[base] / _USD_VALUE[quote] * rng.uniform(0.9, 1.1)
        rate = float(f"{exact:.6g}")
        amount = _int(rng, 1, 2000)
        shown_base = _PRINTED_CURRENCY.get(base, base)
        shown_quote = _PRINTED_CURRENCY.get(quote, quote)
        rule = f"{shown_quote} {amount * rate:,.2f} million / {shown_base} {amount:,} million"
        derived: Record = {"rule": rule}
        if inputs and rng.random() < 0.8:
            derived["inputs"] = [_pick(rng, inputs)]
        record: Record = {
            "id": f"{base.lower()}-{quote.lower()}-rate-{m}",
            "base": base,
            "quote": quote,
            "rate": rate,
        }
        if rng.random() < 0.9:
            record["date"] = _date(rng, *_day(rng, 2000, 2026))
        record["derived"] = derived
        printed = f"{shown_base} {amount:,} million ({shown_quote} {amount * rate:,.1f} million)"
        record["cites"] = _cites(rng, refs, f"{printed}: ")
        _maybe_notes(rng, record, 0.5)
        out.append(record)
    return out


_MAKERS: Final = {
    "entities": _entities,
    "facilities": _facilities,
    "relationships": _relationships,
    "events": _events,
    "figures": _figures,
    "rates": _rates,
}


# --- the API ----------------------------------------------------------------------------


def generate(
    *,
    seed: int = 0,
    entities: int = 0,
    facilities: int = 0,
    relationships: int = 0,
    events: int = 0,
    figures: int = 0,
    rates: int = 0,
) -> dict[str, list[dict[str, Any]]]:
    """Draw exactly that many top-level records of each kind.

    Collections of 0 records are left out. What the records need besides
    are shipped records, so nothing else is added: sources and places always,
    entities when none are generated (facilities are then run by shipped
    magnet makers), facilities and phases when none are generated.

    Args:
        seed: The seed; the same seed and counts give the same records.
        entities: Companies (about 60%), funds, agencies, people and others.
        facilities: Plants of one to three phases, run by generated companies.
        relationships: Stakes, subsidiaries and joint ventures, customers,
            partners and landlords between generated entities.
        events: Dated events from 2000 to 2030.
        figures: Prices, shares, statistics, projections and financials.
        rates: Exchange rates between a few currency pairs.

    Returns:
        Each non-empty collection's records, as a fact file holds them.

    Raises:
        ValueError: A count is negative.
    """
    counts = dict(
        zip(KINDS, (entities, facilities, relationships, events, figures, rates), strict=True)
    )
    negative = [kind for kind, n in counts.items() if n < 0]
    if negative:
        raise ValueError(f"counts must not be negative: {', '.join(negative)}")
    refs = _shipped_refs()
    out: Data = {}
    with _collector_paused():
        for kind in KINDS:
            if counts[kind]:
                rng = random.Random(f"rareearth-synthetic:{seed}:{kind}")  # noqa: S311 - reproducible data, not secrets
                out[kind] = _MAKERS[kind](rng, counts[kind], refs)
    return out


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector, if on, and turn it back on after.

    The records hold no cycles, so it has nothing to find; but it would
    traverse the growing heap of dicts and lists again and again, a third of
    the time of a large draw.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _split(records: int) -> dict[str, int]:
    """How `mixed` splits ``records`` among the kinds (see `_PROPORTIONS`).

    >>> _split(100)
    {'entities': 30, 'facilities': 10, 'relationships': 20, 'events': 20, 'figures': 15, 'rates': 5}
    """
    counts = {kind: records * _PROPORTIONS[kind] // 100 for kind in KINDS[1:]}
    return {"entities": records - sum(counts.values()), **counts}


def mixed(records: int, *, seed: int = 0) -> dict[str, list[dict[str, Any]]]:
    """Draw ``records`` top-level records in all, split among the kinds by `_PROPORTIONS`.

    Facilities take 10%, relationships 20%, events 20%, figures 15% and
    rates 5%, each rounded down; entities take the rest (30% and what
    rounding leaves), so the total is exactly ``records``.

    Args:
        records: How many records in all.
        seed: The seed.

    Returns:
        The records by collection, as `generate` gives them.

    Raises:
        ValueError: ``records`` is negative.
    """
    if records < 0:
        raise ValueError(f"records must not be negative, got {records}")
    return generate(seed=seed, **_split(records))


def count(data: Mapping[str, Sequence[object]]) -> int:
    """The number of top-level records in ``data`` (phases are not counted)."""
    return sum(len(records) for records in data.values())


def _encode(obj: object, out: list[str], pad: str) -> None:
    """Append ``obj`` as JSON, laid out as ``json.dumps(indent=2)`` lays it out.

    Strings, the most common values, are written in place, not by a call.
    """
    if isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        inner = pad + "  "
        sep = "{" + inner
        for key, value in obj.items():
            if type(value) is str:
                out.append(f"{sep}{encode_basestring(key)}: {encode_basestring(value)}")
            else:
                out.append(f"{sep}{encode_basestring(key)}: ")
                _encode(value, out, inner)
            sep = "," + inner
        out.append(pad + "}")
    elif isinstance(obj, list | tuple):
        if not obj:
            out.append("[]")
            return
        inner = pad + "  "
        sep = "[" + inner
        for value in obj:
            if type(value) is str:
                out.append(sep + encode_basestring(value))
            else:
                out.append(sep)
                _encode(value, out, inner)
            sep = "," + inner
        out.append(pad + "]")
    else:
        out.append(_scalar(obj))


def _scalar(obj: object) -> str:
    """A JSON scalar as `json` writes it."""
    if obj is None or isinstance(obj, bool):
        return "null" if obj is None else "true" if obj else "false"
    if isinstance(obj, str):
        return encode_basestring(obj)
    if isinstance(obj, int):
        return int.__repr__(obj)
    if isinstance(obj, float) and math.isfinite(obj):
        return float.__repr__(obj)
    raise TypeError(f"cannot write {obj!r} as JSON")


def _dumps(collection: str, records: Sequence[Mapping[str, Any]]) -> str:
    """One fact file's text: ``json.dumps({collection: records}, indent=2, ensure_ascii=False)``.

    With a newline at the end, as the library's own dump writes. The text is
    built by an encoder of its own, three times as fast as the standard one
    with an indent, and identical to it.

    >>> print(_dumps("rates", [{"id": "a", "rate": 0.5, "notes": []}]))
    {
      "rates": [
        {
          "id": "a",
          "rate": 0.5,
          "notes": []
        }
      ]
    }
    <BLANKLINE>
    """
    out: list[str] = []
    _encode({collection: list(records)}, out, "\n")
    out.append("\n")
    return "".join(out)


def write(
    data: Mapping[str, Sequence[Mapping[str, Any]]], folder: str | os.PathLike[str]
) -> list[Path]:
    """Write one file per non-empty collection, ``<collection>.json``, into ``folder``.

    Each holds ``{"<collection>": [...]}``, indented by two spaces, in UTF-8
    with non-ASCII characters as they are, and a newline at the end: the
    library's own dump's layout. The folder is made if missing.

    Returns:
        The files written: `KINDS` order first, then any other collections
        by name.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    order = [*(k for k in KINDS if k in data), *sorted(k for k in data if k not in KINDS)]
    written = []
    for collection in order:
        if data[collection]:
            path = target / f"{collection}.json"
            path.write_bytes(_dumps(collection, data[collection]).encode("utf-8"))
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write synthetic fact files: ``python benchmarks/synthetic.py OUT_DIR [options]``.

    ``--records N`` splits N records as `mixed` does (1,000 unless counts are
    given); ``--entities N``, ``--facilities N`` and the like give each
    kind's count instead. Prints each file written with its record count.
    Wrong arguments exit with status 2, as `argparse` does.

    Returns:
        The exit status: 0.
    """
    parser = argparse.ArgumentParser(
        prog="synthetic.py", description="Write seeded synthetic fact files for the benchmarks."
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the files into")
    parser.add_argument(
        "--records", type=int, metavar="N", help="records in all, split as mixed() does"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    for kind in KINDS:
        parser.add_argument(f"--{kind}", type=int, default=0, metavar="N", help=f"{kind} to draw")
    args = parser.parse_args(argv)
    counts = {kind: getattr(args, kind) for kind in KINDS}
    if args.records is not None and any(counts.values()):
        parser.error("give --records or counts per kind, not both")
    if any(n < 0 for n in (*counts.values(), args.records or 0)):
        parser.error("counts must not be negative")
    if any(counts.values()):
        data = generate(seed=args.seed, **counts)
    else:
        data = mixed(1000 if args.records is None else args.records, seed=args.seed)
    for path in write(data, args.out_dir):
        sys.stdout.write(f"{path}: {len(data[path.stem]):,} {path.stem}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
