"""Exports to other tools' formats: what each writes, and what each cannot hold.

Each format lives in a module of its own (``_ftm``, ``_bods``, ``_sqlite``,
``_parquet``, ``_datapackage``) with one function, ``write(index, target)``,
that returns an `Export`. `Dataset.export` imports a format's module only when
that format is asked for: none of them costs anything at ``import rareearth``.

Every export writes its loss report beside what it wrote: ``losses.txt``
inside a folder target, ``<file>.losses.txt`` beside a file target (see
`losses_file`), in the same write as its other files, all or none.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Final

import attrs

from rareearth._errors import WriteError
from rareearth._tables import Records, Table, Tabular, count

__all__ = ["FORMATS", "Export", "Loss", "file_target", "folder", "losses_file"]

#: Every export format, with the module that writes it ("ftm": "rareearth._ftm"); read-only,
#: as `Dataset.export` imports the module a format names.
FORMATS: Final = MappingProxyType(
    {
        "ftm": "rareearth._ftm",
        "bods": "rareearth._bods",
        "sqlite": "rareearth._sqlite",
        "parquet": "rareearth._parquet",
        "datapackage": "rareearth._datapackage",
    }
)


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
        """The format, the items, where they went and the count of losses, in one line.

        Up to three files are named; more, all in one folder, are counted in it.
        """
        losses = count(len(self.losses), "losses")
        folders = {f.parent for f in self.files}
        if len(self.files) > 3 and len(folders) == 1:
            where = f"{folders.pop()} ({count(len(self.files), 'files')})"
        else:
            where = ", ".join(str(f) for f in self.files)
        return f"{self.format}: {self.items:,} items in {where}; {losses}"

    def __str__(self) -> str:
        return "\n".join([self.summary, *(f"  {loss}" for loss in self.losses)])

    def __repr__(self) -> str:
        return f"<Export {self.format}: {self.items:,} items, {count(len(self.losses), 'losses')}>"


def losses_file(target: Path, *, is_folder: bool) -> Path:
    """Where an export's loss report goes: inside a folder target, or beside a file target.

    >>> losses_file(Path("out"), is_folder=True).as_posix()
    'out/losses.txt'
    >>> losses_file(Path("out.db"), is_folder=False).as_posix()
    'out.db.losses.txt'
    """
    if is_folder:
        return target / "losses.txt"
    return target.with_name(f"{target.name}.losses.txt")


@contextlib.contextmanager
def folder(target: Path) -> Iterator[Path]:
    """A folder target, made if missing, and removed again if the export in it fails.

    Raises:
        WriteError: The target is a file, or the folder cannot be made.
    """
    existed = target.exists()
    if existed and not target.is_dir():
        raise WriteError(f"cannot write {target}: it is a file; name a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WriteError(f"cannot make the folder {target}: {e.strerror or e}") from None
    try:
        yield target
    except BaseException:
        if not existed:
            with contextlib.suppress(OSError):
                target.rmdir()  # only if still empty: what was there before is left
        raise


def file_target(target: Path, *, starts: bytes, kind: str) -> Path:
    """A file target, checked: not a folder, in a folder that exists, and not another file.

    An existing file is replaced only if it begins as this format's files do
    (``starts``): an earlier export of the same kind. A database or anything
    else of the user's is never overwritten by an export of another kind.

    Raises:
        WriteError: The target is a folder, its folder does not exist, or it
            holds something other than ``kind``.
    """
    if target.is_dir():
        raise WriteError(f"cannot write {target}: it is a folder; name a file in it")
    if not target.parent.is_dir():
        raise WriteError(f"cannot write {target}: the folder {target.parent} does not exist")
    if target.is_file() and target.stat().st_size:
        with target.open("rb") as f:
            head = f.read(len(starts))
        if head != starts:
            raise WriteError(
                f"cannot write {target}: it holds something other than {kind}; "
                "remove it, or name another file"
            )
    return target
