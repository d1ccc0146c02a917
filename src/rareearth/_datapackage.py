"""The fact base as a Frictionless Data Package: CSV files with Table Schemas, to cite and archive.

A folder holding ``datapackage.json`` and one CSV file per table of
`rareearth._relational`, written by the tables' own CSV writer (numbers
exact, days ISO, yes/no ``true``/``false``, nothing as an empty cell). The
descriptor gives each table's schema (typed fields, a closed vocabulary as
an ``enum`` constraint, primary and foreign keys), the data version as the
package's ``version``, its licence and its sources: the documents of the
data set. ``frictionless validate datapackage.json`` passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from rareearth._export import Export, Loss, folder, losses_file
from rareearth._files import write_texts
from rareearth._index import Index
from rareearth._relational import LICENCE, LOSSES, Relation, relations
from rareearth._tables import Column, Records, dumps, short_source
from rareearth._version import DATA_DATE, DATA_VERSION, __version__

__all__ = ["write"]

_TYPES: Final = {
    "str": "string",
    "int": "integer",
    "number": "number",
    "date": "date",
    "bool": "boolean",
    "category": "string",
}


def write(index: Index, target: Path) -> Export:
    """Write ``datapackage.json``, a CSV file per table and ``losses.txt`` into ``target``.

    Raises:
        WriteError: ``target`` is a file, or a file cannot be written; what
            was there before is left as it was.

    >>> import tempfile, rareearth as ree
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     export = ree.dataset().export("datapackage", folder)
    >>> [path.name for path in export.files][:3]
    ['datapackage.json', 'sources.csv', 'entities.csv']
    """
    with folder(target):
        tables = relations(index)
        descriptor = target / "datapackage.json"
        texts = {descriptor: dumps(_descriptor(index, tables), indent=2) + "\n"}
        texts |= {target / f"{t.name}.csv": t.table().to_csv() for t in tables}
        report = losses_file(target, is_folder=True)
        items = sum(len(t.rows) for t in tables)
        export = Export("datapackage", (*texts, report), items, Records(LOSSES, Loss))
        texts[report] = str(export) + "\n"
        write_texts(texts)
    return export


def _descriptor(index: Index, tables: Sequence[Relation]) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "rareearth",
        "title": "rareearth: the rare-earth permanent-magnet fact base",
        "description": (
            f"Data version {DATA_VERSION} ({DATA_DATE.isoformat()}), exported by rareearth "
            f"{__version__}. Every fact cites a source with a verbatim quote: see the "
            "citations resource. What the tables cannot hold is in losses.txt."
        ),
        "version": DATA_VERSION,
        "licenses": [{"name": LICENCE[0], "path": LICENCE[1], "title": LICENCE[2]}],
        "sources": [
            {
                "title": f"{short_source(s.id)}: {s.title}"
                + (f" ({s.publisher})" if s.publisher else "")
            }
            for s in index.sources
        ],
        "resources": [_resource(t) for t in tables],
    }


def _resource(table: Relation) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in table.columns],
        "primaryKey": list(table.key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": fk.column,
                # "" is the resource itself, as the Table Schema writes it
                "reference": {
                    "resource": "" if fk.table == table.name else fk.table,
                    "fields": fk.target,
                },
            }
            for fk in table.foreign_keys
        ]
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": f"{table.name}.csv",
        "description": table.description,
        "sources": [{"title": table.source_label}],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": _TYPES[column.kind]}
    if column.kind == "category":
        field["constraints"] = {"enum": list(column.categories)}
    return field
