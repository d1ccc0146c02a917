"""Money: Decimal amounts in the ISO 4217 currencies, read from a generated, current list."""

from __future__ import annotations

import decimal
import time
from decimal import Decimal

import currencies
import pytest

import rareearth as ree
from rareearth import Money
from rareearth._codes import iso_4217


class TestIso4217:
    def test_list_is_current(self) -> None:
        """The committed codes are what tools/currencies.py writes from pycountry now."""
        assert currencies.TARGET.read_text(encoding="utf-8") == currencies.text(), (
            "src/rareearth/currencies.json is out of date: run python tools/currencies.py"
        )

    def test_current_codes(self) -> None:
        """Zimbabwe's ZiG (ZWG, 2024) is a currency; the withdrawn ZWL is not."""
        assert "ZWG" in iso_4217()
        assert "ZWL" not in iso_4217()
        with pytest.raises(ree.CurrencyError, match="ZWL"):
            Money("1", "ZWL")

    def test_test_codes_refused(self) -> None:
        """The codes ISO 4217 keeps for testing and for no currency are not money."""
        assert not {"XTS", "XXX"} & iso_4217()


class TestMoney:
    def test_rmb_alias(self) -> None:
        """'RMB' is CNY; amounts are Decimals."""
        m = Money("1.05e9", "RMB")
        assert m.currency == "CNY"
        assert m.amount == Decimal(1050000000)
        assert str(m) == "CNY 1.05 billion"
        assert repr(m) == "Money('1050000000', 'CNY')"

    def test_formatting(self) -> None:
        """Millions and small amounts read naturally."""
        assert str(Money("16380000", "USD")) == "USD 16.38 million"
        assert str(Money("530", "CNY")) == "CNY 530"
        assert str(Money("72.5", "USD")) == "USD 72.5"

    def test_formatting_rounds_visibly(self) -> None:
        """A million or billion shows two decimals; "≈" marks the rounding, repr stays exact."""
        m = Money("142641509.43", "USD")
        assert str(m) == "USD ≈ 142.64 million"
        assert repr(m) == "Money('142641509.43', 'USD')"

    def test_arithmetic_same_currency(self) -> None:
        """Like currencies add; unlike ones do not."""
        total = Money(20, "RMB") + Money(100, "CNY")
        assert total == Money(120, "CNY")
        assert Money(5, "USD") * 3 == Money(15, "USD")
        assert Money(5, "USD") < Money(6, "USD")
        with pytest.raises(ree.CurrencyError, match="cannot add CNY and USD; convert first"):
            _ = Money(1, "CNY") + Money(1, "USD")

    def test_arithmetic_and_order(self) -> None:
        """Subtraction, scaling from either side, negation and every comparison keep Decimals."""
        price = Money("540", "CNY")
        assert price - Money("20", "RMB") == Money("520", "CNY")
        assert 2 * price == price * Decimal(2) == Money("1080", "CNY")
        assert -price == Money("-540", "CNY")
        assert price >= Money("540", "CNY")
        assert price <= Money("540", "CNY")
        assert price > Money("520", "CNY")
        assert not price < Money("520", "CNY")
        with pytest.raises(ree.CurrencyError, match="cannot compare CNY and USD; convert first"):
            _ = price > Money(72, "USD")
        with pytest.raises(ree.CurrencyError, match="cannot subtract CNY and AUD"):
            _ = price - Money(110, "AUD")

    @pytest.mark.parametrize("other", [540, Decimal(540), "540", None])
    def test_no_mixing_with_plain_numbers(self, other: object) -> None:
        """Money does not add to, or compare with, a bare number: a TypeError, as for str + int."""
        price = Money("540", "CNY")
        with pytest.raises(TypeError):
            _ = price + other  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = price - other  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = price < other  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = price >= other  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = price <= other  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = price > other  # type: ignore[operator]

    @pytest.mark.parametrize("factor", [1.5, True, "2"])
    def test_scaling_needs_an_exact_number(self, factor: object) -> None:
        """Money scales by an int or a Decimal only: a float or a bool would lose exactness."""
        with pytest.raises(TypeError):
            _ = Money("540", "CNY") * factor  # type: ignore[operator]

    def test_currency_must_be_text(self) -> None:
        """A currency given as a number is refused with a message, not an AttributeError."""
        with pytest.raises(ree.CurrencyError, match="a currency is a code such as 'USD', not 840"):
            Money(1, 840)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("amount", "currency", "message"),
        [
            (0.1, "USD", "not float"),
            ("abc", "USD", "is not an amount"),
            ("Infinity", "USD", "finite"),
            (1, "XYZ", "unknown currency 'XYZ'"),
            ("1e400", "CNY", "below 10\\^18"),
        ],
    )
    def test_invalid(self, amount: object, currency: str, message: str) -> None:
        """Floats, non-numbers and unknown currencies are refused."""
        with pytest.raises(ree.CurrencyError, match=message):
            Money(amount, currency)  # type: ignore[arg-type]

    def test_rounded(self) -> None:
        """Rounding is half-even to the places asked."""
        assert Money("146.005", "USD").rounded() == Money("146.00", "USD")


def test_quantity_docstring_lists_every_unit() -> None:
    """The documented list of units is the one the checks use."""
    from rareearth._values import UNITS  # noqa: PLC0415

    doc = ree.Quantity.__doc__ or ""
    assert [u for u in UNITS if f'``"{u}"``' not in doc] == []


class TestHostileAmounts:
    """Money never depends on the caller's decimal context, and refuses before slow work."""

    @pytest.mark.parametrize(
        ("text", "amount"),
        [("USD 146.5 million", "146500000"), ("RMB 1,234,567", "1234567")],
    )
    def test_parse_under_a_three_digit_context(self, text: str, amount: str) -> None:
        """A caller's 3-digit context does not round a parsed amount."""
        with decimal.localcontext(decimal.Context(prec=3)):
            money = Money.parse(text)
        assert money.amount == Decimal(amount)

    def test_parse_under_trapped_inexact_and_small_emax(self) -> None:
        """A context that traps Inexact or has a small Emax raises nothing from parse."""
        strict = decimal.Context(prec=3, Emax=5, traps=[decimal.Inexact, decimal.Overflow])
        with decimal.localcontext(strict):
            assert Money.parse("RMB 1.05bn").amount == Decimal("1.05e9")

    def test_long_fraction_refused(self) -> None:
        """A fraction of more than 18 digits is refused, not silently cut."""
        with pytest.raises(ree.CurrencyError, match="60 digits after the point; at most 18"):
            Money.parse("USD 0." + "1" * 60)

    def test_huge_int_refused_at_once(self) -> None:
        """An int of 100,000 digits is a CurrencyError, not Python's int-digits ValueError."""
        started = time.perf_counter()
        with pytest.raises(ree.CurrencyError, match="below 10\\^18 in size, got a huge int"):
            Money(10**100_000, "USD")
        with pytest.raises(ree.CurrencyError, match="a factor must be a finite number"):
            Money("1", "USD") * 10**2_000_000
        assert time.perf_counter() - started < 1

    @pytest.mark.parametrize("factor", [Decimal("sNaN"), Decimal("NaN"), Decimal("Infinity")])
    def test_factor_not_finite(self, factor: Decimal) -> None:
        """Multiplying by a NaN or an infinity is a CurrencyError, not InvalidOperation."""
        with pytest.raises(ree.CurrencyError, match="a factor must be a finite number"):
            Money("1", "USD") * factor

    def test_long_text_refused(self) -> None:
        """A text far longer than any amount is refused before it is read."""
        with pytest.raises(ree.CurrencyError, match="too long to be an amount"):
            Money.parse("USD " + "1" * 10_000)
