"""Writing fact files: records back to the JSON the loader reads.

The output is the loader's own format, with fields at their default left
out, so a dumped data set loads to an equal one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rareearth._codec import unstructure
from rareearth._errors import WriteError
from rareearth._files import write_texts
from rareearth._records import COLLECTIONS
from rareearth._tables import dumps

__all__ = ["document", "write"]


def document(collections: Mapping[str, Sequence[object]]) -> str:
    """The text of one fact file holding ``collections`` (empty ones left out)."""
    body = {key: [unstructure(r) for r in collections[key]] for key in _non_empty(collections)}
    return dumps(body, indent=2) + "\n"


def write(
    target: str | os.PathLike[str], collections: Mapping[str, Sequence[object]]
) -> tuple[Path, ...]:
    """Write ``collections`` to one ``.json`` file, or to a folder of one file each.

    A folder is made if missing; in it, each non-empty collection goes to
    ``<collection>.json``, the shipped data's layout. The files are written
    all or none: if one cannot be, the old ones are left as they were.

    Raises:
        WriteError: No target, or a file cannot be written.
    """
    if not os.fspath(target):
        raise WriteError("no target given: name a .json file or a folder")
    path = Path(target)
    if path.suffix.lower() == ".json":
        texts = {path: document(collections)}
    else:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise WriteError(f"cannot make the folder {path}: {e.strerror or e}") from None
        texts = {
            path / f"{key}.json": document({key: collections[key]})
            for key in _non_empty(collections)
        }
    write_texts(texts)
    return tuple(texts)


def _non_empty(collections: Mapping[str, Sequence[object]]) -> Iterable[str]:
    return (key for key in COLLECTIONS if collections.get(key))
