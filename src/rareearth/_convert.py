"""Currency conversion with the rates the sources imply, or the caller's own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

import attrs

from rareearth._dates import FuzzyDate, parse_date
from rareearth._errors import CurrencyError, NoRateError
from rareearth._index import Index
from rareearth._money import Money, normalize_currency
from rareearth._records import Citation, Derivation, ExchangeRate
from rareearth._tables import Column, Table, Tabular
from rareearth._values import exact, valid_rate

__all__ = ["Conversion", "Leg", "RatePath", "RateTable", "apply", "as_money", "find_path"]

#: A caller's own rates: records, or {(base, quote): units of quote per base}.
RateTable = Iterable[ExchangeRate] | Mapping[tuple[str, str], Decimal | int | str]


@attrs.frozen
class Leg:
    """One step of a conversion.

    Attributes:
        base: The currency converted from.
        quote: The currency converted to.
        value: Units of ``quote`` per unit of ``base``, as used.
        record: The rate record, or ``None`` for a rate the caller gave.
        inverted: Whether the record's rate was inverted.
    """

    base: str
    quote: str
    value: Decimal
    record: ExchangeRate | None = None
    inverted: bool = False

    @property
    def date(self) -> FuzzyDate | None:
        """The date of the rate used, if it has one."""
        return None if self.record is None else self.record.date

    @property
    def source(self) -> str | None:
        """The id of the source the rate comes from, if any."""
        return None if self.record is None else self.record.cites[0].source

    @exact
    def __str__(self) -> str:
        origin = "given" if self.record is None else self.record.id
        when = "" if self.date is None else f", {self.date}"
        inverse = ", inverted" if self.inverted else ""
        return f"1 {self.base} = {self.value:.6g} {self.quote} ({origin}{when}{inverse})"


@attrs.frozen
class RatePath:
    """How one currency converts to another: one or two legs.

    Attributes:
        base: The currency converted from.
        quote: The currency converted to.
        legs: The steps, in order.
    """

    base: str
    quote: str
    legs: tuple[Leg, ...]

    @property
    @exact
    def value(self) -> Decimal:
        """Units of ``quote`` per unit of ``base`` along the whole path."""
        out = Decimal(1)
        for leg in self.legs:
            out *= leg.value
        return out

    @exact
    def __str__(self) -> str:
        if not self.legs:
            return f"1 {self.base} = 1 {self.quote} (the same currency)"
        if len(self.legs) == 1:
            return str(self.legs[0])
        legs = "; ".join(map(str, self.legs))
        return f"1 {self.base} = {self.value:.6g} {self.quote} via {legs}"


@attrs.frozen
class Conversion(Tabular):
    """An amount converted, with the rates that converted it.

    Attributes:
        amount: The amount converted.
        result: The converted amount, unrounded.
        path: The rates used.
    """

    amount: Money
    result: Money
    path: RatePath

    @property
    def rounded(self) -> Money:
        """The result rounded to two decimal places."""
        return self.result.rounded(2)

    def table(self) -> Table:
        """The conversion as a one-row table: amounts, rate, and the rates' ids and dates."""
        return _conversion_table(self)

    def __str__(self) -> str:
        return f"{self.amount} = {self.rounded} ({self.path})"


def as_money(money: object) -> Money:
    """``money`` if it is `Money`; else a `CurrencyError` saying how to make some."""
    if isinstance(money, Money):
        return money
    hint = "Money.parse(...) reads text such as 'RMB 1.05bn'; Money(amount, currency) builds one"
    raise CurrencyError(f"convert takes Money, not {money!r}: {hint}")


@exact
def apply(money: Money, path: RatePath) -> Money:
    """``money`` converted along ``path``."""
    return Money(money.amount * path.value, path.quote)


def _as_date(value: dt.date | str | None) -> FuzzyDate | None:
    if value is None:
        return None
    return parse_date(value.isoformat() if isinstance(value, dt.date) else value)


def _distance(rate: ExchangeRate, on: FuzzyDate | None) -> tuple[int, int]:
    """Sort key: nearest first; ties to the later rate; undated rates last."""
    if rate.date is None:
        return (1 << 30, 0)
    if on is None:
        return (0, -rate.date.latest.toordinal())
    if rate.date.latest < on.earliest:
        gap = (on.earliest - rate.date.latest).days
    elif rate.date.earliest > on.latest:
        gap = (rate.date.earliest - on.latest).days
    else:
        gap = 0
    return (gap, -rate.date.latest.toordinal())


def _table(rates: RateTable) -> tuple[ExchangeRate, ...]:
    if isinstance(rates, Mapping):
        return tuple(_user_rate(pair, value) for pair, value in rates.items())
    table = tuple(rates)
    for item in table:
        if not isinstance(item, ExchangeRate):
            raise CurrencyError(f"a rate table holds ExchangeRate records, not {item!r}")
    return table


def _user_rate(pair: object, value: Decimal | int | str) -> ExchangeRate:
    if not isinstance(pair, tuple) or len(pair) != 2:
        message = (
            f"a rate table's keys are (base, quote) pairs such as ('CNY', 'USD'), not {pair!r}"
        )
        raise CurrencyError(message)
    base, quote = (normalize_currency(c) for c in pair)
    if base == quote:
        raise CurrencyError(f"a rate from {base} to itself is always 1; the table gives {value!r}")
    number = _rate_number(value)
    return ExchangeRate(
        id=f"user-{base.lower()}-{quote.lower()}",
        base=base,
        quote=quote,
        rate=number,
        derived=Derivation("given by the caller"),
        cites=(Citation("user", "given by the caller"),),
    )


def _rate_number(value: object) -> Decimal:
    if isinstance(value, bool | float):
        raise CurrencyError(f"give a rate as a str, int or Decimal, not {value!r}")
    try:
        number = Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        raise CurrencyError(f"{value!r} is not a rate") from None
    if not number.is_finite() or number <= 0:
        raise CurrencyError(f"a rate must be a positive number, got {value!r}")
    if not valid_rate(number):
        raise CurrencyError(f"a rate must be between 10^-18 and 10^18, got {value!r}")
    return number


@exact
def _legs(table: Iterable[ExchangeRate], base: str, quote: str, on: FuzzyDate | None) -> list[Leg]:
    """Legs converting base to quote directly or by inverting, nearest first."""
    found = [
        (r, r.base == base) for r in table if (r.base, r.quote) in ((base, quote), (quote, base))
    ]
    found.sort(key=lambda pair: _distance(pair[0], on))
    return [
        Leg(base, quote, r.rate if direct else 1 / r.rate, r, inverted=not direct)
        for r, direct in found
    ]


def find_path(
    ds: Index,
    base: str,
    quote: str,
    *,
    on: dt.date | str | None = None,
    rate: ExchangeRate | Decimal | int | str | None = None,
    rates: RateTable | None = None,
) -> RatePath:
    """The rate path from ``base`` to ``quote``; see `Dataset.convert`."""
    base, quote = normalize_currency(base), normalize_currency(quote)
    if base == quote:
        return RatePath(base, quote, ())
    if rate is not None:
        return RatePath(base, quote, (_forced(ds, base, quote, rate),))
    table = ds.rates if rates is None else _table(rates)
    when = _as_date(on)
    direct = _legs(table, base, quote, when)
    if direct:
        return RatePath(base, quote, (direct[0],))
    middles = {c for r in table for c in (r.base, r.quote)} - {base, quote}
    best: tuple[tuple[int, int], RatePath] | None = None
    for middle in sorted(middles):
        first, second = _legs(table, base, middle, when), _legs(table, middle, quote, when)
        if first and second:
            records = [leg.record for leg in (first[0], second[0]) if leg.record is not None]
            key = max(_distance(r, when) for r in records)
            if best is None or key < best[0]:
                best = (key, RatePath(base, quote, (first[0], second[0])))
    if best is None:
        raise NoRateError(base, quote, ((r.base, r.quote) for r in table))
    return best[1]


def _forced(ds: Index, base: str, quote: str, rate: ExchangeRate | Decimal | int | str) -> Leg:
    if isinstance(rate, str) and not _looks_numeric(rate):
        record = ds.record(rate)
        if not isinstance(record, ExchangeRate):
            raise CurrencyError(f"{rate!r} is not an exchange rate")
        rate = record
    if isinstance(rate, ExchangeRate):
        legs = _legs((rate,), base, quote, None)
        if not legs:
            raise CurrencyError(
                f"rate {rate.id!r} converts {rate.base}/{rate.quote}, not {base}/{quote}"
            )
        return legs[0]
    return Leg(base, quote, _rate_number(rate))


def _looks_numeric(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def _conversion_table(conversion: Conversion) -> Table:
    """A conversion as one row: both amounts, the rate used, and where it came from."""
    legs = conversion.path.legs
    cells = (
        ("amount", "number", conversion.amount.amount),
        ("currency", "str", conversion.amount.currency),
        ("result", "number", conversion.result.amount),
        ("result_currency", "str", conversion.result.currency),
        ("rate", "number", conversion.path.value),
        ("rates", "str", "; ".join(leg.record.id if leg.record else "given" for leg in legs)),
        ("rate_dates", "str", "; ".join(str(leg.date) if leg.date else "" for leg in legs) or None),
    )
    return Table(
        "conversions",
        tuple(Column(name, kind) for name, kind, _ in cells),  # type: ignore[arg-type]
        (tuple(cell for _, _, cell in cells),),
        ("amount", "result", "rate"),
        ((str(conversion.amount), str(conversion.rounded), str(conversion.path)),),
    )
