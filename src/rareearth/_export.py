"""Exports to other tools' formats: what each writes, and what each cannot hold.

Each format lives in a module of its own (``_ftm``, ``_bods``, ``_sqlite``,
``_parquet``, ``_datapackage``) with one function, ``write(index, target)``,
that returns an `Export`. `Dataset.export` imports a format's module only when
that format is asked for: none of them costs anything at ``import rareearth``.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from rareearth._tables import Records, Table, Tabular, count

__all__ = ["FORMATS", "Export", "Loss"]

#: Every export format, with the module that writes it ("ftm": "rareearth._ftm").
FORMATS: dict[str, str] = {}


@attrs.frozen
class Loss:
    """Something a format could not hold as rareearth holds it, and what became of it.

    Attributes:
        record: The rareearth id of the record, or ``None`` for a loss that
            applies to every record of a kind.
        field: The field, as a JSON path within the record ("date", "share").
        what: What happened, in a sentence: "'late 2024' became 2024".
    """

    record: str | None
    field: str
    what: str

    def __str__(self) -> str:
        where = self.field if self.record is None else f"{self.record}: {self.field}"
        return f"{where}: {self.what}"


@attrs.frozen
class Export(Tabular):
    """What an export wrote.

    Attributes:
        format: The format's name ("ftm").
        files: The files written, in the order written.
        items: How many items the format holds (entities, statements, rows).
        losses: What the format could not hold, record by record.
    """

    format: str
    files: tuple[Path, ...]
    items: int
    losses: Records[Loss]

    def table(self) -> Table:
        """The losses as a table."""
        return attrs.evolve(self.losses.table(), caption=self.summary)

    @property
    def summary(self) -> str:
        """The format, the items, the files and the count of losses, in one line."""
        files = ", ".join(str(f) for f in self.files)
        losses = count(len(self.losses), "losses")
        return f"{self.format}: {self.items:,} items in {files}; {losses}"

    def __str__(self) -> str:
        return "\n".join([self.summary, *(f"  {loss}" for loss in self.losses)])

    def __repr__(self) -> str:
        return f"<Export {self.format}: {self.items:,} items, {count(len(self.losses), 'losses')}>"
