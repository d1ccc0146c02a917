"""The fact base as related tables: what the table formats (SQLite, Parquet, Data Package) share.

One table per collection, with the columns of its layout (`Records.table`)
and the few its screen does not need (a phase's summary, a derivation's rule
and inputs); the facility phases and their milestones as tables of their
own; every citation and every note in a table of its own, each row naming
the record and the field (a JSON path within it) it belongs to. Each table
has its primary key and foreign keys. What the tables cannot hold as the
records do is `LOSSES`; a format adds its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

import attrs

from rareearth._corroboration import Corroboration, corroboration
from rareearth._export import Loss
from rareearth._index import Index
from rareearth._records import COLLECTIONS, CapacityPart, Citation, Status
from rareearth._tables import (
    Cols,
    Column,
    Table,
    category,
    col,
    date_columns,
    joined,
    layout_for,
    short_source,
    value_columns,
)

__all__ = ["LICENCE", "LOSSES", "ForeignKey", "Relation", "relations"]

#: The data's licence, the package's own (LICENSE): its name, its text's address, its title.
LICENCE: Final = ("MIT", "https://opensource.org/licenses/MIT", "MIT License")


@attrs.frozen
class ForeignKey:
    """A column whose values are the keys of another table's rows.

    Attributes:
        column: The column ("operator").
        table: The table it refers to ("entities").
        target: The column there ("id").
    """

    column: str
    table: str
    target: str = "id"


@attrs.frozen
class Relation:
    """One table of the export: typed columns, rows, keys and what it is.

    Attributes:
        name: The table's name ("entities").
        description: One sentence on what a row is.
        columns: The columns, typed (`Column.kind`).
        rows: One tuple of cells per row, in column order.
        key: The columns of the primary key.
        foreign_keys: The columns that refer to other tables.
        sources: The ids of the sources its rows cite, in order.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Any, ...]]
    key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    sources: tuple[str, ...] = ()

    def table(self) -> Table:
        """The rows as a `Table` (for its CSV and JSON writers)."""
        return Table(self.name, self.columns, tuple(self.rows))

    @property
    def source_label(self) -> str:
        """The sources its rows cite, by their short ids: "sources 000, 003"."""
        if not self.sources:
            return "rareearth's own records (they cite no source)"
        return "sources " + ", ".join(sorted(short_source(s) for s in self.sources))


#: What every table format loses, whatever it is: said in each loss report.
LOSSES: Final = (
    Loss(
        None,
        "figures.equivalents",
        "a figure printed beside another in other units ('~USD 72/kg') is kept as text in "
        "the equivalents column, not as a number with its own qualifier and unit",
    ),
    Loss(
        None,
        "lists",
        "lists of ids, names and tags (aliases, tickers, hubs, entities, places, tags, "
        "claimed_by, possibly_same_as, sources) are one text each, items joined with '; '",
    ),
)


@attrs.frozen
class _Spec:
    description: str
    key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[ForeignKey, ...] = ()
    extra: Callable[[], Cols] = list


def _derivation(name: str = "derived") -> Cols:
    """The rule and inputs of a record's derivation (its layout says only whether it has one)."""

    def part(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda r: None if r.derived is None else read(r.derived)

    return [
        *col(f"{name}_rule", "str", part(lambda d: d.rule)),
        *col(f"{name}_inputs", "str", part(lambda d: "; ".join(d.inputs) or None)),
    ]


def _phase_extra() -> Cols:
    def phase(read: Callable[[Any], Any]) -> Callable[[CapacityPart], Any]:
        return lambda p: read(p.phase)

    def area(read: Callable[[Any], Any]) -> Callable[[CapacityPart], Any]:
        return lambda p: None if p.phase.site_area is None else read(p.phase.site_area)

    def investment(read: Callable[[Any], Any]) -> Callable[[CapacityPart], Any]:
        return lambda p: None if p.phase.investment is None else read(p.phase.investment)

    return [
        *col("summary", "str", phase(lambda p: p.summary)),
        *col("investment_text", "str", investment(lambda i: i.text)),
        *joined("investment_reported", _reported),
        *value_columns("site_area", area(lambda q: q.value)),
        *col("site_area_unit", "str", area(lambda q: q.unit)),
        *[(c, phase(get)) for c, get in _derivation()],
    ]


def _reported(part: CapacityPart) -> Iterator[str]:
    """The equivalents printed beside an investment, exactly ("USD 146000000")."""
    investment = part.phase.investment
    return (f"{m.currency} {m.amount:f}" for m in (investment.reported if investment else ()))


_E: Final = "entities"
_SPECS: Final = {
    "sources": _Spec(
        "A source document: the only origin of the facts.",
        foreign_keys=(ForeignKey("publisher", _E),),
        extra=lambda: joined("reports_from", lambda s: s.reports_from),
    ),
    "entities": _Spec(
        "A company, government, agency, industry body, zone, fund or person.",
        extra=lambda: joined("other_names", lambda e: (o.name for o in e.other_names)),
    ),
    "places": _Spec(
        "A place facilities and events are in.",
        foreign_keys=(ForeignKey("parent", "places"),),
    ),
    "facilities": _Spec(
        "A plant, production base or project; its phases are in the phases table.",
        foreign_keys=(
            ForeignKey("operator", _E),
            ForeignKey("place", "places"),
            ForeignKey("zone", _E),
        ),
    ),
    "phases": _Spec(
        "A facility phase: its capacity, status and investment (capacities of unlike "
        "products or units must not be added).",
        key=("phase",),
        foreign_keys=(
            ForeignKey("facility", "facilities"),
            ForeignKey("operator", _E),
            ForeignKey("place", "places"),
        ),
        extra=_phase_extra,
    ),
    "relationships": _Spec(
        "A relation between two entities: read 'party is <kind> of subject'.",
        foreign_keys=(ForeignKey("subject", _E), ForeignKey("party", _E)),
        extra=lambda: col("ownership", "bool", lambda r: r.is_ownership),
    ),
    "events": _Spec("Something that happened, or is expected to, on a date as precise as told."),
    "figures": _Spec(
        "A number the sources give: a price, a share, a statistic, a projection.",
        foreign_keys=(
            ForeignKey("subject", _E),
            ForeignKey("facility", "facilities"),
            ForeignKey("geography", "places"),
        ),
        extra=lambda: [
            *joined("equivalents", lambda f: (f"{e.value} {e.unit}" for e in f.equivalents)),
            *_derivation(),
        ],
    ),
    "claims": _Spec(
        "A statement a party makes that is not a number.",
        foreign_keys=(ForeignKey("subject", _E),),
    ),
    "rates": _Spec(
        "An exchange rate implied by amounts a source prints in two currencies.",
        extra=lambda: [c for c in _derivation() if c[0].name == "derived_inputs"],
    ),
}


def relations(index: Index) -> list[Relation]:
    """Every table of the export, in the order they are written (referred-to tables first).

    >>> import rareearth as ree
    >>> from rareearth._relational import relations
    >>> [(r.name, len(r.rows)) for r in relations(ree.dataset()._index)][3:5]
    [('facilities', 7), ('phases', 11)]
    """
    found: list[Relation] = []
    for name in (*COLLECTIONS, "phases"):
        spec = _SPECS[name]
        records = getattr(index, name)
        kind = CapacityPart if name == "phases" else COLLECTIONS[name].type
        columns = [*layout_for(kind).columns, *spec.extra()]
        if name != "sources":  # sources are what the others cite
            columns += _backing(index, phases=name == "phases")
        getters = [get for _, get in columns]
        rows = [tuple(get(r) for get in getters) for r in records]
        cites = _cites_of(records, phases=name == "phases")
        found.append(
            Relation(
                name,
                spec.description,
                tuple(c for c, _ in columns),
                rows,
                spec.key,
                spec.foreign_keys,
                tuple(dict.fromkeys(c.source for c in cites)),
            )
        )
    # phases after facilities, as facilities' rows are what phases refer to
    found.insert(4, found.pop())
    found += [_milestones(index), *_texts(index)]
    return found


def _backing(index: Index, *, phases: bool) -> Cols:
    """How well each row is backed: its citations, and how many independent origins."""
    found: dict[str, Corroboration] = {}

    def of(record: Any) -> Corroboration:  # noqa: ANN401 - any record, or a phase
        key = record.phase.id if phases else record.id
        if key not in found:
            found[key] = corroboration(index, key)
        return found[key]

    return [
        *col("citations", "int", lambda r: of(r).citations),
        *col("independent_origins", "int", lambda r: of(r).independent),
    ]


def _cites_of(records: Sequence[Any], *, phases: bool) -> Iterator[Citation]:
    for record in records:
        yield from (record.phase.cites if phases else getattr(record, "cites", ()))


def _milestones(index: Index) -> Relation:
    def cell(read: Callable[[Any], Any]) -> Callable[[tuple[Any, ...]], Any]:
        return lambda row: read(row[2])

    columns: Cols = [
        *col("phase", "str", lambda row: row[0].id),
        *col("facility", "str", lambda row: row[1]),
        *col("n", "int", lambda row: row[3]),
        *category("status", Status, cell(lambda m: m.status), ordered=True),
        *date_columns("date", cell(lambda m: m.date)),
        *col("expected", "bool", cell(lambda m: m.expected)),
    ]
    rows = [
        tuple(get((part.phase, part.facility.id, milestone, n)) for _, get in columns)
        for part in index.phases
        for n, milestone in enumerate(part.phase.milestones)
    ]
    return Relation(
        "milestones",
        "A phase reaching a status, on a date or expected to: the phase's history.",
        tuple(c for c, _ in columns),
        rows,
        ("phase", "n"),
        (ForeignKey("phase", "phases", "phase"), ForeignKey("facility", "facilities")),
    )


def _texts(index: Index) -> tuple[Relation, Relation]:
    """The citations and the notes of every record, found in one pass."""
    citations: list[tuple[Any, ...]] = []
    notes: list[tuple[Any, ...]] = []
    for name in COLLECTIONS:
        for record in getattr(index, name):
            for field, text in _walk(record, ""):
                if isinstance(text, Citation):
                    citations.append((record.id, name, field, text.source, text.quote))
                else:
                    notes.append((record.id, name, field, text))
    where = (
        Column("record", "str"),
        Column("collection", "category", tuple(COLLECTIONS)),
        Column("field", "str"),
    )
    sources = tuple(dict.fromkeys(row[3] for row in citations))
    return (
        Relation(
            "citations",
            "A verbatim quote of a source that supports a record; field: where in the record "
            "it is cited, as a JSON path ('cites[0]', 'phases[1].milestones[0].cites[0]').",
            (*where, Column("source", "str"), Column("quote", "str")),
            citations,
            ("record", "field"),
            (ForeignKey("source", "sources"),),
            sources,
        ),
        Relation(
            "notes",
            "What a reader should know about a record: a slip, a reading chosen, a double count.",
            (*where, Column("note", "str")),
            notes,
            ("record", "field"),
        ),
    )


_FIELDS: dict[type, tuple[str, ...]] = {}


def _walk(obj: object, path: str) -> Iterator[tuple[str, Citation | str]]:
    """Each citation and note in a record, with its path ("phases[0].cites[1]", "notes[0]")."""
    kind = type(obj)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in attrs.fields(kind))  # type: ignore[arg-type]
    for name in names:
        value = getattr(obj, name)
        here = f"{path}.{name}" if path else name
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                yield from _item(item, name, f"{here}[{i}]")
        elif name == "note" and isinstance(value, str):
            yield here, value
        elif attrs.has(type(value)):
            yield from _walk(value, here)


def _item(item: object, name: str, here: str) -> Iterator[tuple[str, Citation | str]]:
    """The citations and notes of one item of a tuple field (a citation, a note, a phase)."""
    if isinstance(item, Citation) or (name == "notes" and isinstance(item, str)):
        yield here, item
    elif attrs.has(type(item)):
        yield from _walk(item, here)
