from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import rareearth as ree
from rareearth._codec import converter, unstructure
from rareearth._load import shipped_documents
from rareearth._records import COLLECTIONS
from rareearth._tables import dumps
from rareearth._values import Qualifier, Value, sum_values
from strategies import (
    CURRENCIES,
    RECORD_DATA,
    SHIPPED_SOURCES,
    citations,
    facility_data,
    fact_files,
    fuzz_examples,
    records,
    values,
)

# Loading a data set takes tens of milliseconds: fewer examples, no deadline.
LOADS = settings(
    max_examples=fuzz_examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _with(facts: dict[str, Any]) -> ree.Dataset:
    """The shipped data plus one user's file holding ``facts``."""
    shipped = [d[:2] for d in shipped_documents()]
    return ree.Dataset.from_documents([*shipped, ("my.json", dumps(facts))])


class TestRoundTrip:
    @pytest.mark.parametrize("collection", list(RECORD_DATA))
    @given(data=st.data())
    @settings(max_examples=fuzz_examples(60), deadline=None)
    def test_unstructure_structure(self, collection: str, data: st.DataObject) -> None:
        """A record written out as fact-file data reads back equal."""
        record = data.draw(records(collection))
        assert converter.structure(unstructure(record), COLLECTIONS[collection].type) == record

    @given(facts=fact_files())
    @LOADS
    def test_dump_load(self, facts: dict[str, Any]) -> None:
        """A user's records, all kept with their origin, dump alone and load back equal."""
        ds = _with(facts)
        for collection, items in facts.items():
            ids = {r.id for r in ds.collection(collection)}
            for item in items:
                assert item["id"] in ids
                assert ds.origins[item["id"]][0] == "my.json"
        with tempfile.TemporaryDirectory() as folder:
            files = ds.dump(folder, shipped=False)
            assert ree.Dataset.load(*files) == ds
            whole = ds.dump(f"{folder}/all.json")
            assert ree.Dataset.load(*whole, include_shipped=False) == ds


class TestConvert:
    @given(
        amount=st.decimals(0, Decimal(10**15), places=2, allow_nan=False, allow_infinity=False),
        pair=st.lists(st.sampled_from(CURRENCIES), min_size=2, max_size=2, unique=True),
        rate=st.decimals(
            Decimal("0.0001"), Decimal(10000), places=6, allow_nan=False, allow_infinity=False
        ),
    )
    @settings(max_examples=fuzz_examples(150))
    def test_there_and_back(self, amount: Decimal, pair: list[str], rate: Decimal) -> None:
        """Converting A to B and back by the same rate returns the amount to the cent."""
        assume(amount * max(rate, 1 / rate) < Decimal("1e18"))  # Money's documented bound
        base, quote = pair
        table = {(base, quote): rate}
        there = ree.convert(ree.Money(amount, base), quote, rates=table)
        back = ree.convert(there.result, base, rates=table)
        assert back.path.legs[0].inverted
        assert back.rounded == ree.Money(amount, base).rounded()


class TestCapacity:
    @given(
        facilities=st.lists(
            facility_data(unit="t", product="sintered-ndfeb-magnets"),
            min_size=1,
            max_size=4,
            unique_by=lambda f: f["id"],
        ),
        by=st.sampled_from(["status", "site", "company", "product"]),
    )
    @LOADS
    def test_total_is_sum_of_groups(self, facilities: list[dict[str, Any]], by: str) -> None:
        """A capacity total equals the sum of its grouped totals, and they share its parts."""
        for i, facility in enumerate(facilities):
            facility["id"] = f"my-plant-{i}"
            for j, phase in enumerate(facility["phases"]):
                phase["id"] = f"my-plant-{i}-{j}"
                phase.setdefault("capacity", {"value": 1000, "unit": "t"})["per"] = "year"
                phase["capacity"]["product"] = "sintered-ndfeb-magnets"
        ds = _with({"facilities": facilities})
        total = ds.total_capacity(product="sintered-ndfeb-magnets")
        groups = ds.total_capacity(product="sintered-ndfeb-magnets", by=by)  # type: ignore[call-overload]
        assert total.value == sum_values([g.value for g in groups])
        assert sorted(p.phase.id for g in groups for p in g.parts) == sorted(
            p.phase.id for p in total.parts
        )
        assert total.value.low <= total.value.high


class TestTimeline:
    @given(
        facts=fact_files(),
        start=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
        days=st.integers(0, 3000),
    )
    @LOADS
    def test_within_is_inside_overlap(
        self, facts: dict[str, Any], start: dt.date | None, days: int
    ) -> None:
        """Events wholly inside a window are among those overlapping it; both sorted, stable."""
        ds = _with(facts)
        end = None if start is None else start + dt.timedelta(days=days)
        within = ds.timeline(start, end, match="within")
        overlap = ds.timeline(start, end, match="overlap")
        assert set(within) <= set(overlap)
        for found in (within, overlap):
            keys = [e.date.sort_key for e in found]
            assert keys == sorted(keys)
        assert ds.timeline(start, end) == overlap
        assert all(e.date.overlaps(start, end) for e in overlap)


class TestValues:
    @given(st.lists(values(Decimal(-(10**6)), Decimal(10**6)), min_size=1, max_size=6))
    @settings(max_examples=fuzz_examples(150))
    def test_sum_keeps_low_below_high(self, drawn: list[Any]) -> None:
        """A sum of values has low ≤ high, and its range holds the parts' lows and highs summed."""
        parts = [converter.structure(v, Value) for v in drawn]
        total = sum_values(parts)
        assert total.low <= total.high
        low, high = sum(p.low for p in parts), sum(p.high for p in parts)
        if total.qualifier is Qualifier.APPROXIMATELY:
            assert total.number == (low + high) / 2
        else:
            assert (total.low, total.high) == (low, high)

    @given(
        st.lists(values(Decimal(0), Decimal(25)), min_size=1, max_size=4),  # at most 100 %
        citations(SHIPPED_SOURCES),
    )
    @LOADS
    def test_state_share_range(self, shares: list[Any], cite: dict[str, str]) -> None:
        """A state-linked share made of any stakes has low ≤ high and adds up its stakes."""
        stakes = [
            {
                "id": f"my-stake-{i}",
                "kind": "stake",
                "subject": "tesla",
                "party_label": f"holder {i}",
                "holder_type": "state",
                "share": share,
                "summary": "A state holder.",
                "cites": [cite],
            }
            for i, share in enumerate(shares)
        ]
        ds = _with({"relationships": stakes})
        result = ds.state_share("tesla")
        assert result.value is not None
        assert result.value.low <= result.value.high
        assert result.value == sum_values([converter.structure(s, Value) for s in shares])
