"""Writing files whole or not at all.

Each file is written to a new file beside its target, which then replaces
the target in one step: a write that fails (a full disk, a text UTF-8 cannot
hold, a folder that refuses) leaves every target as it was, and a symbolic
link at a target is replaced, not followed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeAlias

from rareearth._errors import WriteError

if TYPE_CHECKING:  # pathlib is imported by whoever writes files, not by every reader
    from pathlib import Path

__all__ = ["write_files", "write_texts"]

#: What a file is made of: its bytes, or a function that writes it at the path it is given
#: (a database or a Parquet file, which their libraries write themselves).
Content: TypeAlias = "bytes | Callable[[Path], None]"


def write_texts(texts: Mapping[Path, str]) -> None:
    """Write each text to its file (UTF-8), all of them or none.

    Raises:
        WriteError: A text cannot be encoded or a file written; the targets
            are left as they were (the new files are removed).
    """
    write_files({path: _encoded(path, text) for path, text in texts.items()})


def write_files(contents: Mapping[Path, Content]) -> None:
    """Write each file, all of them or none.

    A function given for a file is called with a new, empty path beside the
    target (in the same folder, so that the last step is a rename); it writes
    the file there. The targets are replaced only once every file is written.

    Raises:
        WriteError: A file cannot be written; the targets are left as they
            were (the new files are removed). An error other than an
            `OSError` from a function passes through, the targets as they were.
    """
    ready: list[tuple[Path, Path]] = []
    path: Path | None = None
    try:
        for path, content in contents.items():
            temporary = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
            # O_EXCL: a new file, never one planted there; 0o666 lets the umask decide.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(temporary, flags, 0o666)
            ready.append((temporary, path))
            with os.fdopen(fd, "wb") as f:
                if isinstance(content, bytes):
                    f.write(content)
            if not isinstance(content, bytes):
                content(temporary)
        for _, path in ready:
            _not_a_folder(path)
        for temporary, path in ready:
            temporary.replace(path)
    except BaseException as e:
        for temporary, _ in ready:
            with contextlib.suppress(OSError):
                os.remove(temporary)  # noqa: PTH107 - beside the os calls above
        if isinstance(e, WriteError) or not isinstance(e, OSError):
            raise
        raise WriteError(f"cannot write {path}: {e.strerror or e}") from None


def _not_a_folder(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        raise IsADirectoryError(0, "it is a folder")


def _encoded(path: Path, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        bad = f"U+{ord(text[e.start]):04X}"
        raise WriteError(
            f"cannot write {path}: the text holds {bad}, which UTF-8 cannot hold"
        ) from None
