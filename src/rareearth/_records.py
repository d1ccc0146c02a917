"""The records of the fact base: frozen, slotted, typed, each citing its source."""

from __future__ import annotations

import builtins
import datetime as dt
import enum
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, ClassVar, Final

import attrs

from rareearth._codes import iso_3166
from rareearth._dates import FuzzyDate
from rareearth._money import Money, MoneyValue, normalize_currency
from rareearth._tables import (
    Card,
    Getter,
    Layout,
    category,
    col,
    date_columns,
    joined,
    register_layout,
    short_source,
    show,
    sources,
    value_columns,
)
from rareearth._text import has_visible, normalize_key
from rareearth._values import (
    MAX_PLACES,
    Period,
    Quantity,
    Value,
    as_decimal,
    as_ratio,
    exact,
    is_money_unit,
    share_label,
    unit_field,
    unit_label,
)

__all__ = [
    "COLLECTIONS",
    "CapacityPart",
    "Citation",
    "Claim",
    "Collection",
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
    "HolderType",
    "Investment",
    "Milestone",
    "OtherName",
    "OwnershipType",
    "Phase",
    "Place",
    "PlaceKind",
    "RelationKind",
    "Relationship",
    "Source",
    "Status",
    "Ticker",
    "walk",
]

#: Field metadata naming the collection whose ids a field refers to ("*": any).
REF = "rareearth_ref"


def _ref(collection: str) -> dict[str, str]:
    return {REF: collection}


_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_MAX_QUOTE = 800


# Every check below names the field it is about first ("country: ..."), and an
# item by its index ("aliases[2]: ..."): the loader moves that name into the
# problem's JSON path, so that a problem points at the field, not the record.


def _id_problem(field: str, value: str) -> str | None:
    if _ID.fullmatch(value):
        return None
    return (
        f"{field}: {value!r} is not an id: use lower-case letters, "
        "digits and single dashes, such as 'jl-mag'"
    )


def _check_id(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    problem = _id_problem(attribute.name, value)
    if problem is not None:
        raise ValueError(problem)


def _check_ids(_: object, attribute: attrs.Attribute[Any], values: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        problem = _id_problem(f"{attribute.name}[{i}]", value)
        if problem is not None:
            raise ValueError(problem)
        if value in seen:
            raise ValueError(f"{attribute.name}[{i}]: {value!r} is listed twice")
        seen.add(value)


def _blank(field: str, value: str) -> str | None:
    if has_visible(value):
        return None
    if not value.strip():
        return f"{field}: must not be blank"
    return (
        f"{field}: {value!r} shows nothing: only spaces, zero-width characters or direction marks"
    )


def _not_blank(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    problem = None if value is None else _blank(attribute.name, value)
    if problem is not None:
        raise ValueError(problem)


def _name_problem(field: str, value: str) -> str | None:
    """A name must show, and fold to a key it can be looked up by ("-" folds to nothing)."""
    problem = _blank(field, value)
    if problem is None and not normalize_key(value):
        problem = f"{field}: {value!r} has no letter or digit to look it up by"
    return problem


def _name(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    problem = None if value is None else _name_problem(attribute.name, value)
    if problem is not None:
        raise ValueError(problem)


def _names(_: object, attribute: attrs.Attribute[Any], values: tuple[str, ...]) -> None:
    for i, value in enumerate(values):
        problem = _name_problem(f"{attribute.name}[{i}]", value)
        if problem is not None:
            raise ValueError(problem)


def _cited(_: object, attribute: attrs.Attribute[Any], value: tuple[Citation, ...]) -> None:
    if not value:
        raise ValueError(f"{attribute.name}: every fact needs at least one citation")


def _country(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value not in iso_3166():
        msg = f"{attribute.name}: {value!r} is not an ISO 3166 alpha-2 country code, such as 'CN'"
        raise ValueError(msg)


@attrs.frozen
class Citation:
    """Where a fact comes from: a source and a short verbatim quote.

    Attributes:
        source: The id of the source document.
        quote: A short passage of the source that supports the fact, in
            clean Unicode (damaged punctuation in the source is repaired).
    """

    source: str = attrs.field(validator=_check_id, metadata=_ref("sources"))
    quote: str = attrs.field(validator=_not_blank)

    def __attrs_post_init__(self) -> None:
        if len(self.quote) > _MAX_QUOTE:
            msg = f"quote: {len(self.quote)} characters; keep it to {_MAX_QUOTE}"
            raise ValueError(msg)


@attrs.frozen
class Derivation:
    """How a derived value follows from what the sources state.

    Attributes:
        rule: The rule, in words and arithmetic ("40,000 - 20,000").
        inputs: Ids of the records the rule starts from, if any.
    """

    rule: str = attrs.field(validator=_not_blank)
    inputs: tuple[str, ...] = attrs.field(default=(), validator=_check_ids, metadata=_ref("*"))


@attrs.frozen(repr=False)
class Source(Card):
    """A source document of the fact base.

    Attributes:
        id: The document's id (its file name).
        title: The title or first line.
        about: One sentence on what it covers.
        publisher: Id of the entity that published it; ``None`` for a
            user's own notes or an unknown publisher.
        published: When, as far as the text tells; ``None`` if it does not.
        reports_from: Ids of the entities it reports from (Asian Metal, USGS).
        author: The byline, when one is given.
        notes: What a reader should know (damaged text, slips).
    """

    _brief: ClassVar[tuple[str, ...]] = ("publisher", "published")

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_not_blank)
    about: str = attrs.field(validator=_not_blank)
    publisher: str | None = attrs.field(default=None, metadata=_ref("entities"))
    published: FuzzyDate | None = None
    reports_from: tuple[str, ...] = attrs.field(
        default=(), validator=_check_ids, metadata=_ref("entities")
    )
    author: str | None = None
    notes: tuple[str, ...] = ()


class Exchange(enum.StrEnum):
    """Stock exchanges, by the suffix their tickers carry."""

    SZ = "SZ"  # Shenzhen Stock Exchange
    SH = "SH"  # Shanghai Stock Exchange
    BJ = "BJ"  # Beijing Stock Exchange

    @property
    def full_name(self) -> str:
        """The exchange's name."""
        return _EXCHANGE_NAMES[self]


_EXCHANGE_NAMES = {
    Exchange.SZ: "Shenzhen Stock Exchange",
    Exchange.SH: "Shanghai Stock Exchange",
    Exchange.BJ: "Beijing Stock Exchange",
}


@attrs.frozen
class Ticker:
    """A listing: a symbol on an exchange; written "300748.SZ".

    Attributes:
        symbol: The symbol ("300748").
        exchange: The exchange.
    """

    symbol: str = attrs.field(validator=attrs.validators.matches_re(r"[0-9A-Z]+"))
    exchange: Exchange

    @classmethod
    def parse(cls, text: str) -> Ticker:
        """Read "300748.SZ".

        >>> Ticker.parse("600111.SH").exchange.full_name
        'Shanghai Stock Exchange'
        """
        symbol, dot, suffix = text.rpartition(".")
        if not dot:
            raise ValueError(f"ticker {text!r} needs an exchange suffix, as in '300748.SZ'")
        try:
            exchange = Exchange(suffix)
        except ValueError:
            known = ", ".join(e.value for e in Exchange)
            msg = f"ticker {text!r}: unknown exchange {suffix!r} (known: {known})"
            raise ValueError(msg) from None
        return cls(symbol, exchange)

    def __str__(self) -> str:
        return f"{self.symbol}.{self.exchange.value}"


class EntityKind(enum.StrEnum):
    """What an entity is."""

    COMPANY = "company"
    GOVERNMENT = "government"
    AGENCY = "agency"
    INDUSTRY_BODY = "industry-body"
    ZONE = "zone"
    FUND = "fund"
    PERSON = "person"
    PUBLISHER = "publisher"
    PROGRAMME = "programme"


class OwnershipType(enum.StrEnum):
    """Who owns an entity, broadly."""

    STATE = "state"  # a government or its agency
    STATE_OWNED = "state-owned"
    MIXED = "mixed"  # private, with significant state-linked holders
    PRIVATE = "private"


@attrs.frozen
class OtherName:
    """A name in another language or form, or a former name.

    Attributes:
        name: The name.
        note: What kind of name it is ("English rendering").
    """

    name: str = attrs.field(validator=_name)
    note: str | None = None


@attrs.frozen(repr=False)
class Entity(Card):
    """A company, government, agency, industry body, zone, fund or person.

    Attributes:
        id: Stable id ("jl-mag").
        name: The usual name.
        kind: What it is.
        summary: One sentence on who it is.
        cites: Citations for the facts on this record.
        legal_name: The full registered name, when a source gives it.
        aliases: Other names the sources use.
        other_names: Names in other forms or languages.
        tickers: Its listings.
        country: ISO 3166 alpha-2 code, when the sources say.
        ownership: Broad ownership, when the sources say.
        founded: Year founded, when the sources say.
        hubs: Ids of the places it has its core operations in.
        notes: What a reader should know.
    """

    _brief: ClassVar[tuple[str, ...]] = ("name", "kind")

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_name)
    kind: EntityKind
    summary: str = attrs.field(validator=_not_blank)
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    legal_name: str | None = attrs.field(default=None, validator=_name)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_names)
    other_names: tuple[OtherName, ...] = ()
    tickers: tuple[Ticker, ...] = ()
    country: str | None = attrs.field(default=None, validator=_country)
    ownership: OwnershipType | None = None
    founded: int | None = attrs.field(default=None)
    hubs: tuple[str, ...] = attrs.field(default=(), validator=_check_ids, metadata=_ref("places"))
    notes: tuple[str, ...] = ()

    @founded.validator
    def _check_founded(self, _: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and not 1600 <= value <= 2200:
            raise ValueError(f"founded: {value} is not a plausible year")

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entity goes by, the usual one first."""
        legal = (self.legal_name,) if self.legal_name else ()
        return (self.name, *legal, *self.aliases, *(o.name for o in self.other_names))


class PlaceKind(enum.StrEnum):
    """What a place is."""

    AREA = "area"  # a part of the world: "Europe", "Southeast Asia"
    COUNTRY = "country"
    REGION = "region"  # a province or autonomous region
    CITY = "city"


@attrs.frozen(repr=False)
class Place(Card):
    """A place facilities and events are in.

    Attributes:
        id: Stable id ("baotou").
        name: Its name.
        kind: What it is.
        cites: Citations naming it.
        parent: The id of the place it lies in.
        country: ISO 3166 alpha-2 code of its country, if in one.
        aliases: Other names.
    """

    _brief: ClassVar[tuple[str, ...]] = ("name", "kind")

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_name)
    kind: PlaceKind
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    parent: str | None = attrs.field(default=None, metadata=_ref("places"))
    country: str | None = attrs.field(default=None, validator=_country)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_names)


class Status(enum.StrEnum):
    """How far a facility phase has come, in order."""

    ANNOUNCED = "announced"
    SIGNED = "signed"
    DESIGN = "design"  # design and procurement
    UNDER_CONSTRUCTION = "under-construction"
    TRIAL_PRODUCTION = "trial-production"
    OPERATING = "operating"

    @property
    def rank(self) -> int:
        """Position in the order above, from 0."""
        return _STATUS_RANKS[self]


_STATUS_RANKS = {s: i for i, s in enumerate(Status)}


def _check_order(milestones: tuple[Milestone, ...]) -> None:
    """Refuse a status dated certainly before an earlier status (operating 2020, announced 2025).

    Linear in the milestones: each is compared with the one, among the
    statuses before its own, whose date starts last.
    """
    by_rank: dict[int, list[int]] = {}
    for i, m in enumerate(milestones):
        if m.date is not None:
            by_rank.setdefault(m.status.rank, []).append(i)

    def start(i: int) -> dt.date:
        return _date_of(milestones[i]).earliest

    def end(i: int) -> dt.date:
        return _date_of(milestones[i]).latest

    before: int | None = None  # the milestone of an earlier status that starts last
    for rank in sorted(by_rank):  # at most one entry per status
        late = [] if before is None else [j for j in by_rank[rank] if end(j) < start(before)]
        if before is not None and late:
            earlier, later = milestones[before], milestones[late[0]]
            msg = (
                f"milestones[{late[0]}].date: {later.status.value} in {later.date} comes "
                f"before {earlier.status.value} in {earlier.date} (milestones[{before}]), "
                "an earlier status"
            )
            raise ValueError(msg)
        top = max(by_rank[rank], key=start)
        if before is None or start(top) > start(before):
            before = top


def _date_of(milestone: Milestone) -> FuzzyDate:
    assert milestone.date is not None  # noqa: S101 - only dated milestones are compared
    return milestone.date


@attrs.frozen
class Milestone:
    """A phase reaching a status, on a date, or expected to.

    Attributes:
        status: The status reached.
        cites: Citations.
        date: When; ``None`` when the source gives no date (then the status
            holds as of the citing source's date).
        expected: Whether this is planned or expected, not yet happened.
    """

    status: Status
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    date: FuzzyDate | None = None
    expected: bool = False


@attrs.frozen
class Investment:
    """An amount invested, with the equivalents the source printed.

    Attributes:
        amount: The amount, in the currency the source leads with.
        text: The amount as printed ("RMB 1.05 billion (USD 146 million)").
        reported: The equivalents printed beside it, as printed (slips
            corrected and noted).
        note: A slip in the printed form, or other remark.
    """

    amount: Money
    text: str = attrs.field(validator=_not_blank)
    reported: tuple[Money, ...] = ()
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.amount.amount < 0:
            raise ValueError(f"amount: an investment cannot be negative, got {self.amount}")
        for i, money in enumerate(self.reported):
            if money.amount < 0:
                raise ValueError(f"reported[{i}]: an investment cannot be negative, got {money}")


@attrs.frozen(repr=False)
class Phase(Card):
    """A phase of a facility: its capacity, status, investment and site.

    Attributes:
        id: Stable id, unique in the data set.
        name: As the source names it ("Phase III").
        summary: One sentence on what it is.
        cites: Citations.
        milestones: Its statuses with their dates, in order.
        capacity: What it adds, when stated.
        investment: What is invested in it, when stated.
        site_area: Its site, when stated.
        derived: How it was derived, for a phase the sources imply but do
            not state.
        notes: What a reader should know.
    """

    _brief: ClassVar[tuple[str, ...]] = ("name", "capacity", "status")

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_not_blank)
    summary: str = attrs.field(validator=_not_blank)
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    milestones: tuple[Milestone, ...] = attrs.field()
    capacity: Quantity | None = None
    investment: Investment | None = None
    site_area: Quantity | None = None
    derived: Derivation | None = None
    notes: tuple[str, ...] = ()

    @milestones.validator
    def _check_milestones(
        self, _: attrs.Attribute[tuple[Milestone, ...]], value: tuple[Milestone, ...]
    ) -> None:
        if not value:
            raise ValueError("milestones: a phase needs at least one status")
        if all(m.expected for m in value):
            raise ValueError("milestones: a phase needs one status it has reached")
        _check_order(value)

    @property
    def status(self) -> Status:
        """The furthest status reached (expected milestones do not count)."""
        return max((m.status for m in self.milestones if not m.expected), key=lambda s: s.rank)


@attrs.frozen(repr=False)
class Facility(Card):
    """A plant, production base or project, in one or more phases.

    Attributes:
        id: Stable id.
        name: Its name.
        operator: Id of the entity that runs it.
        summary: One sentence on what it is.
        cites: Citations.
        phases: Its phases.
        place: Id of the place it is in, when known.
        zone: Id of the industrial zone (an entity) it is in, when known.
        possibly_same_as: Ids of facilities that may be the same project
            under another name; totals flag them as a possible double count.
        notes: What a reader should know.
    """

    _brief: ClassVar[tuple[str, ...]] = ("name", "operator")

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_not_blank)
    operator: str = attrs.field(validator=_check_id, metadata=_ref("entities"))
    summary: str = attrs.field(validator=_not_blank)
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    phases: tuple[Phase, ...] = attrs.field()
    place: str | None = attrs.field(default=None, metadata=_ref("places"))
    zone: str | None = attrs.field(default=None, metadata=_ref("entities"))
    possibly_same_as: tuple[str, ...] = attrs.field(
        default=(), validator=_check_ids, metadata=_ref("facilities")
    )
    notes: tuple[str, ...] = ()

    @phases.validator
    def _check_phases(
        self, _: attrs.Attribute[tuple[Phase, ...]], value: tuple[Phase, ...]
    ) -> None:
        if not value:
            raise ValueError("phases: a facility needs at least one phase")


@attrs.frozen
class CapacityPart:
    """A facility phase with its status at a date: one row of the phases, one part of a total.

    Attributes:
        facility: The facility.
        phase: The phase.
        status: Its status at the date asked for (or now).
    """

    facility: Facility
    phase: Phase
    status: Status

    @property
    def cites(self) -> tuple[Citation, ...]:
        """The phase's citations."""
        return self.phase.cites

    @property
    def value(self) -> Value:
        """The phase's capacity; only phases that state one are parts of a total."""
        assert self.phase.capacity is not None  # noqa: S101 - parts always have one
        return self.phase.capacity.value


class RelationKind(enum.StrEnum):
    """How two entities are related."""

    STAKE = "stake"  # the party holds shares in the subject
    JOINT_VENTURE = "joint-venture"  # the party is a partner in the subject JV
    SUBSIDIARY = "subsidiary"  # the subject is a subsidiary of the party
    CUSTOMER = "customer"  # the party buys from the subject
    PARTNER = "partner"  # the party works with the subject on a project or deal
    LANDLORD = "landlord"  # the party lets premises to the subject
    COMPETITOR = "competitor"  # the party competes with the subject
    PEER = "peer"  # the party is a like company the source compares with the subject


class HolderType(enum.StrEnum):
    """Who holds a stake."""

    STATE = "state"
    STATE_OWNED_ENTERPRISE = "state-owned-enterprise"
    GOVERNMENT_ENTERPRISE = "government-enterprise"
    PRIVATE = "private"
    INDIVIDUALS = "individuals"
    FUND = "fund"

    @property
    def state_linked(self) -> bool:
        """Whether holders of this type are the state or owned by it."""
        return self in _STATE_LINKED


_STATE_LINKED = frozenset(
    {
        HolderType.STATE,
        HolderType.STATE_OWNED_ENTERPRISE,
        HolderType.GOVERNMENT_ENTERPRISE,
    }
)
_OWNING = frozenset({RelationKind.STAKE, RelationKind.JOINT_VENTURE, RelationKind.SUBSIDIARY})


@attrs.frozen(repr=False)
class Relationship(Card):
    """A relation between two entities: a stake, a customer, a landlord.

    Read it as "party is <kind> of subject": Tesla is a customer of JL MAG;
    China Northern Rare Earth is a joint-venture partner in Northern Zhaobao.

    Attributes:
        id: Stable id.
        kind: The relation.
        subject: Id of the entity the relation is about.
        summary: One sentence stating it.
        cites: Citations.
        party: Id of the other entity; ``None`` for a holder the sources do
            not name (then ``party_label`` describes it).
        party_label: Who the party is, when it has no entity.
        share: The share held, in percent, for a stake or joint venture;
            ``None`` when undisclosed.
        holder_type: Who the holder is, for a stake or joint venture.
        notes: What a reader should know.
    """

    _brief: ClassVar[tuple[str, ...]] = ("kind", "subject", "party", "share")

    id: str = attrs.field(validator=_check_id)
    kind: RelationKind
    subject: str = attrs.field(validator=_check_id, metadata=_ref("entities"))
    summary: str = attrs.field(validator=_not_blank)
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    party: str | None = attrs.field(default=None, metadata=_ref("entities"))
    party_label: str | None = attrs.field(default=None, validator=_not_blank)
    share: Value | None = None
    holder_type: HolderType | None = None
    notes: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.party is None and self.party_label is None:
            raise ValueError("party: name the party's entity id, or give a party_label")
        if self.party == self.subject:
            raise ValueError(f"party: {self.party!r} cannot be related to itself")
        if self.share is not None:
            if self.kind not in _OWNING:
                raise ValueError(f"share: a {self.kind.value} relation has no share")
            if self.share.low < 0 or self.share.high > 100:
                raise ValueError(f"share: {self.share} is not between 0 and 100 percent")

    @property
    def is_ownership(self) -> bool:
        """Whether the party owns part of the subject."""
        return self.kind in _OWNING

    @property
    def state_linked(self) -> bool:
        """Whether the holder is the state or state-owned."""
        return self.holder_type is not None and self.holder_type.state_linked


class EventKind(enum.StrEnum):
    """What kind of thing happened."""

    POLICY = "policy"
    TRADE_TALKS = "trade-talks"
    CORPORATE = "corporate"
    MARKET = "market"
    PRODUCTION = "production"
    CONSTRUCTION = "construction"
    INVESTMENT = "investment"
    STATEMENT = "statement"
    DISRUPTION = "disruption"
    FOUNDING = "founding"


@attrs.frozen(repr=False)
class Event(Card):
    """Something that happened, or is expected to, on a date.

    Attributes:
        id: Stable id.
        date: When, as precisely as the sources say.
        title: A short headline.
        kind: What kind of event.
        cites: Citations.
        entities: Ids of the entities involved.
        places: Ids of the places involved.
        tags: Free tags ("export-controls").
        expected: Whether it is planned or expected, not yet happened.
    """

    _brief: ClassVar[tuple[str, ...]] = ("date", "title")

    id: str = attrs.field(validator=_check_id)
    date: FuzzyDate
    title: str = attrs.field(validator=_not_blank)
    kind: EventKind
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    entities: tuple[str, ...] = attrs.field(
        default=(), validator=_check_ids, metadata=_ref("entities")
    )
    places: tuple[str, ...] = attrs.field(default=(), validator=_check_ids, metadata=_ref("places"))
    tags: tuple[str, ...] = attrs.field(default=(), validator=_check_ids)
    expected: bool = False


class FigureKind(enum.StrEnum):
    """What kind of number a figure is."""

    PRICE = "price"
    SHARE = "share"  # a share of a market, of output, of a total
    STATISTIC = "statistic"  # output, exports, counts
    PROJECTION = "projection"  # expected or designed, not yet measured
    FINANCIAL = "financial"  # valuations, revenues
    MARKET_MOVE = "market-move"  # a share-price move


def _as_money_value(record: Figure | Equivalent, origin: str | None) -> None:
    """Make a money figure's value a `MoneyValue`, so that it converts without its record."""
    if is_money_unit(record.unit):
        # Set once, while the record is built: the record stays frozen after.
        value = MoneyValue.of(record.value, record.unit, origin=origin)
        object.__setattr__(record, "value", value)


#: Kinds of figure that are never below zero; statistics, projections,
#: financials and market moves may be (a fall, a loss).
_NOT_NEGATIVE = frozenset({FigureKind.PRICE, FigureKind.SHARE})
#: Units that count things, whatever the kind of figure, and what they count.
_COUNTS = MappingProxyType(
    {"count": "count", "people": "number of people", "unit": "number of units"}
)


@attrs.frozen
class Equivalent:
    """A figure printed beside another, in other units ("~USD 72 /kg").

    Attributes:
        value: The number; a `MoneyValue` when the unit is money.
        unit: Its unit.
    """

    value: Value
    unit: str = attrs.field(converter=unit_field)

    def __attrs_post_init__(self) -> None:
        _as_money_value(self, None)


@attrs.frozen(repr=False)
class Figure(Card):
    """A number the sources give: a price, a share, a statistic, a projection.

    Attributes:
        id: Stable id.
        metric: What is measured ("ndfeb-price", "magnet-exports").
        kind: What kind of number.
        value: The number with its qualifier and printed form; a
            `MoneyValue` when the unit is money, which converts on its own.
        unit: Its unit.
        summary: One sentence stating it.
        cites: Citations.
        per: The period of a rate ("per year").
        product: What the number is about, if a product.
        subject: Id of the entity it is about.
        facility: Id of the facility it is about.
        geography: Id of the place it is about.
        period: The period or date it refers to.
        claimed_by: Ids of who claims it (the company, Asian Metal, USGS).
        equivalents: Figures printed beside it in other units.
        derived: How it was derived, for a figure the sources imply.
        notes: What a reader should know.
    """

    _brief: ClassVar[tuple[str, ...]] = ("metric", "value", "unit")

    id: str = attrs.field(validator=_check_id)
    metric: str = attrs.field(validator=_check_id)
    kind: FigureKind
    value: Value
    unit: str = attrs.field(converter=unit_field)
    summary: str = attrs.field(validator=_not_blank)
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    per: Period | None = None
    product: str | None = None
    subject: str | None = attrs.field(default=None, metadata=_ref("entities"))
    facility: str | None = attrs.field(default=None, metadata=_ref("facilities"))
    geography: str | None = attrs.field(default=None, metadata=_ref("places"))
    period: FuzzyDate | None = None
    claimed_by: tuple[str, ...] = attrs.field(
        default=(), validator=_check_ids, metadata=_ref("entities")
    )
    equivalents: tuple[Equivalent, ...] = ()
    derived: Derivation | None = None
    notes: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.unit == "%" and self.kind is FigureKind.SHARE and self.value.high > 100:
            raise ValueError(f"value: a share of {self.value}% is over 100")
        never_negative = self.kind in _NOT_NEGATIVE or self.unit in _COUNTS
        if self.value.low < 0 and never_negative:
            what = self.kind.value if self.kind in _NOT_NEGATIVE else _COUNTS[self.unit]
            raise ValueError(f"value: a {what} cannot be negative, got {self.value}")
        for i, equivalent in enumerate(self.equivalents):
            # The same number in other units: it cannot change sign (zero has none).
            if (equivalent.value.low < 0 and (never_negative or self.value.low > 0)) or (
                equivalent.value.high > 0 > self.value.high
            ):
                msg = f"{equivalent.value} has the other sign from {self.value}"
                raise ValueError(f"equivalents[{i}].value: {msg}")
        _as_money_value(self, self.id)

    @property
    def unit_label(self) -> str:
        """The unit with its period, written as quantities write it ("t/yr").

        >>> import rareearth as ree
        >>> sorted({f.unit_label for f in ree.figures(metric="trading-platform-volume")})
        ['t REO/yr']
        """
        return unit_label(self.unit, self.per)


@attrs.frozen(repr=False)
class Claim(Card):
    """A statement a party makes that is not a number: "world's largest".

    Attributes:
        id: Stable id.
        subject: Id of the entity the claim is about.
        statement: What is claimed, in the source's words.
        claimed_by: Ids of who makes the claim.
        cites: Citations.
    """

    _brief: ClassVar[tuple[str, ...]] = ("subject", "claimed_by")

    id: str = attrs.field(validator=_check_id)
    subject: str = attrs.field(validator=_check_id, metadata=_ref("entities"))
    statement: str = attrs.field(validator=_not_blank)
    claimed_by: tuple[str, ...] = attrs.field(validator=_check_ids, metadata=_ref("entities"))
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)


@attrs.frozen(repr=False)
class ExchangeRate(Card):
    """A rate implied by amounts a source prints in two currencies.

    One unit of ``base`` buys ``rate`` units of ``quote``.

    Attributes:
        id: Stable id.
        base: ISO 4217 code of the currency converted from.
        quote: ISO 4217 code of the currency converted to.
        rate: Units of ``quote`` per unit of ``base``, exactly: the ratio
            of the two amounts a source printed (146/1050), never rounded.
            Fact files write it as a number ("0.1365") or as that ratio
            ("146/1050").
        derived: The paired amounts the rate comes from.
        cites: Citations.
        date: The date the rate holds for (the source's date); ``None`` when
            the source is undated.
        notes: What a reader should know.
    """

    _brief: ClassVar[tuple[str, ...]] = ("base", "quote", "rate", "date")

    id: str = attrs.field(validator=_check_id)
    base: str = attrs.field(converter=normalize_currency)
    quote: str = attrs.field(converter=normalize_currency)
    rate: Fraction = attrs.field(converter=as_ratio)
    derived: Derivation
    cites: tuple[Citation, ...] = attrs.field(validator=_cited)
    date: FuzzyDate | None = None
    notes: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.base == self.quote:
            raise ValueError(f"quote: a rate from {self.base} to itself")


# --- tables -------------------------------------------------------------------


def _source_layout() -> Layout:
    return Layout(
        "sources",
        (
            *col("id", "str", lambda s: s.id),
            *col("title", "str", lambda s: s.title),
            *col("publisher", "str", lambda s: s.publisher),
            *date_columns("published", lambda s: s.published),
            *col("author", "str", lambda s: s.author),
            *col("about", "str", lambda s: s.about),
        ),
        (
            ("id", lambda s: short_source(s.id)),
            ("published", lambda s: show(s.published)),
            ("publisher", lambda s: show(s.publisher)),
            ("title", lambda s: s.title),
        ),
    )


def _entity_layout() -> Layout:
    return Layout(
        "entities",
        (
            *col("id", "str", lambda e: e.id),
            *col("name", "str", lambda e: e.name),
            *category("kind", EntityKind, lambda e: e.kind),
            *col("legal_name", "str", lambda e: e.legal_name),
            *col("country", "str", lambda e: e.country),
            *category("ownership", OwnershipType, lambda e: e.ownership),
            *col("founded", "int", lambda e: e.founded),
            *joined("tickers", lambda e: e.tickers),
            *joined("aliases", lambda e: e.aliases),
            *joined("hubs", lambda e: e.hubs),
            *col("summary", "str", lambda e: e.summary),
            *col("sources", "str", sources),
        ),
        (
            ("id", lambda e: e.id),
            ("name", lambda e: e.name),
            ("kind", lambda e: e.kind.value),
            ("country", lambda e: show(e.country)),
            ("tickers", lambda e: ", ".join(map(str, e.tickers))),
        ),
    )


def _place_layout() -> Layout:
    return Layout(
        "places",
        (
            *col("id", "str", lambda p: p.id),
            *col("name", "str", lambda p: p.name),
            *category("kind", PlaceKind, lambda p: p.kind),
            *col("parent", "str", lambda p: p.parent),
            *col("country", "str", lambda p: p.country),
            *joined("aliases", lambda p: p.aliases),
        ),
        (
            ("id", lambda p: p.id),
            ("name", lambda p: p.name),
            ("kind", lambda p: p.kind.value),
            ("in", lambda p: show(p.parent)),
        ),
    )


def _facility_layout() -> Layout:
    return Layout(
        "facilities",
        (
            *col("id", "str", lambda f: f.id),
            *col("name", "str", lambda f: f.name),
            *col("operator", "str", lambda f: f.operator),
            *col("place", "str", lambda f: f.place),
            *col("zone", "str", lambda f: f.zone),
            *col("phases", "int", lambda f: len(f.phases)),
            *joined("possibly_same_as", lambda f: f.possibly_same_as),
            *col("summary", "str", lambda f: f.summary),
            *col("sources", "str", sources),
        ),
        (
            ("id", lambda f: f.id),
            ("name", lambda f: f.name),
            ("operator", lambda f: f.operator),
            ("place", lambda f: show(f.place)),
            ("phases", lambda f: str(len(f.phases))),
        ),
    )


def _relationship_layout() -> Layout:
    return Layout(
        "relationships",
        (
            *col("id", "str", lambda r: r.id),
            *category("kind", RelationKind, lambda r: r.kind),
            *col("subject", "str", lambda r: r.subject),
            *col("party", "str", lambda r: r.party),
            *col("party_label", "str", lambda r: r.party_label),
            *value_columns("share", lambda r: r.share),
            *category("holder_type", HolderType, lambda r: r.holder_type),
            *col("state_linked", "bool", lambda r: r.state_linked),
            *col("summary", "str", lambda r: r.summary),
            *col("sources", "str", sources),
        ),
        (
            ("kind", lambda r: r.kind.value),
            ("subject", lambda r: r.subject),
            ("party", lambda r: r.party or r.party_label or ""),
            ("share", lambda r: share_label(r.share) if r.is_ownership else ""),
            ("holder", lambda r: show(r.holder_type)),
        ),
    )


def _event_layout() -> Layout:
    return Layout(
        "events",
        (
            *col("id", "str", lambda e: e.id),
            *date_columns("date", lambda e: e.date),
            *col("title", "str", lambda e: e.title),
            *category("kind", EventKind, lambda e: e.kind),
            *joined("entities", lambda e: e.entities),
            *joined("places", lambda e: e.places),
            *joined("tags", lambda e: e.tags),
            *col("expected", "bool", lambda e: e.expected),
            *col("sources", "str", sources),
        ),
        (
            ("date", lambda e: str(e.date) + (" (expected)" if e.expected else "")),
            ("kind", lambda e: e.kind.value),
            ("title", lambda e: e.title),
            ("id", lambda e: e.id),
        ),
    )


def _figure_layout() -> Layout:
    return Layout(
        "figures",
        (
            *col("id", "str", lambda f: f.id),
            *col("metric", "str", lambda f: f.metric),
            *category("kind", FigureKind, lambda f: f.kind),
            *value_columns("value", lambda f: f.value),
            *col("unit", "str", lambda f: f.unit),
            *category("per", Period, lambda f: f.per),
            *col("product", "str", lambda f: f.product),
            *col("subject", "str", lambda f: f.subject),
            *col("facility", "str", lambda f: f.facility),
            *col("geography", "str", lambda f: f.geography),
            *date_columns("period", lambda f: f.period),
            *joined("claimed_by", lambda f: f.claimed_by),
            *col("derived", "bool", lambda f: f.derived is not None),
            *col("summary", "str", lambda f: f.summary),
            *col("sources", "str", sources),
        ),
        (
            ("metric", lambda f: f.metric),
            ("value", lambda f: f"{f.value} {unit_label(f.unit, f.per)}"),
            ("period", lambda f: show(f.period)),
            ("of", lambda f: f.subject or f.geography or ""),
            ("claimed by", lambda f: ", ".join(f.claimed_by)),
        ),
    )


def _claim_layout() -> Layout:
    return Layout(
        "claims",
        (
            *col("id", "str", lambda c: c.id),
            *col("subject", "str", lambda c: c.subject),
            *col("statement", "str", lambda c: c.statement),
            *joined("claimed_by", lambda c: c.claimed_by),
            *col("sources", "str", sources),
        ),
        (
            ("subject", lambda c: c.subject),
            ("claimed by", lambda c: ", ".join(c.claimed_by)),
            ("statement", lambda c: c.statement),
        ),
    )


def _rate_layout() -> Layout:
    return Layout(
        "rates",
        (
            *col("id", "str", lambda r: r.id),
            *col("base", "str", lambda r: r.base),
            *col("quote", "str", lambda r: r.quote),
            *col("rate", "number", lambda r: as_decimal(r.rate, MAX_PLACES)),
            *col("ratio", "str", lambda r: f"{r.rate.numerator}/{r.rate.denominator}"),
            *date_columns("date", lambda r: r.date),
            *col("rule", "str", lambda r: r.derived.rule),
            *col("sources", "str", sources),
        ),
        (
            ("id", lambda r: r.id),
            ("pair", lambda r: f"{r.base}→{r.quote}"),
            ("rate", lambda r: _significant(as_decimal(r.rate))),
            ("date", lambda r: show(r.date) or "undated"),
        ),
    )


def _first_date(part: CapacityPart, status: Status) -> FuzzyDate | None:
    return next((m.date for m in part.phase.milestones if m.status is status and m.date), None)


def _part_layout() -> Layout:
    def capacity(part: CapacityPart) -> Value | None:
        return None if part.phase.capacity is None else part.phase.capacity.value

    def quantity(read: Callable[[Any], Any]) -> Getter:
        return lambda p: None if p.phase.capacity is None else read(p.phase.capacity)

    def invested(read: Callable[[Any], Any]) -> Getter:
        return lambda p: None if p.phase.investment is None else read(p.phase.investment.amount)

    return Layout(
        "phases",
        (
            *col("facility", "str", lambda p: p.facility.id),
            *col("phase", "str", lambda p: p.phase.id),
            *col("facility_name", "str", lambda p: p.facility.name),
            *col("phase_name", "str", lambda p: p.phase.name),
            *col("operator", "str", lambda p: p.facility.operator),
            *col("place", "str", lambda p: p.facility.place),
            *category("status", Status, lambda p: p.status, ordered=True),
            *value_columns("capacity", capacity),
            *col("unit", "str", quantity(lambda q: q.unit)),
            *category("per", Period, quantity(lambda q: q.per)),
            *col("product", "str", quantity(lambda q: q.product)),
            *col("investment", "number", invested(lambda m: m.amount)),
            *col("investment_currency", "str", invested(lambda m: m.currency)),
            *date_columns(
                "construction_started", lambda p: _first_date(p, Status.UNDER_CONSTRUCTION)
            ),
            *col("derived", "bool", lambda p: p.phase.derived is not None),
            *col("sources", "str", lambda p: sources(p.phase)),
        ),
        (
            ("facility", lambda p: p.facility.name),
            ("phase", lambda p: p.phase.name),
            ("status", lambda p: p.status.value),
            ("capacity", lambda p: show(p.phase.capacity)),
            ("derived", lambda p: show(p.phase.derived is not None)),
        ),
    )


@exact
def _significant(number: Decimal) -> str:
    return f"{number:.6g}"


# --- the collections ------------------------------------------------------------


@attrs.frozen
class Collection:
    """One kind of top-level record: what a fact file calls it and how it is shown.

    Attributes:
        name: The key in fact files and the name of the shipped file ("entities").
        type: The record class.
        singular: One record, in messages ("entity").
        layout: How its table is made.
    """

    name: str
    type: builtins.type[Any]  # the builtin: the field's own name shadows it here
    singular: str
    layout: Callable[[], Layout]

    @property
    def file(self) -> str:
        """The shipped file that holds it ("entities.json")."""
        return f"{self.name}.json"


#: Every kind of top-level record, in the order files are read and checked.
COLLECTIONS: Final = MappingProxyType(
    {
        c.name: c
        for c in (
            Collection("sources", Source, "source", _source_layout),
            Collection("entities", Entity, "entity", _entity_layout),
            Collection("places", Place, "place", _place_layout),
            Collection("facilities", Facility, "facility", _facility_layout),
            Collection("relationships", Relationship, "relationship", _relationship_layout),
            Collection("events", Event, "event", _event_layout),
            Collection("figures", Figure, "figure", _figure_layout),
            Collection("claims", Claim, "claim", _claim_layout),
            Collection("rates", ExchangeRate, "rate", _rate_layout),
        )
    }
)

for _collection in COLLECTIONS.values():
    register_layout(_collection.type, _collection.layout)
register_layout(CapacityPart, _part_layout)


def walk(obj: Any, path: str) -> Iterator[tuple[str, Any, attrs.Attribute[Any], Any]]:  # noqa: ANN401 - any record
    """Yield (path, owner, field, value) for every field of a record and the records in it.

    >>> [here for here, *_ in walk(Citation("000_75a9973f81fad0cb", "q"), "$")]
    ['$.source', '$.quote']
    """
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        here = f"{path}.{field.name}"
        yield here, obj, field, value
        if attrs.has(type(value)):
            yield from walk(value, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from walk(item, f"{here}[{i}]")
