"""The fact base as a folder of Parquet files, one per table, for DuckDB, Polars and Spark.

The tables are those of `rareearth._relational`. Numbers are exact decimals
(``decimal128(38, s)``, with as many places ``s`` as the column's values have), days are
``date32``, yes/no ``bool``, whole numbers ``int64``, closed vocabularies
dictionary-encoded strings. Each file's metadata carries the data version,
the table's description, its primary and foreign keys and the licence
(``rareearth.*`` keys). Needs pyarrow: ``pip install 'rareearth[parquet]'``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from rareearth._errors import WriteError
from rareearth._export import Export, Loss, folder, losses_file
from rareearth._files import Content, write_files
from rareearth._index import Index
from rareearth._relational import LICENCE, LOSSES, Relation, relations
from rareearth._tables import Column, Records
from rareearth._values import CONTEXT
from rareearth._version import DATA_VERSION

__all__ = ["write"]

#: The most digits a decimal128 holds.
_DIGITS = 38


def write(index: Index, target: Path) -> Export:
    """Write ``<table>.parquet`` for every table, and ``losses.txt``, into the folder ``target``.

    Raises:
        ImportError: pyarrow is not installed; install ``rareearth[parquet]``.
        WriteError: ``target`` is a file, or a file cannot be written; what
            was there before is left as it was.

    >>> import tempfile, rareearth as ree
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     export = ree.dataset().export("parquet", folder)
    >>> [path.name for path in export.files][:3]
    ['sources.parquet', 'entities.parquet', 'places.parquet']
    """
    pa, pq = _pyarrow()
    with folder(target):
        tables = relations(index)
        losses: list[Loss] = list(LOSSES)
        contents: dict[Path, Content] = {}
        for relation in tables:
            table = _arrow_table(pa, relation, losses)
            contents[target / f"{relation.name}.parquet"] = _writer(pq, table)
        report = losses_file(target, is_folder=True)
        items = sum(len(t.rows) for t in tables)
        export = Export("parquet", (*contents, report), items, Records(losses, Loss))
        contents[report] = str(export).encode() + b"\n"
        try:
            write_files(contents)
        except pa.ArrowException as e:
            raise WriteError(f"cannot write {target}: {e}") from None
    return export


def _pyarrow() -> tuple[Any, Any]:
    try:
        # Through importlib: an optional extra, and no stubs needed to type-check.
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError as e:
        msg = "the parquet export needs pyarrow: pip install 'rareearth[parquet]'"
        raise ImportError(msg, name="pyarrow") from e


def _writer(pq: Any, table: Any) -> Content:  # noqa: ANN401 - pyarrow is untyped here
    return lambda path: pq.write_table(table, path)


def _arrow_table(pa: Any, relation: Relation, losses: list[Loss]) -> Any:  # noqa: ANN401
    cells = list(zip(*relation.rows, strict=True)) or [()] * len(relation.columns)
    arrays = []
    for i, (column, values) in enumerate(zip(relation.columns, cells, strict=True)):
        if column.kind == "number":
            arrays.append(_decimals(pa, relation, i, values, losses))
        else:
            arrays.append(pa.array(values, type=_type(pa, column)))
    metadata = {
        "rareearth.data_version": DATA_VERSION,
        "rareearth.table": relation.name,
        "rareearth.description": relation.description,
        "rareearth.primary_key": json.dumps(relation.key),
        "rareearth.foreign_keys": json.dumps(
            [[fk.column, fk.table, fk.target] for fk in relation.foreign_keys]
        ),
        "rareearth.sources": relation.source_label,
        "rareearth.licence": f"{LICENCE[0]} ({LICENCE[1]})",
    }
    names = [c.name for c in relation.columns]
    return pa.Table.from_arrays(arrays, names=names, metadata=metadata)


def _type(pa: Any, column: Column) -> Any:  # noqa: ANN401
    match column.kind:
        case "int":
            return pa.int64()
        case "bool":
            return pa.bool_()
        case "date":
            return pa.date32()
        case "category":
            return pa.dictionary(pa.int32(), pa.string())
    return pa.string()


def _decimals(
    pa: Any,  # noqa: ANN401
    relation: Relation,
    i: int,
    values: Sequence[Decimal | None],
    losses: list[Loss],
) -> Any:  # noqa: ANN401
    """A column of exact decimals, as many places as its values have (38 digits in all at most)."""
    present = [v for v in values if v is not None]
    places = max((max(0, -_exponent(v)) for v in present), default=0)
    whole = max((max(1, v.adjusted() + 1) for v in present), default=1)
    if whole + places > _DIGITS:  # the loader's limits keep numbers well inside
        places = max(0, _DIGITS - whole)
        quantum = Decimal(1).scaleb(-places)
        rounded = [None if v is None else v.quantize(quantum, context=CONTEXT) for v in values]
        column = relation.columns[i].name
        key = [c.name for c in relation.columns].index(relation.key[0])
        for row, before, after in zip(relation.rows, values, rounded, strict=True):
            if before is not None and before != after:
                what = f"{before} was rounded to {after}: Parquet decimals hold 38 digits"
                losses.append(Loss(str(row[key]), column, what))
        values = rounded
    # 38 digits, whatever the values: the same type in every export, to append or compare
    return pa.array(values, type=pa.decimal128(_DIGITS, places))


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0
