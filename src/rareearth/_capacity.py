"""Capacity totals that show their working and never add unlike things."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, assert_never, get_args

import attrs

from rareearth._dates import DateInput, FuzzyDate, to_day
from rareearth._errors import ChoiceError, EmptySelectionError, MixedUnitsError, choose
from rareearth._index import Index
from rareearth._records import CapacityPart, Citation, Phase, Status
from rareearth._tables import (
    Layout,
    Records,
    Table,
    Tabular,
    category,
    col,
    layout_for,
    register_layout,
    value_columns,
)
from rareearth._values import (
    Period,
    Value,
    common_product,
    product_lineage,
    sum_values,
    unit_label,
)

__all__ = ["CapacityTotal", "GroupBy", "select_parts", "total_capacity"]

GroupBy = Literal["product", "unit", "company", "site", "status"]
_GROUPINGS: tuple[str, ...] = get_args(GroupBy)


@attrs.frozen
class CapacityTotal(Tabular):
    """A capacity total with its working.

    Attributes:
        value: The sum, with a qualifier that follows from its parts'.
        unit: The unit ("t").
        per: The period ("year"), or ``None`` for a capacity with none.
        product: What is counted.
        parts: The phases summed, each with its citations.
        unknown: Phases that match but state no capacity (not in the sum).
        possible_double_counts: Pairs of facility ids in the total that may
            be the same project.
        group: For a grouped total, the field and value of its group
            (``("company", "jl-mag")``).
        group_name: The group's value as people read it: a company's or a
            site's name (``"JL MAG"``), or the value itself.
    """

    value: Value
    unit: str
    per: Period | None
    product: str | None
    parts: tuple[CapacityPart, ...]
    unknown: tuple[CapacityPart, ...] = ()
    possible_double_counts: tuple[tuple[str, str], ...] = ()
    group: tuple[str, str] | None = None
    group_name: str | None = None

    @property
    def label(self) -> str:
        """The unit with its period and product, such as "t/yr sintered-ndfeb-magnets"."""
        unit = unit_label(self.unit, self.per)
        return f"{unit} {self.product}" if self.product else unit

    def table(self) -> Table:
        """The working as a table: the phases summed, then those with no capacity stated.

        >>> import rareearth as ree
        >>> total = ree.total_capacity(company="JL MAG", site="Baotou")
        >>> [row["capacity"] for row in total.to_dicts()]
        [Decimal('20000'), Decimal('20000')]
        """
        caption = f"{self.value} {self.label}"
        if self.possible_double_counts:
            pairs = ", ".join(f"{a} and {b}" for a, b in self.possible_double_counts)
            caption += f"; {pairs} may be the same project"
        return layout_for(CapacityPart).build((*self.parts, *self.unknown), caption)

    def __repr__(self) -> str:
        phases = "phase" if len(self.parts) == 1 else "phases"
        return f"<CapacityTotal {self.value} {self.label} from {len(self.parts)} {phases}>"

    def __str__(self) -> str:
        lines = [f"{self.value} {self.label}"]
        lines += [
            f"  + {p.value} {p.facility.name} / {p.phase.name} ({p.status.value})"
            for p in self.parts
        ]
        lines += [
            f"  ? {p.facility.name} / {p.phase.name}: no capacity stated" for p in self.unknown
        ]
        lines += [
            f"  ! {a} and {b} may be the same project" for a, b in self.possible_double_counts
        ]
        return "\n".join(lines)


def _milestone_date(
    ds: Index, date: FuzzyDate | None, cites: tuple[Citation, ...]
) -> dt.date | None:
    # A dated milestone counts once it has certainly happened (its latest day).
    # An undated one is taken to hold from the start of its source's
    # publication period: the source reports it as already so.
    if date is not None:
        return date.latest
    published = ds.source(cites[0].source).published
    return None if published is None else published.earliest


def status_on(ds: Index, phase: Phase, when: dt.date | None) -> Status | None:
    """The furthest status a phase had reached by ``when``.

    ``None`` when it had reached none. Expected milestones never count; a
    dated milestone counts once its whole date has passed ("late 2024" from
    2024-12-31); an undated one from the first day of its source's
    publication period, and always if the source is undated.
    """
    reached = [
        m.status
        for m in phase.milestones
        if not m.expected
        and (when is None or (day := _milestone_date(ds, m.date, m.cites)) is None or day <= when)
    ]
    return max(reached, key=lambda s: s.rank) if reached else None


def _kind(part: CapacityPart) -> tuple[str, Period | None, str | None]:
    capacity = part.phase.capacity
    assert capacity is not None  # noqa: S101 - parts always have one
    return capacity.unit, capacity.per, capacity.product


def _label(kind: tuple[str, Period | None, str | None]) -> str:
    unit, per, product = kind
    return f"{unit_label(unit, per)} {product or '(product not stated)'}"


def _rolled_up(parts: list[CapacityPart]) -> tuple[str, Period | None, str | None] | None:
    """The one kind of quantity all parts are, rolling products up; else None."""
    kinds = {_kind(p) for p in parts}
    units = {(unit, per) for unit, per, _ in kinds}
    if len(units) != 1:
        return None
    products = {product for _, _, product in kinds}
    product = products.pop() if len(products) == 1 else common_product(products)
    if product is None and len(kinds) > 1:
        return None
    ((unit, per),) = units
    return unit, per, product


def _total(
    parts: list[CapacityPart],
    unknown: list[CapacityPart],
    group: tuple[str, str] | None,
    selected: Sequence[CapacityPart],
    group_name: str | None = None,
) -> CapacityTotal:
    # A pair is flagged when one of its facilities is in this total and the
    # other anywhere in the selection: grouping must not hide a double count.
    kind = _rolled_up(parts)
    if kind is None:
        raise MixedUnitsError(sorted({_label(_kind(p)) for p in parts}))
    unit, per, product = kind
    mine = {p.facility.id for p in parts}
    facilities = {p.facility.id: p.facility for p in selected}
    doubles = sorted(
        {
            tuple(sorted((facility.id, other)))
            for facility in facilities.values()
            for other in facility.possibly_same_as
            if other in facilities and mine & {facility.id, other}
        }
    )
    return CapacityTotal(
        value=sum_values([p.value for p in parts]),
        unit=unit,
        per=per,
        product=product,
        parts=tuple(parts),
        unknown=tuple(unknown),
        possible_double_counts=tuple((a, b) for a, b in doubles),
        group=group,
        group_name=group_name,
    )


def select_parts(
    ds: Index,
    *,
    company: str | None = None,
    site: str | None = None,
    region: str | None = None,
    country: str | None = None,
    product: str | None = None,
    status: Status | str | Iterable[Status | str] | None = None,
    as_of: DateInput | None = None,
) -> list[CapacityPart]:
    """Every phase matching the filters, with its status at ``as_of``."""
    if product is not None:
        ds.known("product", product, "product")
    when = to_day(as_of, end=True)
    statuses = _statuses(status)
    operators = ds.group_ids(ds.entity(company).id) if company is not None else None
    places = _place_filter(ds, site, region)
    if country is not None:
        country_places = ds.places_within(country)
        places = country_places if places is None else places & country_places
    parts = []
    for facility in ds.facilities if operators is None else ds.operated_by(operators):
        if places is not None and facility.place not in places:
            continue
        for phase in facility.phases:
            reached = status_on(ds, phase, when)
            if reached is None or (statuses is not None and reached not in statuses):
                continue
            if product is not None and (
                phase.capacity is None
                or phase.capacity.product is None
                or product not in product_lineage(phase.capacity.product)
            ):
                continue
            parts.append(CapacityPart(facility, phase, reached))
    return parts


def _statuses(status: Status | str | Iterable[Status | str] | None) -> set[Status] | None:
    if status is None:
        return None
    if isinstance(status, str):
        return {choose(Status, status, "status")}
    return {choose(Status, s, "status") for s in status}


def _place_filter(ds: Index, site: str | None, region: str | None) -> set[str] | None:
    places: set[str] | None = None
    for key in (site, region):
        if key is not None:
            ids = ds.places_within(key)
            places = ids if places is None else places & ids
    return places


def total_capacity(
    index: Index, parts: list[CapacityPart], by: GroupBy | None
) -> CapacityTotal | Records[CapacityTotal]:
    """Sum selected parts, whole or by group; see `Dataset.total_capacity`."""
    if by is not None and by not in _GROUPINGS:
        raise ChoiceError("by", by, _GROUPINGS)
    stated = [p for p in parts if p.phase.capacity is not None]
    unknown = [p for p in parts if p.phase.capacity is None]
    if not stated:
        raise EmptySelectionError("no facility phase with a stated capacity matches")
    if by is None:
        return _total(stated, unknown, None, stated)
    groups: dict[tuple[str, tuple[str, Period | None, str | None]], list[CapacityPart]] = {}
    for part in stated:
        groups.setdefault((_group_value(part, by), _kind(part)), []).append(part)
    # A phase with no stated capacity is listed once, in the first group it
    # belongs to, not in every group of the same name.
    unplaced = list(unknown)
    totals = []
    for (value, _), members in groups.items():
        mine = [u for u in unplaced if _group_value(u, by) == value]
        unplaced = [u for u in unplaced if u not in mine]
        totals.append(_total(members, mine, (by, value), stated, _name(index, by, value)))
    return Records(totals, CapacityTotal)


def _group_value(part: CapacityPart, by: GroupBy) -> str:
    capacity = part.phase.capacity
    match by:
        case "product":
            return "" if capacity is None else capacity.product or ""
        case "unit":
            return "" if capacity is None else _label((capacity.unit, capacity.per, None)).strip()
        case "company":
            return part.facility.operator
        case "site":
            return part.facility.place or ""
        case "status":
            return part.status.value
    assert_never(by)  # pragma: no cover - total_capacity checks `by` first


def _name(index: Index, by: GroupBy, value: str) -> str:
    """A group's value as people read it: an entity's or a place's name."""
    if not value:
        return "(not stated)"
    if by == "company":
        return index.entity(value).name
    if by == "site":
        return index.place(value).name
    return value


def _total_layout() -> Layout:
    def group(index: int) -> Callable[[CapacityTotal], str | None]:
        return lambda t: None if t.group is None else t.group[index]

    def doubles(total: CapacityTotal) -> str | None:
        return "; ".join(f"{a} = {b}?" for a, b in total.possible_double_counts) or None

    return Layout(
        "totals",
        (
            *col("group_by", "str", group(0)),
            *col("group", "str", group(1)),
            *col("group_name", "str", lambda t: t.group_name),
            *value_columns("total", lambda t: t.value),
            *col("unit", "str", lambda t: t.unit),
            *category("per", Period, lambda t: t.per),
            *col("product", "str", lambda t: t.product),
            *col("parts", "int", lambda t: len(t.parts)),
            *col("unknown", "int", lambda t: len(t.unknown)),
            *col("possible_double_counts", "str", doubles),
        ),
        (
            ("group", lambda t: t.group_name or ""),
            ("total", lambda t: f"{t.value} {t.label}"),
            ("phases", lambda t: str(len(t.parts))),
            ("note", lambda t: "may double count" if t.possible_double_counts else ""),
        ),
    )


register_layout(CapacityTotal, _total_layout)
