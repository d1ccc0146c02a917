"""Money: `Decimal` amounts in ISO 4217 currencies."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Self

import attrs

from rareearth._errors import RareEarthError

__all__ = ["CURRENCY_ALIASES", "CurrencyError", "Money", "normalize_currency"]

# Active ISO 4217 codes of the world's currencies (curator knowledge; a code
# outside this list is refused so that a typo cannot pass as a currency).
_ISO_4217 = frozenset(
    [
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CRC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SVC",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "UYU",
        "UZS",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWL",
    ]
)

#: Names sources use for a currency, mapped to its ISO 4217 code.
CURRENCY_ALIASES: dict[str, str] = {"RMB": "CNY", "CNH": "CNY"}


class CurrencyError(RareEarthError, ValueError):
    """A currency code is unknown, or two currencies were mixed."""


def normalize_currency(code: str) -> str:
    """Return the ISO 4217 code for ``code``, accepting aliases such as "RMB".

    Raises:
        CurrencyError: When the code is not a currency rareearth knows.

    >>> normalize_currency("rmb")
    'CNY'
    """
    if not isinstance(code, str):
        raise CurrencyError(f"a currency is a code such as 'USD', not {code!r}")
    upper = code.strip().upper()
    upper = CURRENCY_ALIASES.get(upper, upper)
    if upper not in _ISO_4217:
        raise CurrencyError(f"unknown currency {code!r}; use an ISO 4217 code such as 'USD'")
    return upper


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, bool | float):
        # A float has already lost the amount a person typed ("0.1").
        msg = f"give an amount as a str, int or Decimal, not {type(value).__name__} {value!r}"
        raise CurrencyError(msg)
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise CurrencyError(f"{value!r} is not an amount of money") from None
    if not number.is_finite():
        raise CurrencyError(f"an amount must be finite, got {value!r}")
    if abs(number) >= _LIMIT:
        # Beyond this, conversion and rounding would outrun Decimal's precision.
        raise CurrencyError(f"an amount must be below 10^18 in size, got {value!r}")
    return number


_LIMIT = Decimal("1e18")


_SCALES = ((Decimal("1e9"), "billion"), (Decimal("1e6"), "million"))


@attrs.frozen(order=False)
class Money:
    """An amount of money in one currency.

    Amounts are `Decimal`; strings, ints and Decimals are accepted, floats
    are refused because they cannot hold amounts such as 0.1 exactly.
    "RMB" is accepted for "CNY". Adding or subtracting needs the same
    currency.

    Attributes:
        amount: The amount.
        currency: The ISO 4217 code.

    >>> Money("1.05e9", "RMB")
    Money('1050000000', 'CNY')
    >>> str(Money("1.05e9", "RMB"))
    'CNY 1.05 billion'
    """

    amount: Decimal = attrs.field(converter=_to_decimal)
    currency: str = attrs.field(converter=normalize_currency)

    def _same(self, other: Money, verb: str) -> None:
        if self.currency != other.currency:
            msg = f"cannot {verb} {self.currency} and {other.currency}; convert first"
            raise CurrencyError(msg)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "compare")
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "compare")
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "compare")
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "compare")
        return self.amount >= other.amount

    def rounded(self, places: int = 2) -> Self:
        """The amount rounded half-even to ``places`` decimal places."""
        return attrs.evolve(self, amount=self.amount.quantize(Decimal(1).scaleb(-places)))

    def __str__(self) -> str:
        magnitude = abs(self.amount)
        for scale, word in _SCALES:
            if magnitude >= scale:
                # Two decimals of a million or a billion are enough to read;
                # "≈" says when that rounded the amount (repr keeps it exact).
                number = (self.amount / scale).normalize()
                shown = number.quantize(Decimal("0.01")).normalize()
                about = "" if shown == number else "≈ "
                return f"{self.currency} {about}{shown:f} {word}"
        number = self.amount.normalize()
        if number == number.to_integral_value():
            return f"{self.currency} {number.quantize(1):,}"
        return f"{self.currency} {number:,f}"

    def __repr__(self) -> str:
        return f"Money({format(self.amount, 'f')!r}, {self.currency!r})"
