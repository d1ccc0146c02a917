"""Capacity totals: answers from the sources, unlike units refused, working shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import rareearth as ree


class TestTotalCapacity:
    def test_jl_mag_baotou(self) -> None:
        """JL MAG's Baotou base: 40,000 t/yr with phase III, from two cited phases."""
        total = ree.total_capacity(company="JL MAG", site="Baotou")
        assert total.value == ree.Value(Decimal(40000))
        assert (total.unit, total.per, total.product) == (
            "t",
            ree.Period.YEAR,
            "sintered-ndfeb-magnets",
        )
        assert [p.phase.id for p in total.parts] == [
            "jl-mag-baotou-phases-i-ii",
            "jl-mag-baotou-phase-iii",
        ]
        assert all(p.cites for p in total.parts)

    def test_under_construction(self) -> None:
        """Of which 20,000 t/yr is under construction."""
        total = ree.total_capacity(company="JL MAG", status="under-construction")
        assert total.value.number == 20000

    def test_company_includes_subsidiaries_and_unknowns(self) -> None:
        """JL MAG counts its Baotou company's base and lists Ganzhou as capacity unknown."""
        total = ree.total_capacity(company="300748.SZ")
        assert total.value.number == 40000
        assert [p.facility.id for p in total.unknown] == ["jl-mag-ganzhou"]

    def test_alloy_and_powder_kept_apart(self) -> None:
        """China Northern Rare Earth's 50,000 t alloy and 10,000 t powder are not added."""
        with pytest.raises(ree.MixedUnitsError) as info:
            ree.total_capacity(company="China Northern Rare Earth")
        assert info.value.kinds == ("t/yr hydrogen-crushed-powder", "t/yr ndfeb-alloy")
        assert isinstance(info.value, ValueError)
        groups = ree.total_capacity(company="China Northern Rare Earth", by="product")
        assert {(g.product, g.value.number) for g in groups} == {
            ("ndfeb-alloy", Decimal(50000)),
            ("hydrogen-crushed-powder", Decimal(10000)),
        }

    def test_units_and_no_period_refused(self) -> None:
        """Motor units with no period are never added to tonnes a year."""
        with pytest.raises(ree.MixedUnitsError, match="unit permanent-magnet-motors"):
            ree.total_capacity(site="Baotou")

    def test_double_count_flagged(self) -> None:
        """Northern Magnet and Northern Zhaobao may be one project: the total says so."""
        total = ree.total_capacity(region="Inner Mongolia", product="ndfeb-magnets")
        assert total.value.number == 46000
        assert total.product == "ndfeb-magnets"  # sintered and unstated NdFeB roll up
        assert total.possible_double_counts == (
            ("northern-magnet-baotou", "northern-zhaobao-plant"),
        )
        assert "may be the same project" in str(total)

    def test_double_count_flagged_across_groups(self) -> None:
        """Grouping by company puts the two projects apart; both groups still carry the flag."""
        totals = ree.total_capacity(region="Inner Mongolia", product="ndfeb-magnets", by="company")
        flagged = {t.group[1] for t in totals if t.group and t.possible_double_counts}
        assert flagged == {"northern-magnet", "northern-zhaobao"}
        assert "may double count" in str(totals)

    def test_unknown_phases_listed_once(self) -> None:
        """By status, Tianjin Ruimaige's phases with no capacity appear in one group only."""
        totals = ree.total_capacity(site="Baotou", by="status")
        listed = [u.phase.id for t in totals for u in t.unknown]
        assert listed == ["tianjin-ruimaige-phase-1", "tianjin-ruimaige-phase-2"]

    def test_as_of(self) -> None:
        """as_of counts only phases that had certainly reached a status by then."""
        before = ree.total_capacity(company="JL MAG", as_of="2025-07-09")
        assert before.value.number == 20000
        assert (
            ree.total_capacity(company="JL MAG", as_of=dt.date(2025, 7, 10)).value.number == 40000
        )
        with pytest.raises(ree.EmptySelectionError):
            ree.total_capacity(company="Northern Zhaobao Magnets", as_of="2024-11")
        assert (
            ree.total_capacity(company="Northern Zhaobao Magnets", as_of="2024").value.number
            == 3000
        )

    def test_group_by_status(self) -> None:
        """Grouping by status gives one total per status, summing to the whole."""
        groups = ree.total_capacity(company="JL MAG", by="status")
        assert {g.group: g.value.number for g in groups} == {
            ("status", "operating"): Decimal(20000),
            ("status", "under-construction"): Decimal(20000),
        }
        assert (
            sum(g.value.number for g in groups) == ree.total_capacity(company="JL MAG").value.number
        )

    def test_several_statuses(self) -> None:
        """Several statuses may be asked for at once."""
        total = ree.total_capacity(
            product="sintered-ndfeb-magnets", status=["operating", ree.Status.TRIAL_PRODUCTION]
        )
        assert total.value.number == 23000

    def test_empty(self) -> None:
        """A selection with no stated capacity is an error that is also a LookupError."""
        with pytest.raises(LookupError):
            ree.total_capacity(company="Tesla")

    def test_unknown_company(self) -> None:
        """An unknown company raises UnknownEntityError."""
        with pytest.raises(ree.UnknownEntityError):
            ree.total_capacity(company="Acme Magnets")

    def test_bad_status(self) -> None:
        """An unknown status is a ValueError."""
        with pytest.raises(ValueError, match="dreaming"):
            ree.total_capacity(status="dreaming")

    def test_repr(self) -> None:
        """A total's repr is one line."""
        assert repr(ree.total_capacity(company="JL MAG")) == (
            "<CapacityTotal 40,000 t/yr sintered-ndfeb-magnets from 2 phases>"
        )


class TestSumValues:
    @pytest.mark.parametrize(
        ("qualifiers", "expected"),
        [
            (["exact", "exact"], "exact"),
            (["exact", "more-than"], "more-than"),
            (["at-least", "at-least"], "at-least"),
            (["exact", "approximately"], "approximately"),
            (["more-than", "less-than"], "approximately"),
            (["at-most", "exact"], "at-most"),
        ],
    )
    def test_qualifier_of_a_sum(self, qualifiers: list[str], expected: str) -> None:
        """A sum's qualifier follows from its parts'."""
        values = [ree.Value(Decimal(10), ree.Qualifier(q)) for q in qualifiers]
        total = ree._values.sum_values(values)  # noqa: SLF001 - the rule itself
        assert total.qualifier.value == expected
        assert total.number == 20

    def test_range(self) -> None:
        """Ranges add end to end."""
        r = ree.Value(Decimal(1), ree.Qualifier.RANGE, upper=Decimal(3))
        total = ree._values.sum_values([r, ree.Value(Decimal(10))])  # noqa: SLF001
        assert (total.low, total.high) == (Decimal(11), Decimal(13))


class TestClosedLists:
    def test_unknown_product_suggests(self) -> None:
        """`product="magnets"` is refused, naming the three magnet products."""
        with pytest.raises(ree.ChoiceError) as caught:
            ree.total_capacity(product="magnets")
        assert caught.value.suggestions == (
            "ndfeb-magnets",
            "rare-earth-magnets",
            "sintered-ndfeb-magnets",
        )

    def test_status_read_leniently(self) -> None:
        """ "under construction" is under-construction: phase III's 20,000 t/yr."""
        total = ree.total_capacity(company="JL MAG", status="under construction")
        assert str(total.value) == "20,000"
