"""Imprecise dates: "late 2024", "the second half of 2025", "Wednesday".

A `FuzzyDate` keeps the wording a source used, the interval of days it can
mean (``earliest`` to ``latest``, both inclusive) and how precise it is.
`parse_date` reads ISO dates, the usual written forms (through
python-dateutil) and a small grammar for the imprecise ones.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re

import attrs

from rareearth._errors import DateParseError

__all__ = [
    "DateInput",
    "FuzzyDate",
    "Precision",
    "as_date",
    "parse_date",
    "resolved_date",
    "to_day",
]

#: Years outside this range are refused as typing mistakes.
MIN_YEAR = 1800
MAX_YEAR = 2200
#: Longer texts are refused unread: no date is written in more characters.
MAX_LENGTH = 100


class Precision(enum.StrEnum):
    """How precisely a date is known, finest first."""

    DAY = "day"
    DAYS = "days"  # a span of days: "June 9-10, 2025"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    EARLY_YEAR = "early-year"  # January to April
    MID_YEAR = "mid-year"  # May to August
    LATE_YEAR = "late-year"  # September to December
    HALF = "half"
    YEAR = "year"
    SPAN = "span"  # between two dates of any precision

    @property
    def rank(self) -> int:
        """Position from finest (0) to coarsest."""
        return _RANKS[self]


_RANKS = {p: i for i, p in enumerate(Precision)}


@attrs.frozen(order=False)
class FuzzyDate:
    """A date as a source gives it, with the interval it can mean.

    Attributes:
        text: The wording of the source ("late 2024", "Wednesday").
        earliest: The first day the date can mean.
        latest: The last day the date can mean.
        precision: How precisely the date is known.
        means: For a date the source gives relative to its own date or with
            a missing year ("Wednesday", "last year", "July 10"), the
            absolute date it was resolved to ("2025-06-11"); else ``None``.
        note: How the date was resolved, when that needs saying.

    >>> d = parse_date("late 2024")
    >>> d.earliest, d.latest, d.precision
    (datetime.date(2024, 9, 1), datetime.date(2024, 12, 31), <Precision.LATE_YEAR: 'late-year'>)
    """

    text: str
    earliest: dt.date
    latest: dt.date
    precision: Precision
    means: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.earliest > self.latest:
            msg = f"date {self.text!r}: earliest {self.earliest} is after latest {self.latest}"
            raise DateParseError(self.text, msg)

    @property
    def resolved(self) -> bool:
        """Whether the date was resolved from context (see `means`)."""
        return self.means is not None

    @property
    def exact(self) -> dt.date | None:
        """The day, when the date names exactly one day; else ``None``."""
        return self.earliest if self.earliest == self.latest else None

    @property
    def sort_key(self) -> tuple[dt.date, int, dt.date]:
        """A key for chronological order (earliest day, then finer precision first)."""
        return (self.earliest, self.precision.rank, self.latest)

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Whether the date may fall between ``start`` and ``end`` (inclusive).

        >>> parse_date("late 2024").overlaps(dt.date(2024, 11, 1), dt.date(2024, 11, 30))
        True
        """
        return (start is None or self.latest >= start) and (end is None or self.earliest <= end)

    def within(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Whether the date certainly falls between ``start`` and ``end``.

        >>> parse_date("late 2024").within(dt.date(2024, 11, 1), dt.date(2024, 11, 30))
        False
        """
        return (start is None or self.earliest >= start) and (end is None or self.latest <= end)

    def __str__(self) -> str:
        if self.means is not None and self.means != self.text:
            return f"{self.text} ({self.means})"
        return self.text


# --- the parser -------------------------------------------------------------

# English names, written out: `calendar`'s follow the locale, and sources are in English.
_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
_MONTHS = {
    name: number
    for number, month in enumerate(_MONTH_NAMES, start=1)
    for name in (month, month[:3], *(("sept",) if number == 9 else ()))
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {name: i for i, name in enumerate(_WEEKDAY_NAMES)}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_ORDINALS.update({"1st": 1, "2nd": 2, "3rd": 3, "4th": 4})
_PARTS = {
    "early": (Precision.EARLY_YEAR, 1, 4),
    "mid": (Precision.MID_YEAR, 5, 8),
    "late": (Precision.LATE_YEAR, 9, 12),
}
_DASH = "[-\u2010\u2011\u2012\u2013\u2014]"

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(
    r"(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of)?)\s+(\d{4})"
)
_HALF = re.compile(r"(?:h([12])|(first|second|1st|2nd) half(?: of)?)\s+(\d{4})")
_PART = re.compile(r"(early|mid|late)(?:-|\s+)(\d{4})")
_WEEK = re.compile(
    rf"(first|second|third|fourth|last|1st|2nd|3rd|4th) week of ({_MONTH_RE})\.?\s+(\d{{4}})"
)
_DAY_SPAN = re.compile(rf"({_MONTH_RE})\.?\s+(\d{{1,2}})\s*{_DASH}\s*(\d{{1,2}}),?\s+(\d{{4}})")
_BETWEEN = re.compile(r"between (.+) and (.+)")
# The commonest written forms, read here; dateutil reads the rest.
_WRITTEN_DAY = re.compile(rf"({_MONTH_RE})\.? (\d{{1,2}}),? (\d{{4}})")
_WRITTEN_MONTH = re.compile(rf"({_MONTH_RE})\.? (\d{{4}})")
_NUMERIC = re.compile(r"(\d{1,2})([-/. ])(\d{1,2})\2(\d{2}|\d{4})")
_RELATIVE_YEAR = {"this year": 0, "last year": -1, "next year": 1}


def _check_year(text: str, year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        reason = f"the year {year} is outside {MIN_YEAR}-{MAX_YEAR}"
        raise DateParseError(text, reason)
    return year


def _month_end(year: int, month: int) -> dt.date:
    # The day before the first of the next month (without `calendar`, and its `locale`).
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _span(text: str, year: int, first: int, last: int, precision: Precision) -> FuzzyDate:
    year = _check_year(text, year)
    return FuzzyDate(text, dt.date(year, first, 1), _month_end(year, last), precision)


def _day(text: str, year: int, month: int, day: int) -> FuzzyDate:
    year = _check_year(text, year)
    try:
        when = dt.date(year, month, day)
    except ValueError as e:
        raise DateParseError(text, str(e)) from None
    return FuzzyDate(text, when, when, Precision.DAY)


def _week(text: str, ordinal: str, month: int, year: int) -> FuzzyDate:
    year = _check_year(text, year)
    n = _ORDINALS[ordinal]
    if n == -1:
        end = _month_end(year, month)
        return FuzzyDate(text, end - dt.timedelta(days=6), end, Precision.WEEK)
    start = dt.date(year, month, 1) + dt.timedelta(days=7 * (n - 1))
    return FuzzyDate(text, start, start + dt.timedelta(days=6), Precision.WEEK)


def _weekday(text: str, name: str, reference: dt.date | None) -> FuzzyDate:
    if reference is None:
        reason = "a weekday alone needs a reference date (the document's own)"
        raise DateParseError(text, reason)
    back = (reference.weekday() - _WEEKDAYS[name]) % 7
    when = reference - dt.timedelta(days=back)
    return FuzzyDate(
        text, when, when, Precision.DAY, means=when.isoformat(),
        note=f"the {name.title()} on or before {reference.isoformat()}",
    )  # fmt: skip


def _relative_year(text: str, offset: int, reference: dt.date | None) -> FuzzyDate:
    if reference is None:
        raise DateParseError(text, "a relative year needs a reference date")
    year = reference.year + offset
    result = _span(text, year, 1, 12, Precision.YEAR)
    note = f"relative to {reference.isoformat()}"
    return attrs.evolve(result, means=str(year), note=note)


def _with_dateutil(text: str, cleaned: str) -> FuzzyDate:
    # dateutil's parser is costly to import: only written dates need it.
    from dateutil import parser as _dateutil_parser  # noqa: PLC0415

    # Parse twice with different defaults: whatever differs was not written.
    try:
        one = _dateutil_parser.parse(cleaned, default=dt.datetime(2000, 1, 1))  # noqa: DTZ001
        two = _dateutil_parser.parse(cleaned, default=dt.datetime(2004, 2, 2))  # noqa: DTZ001
    except (ValueError, OverflowError, ArithmeticError) as e:
        raise DateParseError(text, "not a date this parser knows") from e
    if one.year != two.year:
        raise DateParseError(text, "no year is given")
    year = _check_year(text, one.year)
    if one.month != two.month:
        if one.day != two.day:
            return _span(text, year, 1, 12, Precision.YEAR)
        raise DateParseError(text, "a day is given without a month")
    if one.day != two.day:
        return _span(text, year, one.month, one.month, Precision.MONTH)
    return _day(text, year, one.month, one.day)


def _after_weekday(text: str, cleaned: str) -> FuzzyDate | None:
    """The date of "Wednesday, June 11, 2025", checked against its weekday."""
    head, sep, rest = cleaned.partition(",")
    if not (sep and head.strip() in _WEEKDAYS):
        return None
    when = _parse(text, rest.strip(), None)
    if when.exact is not None and when.exact.weekday() != _WEEKDAYS[head.strip()]:
        actual = _WEEKDAY_NAMES[when.exact.weekday()].title()
        reason = f"{when.exact.isoformat()} is a {actual}, not a {head.title()}"
        raise DateParseError(text, reason)
    return when


def _parse(text: str, cleaned: str, reference: dt.date | None) -> FuzzyDate:  # noqa: C901, PLR0911, PLR0912 - one branch per form
    if m := _ISO_DAY.fullmatch(cleaned):
        return _day(text, int(m[1]), int(m[2]), int(m[3]))
    if m := _ISO_MONTH.fullmatch(cleaned):
        month = int(m[2])
        if not 1 <= month <= 12:
            raise DateParseError(text, f"there is no month {month}")
        return _span(text, int(m[1]), month, month, Precision.MONTH)
    if m := _YEAR.fullmatch(cleaned):
        return _span(text, int(m[1]), 1, 12, Precision.YEAR)
    if m := _QUARTER.fullmatch(cleaned):
        q = int(m[1]) if m[1] else _ORDINALS[m[2]]
        return _span(text, int(m[3]), 3 * q - 2, 3 * q, Precision.QUARTER)
    if m := _HALF.fullmatch(cleaned):
        h = int(m[1]) if m[1] else _ORDINALS[m[2]]
        return _span(text, int(m[3]), 6 * h - 5, 6 * h, Precision.HALF)
    if m := _PART.fullmatch(cleaned):
        precision, first, last = _PARTS[m[1]]
        return _span(text, int(m[2]), first, last, precision)
    if m := _WEEK.fullmatch(cleaned):
        return _week(text, m[1], _MONTHS[m[2]], int(m[3]))
    if m := _DAY_SPAN.fullmatch(cleaned):
        year, month = int(m[4]), _MONTHS[m[1]]
        day_one, day_two = _day(text, year, month, int(m[2])), _day(text, year, month, int(m[3]))
        return _between(text, day_one, day_two, Precision.DAYS)
    if m := _WRITTEN_DAY.fullmatch(cleaned):
        return _day(text, int(m[3]), _MONTHS[m[1]], int(m[2]))
    if m := _WRITTEN_MONTH.fullmatch(cleaned):
        month = _MONTHS[m[1]]
        return _span(text, int(m[2]), month, month, Precision.MONTH)
    if m := _BETWEEN.fullmatch(cleaned):
        since, until = _parse(m[1], m[1], reference), _parse(m[2], m[2], reference)
        return _between(text, since, until, Precision.SPAN)
    if cleaned in _RELATIVE_YEAR:
        return _relative_year(text, _RELATIVE_YEAR[cleaned], reference)
    if cleaned in _WEEKDAYS:
        return _weekday(text, cleaned, reference)
    if m := _NUMERIC.fullmatch(cleaned):
        if len(m[4]) == 2:
            reason = "a two-digit year could be at either end; write it as YYYY-MM-DD"
            raise DateParseError(text, reason)
        if int(m[1]) <= 12 >= int(m[3]):
            reason = "day and month could be either way round; write it as YYYY-MM-DD"
            raise DateParseError(text, reason)
    return _after_weekday(text, cleaned) or _with_dateutil(text, cleaned)


def _between(text: str, first: FuzzyDate, last: FuzzyDate, precision: Precision) -> FuzzyDate:
    if first.earliest > last.latest:
        raise DateParseError(text, "the span ends before it starts")
    return FuzzyDate(text, first.earliest, last.latest, precision)


def parse_date(text: str, *, reference: dt.date | None = None) -> FuzzyDate:
    """Read a date as sources and people write it.

    Understands ISO dates ("2025-06-11", "2025-06", "2025"), written dates
    ("June 11, 2025", "Wednesday, June 11, 2025", "May 2025"), spans of days
    ("June 9-10, 2025"), quarters ("Q3 2025", "the third quarter of 2025"),
    halves ("H2 2025", "the second half of 2025"), parts of a year ("early
    2025", "mid-2025", "late 2024" for January-April, May-August and
    September-December), weeks ("the first week of June 2025", days 1-7) and
    "between X and Y". Relative dates ("this year", "last year",
    "Wednesday") need ``reference``, the date they are relative to; a weekday
    means the last such day on or before it.

    Args:
        text: The date as written.
        reference: The date relative dates count from.

    Returns:
        The date, with its interval and precision; the original wording is
        kept as ``text``.

    Raises:
        DateParseError: When the text is not a date, names an impossible
            day or a year outside 1800-2200, is longer than 100 characters,
            or is ambiguous ("05/06/2025": day and month could be either
            way round).

    >>> parse_date("the second half of 2025").latest
    datetime.date(2025, 12, 31)
    >>> parse_date("last year", reference=dt.date(2025, 6, 11)).means
    '2024'
    >>> parse_date("05/06/2025")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rareearth.DateParseError: cannot read '05/06/2025' as a date: day and month ...
    """
    if not isinstance(text, str):
        raise DateParseError(repr(text), f"expected a string, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise DateParseError(text[:40] + "…", f"longer than {MAX_LENGTH} characters")
    if reference is not None and not isinstance(reference, dt.date):
        reason = f"the reference must be a datetime.date, not {type(reference).__name__}"
        raise DateParseError(text, reason)
    if reference is not None and not MIN_YEAR <= reference.year <= MAX_YEAR:
        reason = f"the reference date {reference} is outside the years {MIN_YEAR}-{MAX_YEAR}"
        raise DateParseError(text, reason)
    return _read(text, reference)


def resolved_date(text: str, means: str, note: str | None = None) -> FuzzyDate:
    """A date a source words one way (``text``) that means an absolute date (``means``).

    How a fact file writes a relative date: ``{"text": "Wednesday",
    "means": "2025-06-11"}``.

    >>> d = resolved_date("Wednesday", "2025-06-11", "the Wednesday before the source")
    >>> str(d), d.exact
    ('Wednesday (2025-06-11)', datetime.date(2025, 6, 11))
    """
    return attrs.evolve(parse_date(means), text=text, means=means, note=note)


@functools.lru_cache(maxsize=1 << 16)
def _read(text: str, reference: dt.date | None) -> FuzzyDate:
    # Dates repeat ("2025-06" in many records): equal texts share one frozen
    # FuzzyDate, read once. Refusals raise, and are not kept.
    cleaned = " ".join(text.strip().lower().split())
    cleaned = cleaned.removeprefix("the ").rstrip(".")
    if not cleaned:
        raise DateParseError(text, "it is empty")
    return _parse(text, cleaned, reference)


#: Every form a date is given in: a `datetime.date` (a `datetime.datetime` is
#: one, and counts as its day), a `FuzzyDate` as the library returns it, or a
#: string `parse_date` reads.
DateInput = dt.date | FuzzyDate | str


def as_date(value: DateInput) -> FuzzyDate:
    """Any date input as a `FuzzyDate`: the one reading every function and option uses.

    A `datetime.datetime` counts as its day; a `FuzzyDate` is returned as
    it is, so dates the library returns can be given back to it.

    Raises:
        DateParseError: When ``value`` is none of these, or a string that is
            not a date.

    >>> as_date(dt.datetime(2025, 5, 1, 14, 30)).exact
    datetime.date(2025, 5, 1)
    >>> as_date(parse_date("late 2024")).latest
    datetime.date(2024, 12, 31)
    >>> as_date(20250501)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rareearth.DateParseError: cannot read '20250501' as a date: expected a date, ...
    """
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        # A date object cannot be a typing mistake: any year is taken as it is.
        return FuzzyDate(value.isoformat(), value, value, Precision.DAY)
    if not isinstance(value, str):
        reason = (
            "expected a date, a datetime, a FuzzyDate or a string such as '2025-06', "
            f"got {type(value).__name__}"
        )
        raise DateParseError(repr(value)[:40], reason)
    return parse_date(value)


def to_day(value: DateInput | None, *, end: bool) -> dt.date | None:
    """A window bound as a day: the first day a date can mean, or its last when ``end``.

    "2025-06" as an end means June 30; as a start, June 1. Any `DateInput`
    is read, through `as_date`.

    >>> to_day("2025-06", end=True)
    datetime.date(2025, 6, 30)
    >>> to_day(dt.datetime(2025, 5, 1, 9), end=False)
    datetime.date(2025, 5, 1)
    """
    if value is None:
        return None
    parsed = as_date(value)
    return parsed.latest if end else parsed.earliest
