"""Money: `Decimal` amounts in ISO 4217 currencies."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Self

import attrs

from rareearth._codes import CURRENCY_ALIASES, iso_4217
from rareearth._errors import CurrencyError, quoted
from rareearth._values import MAX_PLACES, PER_UNITS, Qualifier, Value, exact, in_limits

__all__ = ["Money", "MoneyValue", "money_unit", "normalize_currency"]


def normalize_currency(code: str) -> str:
    """Return the ISO 4217 code for ``code``, accepting aliases such as "RMB".

    Raises:
        CurrencyError: When the code is not a currency rareearth knows.

    >>> normalize_currency("rmb")
    'CNY'
    """
    if not isinstance(code, str):
        raise CurrencyError(f"a currency is a code such as 'USD', not {quoted(code)}")
    upper = code.strip().upper()
    upper = CURRENCY_ALIASES.get(upper, upper)
    if upper not in iso_4217():
        raise CurrencyError(f"unknown currency {quoted(code)}; use an ISO 4217 code such as 'USD'")
    return upper


def _per(unit: object) -> str | None:
    """``unit`` if money may be per it ("kg", "t"), else a `CurrencyError`."""
    if unit is None or (isinstance(unit, str) and unit in PER_UNITS):
        return unit
    known = " or ".join(map(repr, PER_UNITS))
    raise CurrencyError(f"money is per {known}, not per {unit!r}")


def money_unit(unit: str) -> tuple[str, str | None]:
    """The currency and the per-unit of a money unit: "CNY/kg" is CNY per kilogram.

    Raises:
        CurrencyError: ``unit`` is not a currency code, alone or per "kg" or "t".

    >>> money_unit("RMB/kg"), money_unit("usd")
    (('CNY', 'kg'), ('USD', None))
    >>> money_unit("CNY/lb")
    Traceback (most recent call last):
    ...
    rareearth.CurrencyError: money is per 'kg' or 't', not per 'lb'
    """
    if not isinstance(unit, str):
        raise CurrencyError(f"a money unit is a code such as 'CNY/kg', not {unit!r}")
    code, slash, per = unit.partition("/")
    return normalize_currency(code), _per(per.strip()) if slash else None


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
        raise CurrencyError(f"an amount must be below 10^18 in size, got {quoted(value)}")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise CurrencyError(f"{value!r} is not an amount of money") from None
    if not number.is_finite():
        raise CurrencyError(f"an amount must be finite, got {value!r}")
    if not in_limits(number):
        # Beyond this, conversion and rounding would outrun Decimal's precision.
        raise CurrencyError(f"an amount must be below 10^18 in size, got {quoted(value)}")
    return number


def _amount_text(text: object) -> str:
    """``text``, if it is a string short enough to be an amount."""
    if not isinstance(text, str):
        raise CurrencyError(f"Money.parse reads a string, not {quoted(text)}")
    if len(text) > _MAX_TEXT:
        raise CurrencyError(f"{quoted(text)} is too long to be an amount of money")
    return text


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
# Compiled by `re` when first matched (and cached there), not by every import.
_AMOUNT = rf"""(?xi)
    (?P<before>[a-z]{{3}})?\s*
    (?P<sign>-)?
    (?P<number>\d[\d,]*(?:\.\d+)?)
    (?:\s*[-\u2013\u2014]\s*(?P<upper>\d[\d,]*(?:\.\d+)?))?\s*
    (?:(?P<multiple>{"|".join(sorted(_MULTIPLES, key=len, reverse=True))})(?![a-z]))?\s*
    (?P<after>[a-z]{{3}})?
    (?:\s*(?:/|\bper\s)\s*(?P<per>{"|".join(PER_UNITS)}))?
    """
_THOUSANDS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"


def _number(text: str, number: str, multiple: str) -> Decimal:
    """One printed number, read exactly; refused when ambiguous or too long."""
    if "," in number and not re.fullmatch(_THOUSANDS, number):
        reason = "a comma here could be a decimal comma; write '1.05' or '1,050'"
        raise CurrencyError(f"{text!r} is ambiguous: {reason}")
    places = len(number.partition(".")[2])
    if places > MAX_PLACES:
        message = f"{places} digits after the point; at most {MAX_PLACES} are read"
        raise CurrencyError(f"{text!r}: {message}")
    # Exact: at most 18 digits before and after the point, and 50 in the context.
    amount = Decimal(number.replace(",", "")).scaleb(_MULTIPLES.get(multiple, 0))
    if not in_limits(amount):
        raise CurrencyError(f"{text!r}: an amount must be below 10^18 in size")
    return amount


@exact
def _read(text: str) -> tuple[Decimal, Decimal | None, str, str | None]:
    """An amount or a range as printed: its low end, high end (or ``None``), currency and per."""
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
    match = re.fullmatch(_AMOUNT, cleaned)
    if match is None:
        hint = "write it as a code and a number, as in 'RMB 1.05bn' or 'CNY 530/kg'"
        raise CurrencyError(f"{text!r} is not an amount of money: {hint}")
    codes = [c for c in (match["before"], match["after"]) if c]
    if len(codes) != 1:
        which = "no currency" if not codes else "two currencies"
        raise CurrencyError(f"{text!r} has {which}; write one code, as in 'RMB 1.05bn'")
    multiple = (match["multiple"] or "").lower()
    low = _number(text, match["number"], multiple)
    low = -low if match["sign"] else low
    high = None if match["upper"] is None else _number(text, match["upper"], multiple)
    if high is not None and high < low:
        raise CurrencyError(f"{text!r}: a range's low end {low} is above its high end {high}")
    per = None if match["per"] is None else match["per"].lower()
    return low, high, normalize_currency(codes[0]), per


@attrs.frozen(order=False)
class Money:
    """An amount of money in one currency.

    Amounts are `Decimal`; strings, ints and Decimals are accepted, floats
    are refused because they cannot hold amounts such as 0.1 exactly.
    "RMB" is accepted for "CNY". A price is money per unit: ``per="kg"``
    makes CNY 530 a price of CNY 530/kg. Adding or subtracting needs the
    same currency and the same unit; ``sum()`` of amounts works.

    Attributes:
        amount: The amount.
        currency: The ISO 4217 code.
        per: The unit a price is per ("kg" or "t"); ``None`` for an amount.

    >>> Money("1.05e9", "RMB")
    Money('1050000000', 'CNY')
    >>> str(Money("1.05e9", "RMB"))
    'CNY 1.05 billion'
    >>> print(Money(530, "RMB", per="kg"), sum([Money(20, "CNY"), Money(100, "CNY")]))
    CNY 530/kg CNY 120
    """

    amount: Decimal = attrs.field(converter=_to_decimal)
    currency: str = attrs.field(converter=normalize_currency)
    per: str | None = attrs.field(default=None, kw_only=True, converter=_per)

    @property
    def unit(self) -> str:
        """The unit as figures write it ("CNY", or "CNY/kg" for a price)."""
        return self.currency if self.per is None else f"{self.currency}/{self.per}"

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
        >>> Money.parse("530 CNY/kg")
        Money('530', 'CNY', per='kg')
        >>> Money.parse("¥1.05bn")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        rareearth.CurrencyError: '¥1.05bn': '¥' could be CNY or JPY; write the code, ...
        """
        low, high, currency, per = _read(text)
        if high is not None:
            hint = "a range is not one amount; MoneyValue.parse reads one"
            raise CurrencyError(f"{text!r} is not an amount of money: {hint}")
        return cls(low, currency, per=per)

    def _same(self, other: Money, verb: str) -> None:
        if self.currency != other.currency:
            msg = f"cannot {verb} {self.currency} and {other.currency}; convert first"
            raise CurrencyError(msg)
        if self.per != other.per:
            msg = f"cannot {verb} {self.unit} and {other.unit}: one is per unit, the other not"
            if self.per is not None and other.per is not None:
                msg = f"cannot {verb} {self.unit} and {other.unit}: they are per different units"
            raise CurrencyError(msg)

    @exact
    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        return attrs.evolve(self, amount=self.amount + other.amount)

    def __radd__(self, other: int) -> Money:
        # sum() starts from 0: 0 + Money is the Money.
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    @exact
    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return attrs.evolve(self, amount=self.amount - other.amount)

    @exact
    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        # Checked before multiplying: a huge int converts slowly, a NaN raises.
        if _too_long(factor) or (isinstance(factor, Decimal) and not in_limits(factor)):
            raise CurrencyError(
                f"a factor must be a finite number below 10^18, not {quoted(factor)}"
            )
        return attrs.evolve(self, amount=self.amount * factor)

    __rmul__ = __mul__

    @exact
    def __neg__(self) -> Money:
        return attrs.evolve(self, amount=-self.amount)

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

    def __str__(self) -> str:
        per = "" if self.per is None else f"/{self.per}"
        return f"{self.currency} {_amount_label(self.amount)}{per}"

    def __repr__(self) -> str:
        per = "" if self.per is None else f", per={self.per!r}"
        return f"Money({format(self.amount, 'f')!r}, {self.currency!r}{per})"


@exact
def _amount_label(amount: Decimal) -> str:
    """An amount as displays print it: "1.05 billion", "≈ 142.64 million", "1,050"."""
    magnitude = abs(amount)
    for scale, word in _SCALES:
        if magnitude >= scale:
            # Two decimals of a million or a billion are enough to read;
            # "≈" says when that rounded the amount (repr keeps it exact).
            number = (amount / scale).normalize()
            shown = number.quantize(Decimal("0.01")).normalize()
            about = "" if shown == number else "≈ "
            return f"{about}{shown:f} {word}"
    number = amount.normalize()
    if number == number.to_integral_value():
        return f"{number.quantize(1):,}"
    return f"{number:,f}"


@attrs.frozen
class MoneyValue(Value):
    """A `Value` in money: a price or amount as a source prints it, with its qualifier.

    A figure whose unit is money ("CNY/kg") has one as its ``value``, so the
    value alone knows its currency, its unit and the record it comes from,
    and converts as it is: a range to a range, "about" to "about".

    Attributes:
        currency: The ISO 4217 code.
        per: The unit a price is per ("kg" or "t"); ``None`` for an amount.
        origin: The id of the record the value was printed in, if any (not
            compared: equal values from two records are equal).

    >>> price = MoneyValue.parse("RMB 520–540/kg")
    >>> print(price.label, "|", price.low_money, "|", price)
    CNY 520–540/kg | CNY 520/kg | 520–540
    """

    currency: str = attrs.field(kw_only=True, converter=normalize_currency)
    per: str | None = attrs.field(default=None, kw_only=True, converter=_per)
    origin: str | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)

    @classmethod
    def of(cls, value: Value, unit: str, *, origin: str | None = None) -> MoneyValue:
        """``value`` in the money unit ``unit`` ("CNY/kg"), keeping its qualifier and text.

        Raises:
            CurrencyError: ``unit`` is not a money unit.

        >>> from rareearth._values import Qualifier
        >>> MoneyValue.of(Value(Decimal(72), Qualifier.APPROXIMATELY), "USD/kg").label
        'USD ≈ 72/kg'
        """
        currency, per = money_unit(unit)
        return cls(
            value.number,
            value.qualifier,
            upper=value.upper,
            text=value.text,
            currency=currency,
            per=per,
            origin=origin,
        )

    @classmethod
    def parse(cls, text: str) -> MoneyValue:
        """Read an amount or a range as printed: "520-540 CNY", "RMB 520–540/kg", "USD 146m".

        Reads what `Money.parse` reads, and ranges; the text is kept.

        Raises:
            CurrencyError: The text is not an amount or a range of money.

        >>> MoneyValue.parse("520-540 CNY").label
        'CNY 520–540'
        """
        low, high, currency, per = _read(text)
        qualifier = Qualifier.EXACT if high is None else Qualifier.RANGE
        return cls(low, qualifier, upper=high, text=text, currency=currency, per=per)

    @property
    def unit(self) -> str:
        """The unit as figures write it ("CNY", or "CNY/kg" for a price)."""
        return self.currency if self.per is None else f"{self.currency}/{self.per}"

    @property
    def low_money(self) -> Money:
        """The low end (the number itself unless a range), as `Money`."""
        return Money(self.low, self.currency, per=self.per)

    @property
    def high_money(self) -> Money:
        """The high end (the number itself unless a range), as `Money`."""
        return Money(self.high, self.currency, per=self.per)

    @property
    def label(self) -> str:
        """The value with its currency and unit, such as "CNY 520–540/kg" or "USD ≈ 72/kg"."""
        per = "" if self.per is None else f"/{self.per}"
        shown = _amount_label(self.number)
        if self.upper is not None:
            shown = f"{shown}–{_amount_label(self.upper)}"
        return f"{self.currency} {self.qualifier.symbol}{shown}{per}"

    @exact
    def rounded(self, places: int = 2) -> MoneyValue:
        """Each end rounded half-even to ``places`` decimal places, as `Money.rounded` does."""
        low, high = self.low_money.rounded(places), self.high_money.rounded(places)
        upper = None if self.upper is None else high.amount
        return attrs.evolve(self, number=low.amount, upper=upper, text=None, origin=None)
