"""Currency conversion: the sources' rates, dated, cited; the caller's own; no path."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction

import pytest

import rareearth as ree
from rareearth import Money


class TestConvert:
    def test_phase_iii_investment(self) -> None:
        """RMB 1.05 billion on 2025-07-10 is USD 146 million at the rate of 000."""
        c = ree.convert(Money("1.05e9", "RMB"), "USD", on="2025-07-10")
        assert c.rounded == Money("146000000.00", "USD")
        (leg,) = c.path.legs
        assert leg.record is not None
        assert leg.record.id == "rate-000-cny-usd"
        assert leg.source == "000_75a9973f81fad0cb"
        assert leg.date is not None
        assert leg.date.exact == dt.date(2025, 7, 10)
        assert leg.record.derived.rule

    def test_rate_of_002(self) -> None:
        """RMB 120 million at the rate of 002 is USD 16.38 million."""
        c = ree.convert(Money("120e6", "CNY"), "USD", rate="rate-002-cny-usd")
        assert c.rounded == Money("16380000.00", "USD")

    def test_35h_price_in_aud(self) -> None:
        """The RMB 530/kg mid-price of 001 is about AUD 110/kg."""
        assert ree.convert(Money(530, "RMB"), "AUD").rounded == Money("110.00", "AUD")

    def test_inverse(self) -> None:
        """USD converts to CNY by inverting the nearest CNY→USD rate."""
        c = ree.convert(Money("146e6", "USD"), "CNY", on=dt.date(2025, 7, 1))
        assert c.path.legs[0].inverted
        assert c.rounded == Money("1050000000.00", "CNY")

    def test_through_a_shared_currency(self) -> None:
        """USD to AUD goes through CNY, both legs from 001."""
        c = ree.convert(Money(72, "USD"), "AUD", on="2025-10")
        assert [leg.quote for leg in c.path.legs] == ["CNY", "AUD"]
        assert {leg.source for leg in c.path.legs} == {"001_9b4396c9fe4624bb"}
        assert c.rounded == Money("110.00", "AUD")

    def test_nearest_date(self) -> None:
        """on= picks the nearest dated rate: October 2025 is 001's."""
        assert ree.rate("CNY", "USD", on="2025-11-30").legs[0].source == "001_9b4396c9fe4624bb"
        assert ree.rate("CNY", "USD", on="2025-05-01").legs[0].source == "000_75a9973f81fad0cb"

    def test_tie_goes_to_the_later(self) -> None:
        """Equally near rates: the later one wins."""
        rates = [
            ree.ExchangeRate(
                id=f"r{day}",
                base="CNY",
                quote="USD",
                rate=Decimal(rate),
                derived=ree.Derivation("test"),
                cites=(ree.Citation("x", "q"),),
                date=ree.parse_date(f"2025-01-{day:02d}"),
            )
            for day, rate in ((1, "0.1"), (3, "0.2"))
        ]
        assert ree.rate("CNY", "USD", on="2025-01-02", rates=rates).value == Decimal("0.2")

    def test_user_table(self) -> None:
        """A caller's own table replaces the sources' rates."""
        c = ree.convert(Money(100, "EUR"), "USD", rates={("EUR", "USD"): "1.10"})
        assert c.result == Money("110.00", "USD")
        assert c.path.legs[0].record is not None
        assert c.path.legs[0].record.id == "user-eur-usd"

    def test_forced_number(self) -> None:
        """rate= with a number uses it as is."""
        assert ree.convert(Money(10, "CNY"), "USD", rate="0.14").result == Money("1.40", "USD")

    def test_same_currency(self) -> None:
        """Converting to the same currency changes nothing and uses no rate."""
        c = ree.convert(Money(5, "RMB"), "CNY")
        assert (c.result, c.path.legs) == (Money(5, "CNY"), ())
        assert str(c) == "CNY 5 = CNY 5 (1 CNY = 1 CNY (the same currency))"

    def test_no_path(self) -> None:
        """No path raises NoRateError naming the pairs that exist."""
        with pytest.raises(ree.NoRateError) as info:
            ree.convert(Money(1, "EUR"), "USD")
        assert ("CNY", "USD") in info.value.pairs
        assert "no rate converts EUR to USD; rates exist for: CNY→AUD, CNY→USD" in str(info.value)
        assert isinstance(info.value, LookupError)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"rate": "rate-001-cny-aud"}, "converts CNY/AUD, not CNY/USD"),
            ({"rate": "jl-mag-founded"}, "is not an exchange rate"),
            ({"rate": "-1"}, "positive"),
            ({"rates": {("CNY", "USD"): 0.1}}, "not float 0.1"),
            ({"rates": ["x"]}, "ExchangeRate records"),
        ],
    )
    def test_bad_rates(self, kwargs: dict[str, object], message: str) -> None:
        """Wrong or invalid rates are CurrencyErrors."""
        with pytest.raises(ree.CurrencyError, match=message):
            ree.convert(Money(1, "CNY"), "USD", **kwargs)  # type: ignore[call-overload]

    def test_unknown_currency(self) -> None:
        """An unknown target currency is refused."""
        with pytest.raises(ree.CurrencyError, match="unknown currency 'ABC'"):
            ree.convert(Money(1, "CNY"), "ABC")

    def test_str(self) -> None:
        """A conversion says what it used."""
        text = str(ree.convert(Money("1.05e9", "RMB"), "USD", on="2025-07-10"))
        assert text.startswith("CNY 1.05 billion = USD 146 million (1 CNY = 0.139048 USD")
        assert "rate-000-cny-usd" in text


def _price() -> ree.Figure:
    (price,) = ree.figures(metric="ndfeb-price")
    return price


def _investment(phase_id: str) -> ree.Investment:
    _, phase = ree.dataset().phase(phase_id)
    assert phase.investment is not None
    return phase.investment


class TestMoneyPerUnit:
    """001: 'RMB 520–540 /kg (~USD 72 /kg, AUD 110 /kg)', so 1 CNY = 72/530 USD."""

    @pytest.mark.parametrize("which", ["figure", "value"])
    def test_price_range_to_usd(self, which: str) -> None:
        """The figure, or its value alone, converts to a range in USD/kg at 72/530."""
        price = _price()
        c = ree.convert(price if which == "figure" else price.value, "USD")
        assert isinstance(c.result, ree.MoneyValue)
        assert (c.result.currency, c.result.per, c.result.qualifier) == (
            "USD",
            "kg",
            ree.Qualifier.RANGE,
        )
        assert (c.rounded.low, c.rounded.high) == (Decimal("70.64"), Decimal("73.36"))
        (leg,) = c.path.legs
        assert leg.record is not None
        assert (leg.record.id, leg.value) == ("rate-001-cny-usd", Fraction(72, 530))
        assert c.note == "at the rate its source (001) implies for it"
        assert str(c).startswith("CNY 520–540/kg = USD 70.64–73.36/kg (1 CNY = 0.135849 USD")

    def test_price_range_to_aud(self) -> None:
        """In AUD: 520 and 540 at 110/530 are AUD 107.92 and 112.08 per kg."""
        c = ree.convert(_price(), "AUD")
        assert c.rounded.label == "AUD 107.92–112.08/kg"
        assert c.path.legs[0].source == "001_9b4396c9fe4624bb"

    def test_printed_equivalent_is_shown(self) -> None:
        """The conversion carries what 001 printed beside the price: ~USD 72/kg."""
        printed = ree.convert(_price(), "USD").printed
        assert isinstance(printed, ree.MoneyValue)
        assert printed.label == "USD ≈ 72/kg"

    def test_money_per_kg(self) -> None:
        """RMB 530/kg, the middle of the range, is USD 72/kg exactly at 001's rate."""
        c = ree.convert(Money(530, "CNY", per="kg"), "USD", on="2025-10")
        assert c.result == Money(72, "USD", per="kg")

    def test_target_with_its_unit(self) -> None:
        """'USD/kg' names the price's unit too; 'USD/t' for a price per kg is refused."""
        assert ree.convert(_price(), "USD/kg").rounded.label == "USD 70.64–73.36/kg"
        with pytest.raises(ree.CurrencyError, match="cannot convert CNY/kg to 'USD/t'"):
            ree.convert(_price(), "USD/t")

    def test_a_plain_value_is_refused(self) -> None:
        """A Value that is no money figure's has no currency: a CurrencyError, no AttributeError."""
        with pytest.raises(ree.CurrencyError, match="has no currency"):
            ree.convert(ree.Value(Decimal(530)), "USD")

    def test_a_figure_not_in_money_is_refused(self) -> None:
        """A share figure is not money: the error names the figure and its unit."""
        share = next(f for f in ree.figures() if f.unit == "%")
        with pytest.raises(ree.CurrencyError, match=f"figure '{share.id}' is in '%', not money"):
            ree.convert(share, "USD")


class TestSourceAware:
    """An amount from a record converts as its own source did."""

    def test_northern_magnet_investment_as_printed(self) -> None:
        """002: 'RMB 120 million (USD16.38m)': the investment converts to USD 16.38 million."""
        c = ree.convert(_investment("northern-magnet-baotou-project"), "USD")
        assert c.result == Money(16_380_000, "USD")
        assert format(c.result.amount, "f") == "16380000"
        assert c.path.legs[0].record is not None
        assert c.path.legs[0].record.id == "rate-002-cny-usd"
        assert c.note == "as its source (002) printed it"

    def test_phase_iii_investment_as_printed(self) -> None:
        """000: 'RMB 1.05 billion (USD 146 million)': exactly USD 146,000,000, at 000's rate."""
        c = ree.convert(_investment("jl-mag-baotou-phase-iii"), "USD")
        assert c.result.amount == 146_000_000
        assert c.path.legs[0].source == "000_75a9973f81fad0cb"

    def test_hunan_zhongzi_investment_as_printed(self) -> None:
        """002: 'RMB100 million (USD13.65)', the slip corrected: USD 13.65 million."""
        c = ree.convert(_investment("hunan-zhongzi-baotou-line"), "USD")
        assert c.result == Money(13_650_000, "USD")

    def test_printed_pair_that_no_record_holds(self) -> None:
        """002: 'RMB690 million (USD94.16m)' is not 0.1365; the printed pair is the rate."""
        revenue = ree.dataset().record("northern-magnet-projected-revenue")
        assert isinstance(revenue, ree.Figure)
        c = ree.convert(revenue, "USD")
        assert isinstance(c.result, ree.MoneyValue)
        assert c.result.number == 94_160_000
        (leg,) = c.path.legs
        assert leg.value == Fraction(9416, 69000)
        assert leg.record is not None
        assert leg.record.derived.inputs == ("northern-magnet-projected-revenue",)
        assert leg.source == "002_d6347f7a471a7569"

    def test_on_wins_over_the_source(self) -> None:
        """With on=, the caller's date picks the rate, as for any amount: July 2025 is 000's."""
        c = ree.convert(_price(), "USD", on="2025-07-10")
        assert c.path.legs[0].source == "000_75a9973f81fad0cb"
        assert c.note is None

    def test_bare_amount_says_latest(self) -> None:
        """RMB 1.05 billion alone converts at the latest rate, 001's, and says so."""
        c = ree.convert(Money("1.05e9", "RMB"), "USD")
        assert c.path.legs[0].source == "001_9b4396c9fe4624bb"
        assert c.note == "no date given, so the latest rate"
        assert str(c).endswith("; no date given, so the latest rate")
        assert str(c.rounded) == "USD ≈ 142.64 million"


class TestExactRates:
    def test_146_million_exactly(self) -> None:
        """RMB 1.05 billion on 2025-07-10 is USD 146,000,000, not 146000000.0000000130."""
        c = ree.convert(Money("1.05e9", "RMB"), "USD", on="2025-07-10")
        assert c.result.amount == Decimal(146_000_000)
        assert format(c.result.amount, "f") == "146000000"
        assert c.path.value == Fraction(146, 1050)

    def test_csv_and_json_carry_no_float_noise(self) -> None:
        """The table writes 146000000 and the rate to 18 places, with the exact ratio beside it."""
        c = ree.convert(Money("1.05e9", "RMB"), "USD", on="2025-07-10")
        row = c.to_csv().splitlines()[1]
        assert row.startswith("1050000000,,CNY,,146000000,,USD,0.139047619047619048,73/525,")
        answer = json.loads(c.to_json(), parse_float=Decimal)[0]
        assert (answer["result"], answer["rate"], answer["ratio"]) == (
            146_000_000,
            Decimal("0.139047619047619048"),
            "73/525",
        )

    def test_inverse_is_exact(self) -> None:
        """USD 146 million back to CNY is RMB 1,050 million exactly."""
        c = ree.convert(Money("146e6", "USD"), "CNY", on="2025-07-10")
        assert c.result.amount == 1_050_000_000

    def test_a_ratio_as_the_rate(self) -> None:
        """rate= takes the printed pair itself: '146/1050'."""
        c = ree.convert(Money("1.05e9", "RMB"), "USD", rate="146/1050")
        assert c.result.amount == 146_000_000


class TestDateTooFar:
    def test_1990_is_refused(self) -> None:
        """No rate within 92 days of 1990-01-01: a NoRateError naming the nearest dated rates."""
        with pytest.raises(ree.NoRateError) as caught:
            ree.convert(Money("1.05e9", "RMB"), "USD", on="1990-01-01")
        message = str(caught.value)
        assert "within 92 days of 1990-01-01" in message
        assert "rate-000-cny-usd (July 10 (2025-07-10), 12,974 days away)" in message
        assert caught.value.nearest[1].startswith("rate-001-cny-usd")
        assert isinstance(caught.value, LookupError)

    def test_nearest_uses_it_anyway(self) -> None:
        """nearest=True uses the nearest rate, July 10, 2025's, and says how far it is."""
        c = ree.convert(Money("1.05e9", "RMB"), "USD", on="1990-01-01", nearest=True)
        assert c.result.amount == 146_000_000
        assert c.note == "the nearest rate, 12,974 days from 1990-01-01"

    @pytest.mark.parametrize(("day", "allowed"), [("2025-04-03", True), ("2025-04-04", False)])
    def test_the_limit_is_92_days(self, day: str, allowed: bool) -> None:
        """A rate dated 2025-01-01 serves 92 days later, not 93."""
        record = ree.ExchangeRate(
            id="r",
            base="CNY",
            quote="USD",
            rate="0.14",
            derived=ree.Derivation("test"),
            cites=(ree.Citation("x", "q"),),
            date=ree.parse_date("2025-01-01"),
        )
        assert ree.MAX_RATE_GAP == 92
        if allowed:
            assert ree.rate("CNY", "USD", on=day, rates=[record]).legs[0].record is record
        else:
            with pytest.raises(ree.NoRateError, match="within 92 days"):
                ree.rate("CNY", "USD", on=day, rates=[record])
