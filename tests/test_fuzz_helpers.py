"""Fuzzing the public API: adversarial values of the documented types get an answer
or a documented `RareEarthError`, never another exception.

Each ``@example`` is a failure the fuzzing once found, kept so that it cannot return.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import TypeVar, get_args

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import rareearth as ree
from strategies import fuzz_examples

T = TypeVar("T")

#: No example database (examples are not saved), no deadline (the first
#: call loads the data), and few enough examples for the file to run in ~20 s
#: (twenty times more with RAREEARTH_FUZZ=slow).
FUZZ = settings(max_examples=fuzz_examples(100), deadline=None, database=None)

KEYS = (
    "JL MAG", "jl-mag", "300748.SZ", "Baotou", "China", "inner-mongolia",
    "sintered-ndfeb-magnets", "ndfeb-alloy", "operating", "CNY", "RMB", "USD", "EUR",
    "2025-05", "May 2025", "late 2024", "Q3 2025", "between 2025-01 and 2025-03",
    "Wednesday", "last year", "000", "jl-mag-baotou-base", "rate-002-cny-usd",
    "magnet-exports", "export-controls", "USGS", "NaN", "-1", "0", "1e999999",
)  # fmt: skip
PADS = ("", " ", "\t", "\n", "\x00", "\u00a0", "\u200b", ".", "-")
DATE_WORDS = (
    "jan", "june", "9", "10", "2025", "1800", "2200", "9999", "0", "-", "/", ".", ",",
    ":", "h", "pm", "utc", "+", "monday", "of", "the", "q3", "h2", "late", "between",
    "and", "week", "first", "last", "year", "next", "12:00", "99999999999999999999",
)  # fmt: skip

keys: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(KEYS),
    st.text(),
    st.builds(lambda k, p: p + k.upper() + p, st.sampled_from(KEYS), st.sampled_from(PADS)),
    st.builds(operator.add, st.sampled_from(KEYS), st.text(max_size=5)),
    st.builds(operator.mul, st.text(min_size=1, max_size=4), st.integers(100, 1500)),
)
opt_keys = st.one_of(st.none(), keys)
bounds: st.SearchStrategy[dt.date | str | None] = st.one_of(st.none(), st.dates(), keys)
currencies: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(("CNY", "RMB", "cnh", " usd ", "USD", "EUR", "AUD", "JPY")), keys
)
decimals: st.SearchStrategy[Decimal] = st.one_of(
    st.decimals(),  # NaN, sNaN, ±Infinity, ordinary values
    st.builds(  # huge and tiny: any digits, any exponent around Decimal's limits
        lambda sign, digits, exp: Decimal((sign, tuple(digits), exp)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=40),
        st.integers(-(10**6) - 50, 10**6 + 50),
    ),
)
numbers: st.SearchStrategy[Decimal | int | str] = st.one_of(
    decimals, st.integers(), keys, st.sampled_from(("0", "-0", "-1", "sNaN", "1e-1000000"))
)
RateMap = dict[tuple[str, str], Decimal | int | str]
rate_maps: st.SearchStrategy[RateMap] = st.dictionaries(
    st.tuples(currencies, currencies), numbers, max_size=4
)
moneys: st.SearchStrategy[ree.Money] = st.builds(
    ree.Money,
    st.decimals(-(10**12), 10**12, allow_nan=False, allow_infinity=False, places=4),
    st.sampled_from(("CNY", "RMB", "USD", "EUR", "AUD", "JPY")),
)


def enums(kind: type[enum.StrEnum]) -> st.SearchStrategy[str]:
    """Real members and their values, mixed with junk."""
    return st.one_of(st.sampled_from(list(kind)), st.sampled_from([m.value for m in kind]), keys)


def allowed(call: Callable[[], T]) -> T | None:
    """Run ``call``: its answer, or None for a documented error; anything else propagates."""
    try:
        return call()
    except ree.RareEarthError as e:
        error = e
    assert isinstance(error, ValueError | LookupError), f"{error!r} lacks a stdlib base"
    return None


class TestLookups:
    @settings(FUZZ, max_examples=fuzz_examples(40))  # a dozen lookups per example
    @given(keys)
    def test_key_lookups(self, key: str) -> None:
        """Every lookup by key answers (lists as Records) or raises a documented error."""
        ds = ree.dataset()
        for one in (ree.entity, ree.company, ree.source, ree.place, ree.facility, ree.state_share):
            allowed(partial(one, key))
        for by_id in (ds.phase, ds.record):
            allowed(partial(by_id, key))
        for many in (ree.facilities_of, ree.relations, ree.owners_of, ree.holdings_of):
            found = allowed(partial(many, key))
            assert found is None or isinstance(found, ree.Records)
        links = allowed(lambda: ree.state_links(key))
        assert links is None or isinstance(links, ree.Records)

    @FUZZ
    @given(keys)
    def test_get_entity_never_unknown(self, key: str) -> None:
        """get_entity gives what `entity` finds or the default, never UnknownEntityError."""
        marker = ree.entity("JL MAG")
        try:
            got = ree.get_entity(key, marker)
        except ree.AmbiguousKeyError:
            return
        found = ree.get_company(key)
        assert found is None or found is got
        if found is None:
            assert got is marker
            with pytest.raises(ree.UnknownEntityError):
                ree.entity(key)

    @FUZZ
    @given(keys, enums(ree.RelationKind))
    @example("JL MAG", "x")
    def test_relations_kind(self, key: str, kind: str) -> None:
        """relations with any kind answers Records or raises a documented error."""
        found = allowed(lambda: ree.relations(key, kind=kind))
        assert found is None or isinstance(found, ree.Records)


class TestSearch:
    @FUZZ
    @given(keys, st.integers(1, 1000))
    def test_hits(self, text: str, limit: int) -> None:
        """search gives at most limit hits, scored in [0, 1], best first."""
        hits = ree.search(text, limit=limit)
        assert isinstance(hits, ree.Records)
        assert len(hits) <= limit
        scores = [h.score for h in hits]
        assert all(0 <= s <= 1 for s in scores)
        assert scores == sorted(scores, reverse=True)

    @FUZZ
    @given(keys, st.integers(-5, 0))
    @example("ma", -1)
    def test_non_positive_limit(self, text: str, limit: int) -> None:
        """A limit of zero or less gives no hits (at most max(limit, 0)), or a documented error."""
        assert allowed(lambda: ree.search(text, limit=limit)) in ((), None)

    @FUZZ
    @given(keys)
    def test_normalize_key(self, text: str) -> None:
        """normalize_key keeps letters and digits only, and is idempotent."""
        norm = ree.normalize_key(text)
        assert all(c.isalnum() for c in norm)
        assert ree.normalize_key(norm) == norm


def check_parse(text: str, reference: dt.date | None) -> None:
    """parse_date answers a sane FuzzyDate (text kept, ordered) or raises DateParseError."""
    try:
        when = ree.parse_date(text, reference=reference)
    except ree.DateParseError:
        return
    assert when.earliest <= when.latest
    assert when.text == text
    assert str(when)


class TestParseDate:
    @FUZZ
    @given(keys, st.one_of(st.none(), st.dates()))
    @example("sunday", dt.date(1, 1, 1))
    def test_any_text_any_reference(self, text: str, reference: dt.date | None) -> None:
        """Any text with any reference date answers sanely or raises DateParseError."""
        check_parse(text, reference)

    @FUZZ
    @given(keys, st.one_of(st.none(), st.dates(dt.date(1800, 1, 8), dt.date(2200, 12, 31))))
    def test_supported_reference(self, text: str, reference: dt.date | None) -> None:
        """Any text with a reference in 1800-2200 answers sanely or raises DateParseError."""
        check_parse(text, reference)

    @FUZZ
    @given(st.lists(st.sampled_from(DATE_WORDS), max_size=8).map(" ".join))
    @example("9h99999999999999999999999999999")
    def test_written_dates(self, text: str) -> None:
        """Text made of date words answers sanely or raises DateParseError."""
        check_parse(text, None)

    @FUZZ
    @given(st.integers(0, 1500), st.sampled_from(("between ", "monday, ")))
    @example(1000, "between ")
    @example(1000, "monday, ")
    def test_nested_forms(self, depth: int, head: str) -> None:
        """'between' or a weekday nested to any depth answers or raises DateParseError."""
        tail = " and 2025" * depth if head == "between " else ""
        check_parse(head * depth + "June 9, 2025" + tail, None)


class TestTimeline:
    @FUZZ
    @given(bounds, bounds, opt_keys, opt_keys, st.sampled_from((None, True, False)))
    def test_window_and_filters(
        self,
        start: dt.date | str | None,
        end: dt.date | str | None,
        who: str | None,
        tag: str | None,
        expected: bool | None,
    ) -> None:
        """timeline answers Records sorted by date, and 'within' is a subset of 'overlap'."""
        over = allowed(lambda: ree.timeline(start, end, entity=who, tag=tag, expected=expected))
        inside = allowed(
            lambda: ree.timeline(start, end, entity=who, tag=tag, expected=expected, match="within")
        )
        assert (over is None) == (inside is None)
        if over is None or inside is None:
            return
        assert isinstance(over, ree.Records)
        assert isinstance(inside, ree.Records)
        for events in (over, inside):
            order = [e.date.sort_key for e in events]
            assert order == sorted(order)
        assert {e.id for e in inside} <= {e.id for e in over}

    @FUZZ
    @given(bounds, enums(ree.EventKind))
    @example(None, "x")
    def test_kind(self, start: dt.date | str | None, kind: str) -> None:
        """timeline with any kind answers Records or raises a documented error."""
        found = allowed(lambda: ree.timeline(start, kind=kind))
        assert found is None or isinstance(found, ree.Records)


class TestFigures:
    @FUZZ
    @given(st.lists(opt_keys, min_size=4, max_size=4), bounds, bounds)
    def test_filters(
        self, texts: list[str | None], start: dt.date | str | None, end: dt.date | str | None
    ) -> None:
        """figures answers Records or raises a documented error."""
        metric, who, where, claimant = texts
        found = allowed(
            lambda: ree.figures(
                metric=metric,
                entity=who,
                geography=where,
                claimed_by=claimant,
                start=start,
                end=end,
            )
        )
        assert found is None or isinstance(found, ree.Records)

    @FUZZ
    @given(enums(ree.FigureKind), bounds)
    @example("x", None)
    def test_kind(self, kind: str, start: dt.date | str | None) -> None:
        """figures with any kind answers Records or raises a documented error."""
        found = allowed(lambda: ree.figures(kind=kind, start=start))
        assert found is None or isinstance(found, ree.Records)


class TestCapacity:
    @FUZZ
    @given(
        st.lists(opt_keys, min_size=5, max_size=5), bounds, st.sampled_from(get_args(ree.GroupBy))
    )
    def test_filters(
        self, texts: list[str | None], as_of: dt.date | str | None, by: ree.GroupBy
    ) -> None:
        """total_capacity answers; grouped, its groups hold the same phases as the total."""
        company, site, region, country, product = texts
        query = partial(
            ree.total_capacity, company=company, site=site, region=region, country=country,
            product=product, as_of=as_of,
        )  # fmt: skip
        total = allowed(query)
        groups = allowed(lambda: query(by=by))
        assert total is None or isinstance(total, ree.CapacityTotal)
        assert groups is None or isinstance(groups, ree.Records)
        if total is not None and groups is not None:
            grouped = sorted(p.phase.id for g in groups for p in g.parts)
            assert grouped == sorted(p.phase.id for p in total.parts)

    @FUZZ
    @given(st.one_of(enums(ree.Status), st.lists(enums(ree.Status), max_size=3)))
    @example("x")
    def test_status(self, status: str | list[str]) -> None:
        """total_capacity with any status answers or raises a documented error."""
        allowed(lambda: ree.total_capacity(status=status))


class TestMoney:
    @FUZZ
    @given(st.one_of(st.text(), st.integers(), decimals, keys), currencies)
    @example(Decimal("1e1000000"), "CNY")  # raised decimal.Overflow before abs() became copy_abs()
    def test_construct(self, amount: Decimal | int | str, currency: str) -> None:
        """Any amount and currency build a sane Money or raise CurrencyError."""
        try:
            money = ree.Money(amount, currency)
        except ree.CurrencyError:
            return
        assert money.amount.is_finite()
        assert money.amount.copy_abs() < Decimal("1e18")
        assert len(money.currency) == 3
        assert money.currency.isupper()
        assert str(money)
        assert money.rounded().currency == money.currency
        assert ree.Money(format(money.amount, "f"), money.currency) == money


class TestRates:
    @FUZZ
    @given(currencies, currencies, bounds)
    def test_rate_shipped(self, base: str, quote: str, on: dt.date | str | None) -> None:
        """rate over the shipped rates gives a usable path or raises a documented error."""
        path = allowed(lambda: ree.rate(base, quote, on=on))
        assert path is None or (path.value > 0 and str(path))

    @FUZZ
    @given(moneys, currencies, bounds)
    def test_convert_shipped(self, money: ree.Money, to: str, on: dt.date | str | None) -> None:
        """convert over the shipped rates answers in the path's currency or a documented error."""
        done = allowed(lambda: ree.convert(money, to, on=on))
        assert done is None or (done.result.currency == done.path.quote and str(done))

    @FUZZ
    @given(currencies, currencies, bounds, rate_maps)
    @example("CNY", "EUR", None, {("USD", "USD"): "1"})
    @example("CNY", "USD", None, {("CNY", "EUR"): "1e999999", ("EUR", "USD"): "1e999999"})
    def test_rate_own_table(
        self, base: str, quote: str, on: dt.date | str | None, rates: RateMap
    ) -> None:
        """rate over a random table gives a usable path or raises a documented error."""
        path = allowed(lambda: ree.rate(base, quote, on=on, rates=rates))
        assert path is None or (path.value > 0 and str(path))

    @FUZZ
    @given(moneys, currencies, bounds, numbers)
    @example(ree.Money("1", "CNY"), "USD", None, "1e99999999999")
    def test_convert_given_rate(
        self, money: ree.Money, to: str, on: dt.date | str | None, rate: Decimal | int | str
    ) -> None:
        """convert with any given rate answers or raises a documented error."""
        done = allowed(lambda: ree.convert(money, to, on=on, rate=rate))
        assert done is None or (done.result.currency == done.path.quote and str(done))

    @FUZZ
    @given(moneys, currencies, rate_maps)
    @example(ree.Money("1", "CNY"), "USD", {("USD", "CNY"): "1e-1000000"})
    def test_convert_own_table(self, money: ree.Money, to: str, rates: RateMap) -> None:
        """convert over a random table answers or raises a documented error."""
        done = allowed(lambda: ree.convert(money, to, rates=rates))
        assert done is None or (done.result.currency == done.path.quote and str(done))
