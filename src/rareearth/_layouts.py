"""The columns of each record type's table.

Kept apart from `rareearth._tables` so that importing the package does not
build them: they are made on the first export or display.

Conventions: a qualified value ``v`` becomes ``v`` (the number, or a range's
low end), ``v_upper``, ``v_qualifier`` and ``v_text`` (as printed); a date
``d`` becomes ``d`` (its wording), ``d_earliest``, ``d_latest`` and
``d_precision``; lists of ids are joined with "; ".
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from rareearth._capacity import CapacityPart, CapacityTotal
from rareearth._convert import Conversion
from rareearth._dataset import SearchHit
from rareearth._dates import FuzzyDate, Precision
from rareearth._errors import Problem
from rareearth._ownership import OwnershipLink
from rareearth._records import (
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
    Place,
    PlaceKind,
    RelationKind,
    Relationship,
    Source,
    Status,
)
from rareearth._tables import Column, ColumnKind, Getter, Layout, Table, short_source
from rareearth._values import Period, Qualifier, Value, exact, unit_label

__all__ = ["layout_for"]

_Cols = list[tuple[Column, Getter]]


def _col(name: str, kind: ColumnKind, get: Getter) -> _Cols:
    return [(Column(name, kind), get)]


def _cat(name: str, vocabulary: type[enum.Enum], get: Getter, *, ordered: bool = False) -> _Cols:
    members: Iterable[enum.Enum] = vocabulary
    values = tuple(str(m.value) for m in members)
    if ordered:
        values = tuple(sorted(values, key=lambda v: vocabulary(v).rank))  # type: ignore[attr-defined]

    def read(record: object) -> str | None:
        member = get(record)
        return None if member is None else str(member.value)

    return [(Column(name, "category", values, ordered), read)]


def _joined(name: str, get: Callable[[Any], Iterable[object]]) -> _Cols:
    return _col(name, "str", lambda r: "; ".join(map(str, get(r))) or None)


def _value(name: str, get: Callable[[Any], Value | None]) -> _Cols:
    def part(read: Callable[[Value], Any]) -> Getter:
        def cell(record: object) -> Any:  # noqa: ANN401 - a cell of any kind
            value = get(record)
            return None if value is None else read(value)

        return cell

    return [
        *_col(name, "number", part(lambda v: v.number)),
        *_col(f"{name}_upper", "number", part(lambda v: v.upper)),
        *_cat(f"{name}_qualifier", Qualifier, part(lambda v: v.qualifier)),
        *_col(f"{name}_text", "str", part(lambda v: v.text)),
    ]


def _date(name: str, get: Callable[[Any], FuzzyDate | None]) -> _Cols:
    def part(read: Callable[[FuzzyDate], Any]) -> Getter:
        def cell(record: object) -> Any:  # noqa: ANN401 - a cell of any kind
            date = get(record)
            return None if date is None else read(date)

        return cell

    return [
        *_col(name, "str", part(str)),
        *_col(f"{name}_earliest", "date", part(lambda d: d.earliest)),
        *_col(f"{name}_latest", "date", part(lambda d: d.latest)),
        *_cat(f"{name}_precision", Precision, part(lambda d: d.precision)),
    ]


def _sources(record: Any) -> str:  # noqa: ANN401 - any cited record
    return "; ".join(dict.fromkeys(c.source for c in record.cites))


def _show(value: object) -> str:
    match value:
        case None:
            return ""
        case Value():
            return str(value)
        case enum.Enum():
            return str(value.value)
        case bool():
            return "yes" if value else ""
    return str(value)


def _share(value: Value | None) -> str:
    return "undisclosed" if value is None else f"{value}%"


def _source_layout() -> Layout:
    return Layout(
        "sources",
        (
            *_col("id", "str", lambda s: s.id),
            *_col("title", "str", lambda s: s.title),
            *_col("publisher", "str", lambda s: s.publisher),
            *_date("published", lambda s: s.published),
            *_col("author", "str", lambda s: s.author),
            *_col("about", "str", lambda s: s.about),
        ),
        (
            ("id", lambda s: short_source(s.id)),
            ("published", lambda s: _show(s.published)),
            ("publisher", lambda s: _show(s.publisher)),
            ("title", lambda s: s.title),
        ),
    )


def _entity_layout() -> Layout:
    return Layout(
        "entities",
        (
            *_col("id", "str", lambda e: e.id),
            *_col("name", "str", lambda e: e.name),
            *_cat("kind", EntityKind, lambda e: e.kind),
            *_col("legal_name", "str", lambda e: e.legal_name),
            *_col("country", "str", lambda e: e.country),
            *_cat("ownership", OwnershipType, lambda e: e.ownership),
            *_col("founded", "int", lambda e: e.founded),
            *_joined("tickers", lambda e: e.tickers),
            *_joined("aliases", lambda e: e.aliases),
            *_joined("hubs", lambda e: e.hubs),
            *_col("summary", "str", lambda e: e.summary),
            *_col("sources", "str", _sources),
        ),
        (
            ("id", lambda e: e.id),
            ("name", lambda e: e.name),
            ("kind", lambda e: e.kind.value),
            ("country", lambda e: _show(e.country)),
            ("tickers", lambda e: ", ".join(map(str, e.tickers))),
        ),
    )


def _place_layout() -> Layout:
    return Layout(
        "places",
        (
            *_col("id", "str", lambda p: p.id),
            *_col("name", "str", lambda p: p.name),
            *_cat("kind", PlaceKind, lambda p: p.kind),
            *_col("parent", "str", lambda p: p.parent),
            *_col("country", "str", lambda p: p.country),
            *_joined("aliases", lambda p: p.aliases),
        ),
        (
            ("id", lambda p: p.id),
            ("name", lambda p: p.name),
            ("kind", lambda p: p.kind.value),
            ("in", lambda p: _show(p.parent)),
        ),
    )


def _facility_layout() -> Layout:
    return Layout(
        "facilities",
        (
            *_col("id", "str", lambda f: f.id),
            *_col("name", "str", lambda f: f.name),
            *_col("operator", "str", lambda f: f.operator),
            *_col("place", "str", lambda f: f.place),
            *_col("zone", "str", lambda f: f.zone),
            *_col("phases", "int", lambda f: len(f.phases)),
            *_joined("possibly_same_as", lambda f: f.possibly_same_as),
            *_col("summary", "str", lambda f: f.summary),
            *_col("sources", "str", _sources),
        ),
        (
            ("id", lambda f: f.id),
            ("name", lambda f: f.name),
            ("operator", lambda f: f.operator),
            ("place", lambda f: _show(f.place)),
            ("phases", lambda f: str(len(f.phases))),
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
            *_col("facility", "str", lambda p: p.facility.id),
            *_col("phase", "str", lambda p: p.phase.id),
            *_col("facility_name", "str", lambda p: p.facility.name),
            *_col("phase_name", "str", lambda p: p.phase.name),
            *_col("operator", "str", lambda p: p.facility.operator),
            *_col("place", "str", lambda p: p.facility.place),
            *_cat("status", Status, lambda p: p.status, ordered=True),
            *_value("capacity", capacity),
            *_col("unit", "str", quantity(lambda q: q.unit)),
            *_cat("per", Period, quantity(lambda q: q.per)),
            *_col("product", "str", quantity(lambda q: q.product)),
            *_col("investment", "number", invested(lambda m: m.amount)),
            *_col("investment_currency", "str", invested(lambda m: m.currency)),
            *_date("construction_started", lambda p: _first_date(p, Status.UNDER_CONSTRUCTION)),
            *_col("derived", "bool", lambda p: p.phase.derived is not None),
            *_col("sources", "str", lambda p: _sources(p.phase)),
        ),
        (
            ("facility", lambda p: p.facility.name),
            ("phase", lambda p: p.phase.name),
            ("status", lambda p: p.status.value),
            ("capacity", lambda p: _show(p.phase.capacity)),
            ("derived", lambda p: _show(p.phase.derived is not None)),
        ),
    )


def _relationship_layout() -> Layout:
    return Layout(
        "relationships",
        (
            *_col("id", "str", lambda r: r.id),
            *_cat("kind", RelationKind, lambda r: r.kind),
            *_col("subject", "str", lambda r: r.subject),
            *_col("party", "str", lambda r: r.party),
            *_col("party_label", "str", lambda r: r.party_label),
            *_value("share", lambda r: r.share),
            *_cat("holder_type", HolderType, lambda r: r.holder_type),
            *_col("state_linked", "bool", lambda r: r.state_linked),
            *_col("summary", "str", lambda r: r.summary),
            *_col("sources", "str", _sources),
        ),
        (
            ("kind", lambda r: r.kind.value),
            ("subject", lambda r: r.subject),
            ("party", lambda r: r.party or r.party_label or ""),
            ("share", lambda r: _share(r.share) if r.is_ownership else ""),
            ("holder", lambda r: _show(r.holder_type)),
        ),
    )


def _event_layout() -> Layout:
    return Layout(
        "events",
        (
            *_col("id", "str", lambda e: e.id),
            *_date("date", lambda e: e.date),
            *_col("title", "str", lambda e: e.title),
            *_cat("kind", EventKind, lambda e: e.kind),
            *_joined("entities", lambda e: e.entities),
            *_joined("places", lambda e: e.places),
            *_joined("tags", lambda e: e.tags),
            *_col("expected", "bool", lambda e: e.expected),
            *_col("sources", "str", _sources),
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
            *_col("id", "str", lambda f: f.id),
            *_col("metric", "str", lambda f: f.metric),
            *_cat("kind", FigureKind, lambda f: f.kind),
            *_value("value", lambda f: f.value),
            *_col("unit", "str", lambda f: f.unit),
            *_cat("per", Period, lambda f: f.per),
            *_col("product", "str", lambda f: f.product),
            *_col("subject", "str", lambda f: f.subject),
            *_col("facility", "str", lambda f: f.facility),
            *_col("geography", "str", lambda f: f.geography),
            *_date("period", lambda f: f.period),
            *_joined("claimed_by", lambda f: f.claimed_by),
            *_col("derived", "bool", lambda f: f.derived is not None),
            *_col("summary", "str", lambda f: f.summary),
            *_col("sources", "str", _sources),
        ),
        (
            ("metric", lambda f: f.metric),
            ("value", lambda f: f"{f.value} {unit_label(f.unit, f.per)}"),
            ("period", lambda f: _show(f.period)),
            ("of", lambda f: f.subject or f.geography or ""),
            ("claimed by", lambda f: ", ".join(f.claimed_by)),
        ),
    )


def _claim_layout() -> Layout:
    return Layout(
        "claims",
        (
            *_col("id", "str", lambda c: c.id),
            *_col("subject", "str", lambda c: c.subject),
            *_col("statement", "str", lambda c: c.statement),
            *_joined("claimed_by", lambda c: c.claimed_by),
            *_col("sources", "str", _sources),
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
            *_col("id", "str", lambda r: r.id),
            *_col("base", "str", lambda r: r.base),
            *_col("quote", "str", lambda r: r.quote),
            *_col("rate", "number", lambda r: r.rate),
            *_date("date", lambda r: r.date),
            *_col("rule", "str", lambda r: r.derived.rule),
            *_col("sources", "str", _sources),
        ),
        (
            ("id", lambda r: r.id),
            ("pair", lambda r: f"{r.base}→{r.quote}"),
            ("rate", lambda r: _significant(r.rate)),
            ("date", lambda r: _show(r.date) or "undated"),
        ),
    )


def _total_layout() -> Layout:
    def group(index: int) -> Getter:
        return lambda t: None if t.group is None else t.group[index]

    return Layout(
        "totals",
        (
            *_col("group_by", "str", group(0)),
            *_col("group", "str", group(1)),
            *_value("total", lambda t: t.value),
            *_col("unit", "str", lambda t: t.unit),
            *_cat("per", Period, lambda t: t.per),
            *_col("product", "str", lambda t: t.product),
            *_col("parts", "int", lambda t: len(t.parts)),
            *_col("unknown", "int", lambda t: len(t.unknown)),
            *_col(
                "possible_double_counts",
                "str",
                lambda t: "; ".join(f"{a} = {b}?" for a, b in t.possible_double_counts) or None,
            ),
        ),
        (
            ("group", lambda t: "" if t.group is None else t.group[1]),
            ("total", lambda t: f"{t.value} {t.label}"),
            ("phases", lambda t: str(len(t.parts))),
            ("note", lambda t: "may double count" if t.possible_double_counts else ""),
        ),
    )


def _link_layout() -> Layout:
    return Layout(
        "ownership links",
        (
            *_col("holder", "str", lambda link: link.holder),
            *_col("entity", "str", lambda link: link.chain[-1].subject),
            *_col(
                "chain",
                "str",
                lambda link: " → ".join([link.holder, *(r.subject for r in link.chain)]),
            ),
            *_value("effective", lambda link: link.effective),
        ),
        (
            ("chain", lambda link: " → ".join([link.holder, *(r.subject for r in link.chain)])),
            ("effective share", lambda link: _share(link.effective)),
        ),
    )


def _hit_layout() -> Layout:
    return Layout(
        "matches",
        (
            *_col("id", "str", lambda h: h.entity.id),
            *_col("name", "str", lambda h: h.entity.name),
            *_col("matched", "str", lambda h: h.matched),
            *_col("score", "number", lambda h: _decimal_score(h.score)),
        ),
        (
            ("score", lambda h: f"{h.score:.2f}"),
            ("id", lambda h: h.entity.id),
            ("name", lambda h: h.entity.name),
            ("matched", lambda h: h.matched),
        ),
    )


@exact
def _significant(number: Decimal) -> str:
    return f"{number:.6g}"


def _decimal_score(score: float) -> Decimal:
    return Decimal(str(score))


def _problem_layout() -> Layout:
    return Layout(
        "problems",
        (
            *_col("file", "str", lambda p: p.file),
            *_col("path", "str", lambda p: p.path),
            *_col("record", "str", lambda p: p.record),
            *_col("message", "str", lambda p: p.message),
        ),
        (
            ("file", lambda p: p.file),
            ("where", lambda p: p.path),
            ("record", lambda p: p.record or ""),
            ("problem", lambda p: p.message),
        ),
    )


_LAYOUTS: dict[type, Callable[[], Layout]] = {
    Source: _source_layout,
    Entity: _entity_layout,
    Place: _place_layout,
    Facility: _facility_layout,
    CapacityPart: _part_layout,
    Relationship: _relationship_layout,
    Event: _event_layout,
    Figure: _figure_layout,
    Claim: _claim_layout,
    ExchangeRate: _rate_layout,
    CapacityTotal: _total_layout,
    OwnershipLink: _link_layout,
    SearchHit: _hit_layout,
    Problem: _problem_layout,
}


_BUILT: dict[type, Layout] = {}


def layout_for(kind: type) -> Layout:
    """The layout of a record type's table, built once.

    Raises:
        TypeError: The type has no table.
    """
    if kind not in _BUILT:
        make = next((_LAYOUTS[c] for c in kind.__mro__ if c in _LAYOUTS), None)
        if make is None:
            raise TypeError(f"no table layout for {kind.__name__}")
        _BUILT[kind] = make()
    return _BUILT[kind]


def conversion_table(conversion: Conversion) -> Table:
    """A conversion as one row: both amounts, the rate used, and where it came from."""
    legs = conversion.path.legs
    cells = (
        ("amount", "number", conversion.amount.amount),
        ("currency", "str", conversion.amount.currency),
        ("result", "number", conversion.result.amount),
        ("result_currency", "str", conversion.result.currency),
        ("rate", "number", conversion.path.value),
        ("rates", "str", "; ".join(leg.record.id if leg.record else "given" for leg in legs)),
        ("rate_dates", "str", "; ".join(str(leg.date) if leg.date else "" for leg in legs) or None),
    )
    return Table(
        "conversions",
        tuple(Column(name, kind) for name, kind, _ in cells),  # type: ignore[arg-type]
        (tuple(cell for _, _, cell in cells),),
        ("amount", "result", "rate"),
        ((str(conversion.amount), str(conversion.rounded), str(conversion.path)),),
    )
