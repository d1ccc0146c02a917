"""Ambiguous and out-of-range input: each has one documented behaviour."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

import rareearth as ree
from rareearth._timeline import window


class TestAmbiguousDates:
    @pytest.mark.parametrize("text", ["05/06/2025", "5.6.2025", "05-06-2025", "05 06 2025"])
    def test_day_month_either_way(self, text: str) -> None:
        """A numeric date whose day and month could be swapped is refused, not guessed."""
        with pytest.raises(ree.DateParseError, match="day and month could be either way round"):
            ree.parse_date(text)

    @pytest.mark.parametrize("text", ["25/05/06", "13/06/25"])
    def test_two_digit_year(self, text: str) -> None:
        """A two-digit year could be at either end of a numeric date, so it is refused."""
        with pytest.raises(ree.DateParseError, match="a two-digit year could be at either end"):
            ree.parse_date(text)

    def test_unambiguous_numeric(self) -> None:
        """A numeric date with a day above 12 can only mean one thing, and reads."""
        assert ree.parse_date("13/06/2025").exact == dt.date(2025, 6, 13)

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("1799", "the year 1799 is outside 1800-2200"),
            ("June 2201", "the year 2201 is outside 1800-2200"),
            ("2025-" * 30, "longer than 100 characters"),
            ("Wednesday", "a weekday alone needs a reference date"),
            ("between 2025-03 and 2025-01", "the span ends before it starts"),
        ],
    )
    def test_refused(self, text: str, reason: str) -> None:
        """Years outside 1800-2200, overlong text, a bare weekday, a span ending early: refused."""
        with pytest.raises(ree.DateParseError, match=reason):
            ree.parse_date(text)

    def test_reference_out_of_range(self) -> None:
        """A reference date outside the sane years is refused, not overflowed."""
        with pytest.raises(ree.DateParseError, match="reference date 0001-01-01 is outside"):
            ree.parse_date("sunday", reference=dt.date(1, 1, 1))


class TestAmounts:
    @pytest.mark.parametrize(
        ("text", "amount", "currency"),
        [
            ("RMB 1.05bn", "1050000000", "CNY"),
            ("RMB 1.05 billion", "1050000000", "CNY"),
            ("USD 146 million", "146000000", "USD"),
            ("USD13.65", "13.65", "USD"),  # source 002's slip, as printed
            ("RMB100 million", "100000000", "CNY"),
            ("146 million USD", "146000000", "USD"),
            ("1,050,000 cny", "1050000", "CNY"),
            ("EUR 5k", "5000", "EUR"),
            ("€2.5m", "2500000", "EUR"),
            ("US$146m", "146000000", "USD"),
            ("-3 EUR", "-3", "EUR"),
        ],
    )
    def test_parse(self, text: str, amount: str, currency: str) -> None:
        """Amounts as articles print them read exactly, in their ISO code."""
        assert ree.Money.parse(text) == ree.Money(amount, currency)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("¥1.05bn", "'¥' could be CNY or JPY; write the code, as in 'CNY 1.05bn'"),
            ("$5", "'$' could be USD, AUD, CAD, HKD"),
            ("1,05 EUR", "a comma here could be a decimal comma"),
            ("RMB 520-540", "a range is not one amount"),
            ("5 bn", "has no currency"),
            ("EUR 5 USD", "has two currencies"),
            ("XYZ 5", "unknown currency 'XYZ'"),
            ("RMB 999999999tn", "an amount must be below 10\\^18"),
            ("USD 5 zillion", "is not an amount of money"),
            ("RMB 1.05 billion (USD 146 million)", "is not an amount of money"),
        ],
    )
    def test_parse_refuses(self, text: str, message: str) -> None:
        """Ambiguous or unreadable amounts are refused with the reason, never guessed."""
        with pytest.raises(ree.CurrencyError, match=message.replace("$", r"\$")):
            ree.Money.parse(text)

    def test_amount_strings_are_plain_numbers(self) -> None:
        """Money() itself takes plain numbers only, and says so for prose."""
        with pytest.raises(ree.CurrencyError, match=r"'1\.05bn' is not an amount of money"):
            ree.Money("1.05bn", "RMB")

    @pytest.mark.parametrize("places", [-19, 19, 10**6, True])
    def test_rounded_places(self, places: int) -> None:
        """Rounding to places outside -18 to 18 is refused, not a decimal error."""
        with pytest.raises(ree.CurrencyError, match="a whole number from -18 to 18"):
            ree.Money(1, "CNY").rounded(places)
        assert ree.Money("146000000.13", "USD").rounded(-4) == ree.Money(146000000, "USD")

    def test_unknown_code(self) -> None:
        """An unknown currency code is refused, not passed through."""
        with pytest.raises(ree.CurrencyError, match="unknown currency 'RNB'"):
            ree.Money("1", "RNB")


class TestWindows:
    def test_end_before_start(self) -> None:
        """A window whose end comes before its start is refused, naming both days."""
        with pytest.raises(ree.WindowError, match=r"ends \(2025-05-31\) before it starts"):
            ree.timeline("2025-06", "2025-05")

    def test_month_end(self) -> None:
        """A month as an end means its last day, so a one-month window is that month."""
        found = ree.timeline("2025-06-11", "2025-06", match="within")
        assert "jl-mag-export-licences" in [e.id for e in found]
        assert all(e.date.latest <= dt.date(2025, 6, 30) for e in found)
        assert window("2025-06-11", "2025-06") == (dt.date(2025, 6, 11), dt.date(2025, 6, 30))


class TestChoices:
    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda: ree.timeline(kind="dragon"), "kind"),
            (lambda: ree.figures(kind="dragon"), "kind"),
            (lambda: ree.relations("JL MAG", kind="dragon"), "kind"),
            (lambda: ree.total_capacity(status="dragon"), "status"),
            (lambda: ree.total_capacity(by="dragon"), "by"),  # type: ignore[call-overload]
            (lambda: ree.timeline(match="dragon"), "match"),  # type: ignore[arg-type]
        ],
    )
    def test_unknown_choice(self, call: object, field: str) -> None:
        """A value outside a closed list raises ChoiceError naming the field and the choices."""
        with pytest.raises(ree.ChoiceError) as info:
            call()  # type: ignore[operator]
        assert (info.value.field, info.value.value) == (field, "dragon")
        assert info.value.choices
        assert str(info.value).startswith(f"{field} 'dragon' is not one of ")
        assert isinstance(info.value, ValueError)

    def test_search_limit(self) -> None:
        """A search limit of zero or less gives no hits; a positive one caps them."""
        assert ree.search("ma", limit=-1) == ()
        assert len(ree.search("ma", limit=2)) == 2


class TestRates:
    @pytest.mark.parametrize(
        ("rates", "message"),
        [
            ({("USD", "USD"): "1"}, "a rate from USD to itself is always 1"),
            ({("CNY", "USD"): "0"}, "a rate must be a positive number"),
            ({("CNY", "USD"): "1e19"}, r"between 10\^-18 and 10\^18"),
            ({"CNY": "1"}, "keys are \\(base, quote\\) pairs"),
        ],
    )
    def test_own_table_refused(self, rates: object, message: str) -> None:
        """A caller's rate table with a bad pair or rate is refused, naming it."""
        with pytest.raises(ree.CurrencyError, match=message):
            ree.convert(ree.Money("1", "CNY"), "USD", rates=rates)  # type: ignore[call-overload]


class TestPlausibleMistakes:
    """A value of the wrong type, given where users plausibly slip, is a RareEarthError."""

    @pytest.mark.parametrize(
        ("call", "error", "message"),
        [
            (lambda: ree.convert("1.05e9 RMB", "USD"), ree.CurrencyError, "Money.parse"),  # type: ignore[call-overload]
            (lambda: ree.convert(None, "USD"), ree.CurrencyError, "convert takes Money, not None"),  # type: ignore[call-overload]
            (lambda: ree.search(None), ree.UnknownEntityError, "no entity matches 'None'"),  # type: ignore[arg-type]
            (lambda: ree.place(5), ree.UnknownRecordError, "no place has the id or name '5'"),  # type: ignore[arg-type]
            (
                lambda: ree.parse_date("Wednesday", reference="2025-06-12"),  # type: ignore[arg-type]
                ree.DateParseError,
                "the reference must be a datetime.date, not str",
            ),
        ],
        ids=["convert-text", "convert-none", "search-none", "place-int", "reference-text"],
    )
    def test_named_error(
        self, call: Callable[[], object], error: type[ree.RareEarthError], message: str
    ) -> None:
        """The error is the library's, and says what was given and what would do."""
        with pytest.raises(error, match=re.escape(message)):
            call()
