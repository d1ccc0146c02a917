"""Money: `Decimal` amounts in ISO 4217 currencies."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Self

import attrs

from rareearth._codes import CURRENCY_ALIASES, iso_4217
from rareearth._errors import CurrencyError
from rareearth._values import MAX_PLACES, exact, in_limits

__all__ = ["Money", "normalize_currency"]


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
    if upper not in iso_4217():
        raise CurrencyError(f"unknown currency {code!r}; use an ISO 4217 code such as 'USD'")
    return upper


#: The longest text `Money.parse` reads: far more than any amount below 10^18 needs.
_MAX_TEXT = 200
_MAX_BITS = 64  # 2^64 > 10^18: any int longer is over the number limit


def _too_long(value: object) -> bool:
    """Whether an int is too long to be an amount, judged before converting it.

    Converting a huge int to a Decimal takes time that grows faster than its
    length (52 s for 10^2,000,000), and Python refuses one of over 4,300
    digits: its length in bits is checked first.
    """
    return isinstance(value, int) and value.bit_length() > _MAX_BITS


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, bool | float):
        # A float has already lost the amount a person typed ("0.1").
        msg = f"give an amount as a str, int or Decimal, not {type(value).__name__} {value!r}"
        raise CurrencyError(msg)
    if _too_long(value):
        raise CurrencyError(f"an amount must be below 10^18 in size, got {_brief(value)}")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise CurrencyError(f"{value!r} is not an amount of money") from None
    if not number.is_finite():
        raise CurrencyError(f"an amount must be finite, got {value!r}")
    if not in_limits(number):
        # Beyond this, conversion and rounding would outrun Decimal's precision.
        raise CurrencyError(f"an amount must be below 10^18 in size, got {_brief(value)}")
    return number


def _amount_text(text: object) -> str:
    """``text``, if it is a string short enough to be an amount."""
    if not isinstance(text, str):
        raise CurrencyError(f"Money.parse reads a string, not {_brief(text)}")
    if len(text) > _MAX_TEXT:
        raise CurrencyError(f"{_brief(text)} is too long to be an amount of money")
    return text


def _brief(value: object) -> str:
    """A value as messages show it: its repr, cut short when long."""
    shown = repr(value) if not isinstance(value, int) or value.bit_length() < 200 else "a huge int"
    return shown if len(shown) <= 60 else f"{shown[:57]}..."


_SCALES = ((Decimal("1e9"), "billion"), (Decimal("1e6"), "million"))

#: Words for a multiple, as articles print them ("RMB 1.05bn", "USD 146 million").
_MULTIPLES = {
    "k": 3, "thousand": 3,
    "m": 6, "mn": 6, "mln": 6, "million": 6,
    "b": 9, "bn": 9, "billion": 9,
    "tn": 12, "trillion": 12,
}  # fmt: skip
#: Symbols several currencies share: refused, naming the codes they might be.
_SYMBOLS = {"$": "USD, AUD, CAD, HKD, ...", "¥": "CNY or JPY", "£": "GBP, EGP, ..."}
#: Symbols of one currency each, read as its code.
_ONE_CURRENCY = {"US$": "USD", "HK$": "HKD", "A$": "AUD", "C$": "CAD", "NZ$": "NZD", "€": "EUR"}
_AMOUNT = re.compile(
    rf"""
    (?P<before>[a-z]{{3}})?\s*
    (?P<sign>-)?
    (?P<number>\d[\d,]*(?:\.\d+)?)\s*
    (?:(?P<multiple>{"|".join(sorted(_MULTIPLES, key=len, reverse=True))})(?![a-z]))?\s*
    (?P<after>[a-z]{{3}})?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


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

    @classmethod
    @exact
    def parse(cls, text: str) -> Money:
        """Read an amount as articles print it: "RMB 1.05bn", "USD 146 million", "USD13.65".

        The currency is a code or alias ("RMB") before or after the number;
        commas group thousands ("1,050,000"); a multiple may follow the
        number (k, thousand, m, mn, million, bn, billion, tn, trillion).

        Ambiguous forms are refused rather than guessed: a symbol several
        currencies use ("$", "¥"), a comma that could be a decimal comma
        ("1,05"), a range ("520-540"), or no currency at all.

        Raises:
            CurrencyError: The text is not an amount this reads, or is ambiguous.

        >>> Money.parse("RMB 1.05bn")
        Money('1050000000', 'CNY')
        >>> Money.parse("146 million USD")
        Money('146000000', 'USD')
        >>> Money.parse("¥1.05bn")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        rareearth._errors.CurrencyError: '¥1.05bn': '¥' could be CNY or JPY; write the code, ...
        """
        cleaned = _amount_text(text)
        for symbol, code in _ONE_CURRENCY.items():
            cleaned = cleaned.replace(symbol, f" {code} ")
        cleaned = " ".join(cleaned.split())
        for symbol, meanings in _SYMBOLS.items():
            if symbol in cleaned:
                raise CurrencyError(
                    f"{text!r}: {symbol!r} could be {meanings}; write the code, as in "
                    f"'{meanings[:3]} {cleaned.replace(symbol, '').strip()}'"
                )
        match = _AMOUNT.fullmatch(cleaned)
        if match is None:
            reason = "a range is not one amount" if re.search(r"\d\s*[-–]\s*\d", text) else ""
            hint = reason or "write it as a code and a number, as in 'RMB 1.05bn'"
            raise CurrencyError(f"{text!r} is not an amount of money: {hint}")
        number, multiple = match["number"], (match["multiple"] or "").lower()
        if "," in number and not _THOUSANDS.fullmatch(number):
            reason = "a comma here could be a decimal comma; write '1.05' or '1,050'"
            raise CurrencyError(f"{text!r} is ambiguous: {reason}")
        codes = [c for c in (match["before"], match["after"]) if c]
        if len(codes) != 1:
            which = "no currency" if not codes else "two currencies"
            raise CurrencyError(f"{text!r} has {which}; write one code, as in 'RMB 1.05bn'")
        places = len(number.partition(".")[2])
        if places > MAX_PLACES:
            message = f"{places} digits after the point; at most {MAX_PLACES} are read"
            raise CurrencyError(f"{text!r}: {message}")
        # Exact: at most 18 digits before and after the point, and 50 in the context.
        amount = Decimal(number.replace(",", "")).scaleb(_MULTIPLES.get(multiple, 0))
        if not in_limits(amount):
            raise CurrencyError(f"{text!r}: an amount must be below 10^18 in size")
        return cls(-amount if match["sign"] else amount, codes[0])

    def _same(self, other: Money, verb: str) -> None:
        if self.currency != other.currency:
            msg = f"cannot {verb} {self.currency} and {other.currency}; convert first"
            raise CurrencyError(msg)

    @exact
    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        return Money(self.amount + other.amount, self.currency)

    @exact
    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return Money(self.amount - other.amount, self.currency)

    @exact
    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        # Checked before multiplying: a huge int converts slowly, a NaN raises.
        if _too_long(factor) or (isinstance(factor, Decimal) and not in_limits(factor)):
            raise CurrencyError(
                f"a factor must be a finite number below 10^18, not {_brief(factor)}"
            )
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    @exact
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

    @exact
    def rounded(self, places: int = 2) -> Self:
        """The amount rounded half-even to ``places`` decimal places (-18 to 18).

        A negative ``places`` rounds to tens, hundreds and so on: -4 to ten-thousands.

        Raises:
            CurrencyError: ``places`` is outside -18 to 18.
        """
        if type(places) is not int or not -MAX_PLACES <= places <= MAX_PLACES:
            raise CurrencyError(f"places must be a whole number from -18 to 18, not {places!r}")
        return attrs.evolve(self, amount=self.amount.quantize(Decimal(1).scaleb(-places)))

    @exact
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
