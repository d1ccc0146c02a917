"""Tables of records: for notebooks, the shell, CSV, JSON and pandas.

Every collection and helper result can be seen as a `Table`: typed columns
and flat rows, built from the records. `Records` is the tuple the library
returns for collections; it is still a tuple, with ``to_dataframe()``,
``to_csv()``, ``to_json()`` and a readable display added.

Numbers stay `Decimal` in rows, CSV and JSON (written exactly); a DataFrame
gets floats unless ``exact=True`` asks for Decimals. Imprecise dates become
four columns: the wording, the earliest and latest day, and the precision.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, ClassVar, Literal, SupportsIndex, TypeVar, overload

import attrs

from rareearth._dates import FuzzyDate, Precision
from rareearth._errors import Problem, WriteError
from rareearth._files import write_texts
from rareearth._values import Qualifier, Value

if TYPE_CHECKING:
    from typing import Self

__all__ = [
    "Column",
    "ColumnKind",
    "Layout",
    "Records",
    "Table",
    "Tabular",
    "layout_for",
    "register_layout",
]

#: What a column holds. "number" cells are `Decimal`; "date" cells `datetime.date`.
ColumnKind = Literal["str", "int", "number", "date", "bool", "category"]

#: The widest line `str` of a table prints; the command line uses the terminal's width.
SCREEN_WIDTH = 120
#: The fewest characters a cell is cut to, however narrow the width asked for.
NARROWEST = 8

_R = TypeVar("_R")
_V = TypeVar("_V")


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        name: The column's name ("capacity_earliest").
        kind: What its cells hold; every cell may also be ``None``.
        categories: For a category column, every value it may take, in order.
        ordered: Whether the categories are ordered (a status is).
    """

    name: str
    kind: ColumnKind
    categories: tuple[str, ...] = ()
    ordered: bool = False


class Tabular:
    """Exports shared by everything that can be seen as a table.

    A subclass provides `table`; the rest follows from it.
    """

    __slots__ = ()

    def table(self) -> Table:
        """This result as a table."""
        raise NotImplementedError  # pragma: no cover - every subclass has one

    def to_dicts(self) -> list[dict[str, Any]]:
        """The rows as dictionaries of plain Python values.

        >>> import rareearth as ree
        >>> row = ree.dataset().sources.to_dicts()[3]
        >>> row["id"], row["published"], row["published_earliest"]
        ('003_9594616c843f5455', 'Wednesday (June 2025)', datetime.date(2025, 6, 1))
        """
        table = self.table()
        names = table.column_names
        return [dict(zip(names, row, strict=True)) for row in table.rows]

    @overload
    def to_csv(self, file: None = None) -> str: ...
    @overload
    def to_csv(self, file: str | os.PathLike[str] | IO[str]) -> None: ...
    def to_csv(self, file: str | os.PathLike[str] | IO[str] | None = None) -> str | None:
        """Write CSV with a header row, or return it as text when no file is given.

        Numbers are written exactly, dates as ISO days.

        >>> import rareearth as ree
        >>> print(ree.total_capacity(company="JL MAG", site="Baotou").to_csv().splitlines()[1])
        jl-mag-baotou-base,jl-mag-baotou-phases-i-ii,JL MAG Baotou base,...
        """
        import csv  # noqa: PLC0415 - only when exporting
        import io  # noqa: PLC0415

        table = self.table()
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows([_csv_cell(cell) for cell in row] for row in table.rows)
        return _write(buffer.getvalue(), file)

    @overload
    def to_json(self, file: None = None, *, indent: int | None = ...) -> str: ...
    @overload
    def to_json(
        self, file: str | os.PathLike[str] | IO[str], *, indent: int | None = ...
    ) -> None: ...
    def to_json(
        self, file: str | os.PathLike[str] | IO[str] | None = None, *, indent: int | None = None
    ) -> str | None:
        """Write a JSON array of objects, or return it as text; numbers exactly, dates as ISO days.

        >>> import rareearth as ree
        >>> print(ree.dataset().rates.to_json().split('"rate": ')[1][:8])
        0.139047
        """
        return _write(dumps(self.to_dicts(), indent) + "\n", file)

    def to_dataframe(self, *, exact: bool = False) -> Any:  # noqa: ANN401 - pandas is optional
        """The table as a `pandas.DataFrame` with typed columns (needs ``rareearth[pandas]``).

        Text is a string column, whole numbers nullable ``Int64``, numbers
        ``float64`` (or `Decimal` objects with ``exact=True``), days
        ``datetime64[s]``, yes/no ``boolean`` and closed vocabularies
        ``category`` (ordered for statuses).

        Raises:
            ImportError: pandas is not installed; install ``rareearth[pandas]``.
        """
        pd = _pandas()
        table = self.table()
        data = {
            column.name: _series(pd, column, [row[i] for row in table.rows], exact=exact)
            for i, column in enumerate(table.columns)
        }
        return pd.DataFrame(data, columns=list(table.column_names))

    def _repr_html_(self) -> str:
        return self.table().html()


# --- the table ------------------------------------------------------------------


@attrs.frozen(repr=False)
class Table(Tabular):
    """Rows of plain values under typed columns, with a short display.

    Attributes:
        name: What the rows are ("events", "capacity parts").
        columns: The columns, as exported.
        rows: One tuple of cells per row, in column order.
        brief: The headers shown on screen.
        brief_rows: The rows as shown on screen, as text.
        caption: A line said above the rows (a total, a sum).
    """

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    brief: tuple[str, ...] = ()
    brief_rows: tuple[tuple[str, ...], ...] = ()
    caption: str | None = None

    def table(self) -> Table:
        """The table itself."""
        return self

    @property
    def column_names(self) -> tuple[str, ...]:
        """The columns' names, in order."""
        return tuple(c.name for c in self.columns)

    # --- display ------------------------------------------------------------------

    def lines(self, *, width: int | None = SCREEN_WIDTH) -> list[str]:
        """The table as aligned text lines, for the shell.

        With a ``width``, the longest cells are cut (with "…") so that a line
        fits in it, and no cell is cut that need not be; with ``None``,
        nothing is cut.

        Columns of single words (ids, kinds) are never cut.

        >>> import rareearth as ree
        >>> table = ree.timeline("2025-06-11", "2025-06-11", match="within").table()
        >>> for line in table.lines(width=60)[2:4]:
        ...     print(line)
        -----------  ---------  -----------  -----------------------
        Wednesday,…  corporate  JL MAG obt…  jl-mag-export-licences
        >>> "Europe and Southeast Asia" in table.lines(width=None)[3]
        True
        """
        if not self.brief_rows:
            return [self.caption or f"no {self.name}"]
        rows = [self.brief, *[tuple(" ".join(c.split()) for c in r) for r in self.brief_rows]]
        natural = [max(len(row[i]) for row in rows) for i in range(len(self.brief))]
        # A column of single words (ids, kinds, tickers) is never cut: an id
        # cut short is no id, and it is what one types next.
        ids = {i for i in range(len(natural)) if not any(" " in row[i] for row in rows[1:])}
        cap = _fit(
            [w for i, w in enumerate(natural) if i not in ids],
            width,
            kept=sum(natural[i] + 2 for i in ids),
        )
        if cap is not None:
            rows = [
                tuple(c if i in ids else _cut(c, cap) for i, c in enumerate(row)) for row in rows
            ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(self.brief))]
        out = [self.caption or count(len(self.rows), self.name)]
        for n, row in enumerate(rows):
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                out.append("  ".join("-" * w for w in widths))
        return out

    def html(self) -> str:
        """The table as an HTML fragment, every cell escaped."""
        from html import escape  # noqa: PLC0415 - only in notebooks

        rows = count(len(self.rows), self.name)
        caption = escape(f"{self.caption} ({rows})" if self.caption else rows)
        head = "".join(f"<th>{escape(h)}</th>" for h in self.brief)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
            for row in self.brief_rows
        )
        return (
            f'<table class="rareearth"><caption style="text-align:left">{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __repr__(self) -> str:
        return f"<Table of {len(self.rows)} {self.name}: {', '.join(self.column_names)}>"


_SINGULAR = {"entities": "entity", "facilities": "facility", "matches": "match", "losses": "loss"}


def count(n: int, plural: str) -> str:
    """``n`` things, in the singular for one: "1 entity", "3 events", "1,048 chains".

    >>> count(1, "facilities"), count(2, "facilities"), count(1, "ownership links")
    ('1 facility', '2 facilities', '1 ownership link')
    """
    if n != 1:
        return f"{n:,} {plural}"
    return f"1 {_SINGULAR.get(plural, plural.removesuffix('s'))}"


def _fit(natural: Sequence[int], width: int | None, kept: int = 0) -> int | None:
    """The longest a cell may be for columns of these widths to fit in ``width``.

    ``None`` when they fit uncut. ``kept`` is the room taken by columns never
    cut. The widest columns give way first, never below `NARROWEST` characters.
    """
    if width is None or not natural:
        return None
    room = width - kept - 2 * (len(natural) - 1)  # two spaces between columns
    if sum(natural) <= room:
        return None
    # Each column keeps min(its width, cap): find the largest cap that fits.
    ordered = sorted(natural)
    narrower = 0  # the total of the columns narrower than the cap
    for n, column in enumerate(ordered):
        cap = (room - narrower) // (len(ordered) - n)
        if cap < column:
            return max(cap, NARROWEST)
        narrower += column
    return None  # pragma: no cover - the sum above did not fit, so some column is cut


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _write(text: str, file: str | os.PathLike[str] | IO[str] | None) -> str | None:
    if file is None:
        return text
    if isinstance(file, str | os.PathLike):
        if not os.fspath(file):
            raise WriteError("no file given: name one, or give none for the text")
        from pathlib import Path  # noqa: PLC0415 - only when writing

        write_texts({Path(file): text})  # whole or not at all: a failed write leaves the old file
    else:
        file.write(text)
    return None


def _csv_cell(cell: object) -> object:
    match cell:
        case None:
            return ""
        case Decimal():
            return _plain(cell)
        case dt.date():
            return cell.isoformat()
        case bool():
            return "true" if cell else "false"
    return cell


def _plain(number: Decimal) -> str:
    """A Decimal as JSON and CSV readers expect it: no exponent, no trailing zeros."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def dumps(value: object, indent: int | None = None) -> str:
    """JSON text for plain values, writing `Decimal` numbers exactly.

    The standard encoder can only write a Decimal as a float or a string;
    this writes its digits as a JSON number.

    >>> dumps({"rate": Decimal("0.1390476"), "day": dt.date(2025, 7, 10), "n": None})
    '{"rate": 0.1390476, "day": "2025-07-10", "n": null}'
    """
    return "".join(_encode(value, indent, 0))


def _encode(obj: object, indent: int | None, level: int) -> Iterator[str]:
    if isinstance(obj, dict | list | tuple):
        items = list(obj.items()) if isinstance(obj, dict) else list(enumerate(obj))
        opening, closing = "{}" if isinstance(obj, dict) else "[]"
        if not items:
            yield opening + closing
            return
        pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
        sep = ", " if indent is None else ","
        yield opening
        for n, (key, item) in enumerate(items):
            yield (sep if n else "") + pad
            if isinstance(obj, dict):
                yield _scalar(str(key)) + ": "
            yield from _encode(item, indent, level + 1)
        yield ("" if indent is None else "\n" + " " * (indent * level)) + closing
    else:
        yield _scalar(obj)


def _scalar(obj: object) -> str:
    import json  # noqa: PLC0415 - only when exporting

    match obj:
        case Decimal():
            if not obj.is_finite():
                raise ValueError(f"JSON cannot hold the number {obj}")
            return _plain(obj)
        case dt.date():
            return f'"{obj.isoformat()}"'
        case enum.Enum():
            return json.dumps(obj.value, ensure_ascii=False)
    return json.dumps(obj, ensure_ascii=False)


# --- pandas -------------------------------------------------------------------


def _pandas() -> Any:  # noqa: ANN401 - pandas is optional and untyped here
    import importlib  # noqa: PLC0415 - only when exporting

    try:
        # An optional extra, imported on use; through importlib so that type
        # checking does not need pandas' stubs.
        return importlib.import_module("pandas")
    except ImportError as e:
        msg = "to_dataframe() needs pandas: pip install 'rareearth[pandas]'"
        raise ImportError(msg, name="pandas") from e


def _series(pd: Any, column: Column, cells: list[Any], *, exact: bool) -> Any:  # noqa: ANN401, PLR0911 - one return per kind
    match column.kind:
        case "str":
            return pd.Series(cells, dtype="string")
        case "int":
            return pd.Series(cells, dtype="Int64")
        case "bool":
            return pd.Series(cells, dtype="boolean")
        case "number":
            if exact:
                return pd.Series(cells, dtype=object)
            return pd.Series([None if c is None else float(c) for c in cells], dtype="float64")
        case "date":
            return pd.Series(pd.to_datetime(cells), dtype="datetime64[s]")
        case "category":
            kind = pd.CategoricalDtype(list(column.categories), ordered=column.ordered)
            return pd.Series(cells, dtype=kind)
    raise AssertionError(column.kind)  # pragma: no cover - ColumnKind is closed


# --- collections ----------------------------------------------------------------


class Records(tuple[_R, ...], Tabular):  # noqa: SLOT001 - `of` needs a slot a tuple cannot have
    """A tuple of records that shows itself as a table and exports to one.

    It is a plain tuple in every other way: compare it with tuples, index
    it, unpack it. Slicing keeps it a `Records`. An answer that lists only
    some of what it found says how many more there are in ``more``, and
    its display says so too.

    >>> import rareearth as ree
    >>> events = ree.timeline("May 2025", "May 2025", match="within")
    >>> len(events), events[0].id
    (3, 'ford-chicago-halt')
    >>> print(events)  # doctest: +ELLIPSIS
    3 events
    date          kind         title ...
    ...
    >>> for line in events.table().lines(width=88):  # as a terminal 88 columns wide shows it
    ...     print(line)
    3 events
    date          kind         title                                     id
    ------------  -----------  ----------------------------------------  -------------------
    May 2025      disruption   Ford's Chicago plant halts Explorer SUV…  ford-chicago-halt
    May 9, 2025   statement    MEMA warns the U.S. State and Commerce …  mema-letter
    May 12, 2025  trade-talks  U.S. and China agree in Geneva to a 90-…  geneva-tariff-pause
    """

    of: type[_R] | None
    more: int

    def __new__(
        cls, items: Iterable[_R] = (), of: type[_R] | None = None, *, more: int = 0
    ) -> Self:
        """Gather ``items``; ``of`` names their type, for an empty table's columns.

        ``more`` counts what the answer found but does not list.
        """
        new = super().__new__(cls, items)
        new.of = of if of is not None or not new else type(new[0])
        new.more = more
        return new

    @overload
    def __getitem__(self, index: SupportsIndex) -> _R: ...
    @overload
    def __getitem__(self, index: slice) -> Records[_R]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> _R | Records[_R]:
        if isinstance(index, slice):
            return Records(super().__getitem__(index), self.of)
        return super().__getitem__(index)

    def table(self) -> Table:
        """The records as a table: one row each (see each record type's columns).

        >>> import rareearth as ree
        >>> ree.dataset().entities.table().columns[0]
        Column(name='id', kind='str', categories=(), ordered=False)
        """
        if self.of is None:
            return Table("records", (), (), (), ())
        layout = layout_for(self.of)
        if not self.more:
            return layout.build(self)
        if not self:
            return layout.build(self, f"{count(self.more, layout.name)} not listed")
        return layout.build(self, f"{count(len(self), layout.name)}, {self.more:,} more not listed")

    @property
    def ids(self) -> tuple[str, ...]:
        """The records' ids, in order (for records that have one)."""
        return tuple(getattr(r, "id", "") for r in self)

    def __repr__(self) -> str:
        return str(self.table())

    def __str__(self) -> str:
        return str(self.table())


# --- layouts: how a record type becomes columns -----------------------------------

Getter = Callable[[Any], Any]
#: Columns with how to read each off a record, as the builders below make them.
Cols = list[tuple[Column, Getter]]


@attrs.frozen
class Layout:
    """How one record type becomes a table.

    Attributes:
        name: What its rows are called ("events").
        columns: The exported columns, each with how to read it off a record.
        brief: The on-screen columns: header and how to show a record's cell.
    """

    name: str
    columns: tuple[tuple[Column, Getter], ...]
    brief: tuple[tuple[str, Callable[[Any], str]], ...]

    def build(self, records: Sequence[Any], caption: str | None = None) -> Table:
        """Make a table of ``records``."""
        return Table(
            self.name,
            tuple(c for c, _ in self.columns),
            tuple(tuple(get(r) for _, get in self.columns) for r in records),
            tuple(h for h, _ in self.brief),
            tuple(tuple(show(r) for _, show in self.brief) for r in records),
            caption,
        )


_LAYOUTS: dict[type, Callable[[], Layout]] = {}
_BUILT: dict[type, Layout] = {}


def register_layout(kind: type, make: Callable[[], Layout]) -> None:
    """Give a type its own table layout, made on first use.

    The module that defines a type registers its layout beside it; a type
    with none gets one derived from its attrs fields.
    """
    _LAYOUTS[kind] = make
    _BUILT.pop(kind, None)


def layout_for(kind: type) -> Layout:
    """The layout of a type's table, built once: its own, or one derived from it.

    A type, or a base of it, may have its own layout; an attrs class gets a
    column per field; anything else one column of its text. It never fails.

    >>> from decimal import Decimal
    >>> layout_for(Decimal).build([Decimal("1.5")]).brief_rows
    (('1.5',),)
    """
    if kind not in _BUILT:
        make = next((_LAYOUTS[c] for c in kind.__mro__ if c in _LAYOUTS), None)
        _BUILT[kind] = make() if make is not None else _derived(kind)
    return _BUILT[kind]


def _derived(kind: type) -> Layout:
    """A layout from an attrs class's fields; one text column for any other type."""
    name = _plural(kind.__name__)
    if not attrs.has(kind):
        return Layout(name, tuple(col("value", "str", str)), (("value", show),))
    try:
        hints = typing.get_type_hints(kind)
    except Exception:  # noqa: BLE001 - an annotation that cannot be resolved: shown as text
        hints = {}
    columns: Cols = []
    brief: list[tuple[str, Callable[[Any], str]]] = []
    for field in attrs.fields(kind):
        columns += _field_columns(field.name, hints.get(field.name))
        brief.append((field.name, _shown(field.name)))
    return Layout(name, tuple(columns), tuple(brief))


def _field_columns(name: str, tp: object) -> Cols:
    get = _getter(name)
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if isinstance(tp, types.UnionType) and len(args) == 1:
        tp = args[0]  # X | None: the column of X, with empty cells
    kinds: dict[object, ColumnKind] = {Decimal: "number", int: "int", bool: "bool"}
    if tp is Value:
        return value_columns(name, get)
    if tp is FuzzyDate:
        return date_columns(name, get)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return category(name, tp, get)
    if tp in kinds:
        return col(name, kinds[tp], get)
    return col(name, "str", lambda r: _text(get(r)))


def _getter(name: str) -> Getter:
    return lambda record: getattr(record, name)


def _shown(name: str) -> Callable[[Any], str]:
    return lambda record: show(getattr(record, name))


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return "; ".join(map(show, value)) or None
    return show(value)


def _plural(name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    if words.endswith("y") and words[-2:-1] not in ("a", "e", "o", "u"):
        return words[:-1] + "ies"
    return words + "s"


def col(name: str, kind: ColumnKind, get: Getter) -> Cols:
    """One column of ``kind`` read by ``get``."""
    return [(Column(name, kind), get)]


def category(name: str, vocabulary: type[enum.Enum], get: Getter, *, ordered: bool = False) -> Cols:
    """A category column of an enum's values; ``ordered`` sorts them by their ``rank``."""
    members: Iterable[enum.Enum] = vocabulary
    values = tuple(str(m.value) for m in members)
    if ordered:
        values = tuple(sorted(values, key=lambda v: vocabulary(v).rank))  # type: ignore[attr-defined]

    def read(record: object) -> str | None:
        member = get(record)
        return None if member is None else str(member.value)

    return [(Column(name, "category", values, ordered), read)]


def joined(name: str, get: Callable[[Any], Iterable[object]]) -> Cols:
    """A text column of several items joined with "; " (ids, tags)."""
    return col(name, "str", lambda r: "; ".join(map(str, get(r))) or None)


def _within(get: Callable[[Any], _V | None]) -> Callable[[Callable[[_V], Any]], Getter]:
    """Getters of parts of what ``get`` reads, empty where it reads nothing."""

    def part(read: Callable[[_V], Any]) -> Getter:
        def cell(record: object) -> Any:  # noqa: ANN401 - a cell of any kind
            whole = get(record)
            return None if whole is None else read(whole)

        return cell

    return part


def value_columns(name: str, get: Callable[[Any], Value | None]) -> Cols:
    """A qualified value as four columns: the number, ``_upper``, ``_qualifier``, ``_text``."""
    part = _within(get)
    return [
        *col(name, "number", part(lambda v: v.number)),
        *col(f"{name}_upper", "number", part(lambda v: v.upper)),
        *category(f"{name}_qualifier", Qualifier, part(lambda v: v.qualifier)),
        *col(f"{name}_text", "str", part(lambda v: v.text)),
    ]


def date_columns(name: str, get: Callable[[Any], FuzzyDate | None]) -> Cols:
    """An imprecise date as four columns: its wording, `_earliest`, `_latest`, `_precision`."""
    part = _within(get)
    return [
        *col(name, "str", part(str)),
        *col(f"{name}_earliest", "date", part(lambda d: d.earliest)),
        *col(f"{name}_latest", "date", part(lambda d: d.latest)),
        *category(f"{name}_precision", Precision, part(lambda d: d.precision)),
    ]


def sources(record: Any) -> str:  # noqa: ANN401 - any cited record
    """The ids of the sources a record cites, each once, joined with "; "."""
    return "; ".join(dict.fromkeys(c.source for c in record.cites))


def show(value: object) -> str:
    """A cell as the screen shows it: "" for nothing, an enum's value, "yes" for true."""
    match value:
        case None:
            return ""
        case enum.Enum():
            return str(value.value)
        case bool():
            return "yes" if value else ""
    return str(value)


def _problem_layout() -> Layout:
    return Layout(
        "problems",
        (
            *col("file", "str", lambda p: p.file),
            *col("path", "str", lambda p: p.path),
            *col("record", "str", lambda p: p.record),
            *col("message", "str", lambda p: p.message),
        ),
        (
            ("file", lambda p: p.file),
            ("where", lambda p: p.path),
            ("record", lambda p: p.record or ""),
            ("problem", lambda p: p.message),
        ),
    )


register_layout(Problem, _problem_layout)


# --- one record: a short repr, a card for print() and notebooks ----------------------


class Card:
    """A concise ``repr``, a readable ``str`` and an HTML card for a record.

    ``repr`` shows the id and the fields named in ``_brief``; ``str`` and the
    notebook card show every field that is set, citations last.
    """

    __slots__ = ()
    _brief: ClassVar[tuple[str, ...]] = ()

    def __repr__(self) -> str:
        shown = [repr(getattr(self, "id", ""))]
        shown += [f"{name}={_brief_repr(getattr(self, name))}" for name in self._brief]
        return f"{type(self).__name__}({', '.join(shown)}, …)"

    def card(self) -> list[tuple[str, str]]:
        """Every field that is set, as (name, text) pairs, citations last."""
        pairs = []
        cites: list[tuple[str, str]] = []
        for field in attrs.fields(type(self)):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            if value is None or value == () or value is False:
                continue
            if field.name == "cites":
                cites = [(f"source {short_source(c.source)}", f"“{c.quote}”") for c in value]
            else:
                pairs.append((field.name, _card_text(value)))
        return pairs + cites

    def __str__(self) -> str:
        return "\n".join(f"{name}: {text}" for name, text in self.card())

    def _repr_html_(self) -> str:
        from html import escape  # noqa: PLC0415 - only in notebooks

        rows = "".join(
            f'<tr><th style="text-align:left;vertical-align:top">{escape(name)}</th>'
            f'<td style="text-align:left">{escape(text)}</td></tr>'
            for name, text in self.card()
        )
        title = escape(f"{type(self).__name__} {getattr(self, 'id', '')}")
        return (
            f'<table class="rareearth"><caption style="text-align:left">{title}</caption>'
            f"<tbody>{rows}</tbody></table>"
        )


_SHIPPED_SOURCE = re.compile(r"(\d{3})_[0-9a-f]{16}")


def short_source(source_id: str) -> str:
    """A shipped source's number ("003"); any other source's whole id.

    >>> short_source("003_9594616c843f5455"), short_source("analyst-notes-2026")
    ('003', 'analyst-notes-2026')
    """
    shipped = _SHIPPED_SOURCE.fullmatch(source_id)
    return source_id if shipped is None else shipped[1]


def _brief_repr(value: object) -> str:
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, str) or value is None:
        return repr(value)
    return str(value)


def _card_text(value: object) -> str:
    match value:
        case enum.Enum():
            return str(value.value)
        case tuple():
            return "; ".join(_card_text(v) for v in value)
        case Card():
            return repr(value)
        case _ if attrs.has(type(value)) and type(value).__str__ is object.__str__:
            fields = attrs.fields(type(value))  # type: ignore[arg-type]
            shown = (
                f"{f.name}={_card_text(getattr(value, f.name))}"
                for f in fields
                if getattr(value, f.name) not in (None, (), False) and f.name != "cites"
            )
            return ", ".join(shown)
    return str(value)
