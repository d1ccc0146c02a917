"""Values and quantities: numbers as the sources print them, and the one number limit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import rareearth as ree
from rareearth import Qualifier, Quantity, Value
from rareearth._values import check_unit


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


class TestCheckUnit:
    @pytest.mark.parametrize(
        ("unit", "read"),
        [
            ("t", "t"),
            ("CNY/kg", "CNY/kg"),
            ("RMB/kg", "CNY/kg"),
            ("CNH", "CNY"),
            ("USD/t", "USD/t"),
        ],
    )
    def test_known(self, unit: str, read: str) -> None:
        """Units and ISO 4217 codes, alone or per kg or t, are read; "RMB" as CNY, as Money does."""
        assert check_unit(unit) == read

    @pytest.mark.parametrize(
        ("unit", "message"),
        [
            ("XYZ", "unknown currency 'XYZ' in unit 'XYZ'; use an ISO 4217 code such as 'USD'"),
            ("ABC/kg", "unknown currency 'ABC' in unit 'ABC/kg'; use an ISO 4217 code"),
            ("XTS/kg", "unknown currency 'XTS'"),
            ("usd/kg", "unknown unit 'usd/kg'"),
            (None, "a unit is a string such as 't' or 'CNY/kg', not None"),
        ],
    )
    def test_refused(self, unit: object, message: str) -> None:
        """A currency that is not ISO 4217, a test code or a lower-case code is no unit."""
        with pytest.raises(ValueError, match=re.escape(message)):
            check_unit(unit)  # type: ignore[arg-type]

    def test_quantity_names_its_field(self) -> None:
        """Built directly, a quantity's message names the field, as the loader's path does."""
        with pytest.raises(ValueError, match=r"^unit: unknown currency 'XYZ'"):
            Quantity(Value(Decimal(1)), "XYZ/kg")
