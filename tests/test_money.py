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
        huge, huger = 10**100_000, 10**2_000_000  # made before the clock starts
        started = time.perf_counter()
        with pytest.raises(ree.CurrencyError, match="below 10\\^18 in size, got a huge int"):
            Money(huge, "USD")
        with pytest.raises(ree.CurrencyError, match="a factor must be a finite number"):
            Money("1", "USD") * huger
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


class TestMoneyPerUnit:
    def test_a_price_prints_its_unit(self) -> None:
        """Money per kg prints and reprs with its unit: the 35H mid-price of 001, RMB 530/kg."""
        price = Money(530, "RMB", per="kg")
        assert (str(price), repr(price), price.unit) == (
            "CNY 530/kg",
            "Money('530', 'CNY', per='kg')",
            "CNY/kg",
        )

    @pytest.mark.parametrize("text", ["530 CNY/kg", "RMB 530/kg", "RMB530 per kg", "530 rmb / KG"])
    def test_parse_reads_a_price(self, text: str) -> None:
        """Money.parse reads a price with its unit."""
        assert Money.parse(text) == Money(530, "CNY", per="kg")

    def test_unknown_unit_is_refused(self) -> None:
        """Money is per kg or t; per pound is a CurrencyError naming the unit."""
        with pytest.raises(ree.CurrencyError, match="money is per 'kg' or 't', not per 'lb'"):
            Money(1, "USD", per="lb")

    def test_price_and_amount_do_not_add(self) -> None:
        """CNY 530/kg and CNY 530 cannot be added: the error names both units."""
        with pytest.raises(ree.CurrencyError, match="cannot add CNY/kg and CNY"):
            Money(530, "CNY", per="kg") + Money(530, "CNY")

    def test_prices_keep_their_unit(self) -> None:
        """Arithmetic on a price keeps it a price."""
        assert Money(520, "CNY", per="kg") + Money(20, "CNY", per="kg") == Money(
            540, "CNY", per="kg"
        )
        assert (2 * Money(270, "CNY", per="kg")).per == "kg"


class TestSum:
    def test_sum_of_investments(self) -> None:
        """sum() adds 002's Tianjin Ruimaige phases: RMB 20 million + RMB 100 million."""
        total = sum([Money("20e6", "RMB"), Money("100e6", "RMB")])
        assert total == Money("120e6", "CNY")

    def test_zero_plus_money(self) -> None:
        """0 + Money is the Money, which is what sum() starts from."""
        assert 0 + Money(5, "USD") == Money(5, "USD")

    def test_other_numbers_do_not_add(self) -> None:
        """1 + Money is a TypeError: a bare number has no currency."""
        with pytest.raises(TypeError):
            1 + Money(5, "USD")

    def test_sum_of_two_currencies_is_refused(self) -> None:
        """sum() of CNY and USD is a CurrencyError, as adding them is."""
        with pytest.raises(ree.CurrencyError, match="cannot add CNY and USD"):
            sum([Money(1, "CNY"), Money(1, "USD")])


class TestMoneyValue:
    def test_parse_a_range(self) -> None:
        """'520-540 CNY' is a range of money; its label writes an en dash."""
        value = ree.MoneyValue.parse("520-540 CNY")
        assert (value.low, value.high) == (Decimal(520), Decimal(540))
        assert (value.currency, value.per) == ("CNY", None)
        assert value.qualifier is ree.Qualifier.RANGE
        assert value.label == "CNY 520–540"

    def test_parse_a_price_range(self) -> None:
        """001's 'RMB 520–540 /kg' reads as CNY 520–540 per kg."""
        value = ree.MoneyValue.parse("RMB 520–540 /kg")
        assert (value.low_money, value.high_money) == (
            Money(520, "CNY", per="kg"),
            Money(540, "CNY", per="kg"),
        )

    def test_a_range_upside_down_is_refused(self) -> None:
        """A range whose low end is above its high end is a CurrencyError."""
        with pytest.raises(ree.CurrencyError, match="low end 540 is above its high end 520"):
            ree.MoneyValue.parse("540-520 CNY")

    def test_money_parse_points_to_it(self) -> None:
        """Money.parse refuses a range, and says what reads one."""
        with pytest.raises(ree.CurrencyError, match=r"MoneyValue\.parse reads one"):
            Money.parse("520-540 CNY")

    def test_a_price_figure_has_one(self) -> None:
        """The 35H price of 001 is a MoneyValue: CNY 520–540 per kg, from that figure."""
        price = ree.figures(metric="ndfeb-price")[0]
        assert isinstance(price.value, ree.MoneyValue)
        assert (price.value.label, price.value.origin) == ("CNY 520–540/kg", "ndfeb-35h-price")
        usd = price.equivalents[0].value
        assert isinstance(usd, ree.MoneyValue)
        assert usd.label == "USD ≈ 72/kg"

    def test_shares_stay_values(self) -> None:
        """A figure in percent keeps a plain Value."""
        share = next(f for f in ree.figures() if f.unit == "%")
        assert type(share.value) is ree.Value
