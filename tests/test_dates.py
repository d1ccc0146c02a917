"""Imprecise dates: the parser's grammar, intervals and errors."""

from __future__ import annotations

import datetime as dt

import pytest

import rareearth as ree
from rareearth import Precision, parse_date
from rareearth._dates import as_date

D = dt.date


class TestParseDate:
    @pytest.mark.parametrize(
        ("text", "earliest", "latest", "precision"),
        [
            ("2025-06-11", D(2025, 6, 11), D(2025, 6, 11), Precision.DAY),
            ("June 11, 2025", D(2025, 6, 11), D(2025, 6, 11), Precision.DAY),
            ("Oct. 21, 2025", D(2025, 10, 21), D(2025, 10, 21), Precision.DAY),
            ("Wednesday, June 11, 2025", D(2025, 6, 11), D(2025, 6, 11), Precision.DAY),
            ("2025-06", D(2025, 6, 1), D(2025, 6, 30), Precision.MONTH),
            ("May 2025", D(2025, 5, 1), D(2025, 5, 31), Precision.MONTH),
            ("February 2024", D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH),
            ("2008", D(2008, 1, 1), D(2008, 12, 31), Precision.YEAR),
            ("June 9-10, 2025", D(2025, 6, 9), D(2025, 6, 10), Precision.DAYS),
            ("June 9\u201310, 2025", D(2025, 6, 9), D(2025, 6, 10), Precision.DAYS),
            (
                "the first week of June 2025",
                D(2025, 6, 1),
                D(2025, 6, 7),
                Precision.WEEK,
            ),
            (
                "last week of February 2025",
                D(2025, 2, 22),
                D(2025, 2, 28),
                Precision.WEEK,
            ),
            ("Q3 2025", D(2025, 7, 1), D(2025, 9, 30), Precision.QUARTER),
            (
                "the third quarter of 2025",
                D(2025, 7, 1),
                D(2025, 9, 30),
                Precision.QUARTER,
            ),
            ("H2 2025", D(2025, 7, 1), D(2025, 12, 31), Precision.HALF),
            ("the second half of 2025", D(2025, 7, 1), D(2025, 12, 31), Precision.HALF),
            ("first half of 2025", D(2025, 1, 1), D(2025, 6, 30), Precision.HALF),
            ("early 2025", D(2025, 1, 1), D(2025, 4, 30), Precision.EARLY_YEAR),
            ("mid-2025", D(2025, 5, 1), D(2025, 8, 31), Precision.MID_YEAR),
            ("late 2024", D(2024, 9, 1), D(2024, 12, 31), Precision.LATE_YEAR),
            (
                "between May 12, 2025 and June 11, 2025",
                D(2025, 5, 12),
                D(2025, 6, 11),
                Precision.SPAN,
            ),
        ],
    )
    def test_grammar(self, text: str, earliest: D, latest: D, precision: Precision) -> None:
        """Each written form gives its interval and precision, keeping the wording."""
        d = parse_date(text)
        assert (d.earliest, d.latest, d.precision) == (earliest, latest, precision)
        assert d.text == text
        assert not d.resolved

    @pytest.mark.parametrize(
        ("text", "means", "earliest"),
        [
            ("this year", "2025", D(2025, 1, 1)),
            ("last year", "2024", D(2024, 1, 1)),
            ("next year", "2026", D(2026, 1, 1)),
            ("Wednesday", "2025-06-11", D(2025, 6, 11)),
            ("Monday", "2025-06-09", D(2025, 6, 9)),
        ],
    )
    def test_relative(self, text: str, means: str, earliest: D) -> None:
        """Relative dates resolve against the reference and are marked resolved."""
        d = parse_date(text, reference=D(2025, 6, 11))
        assert d.resolved
        assert (d.means, d.earliest, d.text) == (means, earliest, text)

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("", "it is empty"),
            ("Smarch 2025", "not a date this parser knows"),
            ("June 11", "no year is given"),
            ("2025-13", "there is no month 13"),
            ("2025-02-30", "day is out of range"),
            ("05/06/2025", "either way round"),
            ("Tuesday, June 11, 2025", "is a Wednesday, not a Tuesday"),
            ("last year", "needs a reference date"),
            ("Wednesday", "needs a reference date"),
            ("1066", "outside 1800-2200"),
            ("between June 11, 2025 and May 12, 2025", "ends before it starts"),
        ],
    )
    def test_errors(self, text: str, reason: str) -> None:
        """Unreadable, impossible or ambiguous dates raise DateParseError naming the text."""
        with pytest.raises(ree.DateParseError, match=reason) as info:
            parse_date(text)
        assert info.value.text == text
        assert isinstance(info.value, ValueError)

    def test_not_a_string(self) -> None:
        """A non-string is refused with a DateParseError."""
        with pytest.raises(ree.DateParseError, match="expected a string"):
            parse_date(20250611)  # type: ignore[arg-type]


class TestWindows:
    def test_overlap_and_within(self) -> None:
        """'late 2024' may fall in November 2024 but does not certainly."""
        late = parse_date("late 2024")
        assert late.overlaps(D(2024, 11, 1), D(2024, 11, 30))
        assert not late.within(D(2024, 11, 1), D(2024, 11, 30))
        assert late.within(D(2024, 1, 1), None)
        assert not late.overlaps(None, D(2024, 8, 31))

    def test_sort_key(self) -> None:
        """Chronological by earliest day, the finer precision first on ties."""
        dates = [parse_date(t) for t in ("May 2025", "May 1, 2025", "2025", "April 2025")]
        ordered = sorted(dates, key=lambda d: d.sort_key)
        assert [d.text for d in ordered] == [
            "2025",
            "April 2025",
            "May 1, 2025",
            "May 2025",
        ]

    def test_exact(self) -> None:
        """Only a one-day date has an exact day."""
        assert parse_date("2025-06-11").exact == D(2025, 6, 11)
        assert parse_date("June 2025").exact is None

    def test_str(self) -> None:
        """A resolved date shows its wording and what it means."""
        assert str(parse_date("last year", reference=D(2025, 6, 11))) == "last year (2024)"
        assert str(parse_date("late 2024")) == "late 2024"


class TestAsDate:
    def test_a_date_is_its_day(self) -> None:
        """A datetime.date reads as that one day."""
        got = as_date(D(2025, 6, 11))
        assert (got.exact, got.precision, got.text) == (D(2025, 6, 11), Precision.DAY, "2025-06-11")

    def test_a_datetime_is_its_day(self) -> None:
        """A datetime counts as its day, whatever its time."""
        assert as_date(dt.datetime(2025, 5, 1, 23, 59)).exact == D(2025, 5, 1)  # noqa: DTZ001

    def test_a_fuzzy_date_is_kept(self) -> None:
        """A FuzzyDate the library returned comes back as it is, wording and all."""
        late = parse_date("late 2024")
        assert as_date(late) is late

    def test_a_string_is_parsed(self) -> None:
        """A string is read as parse_date reads it."""
        assert as_date("2025-06").latest == D(2025, 6, 30)

    @pytest.mark.parametrize("value", [20250611, 2025.5, None, ["2025"]])
    def test_anything_else_is_refused(self, value: object) -> None:
        """Other types are a DateParseError naming the type and the forms accepted."""
        with pytest.raises(ree.DateParseError, match="expected a date, a datetime, a FuzzyDate"):
            as_date(value)  # type: ignore[arg-type]


class TestDatesGivenBack:
    """Dates the library returns, and datetimes, are taken by every function that takes a date."""

    def test_timeline_of_an_events_own_date(self) -> None:
        """timeline(ev.date, ev.date) finds the event: 'expected a string' no more."""
        geneva = ree.dataset().record("geneva-tariff-pause")
        assert isinstance(geneva, ree.Event)
        assert "geneva-tariff-pause" in [e.id for e in ree.timeline(geneva.date, geneva.date)]

    def test_timeline_from_datetimes(self) -> None:
        """timeline(start=datetime(2025, 5, 1)) is the window from May 1, not a TypeError."""
        start, end = dt.datetime(2025, 5, 1), dt.datetime(2025, 5, 31, 18)  # noqa: DTZ001
        by_datetime = ree.timeline(start=start, end=end)
        assert [e.id for e in by_datetime] == [
            e.id for e in ree.timeline("2025-05-01", "2025-05-31")
        ]
        assert "mema-letter" in [e.id for e in by_datetime]

    def test_convert_on_a_figures_period(self) -> None:
        """convert(..., on=fig.period) uses the rate of that period: October 2025, 001's."""
        price = ree.figures(metric="ndfeb-price")[0]
        conversion = ree.convert(ree.Money(530, "CNY"), "USD", on=price.period)
        assert conversion.path.legs[0].source == "001_9b4396c9fe4624bb"

    def test_figures_in_a_figures_period(self) -> None:
        """figures(start=period, end=period) keeps the figure whose period it is."""
        price = ree.figures(metric="ndfeb-price")[0]
        assert price.id in [f.id for f in ree.figures(start=price.period, end=price.period)]

    def test_capacity_as_of_a_datetime(self) -> None:
        """total_capacity(as_of=datetime) reads the day: JL MAG had 20,000 t/yr on 2025-07-01."""
        moment = dt.datetime(2025, 7, 1, 12)  # noqa: DTZ001
        total = ree.total_capacity(company="JL MAG", as_of=moment)
        assert total.value.number == 20000
        assert total.value == ree.total_capacity(company="JL MAG", as_of="2025-07-01").value
