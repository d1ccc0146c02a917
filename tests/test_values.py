"""Values, quantities and money."""

from __future__ import annotations

from decimal import Decimal

import pytest

import rareearth as ree
from rareearth import Money, Qualifier, Quantity, Value


class TestValue:
    def test_range(self) -> None:
        """A range keeps both ends; its midpoint is their mean."""
        v = Value(Decimal(520), Qualifier.RANGE, upper=Decimal(540), text="RMB 520–540 /kg")
        assert (v.low, v.high, v.midpoint) == (Decimal(520), Decimal(540), Decimal(530))
        assert str(v) == "520–540"

    def test_qualifier_from_string(self) -> None:
        """A qualifier may be given as its string."""
        assert Value(Decimal("9.4"), "approximately").qualifier is Qualifier.APPROXIMATELY
        assert str(Value(Decimal("9.4"), Qualifier.APPROXIMATELY)) == "≈ 9.4"

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"qualifier": Qualifier.RANGE}, "a range needs an upper end"),
            ({"qualifier": Qualifier.RANGE, "upper": Decimal(1)}, "above its high end"),
            ({"upper": Decimal(9)}, "only a range has an upper end"),
            ({"qualifier": Qualifier.EXACT, "number": Decimal("NaN")}, "finite"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, object], message: str) -> None:
        """Impossible values are refused on the record itself."""
        number = kwargs.pop("number", Decimal(5))
        with pytest.raises(ValueError, match=message):
            Value(number, **kwargs)  # type: ignore[arg-type]


class TestQuantity:
    def test_str(self) -> None:
        """A quantity shows value, unit, period and product."""
        q = Quantity(Value(Decimal(20000)), "t", ree.Period.YEAR, "sintered-ndfeb-magnets")
        assert str(q) == "20,000 t/yr sintered-ndfeb-magnets"

    def test_unknown_unit(self) -> None:
        """An unknown unit is refused, listing the known ones."""
        with pytest.raises(ValueError, match="unknown unit 'tons'"):
            Quantity(Value(Decimal(1)), "tons")

    def test_negative(self) -> None:
        """A negative quantity is refused."""
        with pytest.raises(ValueError, match="cannot be negative"):
            Quantity(Value(Decimal(-1)), "t")


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
