"""The fact base as one SQLite database, for Datasette and any SQL tool (standard library only).

A table per collection, and the phases, milestones, citations and notes
(see `rareearth._relational`), with primary and foreign keys. Numbers are
REAL, for sorting and sums, beside a ``<column>_exact`` TEXT column holding
the exact decimal ("9.4"); days are ISO text ("2025-07-10"); yes and no are 1
and 0; a closed vocabulary is TEXT checked against its values. A full-text
index (FTS5) ``<table>_fts`` covers the quotes, summaries, names, titles,
statements and notes, and Datasette finds it; two views sum capacity by
company and list the ownership links. The ``rareearth`` table holds the data
version. Beside the database, ``metadata.json`` gives Datasette the title,
licence, data version and each table's description and sources::

    datasette out.db -m metadata.json
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from rareearth._errors import WriteError
from rareearth._export import Export, Loss, file_target, losses_file
from rareearth._files import write_files
from rareearth._index import Index
from rareearth._relational import LICENCE, LOSSES, Relation, relations
from rareearth._tables import Column, Records, _plain, dumps
from rareearth._version import DATA_DATE, DATA_VERSION, __version__

__all__ = ["write"]

#: The text columns each full-text index covers, by table.
SEARCHED: Final = {
    "sources": ("title", "about"),
    "entities": ("name", "legal_name", "aliases", "other_names", "summary"),
    "places": ("name", "aliases"),
    "facilities": ("name", "summary"),
    "phases": ("facility_name", "phase_name", "summary"),
    "relationships": ("party_label", "summary"),
    "events": ("title",),
    "figures": ("metric", "summary"),
    "claims": ("statement",),
    "citations": ("quote",),
    "notes": ("note",),
}

_VIEWS: Final = {
    "capacity_by_company": (
        (
            "Stated capacity by operating company, product, unit and period (a subsidiary is "
            "its own row; capacity sums the low ends, capacity_high the high ends of ranges)."
        ),
        """
        SELECT p.operator AS company, e.name AS company_name, p.product, p.unit, p.per,
            SUM(p.capacity) AS capacity,
            SUM(COALESCE(p.capacity_upper, p.capacity)) AS capacity_high,
            GROUP_CONCAT(DISTINCT p.capacity_qualifier) AS qualifiers,
            COUNT(*) AS phases, SUM(p.derived) AS derived_phases
        FROM phases AS p LEFT JOIN entities AS e ON e.id = p.operator
        WHERE p.capacity IS NOT NULL
        GROUP BY p.operator, p.product, p.unit, p.per
        """,
    ),
    "ownership_links": (
        "Stakes, joint ventures and subsidiaries, with both sides' names and the share as printed.",
        """
        SELECT r.id, r.kind, r.subject, s.name AS subject_name, r.party,
            COALESCE(p.name, r.party_label) AS party_name, r.share, r.share_upper,
            r.share_qualifier, r.share_text, r.holder_type, r.state_linked, r.summary
        FROM relationships AS r
            JOIN entities AS s ON s.id = r.subject
            LEFT JOIN entities AS p ON p.id = r.party
        WHERE r.ownership = 1
        """,
    ),
}


def write(index: Index, target: Path) -> Export:
    """Write the database at ``target``, ``metadata.json`` and the loss report beside it.

    Raises:
        WriteError: ``target`` is a folder, or a file cannot be written; what
            was there before is left as it was.

    >>> import tempfile, rareearth as ree
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     export = ree.dataset().export("sqlite", Path(folder) / "out.db")
    >>> [path.name for path in export.files]
    ['out.db', 'metadata.json', 'out.db.losses.txt']
    """
    target = file_target(target, starts=b"SQLite format 3\x00", kind="an SQLite database")
    tables = relations(index)
    metadata = target.with_name("metadata.json")
    report = losses_file(target, is_folder=False)
    items = sum(len(t.rows) for t in tables)
    export = Export("sqlite", (target, metadata, report), items, Records(LOSSES, Loss))
    try:
        write_files(
            {
                target: lambda path: _build(path, tables),
                metadata: dumps(_metadata(target.stem, tables), indent=2).encode() + b"\n",
                report: str(export).encode() + b"\n",
            }
        )
    except sqlite3.Error as e:
        raise WriteError(f"cannot write {target}: {e}") from None
    return export


def _build(path: Path, tables: Sequence[Relation]) -> None:
    connection = sqlite3.connect(path)
    try:
        # A new file, renamed into place once whole: no journal is needed.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        with connection:
            for table in tables:
                _create(connection, table)
            for name, columns in SEARCHED.items():
                _index_text(connection, name, columns)
            for name, (_, query) in _VIEWS.items():
                connection.execute(f"CREATE VIEW {name} AS {query}")
            connection.execute("CREATE TABLE rareearth (key TEXT PRIMARY KEY, value TEXT)")
            connection.executemany(
                "INSERT INTO rareearth VALUES (?, ?)",
                [
                    ("data_version", DATA_VERSION),
                    ("data_date", DATA_DATE.isoformat()),
                    ("rareearth_version", __version__),
                    ("licence", LICENCE[0]),
                ],
            )
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:  # pragma: no cover - the loader checks every reference
            raise WriteError(f"cannot write {path}: references to missing rows: {broken[:3]}")
    finally:
        connection.close()


def _create(connection: sqlite3.Connection, table: Relation) -> None:
    definitions: list[str] = []
    for column in table.columns:
        definitions += _definitions(column)
    definitions.append(f"PRIMARY KEY ({', '.join(map(_quoted, table.key))})")
    definitions += [
        f"FOREIGN KEY ({_quoted(fk.column)}) REFERENCES {fk.table} ({_quoted(fk.target)})"
        for fk in table.foreign_keys
    ]
    connection.execute(f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(definitions) + "\n)")
    cells = [_cells(column) for column in table.columns]
    width = sum(2 if c.kind == "number" else 1 for c in table.columns)
    marks = ", ".join("?" * width)
    connection.executemany(
        f"INSERT INTO {table.name} VALUES ({marks})",  # noqa: S608 - the export's own names
        (
            [out for cell, value in zip(cells, row, strict=True) for out in cell(value)]
            for row in table.rows
        ),
    )


def _definitions(column: Column) -> list[str]:
    name = _quoted(column.name)
    match column.kind:
        case "number":
            return [f"{name} REAL", f"{_quoted(column.name + '_exact')} TEXT"]
        case "int":
            return [f"{name} INTEGER"]
        case "bool":
            return [f"{name} INTEGER CHECK ({name} IN (0, 1))"]
        case "category":
            allowed = ", ".join(_literal(c) for c in column.categories)
            return [f"{name} TEXT CHECK ({name} IN ({allowed}))"]
    return [f"{name} TEXT"]  # text, and days as ISO text


def _cells(column: Column) -> Callable[[Any], tuple[Any, ...]]:
    match column.kind:
        case "number":
            return _number
        case "date":
            return _day
        case "bool":
            return lambda value: (None if value is None else int(value),)
    return lambda value: (value,)


def _number(value: Decimal | None) -> tuple[float | None, str | None]:
    return (None, None) if value is None else (float(value), _plain(value))


def _day(value: dt.date | None) -> tuple[str | None]:
    return (None if value is None else value.isoformat(),)


def _index_text(connection: sqlite3.Connection, table: str, columns: Sequence[str]) -> None:
    # An external-content index: the text stays in its table; Datasette finds
    # the index by its content= option and offers a search box on the table.
    listed = ", ".join(map(_quoted, columns))
    connection.execute(
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5({listed}, content={_quoted(table)})"
    )
    connection.execute(
        f"INSERT INTO {table}_fts (rowid, {listed}) SELECT rowid, {listed} FROM {table}"  # noqa: S608 - the export's own names
    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _metadata(database: str, tables: Sequence[Relation]) -> dict[str, Any]:
    """Datasette's metadata: the site's title, licence and sources, each table's."""
    sources = len(tables[0].rows)
    described: dict[str, Any] = {
        t.name: {"description": t.description, "source": t.source_label} for t in tables
    }
    for name, (description, _) in _VIEWS.items():
        described[name] = {"description": description, "source": "the phases table"}
    described["ownership_links"]["source"] = "the relationships table"
    described["rareearth"] = {"description": "The data version and licence of this export."}
    return {
        "title": f"rareearth fact base, data {DATA_VERSION}",
        "description": (
            f"The rare-earth permanent-magnet fact base, data version {DATA_VERSION} "
            f"({DATA_DATE.isoformat()}), exported by rareearth {__version__}. Every fact "
            "cites a source with a verbatim quote: see the citations table."
        ),
        "license": LICENCE[0],
        "license_url": LICENCE[1],
        "source": f"{sources} source documents (the sources table)",
        "databases": {database: {"tables": described}},
    }
