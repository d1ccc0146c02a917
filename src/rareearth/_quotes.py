"""Checking citations: is each quote really in its source text?

Some source texts lost their typographic punctuation on the way: a curly
apostrophe, a curly quote or a dash became ``โ``, a non-breaking space ``ย``.
Quotes are stored in clean Unicode, so the check repairs what it can of the
damage and lets ``โ`` stand for any of the punctuation it may have been.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

from rareearth._errors import Problem
from rareearth._records import Citation, walk

__all__ = ["check_quotes", "normalize_text", "quote_in", "read_source_texts"]

_UNKNOWN = "\x00"  # stands for a lost punctuation mark
_REPAIRS = (
    ("โข", "™"),
    ("ยฉ", "©"),
    ("ย", " "),
    ("โ", _UNKNOWN),
)
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
_STANDS_FOR = {"'", '"', "-"}


def normalize_text(text: str) -> str:
    """Repair known damage, fold typographic punctuation, collapse spaces.

    >>> normalize_text("China\u2019s 40,000 tpa\u2014cementing")
    "China's 40,000 tpa-cementing"
    """
    for damaged, repaired in _REPAIRS:
        text = text.replace(damaged, repaired)
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


def quote_in(quote: str, text: str) -> bool:
    """Whether ``quote`` appears in ``text``, allowing for damaged punctuation.

    >>> quote_in("China\u2019s leading", "Chinaโs leading rare earth magnet maker")
    True
    >>> quote_in("China's largest", "Chinaโs leading rare earth magnet maker")
    False
    """
    needle = normalize_text(quote)
    pattern = "".join(
        f"[{re.escape(ch)}{_UNKNOWN}]" if ch in _STANDS_FOR else re.escape(ch) for ch in needle
    )
    return re.search(pattern, normalize_text(text)) is not None


def read_source_texts(folder: str | os.PathLike[str]) -> dict[str, str]:
    """Read source texts from a folder: ``<source id>.txt`` files.

    Returns:
        Each text by its source id (the file name without ``.txt``).
    """
    return {
        path.stem: path.read_text(encoding="utf-8") for path in sorted(Path(folder).glob("*.txt"))
    }


class _FactSet(Protocol):
    """What the check reads: where each record came from, and the record (a data set)."""

    @property
    def origins(self) -> Mapping[str, tuple[str, str]]: ...

    def record(self, key: str) -> object: ...


def _citations(ds: _FactSet) -> Iterator[tuple[str, str, str, Citation]]:
    for record_id, (file, path) in ds.origins.items():
        record = ds.record(record_id)
        for here, _owner, _field, value in walk(record, path):
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    if isinstance(item, Citation):
                        yield file, f"{here}[{i}]", record_id, item


def check_quotes(ds: _FactSet, texts: Mapping[str, str]) -> list[Problem]:
    """Check every citation of a data set against the source texts given.

    Citations of sources whose text is not given are skipped.

    Returns:
        A problem for each quote not found in its source's text.
    """
    problems = []
    for file, path, record_id, citation in _citations(ds):
        text = texts.get(citation.source)
        if text is not None and not quote_in(citation.quote, text):
            message = f"quote not found in source {citation.source!r}: {citation.quote!r}"
            problems.append(Problem(file, path, record_id, message))
    return problems
