"""Currency conversion: the sources' rates, dated, cited; the caller's own; no path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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
            ree.convert(Money(1, "CNY"), "USD", **kwargs)  # type: ignore[arg-type]

    def test_unknown_currency(self) -> None:
        """An unknown target currency is refused."""
        with pytest.raises(ree.CurrencyError, match="unknown currency 'ABC'"):
            ree.convert(Money(1, "CNY"), "ABC")

    def test_str(self) -> None:
        """A conversion says what it used."""
        text = str(ree.convert(Money("1.05e9", "RMB"), "USD", on="2025-07-10"))
        assert text.startswith("CNY 1.05 billion = USD 146 million (1 CNY = 0.139048 USD")
        assert "rate-000-cny-usd" in text
