"""Currency conversion with the rates the sources imply, or the caller's own.

A rate is exact: the ratio of two amounts a source printed side by side
(`fractions.Fraction`), so RMB 1.05 billion at 146/1050 is USD 146 million
to the last digit. An amount taken from a record (a figure, its value, an
investment) converts the way its own source does: at the equivalent it
printed, or the rate it implies. A bare amount converts at the rate dated
nearest ``on=``, or at the latest rate, and the answer says which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Final, Generic, TypeVar

import attrs

from rareearth._dates import DateInput, FuzzyDate, as_date
from rareearth._errors import CurrencyError, NoRateError, UnknownRecordError
from rareearth._index import Index
from rareearth._money import Money, MoneyValue, money_unit, normalize_currency
from rareearth._records import Citation, Derivation, ExchangeRate, Figure, Investment
from rareearth._tables import Column, Table, Tabular, short_source
from rareearth._values import MAX_PLACES, Value, as_decimal, as_ratio, exact

__all__ = [
    "MAX_RATE_GAP",
    "Conversion",
    "Convertible",
    "Leg",
    "RatePath",
    "RateTable",
    "apply",
    "as_money",
    "convert",
    "find_path",
]

#: A caller's own rates: records, or {(base, quote): units of quote per base}.
RateTable = Iterable[ExchangeRate] | Mapping[tuple[str, str], Decimal | Fraction | int | str]
#: What `convert` takes: money, a money figure or its value (a `MoneyValue`,
#: typed as the figure's `Value`), or an investment.
Convertible = Money | Value | Figure | Investment
#: The most days between the date asked for (``on=``) and the rate used: a
#: quarter, about 92 days. A rate further from it is refused unless the
#: caller asks for the nearest anyway (``nearest=True``): exchange rates move
#: too much over longer spans for one to stand for another.
MAX_RATE_GAP: Final = 92

_M = TypeVar("_M", Money, MoneyValue)


@attrs.frozen
class Leg:
    """One step of a conversion.

    Attributes:
        base: The currency converted from.
        quote: The currency converted to.
        value: Units of ``quote`` per unit of ``base``, as used: exact.
        record: The rate record, or ``None`` for a rate the caller gave.
        inverted: Whether the record's rate was inverted.
    """

    base: str
    quote: str
    value: Fraction
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
        return f"1 {self.base} = {_brief(self.value)} {self.quote} ({origin}{when}{inverse})"


def _brief(rate: Fraction) -> str:
    """A rate to six significant digits, for people; tables and results keep it exact."""
    return f"{as_decimal(rate):.6g}"


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
    def value(self) -> Fraction:
        """Units of ``quote`` per unit of ``base`` along the whole path, exactly."""
        out = Fraction(1)
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
        return f"1 {self.base} = {_brief(self.value)} {self.quote} via {legs}"


@attrs.frozen
class Conversion(Tabular, Generic[_M]):
    """An amount converted, with the rates that converted it and why those.

    Money converts to `Money`; a money figure or its value (a `MoneyValue`)
    to a `MoneyValue` of the same kind: a range to a range, per the same unit.

    Attributes:
        amount: The amount converted.
        result: The converted amount, unrounded (exact when the rate is).
        path: The rates used.
        note: How the rate was chosen, when the caller did not choose it: the
            latest rate for want of a date, or the amount's own source.
        printed: What the amount's source printed beside it in the target
            currency, if anything ("~USD 72/kg"), to compare.
    """

    amount: _M
    result: _M
    path: RatePath
    note: str | None = None
    printed: Money | MoneyValue | None = None

    @property
    def rounded(self) -> _M:
        """The result rounded to two decimal places."""
        return self.result.rounded(2)

    def table(self) -> Table:
        """The conversion as a one-row table: amounts, rate, and the rates' ids and dates."""
        return _conversion_table(self)

    def __str__(self) -> str:
        text = f"{_label(self.amount)} = {_label(self.rounded)} ({self.path})"
        return text if self.note is None else f"{text}; {self.note}"


def _label(money: Money | MoneyValue) -> str:
    return money.label if isinstance(money, MoneyValue) else str(money)


def as_money(money: object) -> Money:
    """``money`` if it is `Money`; else a `CurrencyError` saying how to make some."""
    if isinstance(money, Money):
        return money
    hint = "Money.parse(...) reads text such as 'RMB 1.05bn'; Money(amount, currency) builds one"
    raise CurrencyError(f"convert takes Money, not {money!r}: {hint}")


@exact
def apply(money: _M, path: RatePath) -> _M:
    """``money`` converted along ``path``: each end of a range, with its qualifier."""
    rate = path.value
    if isinstance(money, MoneyValue):
        upper = None if money.upper is None else _times(money.upper, rate)
        return MoneyValue(
            _times(money.number, rate),
            money.qualifier,
            upper=upper,
            currency=path.quote,
            per=money.per,
        )
    return Money(_times(money.amount, rate), path.quote, per=money.per)


def _times(amount: Decimal, rate: Fraction) -> Decimal:
    return as_decimal(Fraction(amount) * rate)


# --- what an amount is, and where it was printed --------------------------------


@attrs.frozen
class _Origin:
    """The record an amount was printed in: its id, source, citations and equivalents."""

    record: str | None
    source: str | None
    cites: tuple[Citation, ...]
    printed: tuple[Money | MoneyValue, ...]


def _amount(ds: Index, item: object) -> tuple[Money | MoneyValue, _Origin | None]:
    """The money in ``item``, and the record it comes from when it has one."""
    if isinstance(item, Figure):
        return _of_figure(item)
    if isinstance(item, MoneyValue):
        figure = _figure_of(ds, item)
        return (item, None) if figure is None else _of_figure(figure)
    if isinstance(item, Money):
        return item, None
    if isinstance(item, Investment):
        return item.amount, _of_investment(ds, item)
    if isinstance(item, Value):
        hint = "only the value of a figure whose unit is money knows its currency"
        raise CurrencyError(f"the value {item} has no currency: {hint}; use Money(amount, code)")
    hint = (
        "Money.parse(...) reads text such as 'RMB 1.05bn'; Money(amount, currency) builds one; "
        "a money figure, its value or an investment converts as it is"
    )
    raise CurrencyError(f"convert takes Money, not {item!r}: {hint}")


def _of_figure(figure: Figure) -> tuple[MoneyValue, _Origin]:
    if not isinstance(figure.value, MoneyValue):
        raise CurrencyError(f"figure {figure.id!r} is in {figure.unit!r}, not money")
    printed = tuple(e.value for e in figure.equivalents if isinstance(e.value, MoneyValue))
    origin = _Origin(figure.id, figure.cites[0].source, figure.cites, printed)
    return figure.value, origin


def _figure_of(ds: Index, value: MoneyValue) -> Figure | None:
    if value.origin is None:
        return None
    try:
        record = ds.record(value.origin)
    except UnknownRecordError:
        return None
    # The value of that figure, and not one edited from it.
    return record if isinstance(record, Figure) and record.value == value else None


def _of_investment(ds: Index, investment: Investment) -> _Origin:
    printed: tuple[Money | MoneyValue, ...] = investment.reported
    for part in ds.phases:
        if part.phase.investment == investment:
            cites = part.phase.cites
            # The citation that prints the amount, else the phase's first.
            quoting = [c for c in cites if investment.text in c.quote] or list(cites)
            return _Origin(part.phase.id, quoting[0].source, tuple(quoting), printed)
    return _Origin(None, None, (), printed)


# --- choosing the rates ---------------------------------------------------------


def convert(
    ds: Index,
    item: Convertible,
    to: str,
    *,
    on: DateInput | None = None,
    rate: ExchangeRate | Decimal | Fraction | int | str | None = None,
    rates: RateTable | None = None,
    nearest: bool = False,
) -> Conversion[Money] | Conversion[MoneyValue]:
    """Convert money, a money figure, its value or an investment; see `Dataset.convert`."""
    money, origin = _amount(ds, item)
    quote, per = money_unit(to)
    if per is not None and per != money.per:
        raise CurrencyError(f"cannot convert {money.unit} to {to!r}: the units differ")
    base = money.currency
    printed = _printed(origin, money, quote)
    path: RatePath | None = None
    note: str | None = None
    if on is None and rate is None and rates is None and origin is not None and base != quote:
        path, note = _own_rate(ds, origin, money, quote, printed)
    if path is None:
        when = on
        if on is None and rate is None and origin is not None and origin.source is not None:
            when = _published(ds, origin.source)
        # Only a date the caller gave is held to MAX_RATE_GAP; the source's own is a preference.
        near = nearest or on is None
        path = find_path(ds, base, quote, on=when, rate=rate, rates=rates, nearest=near)
        note = _why(path, on=on, when=when, given=rate is not None, origin=origin)
        if on is not None and nearest:
            note = _far(path, as_date(on))
    if isinstance(money, MoneyValue):
        return Conversion(money, apply(money, path), path, note, printed)
    return Conversion(money, apply(money, path), path, note, printed)


def _printed(
    origin: _Origin | None, money: Money | MoneyValue, quote: str
) -> Money | MoneyValue | None:
    """What the amount's source printed beside it in ``quote``, per the same unit."""
    if origin is None:
        return None
    return next((p for p in origin.printed if p.currency == quote and p.per == money.per), None)


def _exact_amount(money: Money | MoneyValue) -> Decimal | None:
    if isinstance(money, Money):
        return money.amount
    return money.number if money.is_exact else None


def _own_rate(
    ds: Index,
    origin: _Origin,
    money: Money | MoneyValue,
    quote: str,
    printed: Money | MoneyValue | None,
) -> tuple[RatePath | None, str | None]:
    """The rate the amount's own source implies for it, or the equivalent it printed."""
    base = money.currency
    where = "its source" if origin.source is None else f"its source ({short_source(origin.source)})"
    own = [
        r
        for r in ds.rates
        if (origin.record is not None and origin.record in r.derived.inputs)
        or any(c.source == origin.source for c in r.cites)
    ]
    amount, wanted = _exact_amount(money), None if printed is None else _exact_amount(printed)
    if printed is not None and amount is not None and wanted is not None and amount != 0:
        # A rate of its own source that gives exactly what it printed, else that pair itself.
        for leg in _legs(own, base, quote, None):
            if _times(amount, leg.value) == wanted:
                return RatePath(base, quote, (leg,)), f"as {where} printed it"
        leg = _printed_leg(origin, money, amount, printed, wanted)
        return RatePath(base, quote, (leg,)), f"as {where} printed it"
    derived = [r for r in own if origin.record is not None and origin.record in r.derived.inputs]
    for candidates, why in ((derived, "at the rate {} implies for it"), (own, "at a rate of {}")):
        legs = _legs(candidates, base, quote, None)
        if legs:
            return RatePath(base, quote, (legs[0],)), why.format(where)
    return None, None


def _printed_leg(
    origin: _Origin,
    money: Money | MoneyValue,
    amount: Decimal,
    printed: Money | MoneyValue,
    wanted: Decimal,
) -> Leg:
    """A rate made of the amount and the equivalent printed beside it, cited as they are."""
    quote = printed.currency
    ratio = Fraction(wanted) / Fraction(amount)
    name = origin.record or "amount"
    record = ExchangeRate(
        id=f"printed-{name}-{money.currency.lower()}-{quote.lower()}",
        base=money.currency,
        quote=quote,
        rate=ratio,
        derived=Derivation(
            f"{_label(printed)} / {_label(money)}, printed side by side",
            () if origin.record is None else (origin.record,),
        ),
        cites=origin.cites or (Citation(origin.source or "user", "printed beside the amount"),),
    )
    return Leg(money.currency, quote, ratio, record)


def _published(ds: Index, source: str) -> FuzzyDate | None:
    try:
        return ds.source(source).published
    except LookupError:
        return None


def _why(
    path: RatePath,
    *,
    on: DateInput | None,
    when: DateInput | None,
    given: bool,
    origin: _Origin | None,
) -> str | None:
    """Why the path's rates, when the caller did not name a date or a rate."""
    if given or on is not None or all(leg.date is None for leg in path.legs):
        # Nothing was chosen by date: the rate given, the date asked for, or undated rates.
        return None
    if origin is not None and origin.source is not None:
        source = short_source(origin.source)
        if when is None:
            return f"no rate of its own source, which is undated ({source}); the latest rate"
        return f"no rate of its own source; the rate dated nearest {source}'s date, {when}"
    return "no date given, so the latest rate"


def _far(path: RatePath, on: FuzzyDate) -> str | None:
    """What ``nearest=True`` let through: a rate further from ``on`` than `MAX_RATE_GAP`."""
    gaps = [_gap(leg.date, on) for leg in path.legs if leg.date is not None]
    if not gaps or max(gaps) <= MAX_RATE_GAP:
        return None
    return f"the nearest rate, {max(gaps):,} days from {on}"


def _as_date(value: DateInput | None) -> FuzzyDate | None:
    return None if value is None else as_date(value)


def _distance(rate: ExchangeRate, on: FuzzyDate | None) -> tuple[int, int]:
    """Sort key: nearest first; ties to the later rate; undated rates last."""
    if rate.date is None:
        return (1 << 30, 0)
    if on is None:
        return (0, -rate.date.latest.toordinal())
    return (_gap(rate.date, on), -rate.date.latest.toordinal())


def _gap(date: FuzzyDate, on: FuzzyDate) -> int:
    """Days between two dates' intervals; 0 when they overlap."""
    if date.latest < on.earliest:
        return (on.earliest - date.latest).days
    if date.earliest > on.latest:
        return (date.earliest - on.latest).days
    return 0


def _table(rates: RateTable) -> tuple[ExchangeRate, ...]:
    if isinstance(rates, Mapping):
        return tuple(_user_rate(pair, value) for pair, value in rates.items())
    table = tuple(rates)
    for item in table:
        if not isinstance(item, ExchangeRate):
            raise CurrencyError(f"a rate table holds ExchangeRate records, not {item!r}")
    return table


def _user_rate(pair: object, value: Decimal | Fraction | int | str) -> ExchangeRate:
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


def _rate_number(value: object) -> Fraction:
    try:
        return as_ratio(value)
    except ValueError as e:
        raise CurrencyError(str(e)) from None


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
    on: DateInput | None = None,
    rate: ExchangeRate | Decimal | Fraction | int | str | None = None,
    rates: RateTable | None = None,
    nearest: bool = False,
) -> RatePath:
    """The rate path from ``base`` to ``quote``; see `Dataset.rate`."""
    base, quote = normalize_currency(base), normalize_currency(quote)
    if base == quote:
        return RatePath(base, quote, ())
    if rate is not None:
        return RatePath(base, quote, (_forced(ds, base, quote, rate),))
    table = ds.rates if rates is None else _table(rates)
    when = _as_date(on)
    path = _nearest_path(table, base, quote, when)
    if when is not None and not nearest:
        _check_gap(table, path, when)
    return path


def _nearest_path(
    table: tuple[ExchangeRate, ...] | Iterable[ExchangeRate],
    base: str,
    quote: str,
    when: FuzzyDate | None,
) -> RatePath:
    table = tuple(table)
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


def _check_gap(table: Iterable[ExchangeRate], path: RatePath, when: FuzzyDate) -> None:
    """Refuse a path with a dated rate more than `MAX_RATE_GAP` days from ``when``."""
    used = [leg.record for leg in path.legs if leg.record is not None]
    gaps = [_gap(r.date, when) for r in used if r.date is not None]
    if not gaps or max(gaps) <= MAX_RATE_GAP:
        return
    # Name the nearest dated rates of the pair, or the legs of the path through another currency.
    direct = [leg.record for leg in _legs(table, path.base, path.quote, when) if leg.record]
    shown = [r for r in direct if r.date is not None][:3] or used
    nearest = tuple(
        f"{r.id} ({r.date}, {_gap(r.date, when):,} days away)" for r in shown if r.date is not None
    )
    raise NoRateError(path.base, path.quote, (), on=str(when), nearest=nearest, limit=MAX_RATE_GAP)


def _forced(
    ds: Index, base: str, quote: str, rate: ExchangeRate | Decimal | Fraction | int | str
) -> Leg:
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
        as_ratio(text)
    except ValueError as e:
        # A number out of range is still a number: its error says so.
        return "is not a rate" not in str(e)
    return True


def _conversion_table(conversion: Conversion[_M]) -> Table:
    """A conversion as one row: both amounts, the rate used, and where it came from."""
    legs = conversion.path.legs
    amount, result = conversion.amount, conversion.result
    low, high = _ends(amount), _ends(result)
    rate = conversion.path.value
    cells = (
        ("amount", "number", low[0]),
        ("amount_upper", "number", low[1]),
        ("currency", "str", amount.currency),
        ("per", "str", amount.per),
        ("result", "number", high[0]),
        ("result_upper", "number", high[1]),
        ("result_currency", "str", result.currency),
        ("rate", "number", as_decimal(rate, MAX_PLACES)),
        ("ratio", "str", f"{rate.numerator}/{rate.denominator}"),
        ("rates", "str", "; ".join(leg.record.id if leg.record else "given" for leg in legs)),
        ("rate_dates", "str", "; ".join(str(leg.date) if leg.date else "" for leg in legs) or None),
        ("note", "str", conversion.note),
    )
    return Table(
        "conversions",
        tuple(Column(name, kind) for name, kind, _ in cells),  # type: ignore[arg-type]
        (tuple(cell for _, _, cell in cells),),
        ("amount", "result", "rate"),
        ((_label(amount), _label(conversion.rounded), str(conversion.path)),),
    )


def _ends(money: Money | MoneyValue) -> tuple[Decimal, Decimal | None]:
    """The amount, or a value's low end, with a range's high end (else ``None``)."""
    if isinstance(money, MoneyValue):
        upper = None if money.upper is None else _cut(money.upper)
        return _cut(money.number), upper
    return _cut(money.amount), None


def _cut(number: Decimal) -> Decimal:
    """A number to at most 18 places, as tables write every number: no 50-digit tails."""
    return as_decimal(Fraction(number), MAX_PLACES)
