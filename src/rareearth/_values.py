"""Numbers as sources print them: qualified values, units and quantities."""

from __future__ import annotations

import contextlib
import decimal
import enum
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final, ParamSpec, TypeVar

import attrs

from rareearth._codes import CURRENCY_ALIASES, iso_4217

__all__ = [
    "CONTEXT",
    "MAX_PLACES",
    "NUMBER_LIMIT",
    "PER_UNITS",
    "Period",
    "Qualifier",
    "Quantity",
    "Value",
    "as_decimal",
    "as_ratio",
    "check_unit",
    "exact",
    "in_limits",
    "is_money_unit",
    "share_label",
    "unit_field",
    "valid_rate",
]

#: Every number rareearth reads, and every amount or rate it takes, is below
#: this in size: 10^18. Rates are also at least its inverse, 10^-18.
NUMBER_LIMIT: Final = Decimal("1e18")
#: Numbers read from fact files have at most this many digits after the point.
MAX_PLACES: Final = 18


def in_limits(number: Decimal) -> bool:
    """Whether ``number`` is finite and below `NUMBER_LIMIT` in size.

    ``copy_abs`` never rounds, so the answer does not depend on the caller's
    decimal context.

    >>> in_limits(Decimal("999999999999999999")), in_limits(Decimal("1e18"))
    (True, False)
    """
    return number.is_finite() and number.copy_abs() < NUMBER_LIMIT


_RATE_FLOOR: Final = Decimal("1e-18")  # 1 / NUMBER_LIMIT, written out: no context needed


def valid_rate(rate: Decimal | Fraction) -> bool:
    """Whether ``rate`` is from 10^-18 up to `NUMBER_LIMIT`: a rate and its inverse both fit.

    >>> valid_rate(Decimal("0.1365")), valid_rate(Decimal("1e-19")), valid_rate(Fraction(73, 525))
    (True, False, True)
    """
    if isinstance(rate, Decimal):
        # Compared as a Decimal: 1e-999999 would make a Fraction of a million digits.
        return rate.is_finite() and _RATE_FLOOR <= rate < NUMBER_LIMIT
    return Fraction(1, 10**18) <= rate < NUMBER_LIMIT


#: The arithmetic every calculation uses, whatever the caller's `decimal`
#: context: 50 digits (numbers are below `NUMBER_LIMIT` with at most 18
#: decimals, so sums are exact), half-even rounding, errors on invalid results.
CONTEXT: Final = decimal.Context(
    prec=50,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


def as_decimal(number: Fraction, places: int | None = None) -> Decimal:
    """An exact ratio as a `Decimal`: exact when its digits end, else cut in `CONTEXT`.

    With ``places``, a number whose digits run on is rounded (half-even) to
    that many places after the point; one whose digits end within them is
    exact. Tables use 18 places, so that no file carries 50 digits of a
    repeating decimal.

    >>> as_decimal(Fraction(146_000_000, 1_050_000_000) * 1_050_000_000)
    Decimal('146000000')
    >>> as_decimal(Fraction(146, 1050), places=18)
    Decimal('0.139047619047619048')
    >>> as_decimal(Fraction(273, 2000), places=18)
    Decimal('0.1365')
    """
    with decimal.localcontext(CONTEXT):
        out = Decimal(number.numerator) / Decimal(number.denominator)
        exponent = out.as_tuple().exponent
        if places is not None and isinstance(exponent, int) and exponent < -places:
            out = out.quantize(Decimal(1).scaleb(-places))
        return out


_RATIO = re.compile(r"\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*")


def as_ratio(value: object) -> Fraction:
    """A rate read exactly: a `Fraction`, an int, a `Decimal`, or a string.

    A string is a number ("0.1365") or the two printed amounts a rate comes
    from, divided ("146/1050": USD 146 million for RMB 1,050 million), so
    that no rate is stored rounded. Floats are refused: they are rounded
    already. The rate is checked to be positive and within `valid_rate`.

    Raises:
        ValueError: ``value`` is not a positive rate.

    >>> as_ratio("146/1050"), as_ratio("0.1365"), as_ratio(Decimal("0.1365"))
    (Fraction(73, 525), Fraction(273, 2000), Fraction(273, 2000))
    >>> as_ratio(0.1365)
    Traceback (most recent call last):
    ...
    ValueError: give a rate as a str, int, Decimal or Fraction, not float 0.1365
    """
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal | Fraction):
        kind = type(value).__name__
        # A ValueError, as every refusal of a record's field is: the loader reports those.
        message = f"give a rate as a str, int, Decimal or Fraction, not {kind} {value!r}"
        raise ValueError(message)  # noqa: TRY004
    ratio: Fraction | None = None
    if isinstance(value, str):
        if len(value) <= _MAX_RATE_TEXT and (m := _RATIO.fullmatch(value)):
            divisor = Fraction(Decimal(m[2]))
            ratio = Fraction(0) if divisor == 0 else Fraction(Decimal(m[1])) / divisor
        elif len(value) <= _MAX_RATE_TEXT:
            with contextlib.suppress(decimal.InvalidOperation):
                value = Decimal(value.strip())
        if ratio is None and isinstance(value, str):
            message = f"{value[:40]!r} is not a rate: write a number or a ratio such as '146/1050'"
            raise ValueError(message)
    if isinstance(value, Decimal):
        if not valid_rate(value):
            raise ValueError(
                f"a rate must be a positive number between 10^-18 and 10^18, got {value}"
            )
        ratio = Fraction(value)
    elif ratio is None:
        ratio = Fraction(value)
    if ratio <= 0 or not valid_rate(ratio):
        shown = value if isinstance(value, str) else str(value)
        raise ValueError(f"a rate must be a positive number between 10^-18 and 10^18, got {shown}")
    return ratio


_MAX_RATE_TEXT: Final = 100


_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``func`` in `CONTEXT`, so that results never depend on the caller's context."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with decimal.localcontext(CONTEXT):
            return func(*args, **kwargs)

    return wrapper


class Qualifier(enum.StrEnum):
    """How a printed number relates to the true one."""

    EXACT = "exact"  # "20,000 tonnes"
    APPROXIMATELY = "approximately"  # "around 9.4%", "~250,000 tpa"
    NEARLY = "nearly"  # "nearly 8%": a little under
    MORE_THAN = "more-than"  # "over 2,600 tons", "exceed 300,000 tpa"
    AT_LEAST = "at-least"
    LESS_THAN = "less-than"
    AT_MOST = "at-most"
    RANGE = "range"  # "RMB 520-540/kg"

    @property
    def symbol(self) -> str:
        """A short sign for displays ("≈", ">", "≥", ...), or "" when exact."""
        return _SYMBOLS[self]


_SYMBOLS = {
    Qualifier.EXACT: "",
    Qualifier.APPROXIMATELY: "≈ ",
    Qualifier.NEARLY: "nearly ",
    Qualifier.MORE_THAN: "> ",
    Qualifier.AT_LEAST: "≥ ",
    Qualifier.LESS_THAN: "< ",
    Qualifier.AT_MOST: "≤ ",
    Qualifier.RANGE: "",
}


def _finite(_: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    if value is not None and not value.is_finite():
        raise ValueError(f"{attribute.name}: must be a finite number, got {value}")


@attrs.frozen
class Value:
    """A number with its qualifier and the form it was printed in.

    Attributes:
        number: The number; for a range, its low end.
        qualifier: How the number relates to the true one.
        upper: The high end of a range; ``None`` unless ``qualifier`` is
            ``RANGE``.
        text: The number as printed ("around 9.4%", "RMB 520-540 /kg").

    >>> Value(Decimal(520), Qualifier.RANGE, upper=Decimal(540)).midpoint
    Decimal('530')
    """

    number: Decimal = attrs.field(validator=_finite)
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    upper: Decimal | None = attrs.field(default=None, validator=_finite, kw_only=True)
    text: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.qualifier is Qualifier.RANGE:
            # Each message names the field it is about first, so that the loader can point there.
            if self.upper is None:
                raise ValueError("upper: a range needs an upper end")
            if self.upper < self.number:
                msg = f"upper: a range's low end {self.number} is above its high end {self.upper}"
                raise ValueError(msg)
        elif self.upper is not None:
            raise ValueError(f"upper: only a range has an upper end, not {self.qualifier.value}")

    @property
    def low(self) -> Decimal:
        """The low end (the number itself unless a range)."""
        return self.number

    @property
    def high(self) -> Decimal:
        """The high end (the number itself unless a range)."""
        return self.number if self.upper is None else self.upper

    @property
    @exact
    def midpoint(self) -> Decimal:
        """The middle of a range, or the number itself."""
        return (self.low + self.high) / 2

    @property
    def is_exact(self) -> bool:
        """Whether the number is given exactly."""
        return self.qualifier is Qualifier.EXACT

    def __str__(self) -> str:
        if self.upper is not None:
            return f"{_fmt(self.number)}–{_fmt(self.upper)}"
        return f"{self.qualifier.symbol}{_fmt(self.number)}"


@exact
def _fmt(number: Decimal) -> str:
    if number == number.to_integral_value():
        return f"{number.quantize(1):,}"
    return f"{number.normalize():,f}"


@exact
def sum_values(values: Sequence[Value]) -> Value:  # noqa: PLR0911 - one return per combination
    """Add values, giving the sum the qualifier its parts imply.

    Exact parts give an exact sum; ranges a range; lower bounds a lower
    bound; approximations (or bounds pulling both ways) an approximation.

    >>> print(sum_values([Value(Decimal("9.4"), Qualifier.APPROXIMATELY), Value(Decimal("9.3"))]))
    ≈ 18.7
    """
    low = sum((v.low for v in values), Decimal(0))
    high = sum((v.high for v in values), Decimal(0))
    kinds = {v.qualifier for v in values}
    if kinds <= {Qualifier.EXACT}:
        return Value(low)
    if kinds <= {Qualifier.EXACT, Qualifier.RANGE}:
        return Value(low, Qualifier.RANGE, upper=high)
    if kinds <= {Qualifier.EXACT, Qualifier.AT_LEAST}:
        return Value(low, Qualifier.AT_LEAST)
    if kinds <= {Qualifier.EXACT, Qualifier.AT_LEAST, Qualifier.MORE_THAN}:
        return Value(low, Qualifier.MORE_THAN)
    if kinds <= {Qualifier.EXACT, Qualifier.AT_MOST}:
        return Value(low, Qualifier.AT_MOST)
    if kinds <= {Qualifier.EXACT, Qualifier.AT_MOST, Qualifier.LESS_THAN}:
        return Value(low, Qualifier.LESS_THAN)
    # Approximations, or bounds pulling both ways: the sum is approximate.
    return Value((low + high) / 2 if low != high else low, Qualifier.APPROXIMATELY)


def share_label(share: Value | None) -> str:
    """A share in percent as every display prints it, "undisclosed" when unknown.

    >>> share_label(Value(Decimal("9.4"), Qualifier.APPROXIMATELY)), share_label(None)
    ('≈ 9.4%', 'undisclosed')
    """
    return "undisclosed" if share is None else f"{share}%"


class Period(enum.StrEnum):
    """The period a rate is given for ("per year")."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def unit_label(unit: str, per: Period | None) -> str:
    """A unit with its period, as every display writes it: "t/yr", "t/month", "unit".

    >>> unit_label("t", Period.YEAR), unit_label("unit", None)
    ('t/yr', 'unit')
    """
    if per is None:
        return unit
    return f"{unit}/{'yr' if per is Period.YEAR else per.value}"


#: Units of quantities. Money amounts use ISO 4217 codes ("CNY"), and prices
#: a code per mass unit ("CNY/kg").
UNITS: Mapping[str, str] = MappingProxyType(
    {
        "t": "tonnes",
        "t REO": "tonnes of rare-earth oxide equivalent",
        "kg": "kilograms",
        "unit": "units (pieces)",
        "m2": "square metres",
        "ha": "hectares",
        "%": "percent",
        "count": "a count",
        "people": "people",
    }
)
#: The units a money figure may be per: a price per kilogram or per tonne.
PER_UNITS: Final = ("kg", "t")
_MONEY_UNIT = re.compile(rf"(?P<code>[A-Z]{{3}})(?P<per>/(?:{'|'.join(PER_UNITS)}))?")


def is_money_unit(unit: str) -> bool:
    """Whether ``unit`` is money: a currency code, alone or per a unit ("CNY/kg").

    >>> is_money_unit("CNY/kg"), is_money_unit("USD"), is_money_unit("t REO")
    (True, True, False)
    """
    return unit not in UNITS and _MONEY_UNIT.fullmatch(unit) is not None


def check_unit(unit: str) -> str:
    """Return ``unit`` if rareearth knows it, with "RMB" written as "CNY"; else raise `ValueError`.

    A money unit is an ISO 4217 code, alone or per ``kg`` or ``t``; the
    names sources use for a currency ("RMB") are read as its code, as
    `Money` reads them.

    >>> check_unit("CNY/kg"), check_unit("RMB/t")
    ('CNY/kg', 'CNY/t')
    >>> check_unit("XYZ/kg")
    Traceback (most recent call last):
    ...
    ValueError: unknown currency 'XYZ' in unit 'XYZ/kg'; use an ISO 4217 code such as 'USD'
    """
    if not isinstance(unit, str):
        raise ValueError(f"a unit is a string such as 't' or 'CNY/kg', not {unit!r}")  # noqa: TRY004 - a ValueError, as for any bad unit
    if unit in UNITS:
        return unit
    money = _MONEY_UNIT.fullmatch(unit)
    if money is None:
        known = ", ".join(sorted(UNITS))
        raise ValueError(f"unknown unit {unit!r}; known: {known}, or a currency code")
    code = CURRENCY_ALIASES.get(money["code"], money["code"])
    if code not in iso_4217():
        msg = f"unknown currency {money['code']!r} in unit {unit!r}"
        raise ValueError(f"{msg}; use an ISO 4217 code such as 'USD'")
    return code + (money["per"] or "")


def unit_field(unit: str) -> str:
    """`check_unit` as the converter of a record's ``unit`` field, its message naming the field."""
    try:
        return check_unit(unit)
    except ValueError as e:
        raise ValueError(f"unit: {e}") from None


#: Products that are a kind of another: a total of sintered NdFeB magnets and
#: NdFeB magnets of unstated kind is a total of NdFeB magnets. Products with no
#: common ancestor (magnets, alloy, powder, motors) are never added together.
PRODUCT_PARENTS: Mapping[str, str] = MappingProxyType(
    {
        "sintered-ndfeb-magnets": "ndfeb-magnets",
        "ndfeb-magnets": "rare-earth-magnets",
        "high-end-rare-earth-magnets": "rare-earth-magnets",
    }
)


def product_lineage(product: str) -> tuple[str, ...]:
    """The product and each broader product it is a kind of, narrowest first.

    >>> product_lineage("sintered-ndfeb-magnets")
    ('sintered-ndfeb-magnets', 'ndfeb-magnets', 'rare-earth-magnets')
    """
    lineage = [product]
    while lineage[-1] in PRODUCT_PARENTS:
        lineage.append(PRODUCT_PARENTS[lineage[-1]])
    return tuple(lineage)


def common_product(products: set[str | None]) -> str | None:
    """The narrowest product all of ``products`` are a kind of, or ``None``.

    >>> common_product({"sintered-ndfeb-magnets", "ndfeb-magnets"})
    'ndfeb-magnets'
    >>> common_product({"ndfeb-alloy", "ndfeb-magnets"}) is None
    True
    """
    if None in products or not products:
        return None
    lineages = [product_lineage(p) for p in products if p is not None]
    shared = set(lineages[0]).intersection(*lineages[1:])
    return next((p for p in lineages[0] if p in shared), None)


@attrs.frozen
class Quantity:
    """An amount of something, per period when it is a rate.

    Attributes:
        value: The number with its qualifier.
        unit: The unit: ``"t"``, ``"t REO"``, ``"kg"``, ``"unit"``, ``"m2"``,
            ``"ha"``, ``"%"``, ``"count"``, ``"people"``, or a currency code,
            alone or per ``kg`` or ``t`` (``"CNY/kg"``).
        per: The period of a rate (``YEAR`` for "t/yr"); ``None`` when the
            source states none.
        product: What is measured ("sintered-ndfeb-magnets", "ndfeb-alloy").

    >>> Quantity(Value(Decimal(20000)), "t", Period.YEAR, "sintered-ndfeb-magnets")
    Quantity(20,000 t/yr sintered-ndfeb-magnets)
    """

    value: Value
    unit: str = attrs.field(converter=unit_field)
    per: Period | None = None
    product: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.value.low < 0:
            raise ValueError(f"value: a quantity cannot be negative, got {self.value}")

    @property
    def unit_label(self) -> str:
        """The unit with its period, such as "t/yr" or "unit"."""
        return unit_label(self.unit, self.per)

    def __str__(self) -> str:
        text = f"{self.value} {self.unit_label}"
        return f"{text} {self.product}" if self.product else text

    def __repr__(self) -> str:
        return f"Quantity({self})"
