"""The exception hierarchy: one base, each error also the matching stdlib error."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs

__all__ = [
    "AmbiguousKeyError",
    "ChoiceError",
    "CurrencyError",
    "DataError",
    "DateParseError",
    "EmptySelectionError",
    "MixedUnitsError",
    "NoRateError",
    "Problem",
    "RareEarthError",
    "UnknownEntityError",
    "UnknownRecordError",
    "WindowError",
    "WriteError",
    "choose",
    "quoted",
]

_E = TypeVar("_E", bound=enum.Enum)

#: How much of a key, value or text an error message quotes: enough to
#: recognise it, not a megabyte of it.
_QUOTED = 60


def quoted(value: object) -> str:
    """A value as messages quote it: its repr, cut after 60 characters, saying how long.

    >>> quoted("JL MAG"), quoted(10**1000)
    ("'JL MAG'", 'a huge int')
    >>> print(quoted("Baotou " * 100_000))
    'Baotou Baotou Baotou Baotou Baotou Baotou Baotou Baotou Baot'… (700,000 characters)
    """
    if isinstance(value, str):
        if len(value) <= _QUOTED:
            return repr(value)
        return f"{value[:_QUOTED]!r}… ({len(value):,} characters)"
    if isinstance(value, int) and value.bit_length() >= 200:
        return "a huge int"  # its digits would take long to write, or fail to
    shown = repr(value)
    return shown if len(shown) <= _QUOTED else f"{shown[: _QUOTED - 1]}…"


class RareEarthError(Exception):
    """Base of every error rareearth raises on purpose.

    Catch this to handle any of them; catch the stdlib base an error also
    derives from (`LookupError`, `ValueError`) to handle it like any other.
    """

    def __reduce__(self) -> tuple[object, ...]:
        # Errors build their message from their arguments: a copy (a pickle,
        # a worker process's error) keeps the message and attributes as they
        # are, rather than calling __init__ again with the message.
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(
    cls: type[RareEarthError], args: tuple[object, ...], state: dict[str, object]
) -> RareEarthError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class UnknownEntityError(RareEarthError, LookupError):
    """No entity answers to a key.

    Attributes:
        key: The key that was looked up.
        suggestions: Names of close matches, best first (may be empty).
    """

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        message = f"no entity matches {quoted(key)}"
        if self.suggestions:
            close = ", ".join(repr(s) for s in self.suggestions)
            message += f"; did you mean {close}?"
        super().__init__(message)


class AmbiguousKeyError(RareEarthError, LookupError):
    """A key names several entities; use one of their ids instead.

    Attributes:
        key: The key that was looked up.
        candidates: The ids of the entities the key names.
    """

    def __init__(self, key: str, candidates: Sequence[str]) -> None:
        self.key = key
        self.candidates: tuple[str, ...] = tuple(candidates)
        ids = ", ".join(repr(c) for c in self.candidates)
        super().__init__(f"{quoted(key)} names several entities: {ids}; use an id")


class UnknownRecordError(RareEarthError, LookupError):
    """No record of a kind has the id asked for.

    Attributes:
        kind: The kind of record ("source", "facility", ...).
        key: The id that was looked up.
        suggestions: Close ids, best first; empty when none is close.
    """

    def __init__(
        self,
        kind: str,
        key: str,
        known: Sequence[str] = (),
        *,
        noun: str = "id",
        suggestions: Sequence[str] = (),
    ) -> None:
        self.kind: str = kind
        self.key: str = key
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        message = f"no {kind} has the {noun} {quoted(key)}"
        if suggestions:
            message += f"; did you mean {' or '.join(repr(s) for s in suggestions)}?"
        elif known:
            message += f"; known: {', '.join(repr(k) for k in known)}"
        super().__init__(message)


class ChoiceError(RareEarthError, ValueError):
    """A value outside a closed list: a kind, a status, a metric, a grouping.

    Attributes:
        field: What the value was for ("kind", "status", "metric").
        value: The value given.
        choices: The values allowed.
        suggestions: The choices most like the value, best first (may be empty).
    """

    #: Up to this many choices are listed in the message; more are counted.
    LISTED = 12

    def __init__(
        self, field: str, value: object, choices: Iterable[str], *, listing: str | None = None
    ) -> None:
        self.field: str = field
        self.value: object = value
        self.choices: tuple[str, ...] = tuple(choices)
        self.suggestions: tuple[str, ...] = _suggest(value, self.choices)
        if len(self.choices) <= self.LISTED:
            message = f"{field} {quoted(value)} is not one of {', '.join(map(repr, self.choices))}"
        else:
            message = f"{field} {quoted(value)} is not one of the {len(self.choices)} known"
        if self.suggestions:
            message += f"; did you mean {' or '.join(map(repr, self.suggestions))}?"
        if listing is not None:
            message += f" (all of them: `rareearth values {listing}`, ree.values({listing!r}))"
        super().__init__(message)


def _suggest(value: object, choices: Sequence[str]) -> tuple[str, ...]:
    """The choices most like ``value``: those it is part of, then difflib's close ones."""
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        return ()
    import difflib  # noqa: PLC0415 - only when a value is refused

    folded = value.strip().lower()
    holding = [c for c in choices if folded in c.lower()]
    close = difflib.get_close_matches(folded, [c.lower() for c in choices], n=3)
    by_lower = {c.lower(): c for c in choices}
    return tuple(dict.fromkeys([*holding, *(by_lower[c] for c in close)]))[:3]


def choose(cls: type[_E], value: object, field: str) -> _E:
    """``value`` as a member of the enum ``cls``, or a `ChoiceError` naming ``field``.

    Read leniently: case, spaces and underscores do not matter.

    >>> from rareearth._records import Status
    >>> choose(Status, "Under Construction", "status")
    <Status.UNDER_CONSTRUCTION: 'under-construction'>
    >>> choose(Status, "built", "status")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rareearth.ChoiceError: status 'built' is not one of 'announced', ...
    """
    if isinstance(value, cls):
        return value
    folded = "-".join(value.lower().replace("_", " ").split()) if isinstance(value, str) else value
    for candidate in (value, folded):
        try:
            return cls(candidate)
        except ValueError:
            continue
    raise ChoiceError(field, value, [str(member.value) for member in cls])


class DateParseError(RareEarthError, ValueError):
    """A date string could not be read.

    Attributes:
        text: The string that could not be read.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        super().__init__(f"cannot read {quoted(text)} as a date: {reason}")


@attrs.frozen
class Problem:
    """One thing wrong with a fact file.

    Attributes:
        file: The file's name (or ``<memory>`` for data not read from a file).
        path: Where in the file, as a JSON path (``$.entities[3].founded``).
        record: The id of the record the problem is in, when it has one.
        message: What is wrong, in a plain sentence.
    """

    file: str
    path: str
    record: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}"
        if self.record is not None:
            where += f" (record {self.record!r})"
        return f"{where}: {self.message}"


class DataError(RareEarthError, ValueError):
    """Fact files hold data that cannot be loaded; nothing was loaded.

    Attributes:
        problems: The problems found, up to the loader's limit (1,000 by
            default): first those of each record, file by file in order, then
            those across files (duplicate ids, references to records no file
            defines).
        more: How many more problems were found and counted, not kept.
        unchecked: How many records were not checked at all: once the
            problems kept reach the limit, checking stops, so that a file of
            a million broken records is refused at once.
    """

    def __init__(self, problems: Sequence[Problem], more: int = 0, unchecked: int = 0) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.more: int = more
        self.unchecked: int = unchecked
        count = len(self.problems) + more
        head = f"{count:,} problem{'s' if count != 1 else ''} in the fact files"
        if unchecked:
            head += f", and {unchecked:,} more record{'s' if unchecked != 1 else ''} not checked"
        tail = [f"... and {more:,} more"] if more else []
        super().__init__("\n  ".join([head + ":", *map(str, self.problems), *tail]))


class CurrencyError(RareEarthError, ValueError):
    """A currency code is unknown, or two currencies were mixed."""


class NoRateError(RareEarthError, LookupError):
    """No rate links two currencies, or none is dated near enough the date asked for.

    Attributes:
        base: The currency converted from.
        quote: The currency converted to.
        pairs: The currency pairs the rate table has (empty when rates exist
            but are too far from the date).
        on: The date asked for, when rates exist but are too far from it.
        nearest: The nearest dated rates, with their dates and distance.
    """

    def __init__(
        self,
        base: str,
        quote: str,
        pairs: Iterable[tuple[str, str]],
        *,
        on: str | None = None,
        nearest: Iterable[str] = (),
        limit: int | None = None,
    ) -> None:
        self.base: str = base
        self.quote: str = quote
        self.pairs: tuple[tuple[str, str], ...] = tuple(sorted(set(pairs)))
        self.on: str | None = on
        self.nearest: tuple[str, ...] = tuple(nearest)
        if on is not None:
            rates = ", ".join(self.nearest) or "none"
            message = (
                f"no rate converts {base} to {quote} within {limit} days of {on}; "
                f"the nearest dated rates are {rates}. "
                "Pass nearest=True (--nearest) to use them anyway, or give rate="
            )
        else:
            listed = ", ".join(f"{b}→{q}" for b, q in self.pairs) or "none"
            message = f"no rate converts {base} to {quote}; rates exist for: {listed}"
        super().__init__(message)


class MixedUnitsError(RareEarthError, ValueError):
    """A total would add quantities of different products, units or periods.

    Attributes:
        kinds: The kinds of quantity found, as "unit/period product" labels.
    """

    def __init__(self, kinds: Sequence[str]) -> None:
        self.kinds: tuple[str, ...] = tuple(kinds)
        listed = "; ".join(self.kinds)
        super().__init__(
            f"cannot add unlike quantities: {listed}. Filter by product, or group with by='product'"
        )


class EmptySelectionError(RareEarthError, LookupError):
    """No facility phase with a stated capacity matches the filters."""


class WriteError(RareEarthError, OSError):
    """A file could not be written; whatever was there before is left as it was."""


class WindowError(RareEarthError, ValueError):
    """A date window that cannot be: its end comes before its start."""


def _public() -> None:
    # Tracebacks, reprs and pickles name the errors where users import and
    # catch them: rareearth.UnknownEntityError, not rareearth._errors.
    for name in __all__:
        found = globals()[name]
        if isinstance(found, type):
            found.__module__ = "rareearth"


_public()
