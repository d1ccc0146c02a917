"""Checking citations: is each quote really in its source text?

Some source texts lost their typographic punctuation on the way: a curly
apostrophe, a curly quote or a dash became ``โ``, a non-breaking space ``ย``.
Quotes are stored in clean Unicode, so the check repairs what it can of the
damage and lets ``โ`` stand for any of the punctuation it may have been.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

import attrs

from rareearth._errors import Problem, UnknownRecordError
from rareearth._records import Citation, walk
from rareearth._tables import Records, Table, Tabular, count

__all__ = [
    "QuoteCheck",
    "check_quotes",
    "closest_passage",
    "normalize_text",
    "quote_in",
    "read_source_texts",
]

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
_ELLIPSIS = re.compile(r"\.\.\.|…")


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

    A quote may leave words out where it says so: its parts around ``...``
    (or ``…``) must appear in order.

    >>> quote_in("China\u2019s leading", "Chinaโs leading rare earth magnet maker")
    True
    >>> quote_in("China's largest", "Chinaโs leading rare earth magnet maker")
    False
    >>> quote_in("China's ... magnet maker", "Chinaโs leading rare earth magnet maker")
    True
    """
    return _found(quote, normalize_text(text))


def _found(quote: str, normalized: str) -> bool:
    at = 0
    for part in _ELLIPSIS.split(quote):
        needle = normalize_text(part)
        if not needle:
            continue
        pattern = "".join(
            f"[{re.escape(ch)}{_UNKNOWN}]" if ch in _STANDS_FOR else re.escape(ch) for ch in needle
        )
        found = re.compile(pattern).search(normalized, at)
        if found is None:
            return False
        at = found.end()
    return True


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` most like ``quote``: where a typo in a quote shows itself.

    It is anchored on the longest run the two share, and as long as the quote.

    >>> closest_passage("rare earth magnit maker", "Chinaโs leading rare earth magnet maker")
    'rare earth magnet maker'
    """
    import difflib  # noqa: PLC0415 - only when a quote is not found

    haystack = normalize_text(text)
    needle = normalize_text(_ELLIPSIS.sub(" ", quote))
    if not haystack or not needle:
        return ""
    matcher = difflib.SequenceMatcher(None, haystack, needle, autojunk=False)
    match = matcher.find_longest_match(0, len(haystack), 0, len(needle))
    start = max(0, match.a - match.b)
    end = min(len(haystack), start + len(needle))
    # Widen to whole words at both ends.
    while start > 0 and not haystack[start - 1].isspace():
        start -= 1
    while end < len(haystack) and not haystack[end].isspace():
        end += 1
    return haystack[start:end].replace(_UNKNOWN, "\ufffd")


def read_source_texts(folder: str | os.PathLike[str]) -> dict[str, str]:
    """Read source texts from a folder: ``<source id>.txt`` or ``<source id>.md`` files.

    Returns:
        Each text by its source id (the file name without its suffix); a
        ``.txt`` file wins over a ``.md`` file of the same id.

    Raises:
        UnknownRecordError: The folder does not exist.
    """
    where = Path(folder)
    if not where.is_dir():
        raise UnknownRecordError("folder of source texts", str(folder), noun="path")
    texts: dict[str, str] = {}
    for suffix in (".md", ".txt"):
        for path in sorted(where.glob(f"*{suffix}")):
            if path.is_file():
                texts[path.stem] = path.read_text(encoding="utf-8")
    return dict(sorted(texts.items()))


class _FactSet(Protocol):
    """What the check reads: where each record came from, and the record (an index)."""

    @property
    def origins(self) -> Mapping[str, tuple[str, str]]: ...

    def record(self, key: str) -> object: ...


def _citations(ds: _FactSet, records: Iterable[str]) -> Iterator[tuple[str, str, str, Citation]]:
    origins = ds.origins
    for record_id in records:
        file, path = origins[record_id]
        for here, _owner, _field, value in walk(ds.record(record_id), path):
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    if isinstance(item, Citation):
                        yield file, f"{here}[{i}]", record_id, item


@attrs.frozen
class QuoteCheck(Tabular):
    """Quotes checked against their sources' texts, and what was not found.

    Attributes:
        checked: How many quotes were found in their source's text or not.
        sources: The ids of the sources whose texts were read.
        problems: A problem for each quote not found (with the closest
            passage of the text), and one for each cited source whose text
            was not given.
    """

    checked: int
    sources: tuple[str, ...]
    problems: Records[Problem]

    def __bool__(self) -> bool:
        """True when every quote was found and every source had its text."""
        return not self.problems

    @property
    def summary(self) -> str:
        """How many quotes were checked, against how many sources, in one line."""
        quotes = count(self.checked, "quotes")
        sources = count(len(self.sources), "sources")
        if not self.problems:
            return f"{quotes} checked against {sources}: every one found"
        return f"{quotes} checked against {sources}: {count(len(self.problems), 'problems')}"

    def table(self) -> Table:
        """The problems as a table, captioned with the summary."""
        return attrs.evolve(self.problems.table(), caption=self.summary)

    def __str__(self) -> str:
        return "\n".join([self.summary, *(f"  {p}" for p in self.problems)])

    def __repr__(self) -> str:
        return f"<QuoteCheck: {self.summary}>"


def check_quotes(
    ds: _FactSet, texts: Mapping[str, str], records: Iterable[str] | None = None
) -> QuoteCheck:
    """Check the citations of ``records`` (all by default) against the source texts given.

    Returns:
        The count of quotes checked, and a problem for each quote not found
        in its source's text, or whose source has no text given.
    """
    normalized: dict[str, str] = {}
    missing: dict[str, int] = {}
    problems = []
    checked = 0
    chosen = ds.origins if records is None else records
    for file, path, record_id, citation in _citations(ds, chosen):
        source = citation.source
        text = texts.get(source)
        if text is None:
            missing[source] = missing.get(source, 0) + 1
            continue
        if source not in normalized:
            normalized[source] = normalize_text(text)
        checked += 1
        if not _found(citation.quote, normalized[source]):
            closest = closest_passage(citation.quote, text)
            message = (
                f"quote not found in source {source!r}: {citation.quote!r}; "
                f"the closest passage is {closest!r}"
            )
            problems.append(Problem(file, path, record_id, message))
    for source, quotes in sorted(missing.items()):
        file, path = ds.origins.get(source, ("<sources>", "$"))
        message = (
            f"no text for source {source!r} ({count(quotes, 'quotes')} not checked): "
            f"give it as {source}.txt"
        )
        problems.append(Problem(file, path, source, message))
    return QuoteCheck(checked, tuple(sorted(normalized)), Records(problems, Problem))
